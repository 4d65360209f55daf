"""Any process, at any time, completes any task with the same result.

Production runs several gunicorn workers and restarts them: a council member's sheet may be
completed by a process that never saw the case before. Each sheet here is completed in a fresh
Python process (nothing parsed, cached or connected in the test's own process is there).
"""
import pytest

from tests.cycle import COUNCILS, DECIDERS, Cycle, decision_fields, sheet_of
from tests.processes import (
    complete_in_fresh_process,
    fire_timers_in_fresh_process,
    requests_at_once_in_fresh_processes,
)


@pytest.fixture
def case(people, unit_id):
    return Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()


def score_in_fresh_processes(case, database_url, clock, level, totals):
    for member, total in zip(COUNCILS[level], totals):
        data = sheet_of(case.users[member], case.task(member, f"{level}_council_scoring")["id"], total)
        status, body = complete_in_fresh_process(case, database_url, clock.now(), member,
                                                 f"{level}_council_scoring", data)
        assert status == 200, body


def test_sheets_completed_each_in_a_fresh_process_give_the_mean_at_every_level(case, database_url, clock):
    score_in_fresh_processes(case, database_url, clock, "district", [55, 60, 65])
    detail = case.refresh()
    assert (detail["score"], detail["stars"]) == (60.0, 3)
    assert detail["current_step"] == "district_chair_decision"
    case.decide(DECIDERS["district"], "district_chair_decision", "approve")
    case.decide("province", "province_check_dossier", "complete")

    score_in_fresh_processes(case, database_url, clock, "province", [95, 90, 91])
    detail = case.refresh()
    assert detail["score"] == 92.0
    assert detail["current_step"] == "province_chair_decision"
    case.decide(DECIDERS["province"], "province_chair_decision", "approve")
    assert case.refresh()["current_step"] == "national_council_scoring"

    score_in_fresh_processes(case, database_url, clock, "national", [96, 90, 93])
    detail = case.refresh()
    assert (detail["score"], detail["stars"]) == (93.0, 5)
    assert detail["current_step"] == "national_decision"
    case.decide(DECIDERS["national"], "national_decision", "approve")
    detail = case.refresh()
    assert detail["status"] == "completed" and detail["certificates"] == []
    assert [(r["level"], r["stars"], r["potential_five"], r["waiting"]) for r in detail["recognitions"]] == [
        ("province", 4, True, True), ("national", 5, False, True)]


def test_the_chair_decides_in_a_fresh_process_after_sheets_from_others(case, database_url, clock):
    """Scores from this process, the chair's decision from another: the case goes on either way."""
    case.score("district", [72, 76, 74])
    status, body = complete_in_fresh_process(case, database_url, clock.now(), DECIDERS["district"],
                                             "district_chair_decision", {"decision": "approve"})
    assert status == 200, body
    detail = case.refresh()
    assert (detail["score"], detail["stars"]) == (74.0, 4)
    assert detail["current_step"] == "province_check_dossier"


def test_overdue_sheets_are_escalated_by_a_timer_run_in_a_fresh_process(case, database_url, clock):
    case.score_sheet("district-council-1", "district", 70)
    clock.advance(days=16)
    assert "1 case(s) advanced" in fire_timers_in_fresh_process(database_url, clock.now())
    detail = case.refresh()
    assert detail["overdue"] is True
    assert [task["escalated_to"] for task in detail["open_tasks"]] == ["district_chair", "district_chair"]
    for member, total in (("district-chair", 72), ("district-council-2", 74)):
        data = sheet_of(case.users[member], case.task(member, "district_council_scoring")["id"], total)
        status, body = complete_in_fresh_process(case, database_url, clock.now(), member,
                                                 "district_council_scoring", data)
        assert status == 200, body
    detail = case.refresh()
    assert (detail["score"], detail["stars"]) == (72.0, 4)
    assert detail["current_step"] == "district_chair_decision"


def approved_results(people, unit_id, count):
    """`count` cases whose province 4★ results wait for their decisions."""
    cases = []
    for _ in range(count):
        case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier().evaluate("district", [72, 76, 74])
        case.decide("province", "province_check_dossier", "complete")
        case.evaluate("province", [80, 82, 78])
        cases.append(case)
    return cases


def draft(people, cases):
    response = people["province"].post("/api/v1/recognition-decisions", json={
        **decision_fields(decided_on="2026-03-02"), "case_ids": [case.id for case in cases]})
    assert response.status_code == 201, response.json
    return response.json["id"]


def test_three_decisions_published_at_once_by_three_processes_give_distinct_consecutive_numbers(
        people, unit_id, database_url, clock):
    cases = approved_results(people, unit_id, 3)
    drafts = [draft(people, [case]) for case in cases]
    publications = [("province", "POST", f"/api/v1/recognition-decisions/{decision_id}/publish", None)
                    for decision_id in drafts]
    answers = requests_at_once_in_fresh_processes(database_url, clock.now(), publications)
    assert [status for status, _ in answers] == [200, 200, 200], answers
    numbers = sorted(case.refresh()["certificates"][0]["number"] for case in cases)
    assert numbers == [f"OCOP-12-2026-{sequence:04d}" for sequence in (1, 2, 3)]


def test_one_decision_published_twice_at_once_issues_its_certificates_once(people, unit_id, database_url, clock):
    cases = approved_results(people, unit_id, 2)
    decision_id = draft(people, cases)
    publication = ("province", "POST", f"/api/v1/recognition-decisions/{decision_id}/publish", None)
    answers = requests_at_once_in_fresh_processes(database_url, clock.now(), [publication, publication])
    assert sorted(status for status, _ in answers) == [200, 409], answers
    assert sorted(len(case.refresh()["certificates"]) for case in cases) == [1, 1]
    numbers = sorted(case.case["certificates"][0]["number"] for case in cases)
    assert numbers == ["OCOP-12-2026-0001", "OCOP-12-2026-0002"]
