"""A completion does each piece of work once, and so do an idea's submission and a case's detail: counted in
SQL statements (counts, not times).

Per completion: one locked read of task, case, process version, product, saved workflow and the
case's open tasks; the completed task's update; the new tasks in one insert; the new tasks'
candidates in one query; the audit rows in one insert; the notifications; the case row and the
saved workflow, each written once.
"""
import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from service.cases.models import Case
from service.demo.seed import find_user
from service.extensions import db
from service.tasks.operations import complete
from tests.cycle import BUSINESS_PLAN, DOSSIER, IDEA, Cycle, sheet_of


SIGNED_IN = 2  # every signed-in request: the user with their roles, the roles' levels


@contextmanager
def statements(app):
    """The SQL statements the block sends to the database, as a list. Rows inserted together count
    once: one statement on PostgreSQL (insertmanyvalues), the same statement run once per row on
    SQLite, whose RETURNING cannot keep the rows' order (in process, no round trip)."""
    sent = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if not (sent and statement == sent[-1] and statement.startswith("INSERT")):
            sent.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.fixture
def case(people, unit_id):
    return Cycle(people, unit_id("Tam Đường/Bình Lư"))


def completion_statements(app, case, username, step, data):
    task = case.task(username, step)
    client = case.users[username]
    with statements(app) as sent:
        response = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data})
    assert response.status_code == 200, response.json
    return len(sent)


def test_each_completion_on_the_way_to_the_council_does_each_piece_of_work_once(app, case):
    counts = {
        "commune_check_idea": completion_statements(app, case, "commune", "commune_check_idea",
                                                    {"decision": "forward"}),
        "district_review_idea": completion_statements(app, case, "district", "district_review_idea",
                                                      {"decision": "accept"}),
        "submit_business_plan": completion_statements(app, case, "producer", "submit_business_plan", BUSINESS_PLAN),
        "district_review_plan": completion_statements(app, case, "district", "district_review_plan",
                                                      {"decision": "approve"}),
        "submit_dossier": completion_statements(app, case, "producer", "submit_dossier", DOSSIER),
        "district_check_dossier": completion_statements(app, case, "district", "district_check_dossier",
                                                        {"decision": "complete"}),
    }
    # a review: 8; the producer's next task is told the last review's reason (+1); a producer's form
    # is kept as a version of its section of the case file (+2, its number read first); the council
    # convenes (+1 for its members, read with the council and their users, +1 for the criteria sheet
    # fixed on the case)
    assert counts["commune_check_idea"] <= 8 + SIGNED_IN, counts
    assert counts["district_review_idea"] <= 9 + SIGNED_IN, counts
    assert counts["submit_business_plan"] <= 10 + SIGNED_IN, counts
    assert counts["district_check_dossier"] <= 10 + SIGNED_IN, counts


def test_every_council_members_sheet_but_the_last_takes_the_same_statements(app, case):
    case.through_district_dossier()
    counts = []
    for member in ("district-chair", "district-council-1", "district-council-2"):
        task = case.task(member, "district_council_scoring")
        data = sheet_of(case.users[member], task["id"], 85)
        counts.append(completion_statements(app, case, member, "district_council_scoring", data))
    assert counts[0] == counts[1] <= 6 + SIGNED_IN, counts  # + its criteria sheet in one read, its score row
    assert counts[2] <= 11 + SIGNED_IN, counts  # + the council once for the round and its chair, the chair's task


def test_an_ideas_submission_writes_each_row_once_and_answers_with_the_new_task(app, people, unit_id):
    producer, commune_id = people["producer"], unit_id("Tam Đường/Bình Lư")
    assert producer.get("/api/v1/me").status_code == 200  # signed in before the count
    with statements(app) as sent:
        response = producer.post("/api/v1/cases", json={**IDEA, "commune_id": commune_id})
    assert response.status_code == 201, response.json
    assert response.json["current_step"] == "commune_check_idea"
    assert [task["step"] for task in response.json["open_tasks"]] == ["commune_check_idea"]
    assert response.json["commune"]["name"] == "Bình Lư"
    written = [" ".join(statement.split()[:3]) for statement in sent if not statement.startswith("SELECT")]
    assert written.count("INSERT INTO cases") == 1, written
    # the reference, given once the row has its id, goes with the new task's insert; the step with the rest
    assert written.count("UPDATE cases SET") <= 2, written
    # the submission's entry goes with the new task's insert, which gives the task's entry its id
    assert written.count("INSERT INTO audit_log") == 2, written
    # a case that starts has no saved workflow, no tasks and no version of its idea to read first
    assert not [statement for statement in sent if "FROM workflow_states" in statement
                or "FROM section_versions" in statement], sent
    # the commune, its district and its province, once each
    units = [statement for statement in sent
             if " ".join(statement.split()).startswith("SELECT administrative_units.id, administrative_units.code")]
    assert len(units) == 3, units
    # was 42 when the case row was written four times and its saved workflow, tasks and versions read first
    assert len(sent) <= 27 + SIGNED_IN, sent


OPEN_TASKS = re.compile(r"^SELECT human_tasks\.id.*WHERE human_tasks\.case_id = \S+ AND human_tasks\.status = \S+ "
                        r"ORDER BY human_tasks\.id$", re.DOTALL)


def reads_of_open_tasks(sent):
    """`Case.open_tasks`'s statements among `sent`."""
    return [statement for statement in sent if OPEN_TASKS.match(statement)]


def test_a_cases_detail_reads_the_case_with_what_it_shows_and_its_open_tasks_once(app, case):
    official = case.users["commune"]
    assert official.get("/api/v1/me").status_code == 200  # signed in before the count
    with statements(app) as sent:
        response = official.get(f"/api/v1/cases/{case.id}")
    assert response.status_code == 200, response.json
    assert response.json["product_name"] == IDEA["product_name"]
    assert (response.json["district"]["name"], response.json["province"]["name"]) == ("Tam Đường", "Lai Châu")
    assert "Đang chờ" in response.json["summary"]
    # the user, the roles' levels, the case with its product, entity, units and version, its open tasks, its
    # recognitions, certificates, incidents and leading selections
    assert len(sent) <= 8, sent
    assert len(reads_of_open_tasks(sent)) == 1, sent

    with statements(app) as sent:
        page = official.get(f"/cases/{case.id}")
    assert page.status_code == 200
    assert "Bình Lư" in page.get_data(as_text=True)
    assert len(reads_of_open_tasks(sent)) == 1, reads_of_open_tasks(sent)  # were read six times
    assert len(sent) <= 28, len(sent)  # 41 before


def test_the_open_tasks_a_session_keeps_follow_what_it_changes_writes_and_rolls_back(app, case):
    with app.app_context():
        kept = db.session.get(Case, case.id)
        (waiting,) = kept.open_tasks
        waiting.status = "cancelled"  # changed, not yet written
        assert kept.open_tasks == []
        db.session.rollback()
        (waiting,) = kept.open_tasks
        assert waiting.step == "commune_check_idea"
        waiting.status = "cancelled"
        db.session.flush()  # written
        assert kept.open_tasks == []
        db.session.rollback()
        complete(kept.open_tasks[0].id, find_user("commune"), {"decision": "forward"})
        assert [task.step for task in kept.open_tasks] == ["district_review_idea"]
        db.session.rollback()
        assert [task.step for task in kept.open_tasks] == ["commune_check_idea"]
