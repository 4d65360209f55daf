"""Deadlines fire once per case, even with several timer runners at once (PostgreSQL)."""
import threading

import pytest
from sqlalchemy import func, select

from service.audit.models import AuditEntry
from service.extensions import db
from service.timers.operations import fire_due_timers
from tests.cycle import Cycle


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
