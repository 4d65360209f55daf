"""Who sees and acts on what: producers, districts, council members, by jurisdiction."""
import pytest

from service.demo.seed import find_user
from tests.cycle import Cycle
from tests.web.support import csrf_token


@pytest.fixture
def case(people, unit_id):
    return Cycle(people, unit_id("Tam Đường/Bình Lư"))


def test_a_producer_never_sees_another_producers_case(case, people):
    assert people["producer-2"].get(f"/api/v1/cases/{case.id}").status_code == 404
    assert people["producer-2"].get(f"/api/v1/cases/{case.id}/history").status_code == 404
    assert case.id not in [c["id"] for c in people["producer-2"].get("/api/v1/cases").json["items"]]
    assert case.id in [c["id"] for c in people["producer"].get("/api/v1/cases").json["items"]]


def test_a_district_officer_of_than_uyen_never_sees_tam_duong_tasks(case, people):
    case.decide("commune", "commune_check_idea", "forward")
    tam_duong = case.task("district", "district_review_idea")
    for scope in ("mine", "claimable", "all-visible"):
        listed = people["district-2"].get("/api/v1/tasks", query_string={"scope": scope}).json["items"]
        assert tam_duong["id"] not in [task["id"] for task in listed]
    assert people["district-2"].get(f"/api/v1/tasks/{tam_duong['id']}").status_code == 404
    response = people["district-2"].post(f"/api/v1/tasks/{tam_duong['id']}/complete",
                                         json={"data": {"decision": "accept"}})
    assert response.status_code == 404


def test_an_official_given_a_district_sees_its_tasks_at_once_and_no_longer_once_it_is_taken_away(case, people,
                                                                                                   unit_id, app):
    case.decide("commune", "commune_check_idea", "forward")
    tam_duong = case.task("district", "district_review_idea")["id"]
    admin, official = people["admin"], people["district-2"]
    token = csrf_token(admin, "/admin/users")

    def claimable():
        listed = official.get("/api/v1/tasks", query_string={"scope": "claimable"}).json["items"]
        page = official.get("/inbox?tab=claimable").get_data(as_text=True)
        assert (f'data-task-id="{tam_duong}"' in page) == (tam_duong in [task["id"] for task in listed])
        return [task["id"] for task in listed]

    with app.app_context():
        user = find_user("district-2")
        user_id, before = user.id, {assignment.id for assignment in user.role_assignments}
    assert tam_duong not in claimable()
    admin.post(f"/admin/users/{user_id}/roles", data={"csrf_token": token, "role": "district_officer",
                                                     "unit_id": unit_id("Tam Đường")})
    assert tam_duong in claimable()
    with app.app_context():
        (added,) = {assignment.id for assignment in find_user("district-2").role_assignments} - before
    admin.post(f"/admin/users/{user_id}/roles/{added}/delete", data={"csrf_token": token})
    assert tam_duong not in claimable()


def test_an_official_cannot_do_another_roles_task(case, people):
    task = case.task("commune", "commune_check_idea")
    response = people["district"].post(f"/api/v1/tasks/{task['id']}/complete",
                                       json={"data": {"decision": "forward"}})
    assert response.status_code == 403
    assert response.json["error"] == "not_your_task"


def test_a_council_member_sees_only_their_own_scoring_task(case, people):
    case.through_district_dossier()
    mine = case.task("district-council-1", "district_council_scoring")
    theirs = case.task("district-council-2", "district_council_scoring")
    assert mine["id"] != theirs["id"]
    page = people["district-council-1"].get("/api/v1/tasks", query_string={"scope": "all-visible"}).json
    listed = page["items"]
    assert [t["id"] for t in listed if t["step"] == "district_council_scoring"] == [mine["id"]]
    assert page["counts"]["all-visible"] == page["total"] == len(listed)
    assert people["district-council-1"].get(f"/api/v1/tasks/{theirs['id']}").status_code == 404
    assert people["district-council-1"].post(f"/api/v1/tasks/{theirs['id']}/complete",
                                             json={"data": {"part_a": 1, "part_b": 1, "part_c": 1}}).status_code == 404


