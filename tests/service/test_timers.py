"""Deadlines fire once per case, even with several timer runners at once (PostgreSQL); a case or a
round that fails stops no other deadline."""
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone

import pytest
from sqlalchemy import create_engine, func, select

from service.audit.models import AuditEntry
from service.cases.models import Case, WorkflowState
from service.extensions import db
from service.timers.operations import fire_due_timers
from tests.cycle import Cycle
from tests.server import REPO


def test_two_runners_at_once_escalate_each_overdue_case_exactly_once(app, people, unit_id, clock):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("several runners at once need PostgreSQL's row locks (SKIP LOCKED)")
    cases = [Cycle(people, unit_id("Tam Đường/Bình Lư")) for _ in range(6)]
    clock.advance(days=16)
    barrier, results = threading.Barrier(2), []

    def run():
        with app.app_context():
            barrier.wait()
            results.append(fire_due_timers())

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(advanced for advanced, _ in results) == len(cases)
    with app.app_context():
        escalations = db.session.scalar(select(func.count()).select_from(AuditEntry)
                                        .where(AuditEntry.action == "task.escalated"))
    assert escalations == len(cases)


def test_a_second_run_finds_nothing_more_to_fire(people, unit_id, clock, runner):
    Cycle(people, unit_id("Tam Đường/Bình Lư"))
    clock.advance(days=16)
    assert "1 case(s) advanced" in runner.invoke(args=["ocop", "timers"]).output
    assert "0 case(s) advanced" in runner.invoke(args=["ocop", "timers"]).output


def test_a_case_that_cannot_be_fired_becomes_an_incident_and_the_others_still_fire(app, people, unit_id, clock,
                                                                                   runner):
    broken, sound = Cycle(people, unit_id("Tam Đường/Bình Lư")), Cycle(people, unit_id("Tam Đường/Bình Lư"))
    with app.app_context():
        db.session.get(WorkflowState, broken.id).state = "{not a saved workflow"
        db.session.commit()
    clock.advance(days=16)
    result = runner.invoke(args=["ocop", "timers"])
    assert "1 case(s) advanced, 1 incident(s)" in result.output, result.output
    assert broken.refresh()["status"] == "incident" and broken.refresh()["incidents"]
    assert sound.refresh()["overdue"] is True
    [incident] = people["admin"].get("/api/v1/incidents").json["items"]
    assert incident["case_id"] == broken.id and incident["action"] == "timers"
    assert "0 case(s) advanced, 0 incident(s)" in runner.invoke(args=["ocop", "timers"]).output


def test_the_timers_loop_outlives_a_database_it_cannot_reach_for_a_while(app, people, unit_id, clock, database_url,
                                                                         tmp_path):
    """A real `ocop timers --loop` process whose database refuses it at first (locked on SQLite,
    closed to connections on PostgreSQL): the round fails, the loop goes on, the case is escalated."""
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    environment = {**os.environ, "OCOP_CONFIG": "test", "TEST_DATABASE_URL": database_url}
    log = tmp_path / "timers.log"
    with app.app_context():
        db.session.get(Case, case.id).next_timer_at = datetime(2020, 1, 1, tzinfo=timezone.utc)
        db.session.commit()
        with database_refused(db.engine):
            loop = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "ocop", "timers", "--loop",
                                     "--interval", "0.2"], cwd=REPO, env=environment, stdout=open(log, "w"),
                                    stderr=subprocess.STDOUT)
            try:
                wait_for(lambda: "this round failed" in log.read_text(), "a failed round", log)
            except BaseException:
                loop.kill()
                raise
    try:
        wait_for(lambda: "1 case(s) advanced" in log.read_text(), "the case escalated after the failure", log)
        assert loop.poll() is None, log.read_text()
    finally:
        loop.kill()
        loop.wait(timeout=30)
    assert [task["escalated_to"] for task in case.refresh()["open_tasks"]] == ["district_officer"]


@contextmanager
def database_refused(engine):
    """The database refuses others while the block runs: a write lock held on SQLite, connections
    cut and refused on PostgreSQL."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield
            finally:
                connection.exec_driver_sql("ROLLBACK")
        return
    database = engine.url.database
    maintenance = create_engine(engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with maintenance.connect() as connection:
            connection.exec_driver_sql(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
            try:
                connection.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                           f"WHERE datname = '{database}'")
                yield
            finally:
                connection.exec_driver_sql(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
    finally:
        maintenance.dispose()


def wait_for(condition, what, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited in vain for {what}: {log.read_text()}")
