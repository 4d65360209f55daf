"""A completion does each piece of work once: counted in SQL statements (counts, not times).

Per completion: one locked read of task, case, process version, product, saved workflow and the
case's open tasks; the completed task's update; the new tasks in one insert; the new tasks'
candidates in one query; the audit rows in one insert; the notifications; the case row and the
saved workflow, each written once.
"""
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from service.extensions import db
from tests.cycle import BUSINESS_PLAN, DOSSIER, Cycle, sheet_of


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