def test_someone_signed_out_gets_401(client, programme):
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get("/api/v1/tasks").json["error"] == "not_signed_in"


def test_only_producers_submit_ideas(people, unit_id):
    response = people["district"].post("/api/v1/cases", json={"product_name": "x"})
    assert response.status_code == 403


def test_the_inbox_counts_and_claims(case, people):
    commune = people["commune"]
    counts = commune.get("/api/v1/tasks").json["counts"]
    assert counts == {"mine": 0, "claimable": 1, "all-visible": 1}
    task = case.task("commune", "commune_check_idea")
    assert commune.post(f"/api/v1/tasks/{task['id']}/claim").json["claimed_by"] == "commune"
    assert commune.get("/api/v1/tasks").json["counts"]["mine"] == 1
    assert commune.post(f"/api/v1/tasks/{task['id']}/unclaim").json["claimed_by"] is None


def test_a_task_claimed_by_one_officer_cannot_be_completed_by_another(case, people, app):
    from service.auth.models import RoleAssignment, User
    from service.extensions import db
    from service.demo.seed import find_unit, find_user
    with app.app_context():
        colleague = User(username="commune-b", full_name="Cán bộ xã 2", is_active=True, is_demo=True)
        colleague.set_password("demo")
        db.session.add(colleague)
        db.session.flush()
        db.session.add(RoleAssignment(user_id=colleague.id, role_code="commune_officer",
                                      unit_id=find_unit("Tam Đường/Bình Lư").id))
        db.session.commit()
    task = case.task("commune", "commune_check_idea")
    people["commune"].post(f"/api/v1/tasks/{task['id']}/claim")
    response = people["commune-b"].post(f"/api/v1/tasks/{task['id']}/complete",
                                        json={"data": {"decision": "forward"}})
    assert response.status_code == 409 and response.json["error"] == "task_claimed"
    admin_id = None
    with app.app_context():
        admin_id = find_user("commune-b").id
    reassigned = people["admin"].post(f"/api/v1/tasks/{task['id']}/reassign", json={"user_id": admin_id})
    assert reassigned.status_code == 200 and reassigned.json["claimed_by"] == "commune-b"
    assert people["commune-b"].post(f"/api/v1/tasks/{task['id']}/complete",
                                    json={"data": {"decision": "forward"}}).status_code == 200


def test_only_administrators_reassign(case, people):
    task = case.task("commune", "commune_check_idea")
    assert people["district"].post(f"/api/v1/tasks/{task['id']}/reassign", json={"user_id": 1}).status_code in (403, 404)


def test_an_official_handed_a_council_sheet_of_another_district_sees_its_case_in_their_list(case, people, app,
                                                                                            unit_id):
    """Than Uyên's office holds no Tam Đường case until the administrator hands it a Tam Đường council sheet: then
    the case is in its list and opens, by the named task, not by its district."""
    case.through_district_dossier()
    sheet = case.task("district-council-1", "district_council_scoring")
    official = people["district-2"]

    def listed():
        return [item["id"] for item in official.get("/api/v1/cases", query_string={"per_page": 100}).json["items"]]

    assert case.id not in listed() and official.get(f"/api/v1/cases/{case.id}").status_code == 404
    with app.app_context():
        official_id = find_user("district-2").id
    handed = people["admin"].post(f"/api/v1/tasks/{sheet['id']}/reassign", json={"user_id": official_id})
    assert handed.status_code == 200, handed.json
    assert case.id in listed() and official.get(f"/api/v1/cases/{case.id}").status_code == 200
    tam_duong = official.get("/api/v1/cases", query_string={"district_id": unit_id("Tam Đường")}).json["items"]
    assert [item["id"] for item in tam_duong] == [case.id]
