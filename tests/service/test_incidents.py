"""An engine error never leaves a case half-advanced: incident, fix, retry."""
import io
from pathlib import Path

from service.demo.seed import find_user
from service.directory.models import Council, CouncilMember
from service.extensions import db
from tests.cycle import Cycle

DIAGRAM = (Path(__file__).parents[2] / "bpmn" / "ocop-2019" / "ocop_cycle.bpmn").read_bytes()


def upload(client, content):
    return client.post("/api/v1/process-models", content_type="multipart/form-data",
                       data={"files": [(io.BytesIO(content), "ocop_cycle.bpmn")]})


def broken_condition(diagram):
    """The diagram with the commune gateway's forward condition reading a key that is never set."""
    marker = b'commune_check_idea["decision"] == "forward"'
    assert marker in diagram
    return diagram.replace(marker, b'commune_check_idea["verdict"] == "forward"')


def test_a_failing_expression_rolls_back_records_an_incident_and_retries_on_a_fixed_version(people, unit_id):
    assert upload(people["admin"], broken_condition(DIAGRAM)).status_code == 201
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    task = case.task("commune", "commune_check_idea")
    response = people["commune"].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {"decision": "forward"}})
    assert response.status_code == 409 and response.json["error"] == "incident"
    assert "verdict" in response.json["details"]["message"]
    detail = case.refresh()
    assert detail["status"] == "incident"
    assert [t["id"] for t in detail["open_tasks"]] == [task["id"]]
    assert [t["status"] for t in detail["open_tasks"]] == ["open"]
    [incident] = people["admin"].get("/api/v1/incidents").json["items"]
    assert incident["case_id"] == case.id and incident["action"] == "complete"
    assert people["district"].get("/api/v1/incidents").status_code == 403

    fixed = upload(people["admin"], DIAGRAM).json
    retried = people["admin"].post(f"/api/v1/incidents/{incident['id']}/retry", json={"process_model_id": fixed["id"]})
    assert retried.status_code == 200, retried.json
    assert retried.json["resolved_at"]
    detail = case.refresh()
    assert detail["status"] == "active" and detail["current_step"] == "district_review_idea"
    assert detail["process_version"] == fixed["version"]
    assert people["admin"].get("/api/v1/incidents").json == {"items": [], "total": 0, "page": 1, "per_page": 25,
                                                              "count_limit": 1000}
    resolved = people["admin"].get("/api/v1/incidents", query_string={"resolved": "true", "per_page": 1}).json
    assert ([item["id"] for item in resolved["items"]], resolved["total"]) == ([incident["id"]], 1)
    assert people["admin"].get("/api/v1/incidents", query_string={"per_page": 0}).status_code == 422


def test_a_council_without_members_is_an_incident_fixed_by_adding_them(people, unit_id, app):
    with app.app_context():
        council = db.session.scalar(db.select(Council).filter_by(level="district"))
        db.session.execute(db.delete(CouncilMember).where(CouncilMember.council_id == council.id))
        db.session.commit()
        council_id = council.id
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    case.complete("producer", "submit_business_plan", {"summary": "Kế hoạch"})
    case.decide("district", "district_review_plan", "approve")
    case.complete("producer", "submit_dossier", {"product_description": "Hồ sơ"})
    task = case.task("district", "district_check_dossier")
    response = people["district"].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {"decision": "complete"}})
    assert response.status_code == 409 and "council" in response.json["details"]["message"]
    with app.app_context():
        for username in ("district-council-1", "district-council-2", "district-council-3"):
            db.session.add(CouncilMember(council_id=council_id, user_id=find_user(username).id, position="member"))
        db.session.commit()
    [incident] = people["admin"].get("/api/v1/incidents").json["items"]
    assert people["admin"].post(f"/api/v1/incidents/{incident['id']}/retry", json={}).status_code == 200
    assert case.refresh()["current_step"] == "district_council_scoring"


def test_a_case_whose_start_fails_is_kept_as_an_incident_and_started_by_the_retry(people, unit_id):
    marker = b"idea_returns = 0\n"
    assert marker in DIAGRAM
    assert upload(people["admin"], DIAGRAM.replace(marker, b"idea_returns = idea['missing']\n")).status_code == 201
    response = people["producer"].post("/api/v1/cases", json={
        "product_name": "Mật ong", "product_group": "thuc_pham", "product_subgroup": "thuc_pham_che_bien",
        "entity_name": "HTX", "entity_type": "cooperative", "commune_id": unit_id("Tam Đường/Bình Lư")})
    assert response.status_code == 409 and response.json["details"]["element"] == "init_counters"
    [case] = people["producer"].get("/api/v1/cases").json["items"]
    assert case["status"] == "incident" and case["product_name"] == "Mật ong"
    [incident] = people["admin"].get("/api/v1/incidents").json["items"]
    assert incident["action"] == "start"
    fixed = upload(people["admin"], DIAGRAM).json
    assert people["admin"].post(f"/api/v1/incidents/{incident['id']}/retry",
                                json={"process_model_id": fixed["id"]}).status_code == 200
    detail = people["producer"].get(f"/api/v1/cases/{case['id']}").json
    assert detail["status"] == "active" and detail["current_step"] == "commune_check_idea"


def test_a_retry_that_fails_again_keeps_its_entry_in_the_audit_log(people, unit_id):
    assert upload(people["admin"], broken_condition(DIAGRAM)).status_code == 201
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    task = case.task("commune", "commune_check_idea")
    people["commune"].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {"decision": "forward"}})
    [incident] = people["admin"].get("/api/v1/incidents").json["items"]
    again = people["admin"].post(f"/api/v1/incidents/{incident['id']}/retry", json={})
    assert again.status_code == 409 and again.json["error"] == "incident"
    actions = [entry["action"] for entry in people["admin"].get(f"/api/v1/cases/{case.id}/history").json]
    assert actions.count("incident.retried") == 1 and actions.count("case.incident") == 2
    [still] = people["admin"].get("/api/v1/incidents").json["items"]
    assert still["id"] == incident["id"] and case.refresh()["status"] == "incident"
    assert [t["status"] for t in case.refresh()["open_tasks"]] == ["open"]
