"""Completing tasks: validated form data, one winner when two complete at once, deadlines."""
import threading

import pytest

from tests.cycle import Cycle


@pytest.fixture
def case(people, unit_id):
    return Cycle(people, unit_id("Tam Đường/Bình Lư"))


@pytest.mark.parametrize("data, field", [
    ({"decision": "maybe"}, "decision"),
    ({}, "decision"),
    ({"decision": "forward", "colour": "red"}, "colour"),
    ({"decision": "return"}, "reason"),
    ({"decision": "return", "reason": "x" * 2001}, "reason"),
])
def test_invalid_form_data_is_refused_field_by_field(case, people, data, field):
    task = case.task("commune", "commune_check_idea")
    response = people["commune"].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data})
    assert response.status_code == 422
    assert response.json["error"] == "invalid_form" and field in response.json["details"]
    assert case.refresh()["current_step"] == "commune_check_idea"


def test_a_choice_that_is_not_among_a_criterions_options_is_refused(case, people):
    case.through_district_dossier()
    task = case.task("district-council-1", "district_council_scoring")
    response = people["district-council-1"].post(f"/api/v1/tasks/{task['id']}/complete",
                                                  json={"data": {"c_a": 37, "c_b": 26, "c_c": 41}})
    assert response.status_code == 422 and "c_a" in response.json["details"]
    assert set(response.json["details"]) == {"c_a"}


@pytest.mark.parametrize("body, status", [
    ("not json", 415), ("{broken", 400), ("[1, 2]", 400),
])
def test_bodies_that_are_not_json_objects_are_refused(case, people, body, status):
    task = case.task("commune", "commune_check_idea")
    content_type = "text/plain" if status == 415 else "application/json"
    response = people["commune"].post(f"/api/v1/tasks/{task['id']}/complete", data=body, content_type=content_type)
    assert response.status_code == status and response.json["error"]


def test_an_invalid_idea_is_refused(people, unit_id):
    response = people["producer"].post("/api/v1/cases", json={"product_name": "Trà", "product_group": "nope", "product_subgroup": "x",
                                                              "entity_name": "x", "entity_type": "cooperative",
                                                              "commune_id": unit_id("Tam Đường/Bình Lư")})
    assert response.status_code == 422 and "product_group" in response.json["details"]
    response = people["producer"].post("/api/v1/cases", json={"typename": "BpmnWorkflow"})
    assert response.status_code == 422


def test_a_completed_task_cannot_be_completed_again(case, people):
    task = case.task("commune", "commune_check_idea")
    ok = people["commune"].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {"decision": "forward"}})
    assert ok.status_code == 200
    again = people["commune"].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {"decision": "forward"}})
    assert again.status_code == 409 and again.json["error"] == "task_closed"


def test_two_people_completing_one_task_at_once_one_wins_the_other_gets_409(case, people, auth):
    task = case.task("commune", "commune_check_idea")
    clients = [auth.login("commune"), auth.login("commune")]
    barrier, results = threading.Barrier(2), []

    def complete(client):
        barrier.wait()
        response = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {"decision": "forward"}})
        results.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=complete, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(status for status, _ in results) == [200, 409], results
    assert all(body["message"] for status, body in results if status == 409)
    detail = case.refresh()
    assert detail["current_step"] == "district_review_idea"
    history = people["admin"].get(f"/api/v1/cases/{case.id}/history").json
    assert [e["action"] for e in history].count("task.completed") == 1
    assert len([t for t in detail["open_tasks"] if t["step"] == "district_review_idea"]) == 1


def test_an_overdue_review_is_escalated_by_the_timer_run(case, people, runner, clock):
    task = case.task("commune", "commune_check_idea")
    assert task["overdue"] is False
    clock.advance(days=14)
    assert "0 case(s) advanced" in runner.invoke(args=["ocop", "timers"]).output
    clock.advance(days=2)
    result = runner.invoke(args=["ocop", "timers"])
    assert "1 case(s) advanced" in result.output, result.output
    detail = case.refresh()
    assert detail["overdue"] is True
    [escalated] = detail["open_tasks"]
    assert escalated["escalated_to"] == "district_officer" and escalated["overdue"] is True
    claimable = people["district"].get("/api/v1/tasks", query_string={"scope": "claimable"}).json["items"]
    assert escalated["id"] in [t["id"] for t in claimable]
    assert claimable[0]["overdue"] is True
    elsewhere = people["district-2"].get("/api/v1/tasks", query_string={"scope": "claimable"}).json["items"]
    assert escalated["id"] not in [t["id"] for t in elsewhere]
    assert "task.escalated" in [e["action"] for e in people["admin"].get(f"/api/v1/cases/{case.id}/history").json]
    people["commune"].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {"decision": "forward"}})
    assert case.refresh()["current_step"] == "district_review_idea"
