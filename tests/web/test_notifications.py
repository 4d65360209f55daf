"""Notifications: each kind reaches the people it concerns and nobody else; the list, marking read, the badge."""
import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from service.demo.seed import find_user
from service.extensions import db
from service.notifications.models import Notification
from tests.cycle import IDEA, Cycle

from .support import csrf_token

pytestmark = pytest.mark.one_database

BINH_LU = "Tam Đường/Bình Lư"
MUONG_MIT = "Than Uyên/Mường Mít"
EVERYONE = ["producer", "producer-2", "commune", "district", "district-2", "district-chair", "district-council-1",
            "province", "province-council-1", "national", "admin"]


def honey_of_muong_mit(people, unit_id):
    """A case of producer-2 (HTX Mường Mít, Than Uyên)."""
    response = people["producer-2"].post("/api/v1/cases", json={
        **IDEA, "commune_id": unit_id(MUONG_MIT), "product_name": "Mật ong Thanh Xuân"})
    assert response.status_code == 201, response.json
    return SimpleNamespace(id=response.json["id"])


def notices(app, username, case=None):
    """(kind, params) of the user's notifications, oldest first (of one case, if given)."""
    with app.app_context():
        query = select(Notification).where(Notification.user_id == find_user(username).id).order_by(Notification.id)
        if case is not None:
            query = query.where(Notification.case_id == case.id)
        return [(n.kind, n.params) for n in db.session.scalars(query)]


def told(app, case, kind):
    """The users told `kind` about this case."""
    return {username for username in EVERYONE if any(k == kind for k, _ in notices(app, username, case))}


def test_a_new_idea_is_claimable_by_the_commune_officer_of_its_commune_only(app, people, unit_id):
    case = Cycle(people, unit_id(BINH_LU))

    assert told(app, case, "task_claimable") == {"commune"}
    [(kind, params)] = notices(app, "commune")
    assert params["reference"] == case.case["reference"]
    assert params["product"] == "Miến dong Bình Lư"
    assert params["step"].startswith("Xã kiểm tra ý tưởng")
    assert notices(app, "producer") == []


def test_district_2_hears_of_than_uyen_and_district_of_tam_duong(app, people, unit_id):
    tam_duong = Cycle(people, unit_id(BINH_LU))
    tam_duong.decide("commune", "commune_check_idea", "forward")
    than_uyen = honey_of_muong_mit(people, unit_id)

    assert told(app, tam_duong, "task_claimable") == {"commune", "district"}
    assert notices(app, "district-2", tam_duong) == []
    assert notices(app, "producer-2", tam_duong) == []
    assert notices(app, "district", than_uyen) == [] and notices(app, "commune", than_uyen) == []


def test_council_scoring_is_assigned_to_each_named_member(app, people, unit_id):
    case = Cycle(people, unit_id(BINH_LU)).through_district_dossier()

    members = {"district-chair", "district-council-1", "district-council-2"}  # the chair scores too
    for member in members:
        assert [kind for kind, _ in notices(app, member, case)] == ["task_assigned"]
    assert notices(app, "district-council-3", case) == []  # the secretary does not score
    assert told(app, case, "task_assigned") == {"district-chair", "district-council-1"}  # the members in EVERYONE


def test_a_return_tells_the_producer_the_reason(app, people, unit_id):
    case = Cycle(people, unit_id(BINH_LU))
    case.decide("commune", "commune_check_idea", "return", "Bổ sung mô tả nguyên liệu")

    assert told(app, case, "returned") == {"producer"}
    [(kind, params)] = notices(app, "producer", case)
    assert params["reason"] == "Bổ sung mô tả nguyên liệu"
    assert told(app, case, "task_claimable") == {"commune"}


def test_the_producer_hears_the_rating_the_decision_and_the_certificate(app, people, unit_id):
    rated = Cycle(people, unit_id(BINH_LU)).through_district_dossier().evaluate("district", [40, 44, 42])
    certified = Cycle(people, unit_id(BINH_LU), product_name="Trà Oolong").through_district_dossier()
    certified.evaluate("district", [72, 76, 74]).decide("province", "province_check_dossier", "complete")
    certified.evaluate("province", [80, 82, 78])
    certified.recognise()

    assert [p["status"] for k, p in notices(app, "producer", rated) if k == "decision"] == ["rated"]
    assert [(p["status"], p["stars"]) for k, p in notices(app, "producer", certified) if k == "decision"] == [
        ("certified", 4)]
    [certificate] = [p for k, p in notices(app, "producer", certified) if k == "certificate"]
    assert certificate["number"].startswith("OCOP-12-") and certificate["stars"] == 4
    assert told(app, certified, "decision") == told(app, certified, "certificate") == {"producer"}
    assert notices(app, "producer-2") == []


def test_a_rejection_tells_the_producer_the_reason(app, people, unit_id):
    case = Cycle(people, unit_id(BINH_LU))
    case.decide("commune", "commune_check_idea", "reject", "Sản phẩm không phù hợp")

    [(kind, params)] = [notice for notice in notices(app, "producer", case) if notice[0] == "decision"]
    assert params["status"] == "rejected" and params["reason"] == "Sản phẩm không phù hợp"


def test_an_overdue_task_tells_the_supervisors_and_those_it_waits_for(app, people, unit_id, clock, runner):
    case = Cycle(people, unit_id(BINH_LU))
    honey_of_muong_mit(people, unit_id)
    clock.advance(days=16)
    assert "2 case(s) advanced" in runner.invoke(args=["ocop", "timers"]).output

    assert told(app, case, "overdue") == {"commune", "district"}
    assert [kind for kind, _ in notices(app, "district-2") if kind == "overdue"] == ["overdue"]


def test_an_overdue_claimed_task_tells_its_holder_not_the_other_candidates(app, people, unit_id, clock, runner):
    case = Cycle(people, unit_id(BINH_LU))
    case.decide("commune", "commune_check_idea", "forward")
    task = case.task("district", "district_review_idea")
    assert people["district"].post(f"/api/v1/tasks/{task['id']}/claim").status_code == 200
    clock.advance(days=16)
    runner.invoke(args=["ocop", "timers"])

    overdue = told(app, case, "overdue")
    assert "district" in overdue and not overdue & {"commune", "district-2", "producer"}


def test_the_list_the_badge_and_marking_read(app, people, unit_id):
    Cycle(people, unit_id(BINH_LU))
    Cycle(people, unit_id(BINH_LU), product_name="Trà Oolong")
    client = people["commune"]

    page = client.get("/notifications").get_data(as_text=True)
    assert 'data-testid="nav-count">2<' in page
    assert "Nhiệm vụ mới bạn có thể nhận" in page and "Trà Oolong" in page
    [first, second] = [n for n in _ids(app, "commune")]

    response = client.post(f"/notifications/{first}/read", data={"csrf_token": csrf_token(client, "/notifications")})
    assert response.status_code == 302
    assert 'data-testid="nav-count">1<' in client.get("/notifications").get_data(as_text=True)

    response = client.post(f"/notifications/{second}/open", data={"csrf_token": csrf_token(client, "/notifications")})
    assert re.fullmatch(r"/tasks/\d+", response.location)
    assert client.get(response.location).status_code == 200
    assert "nav-count" not in client.get("/notifications").get_data(as_text=True)


def test_mark_all_read_and_english(app, people, unit_id):
    Cycle(people, unit_id(BINH_LU))
    Cycle(people, unit_id(BINH_LU), product_name="Trà Oolong")
    client = people["commune"]

    page = client.get("/notifications?lang=en").get_data(as_text=True)
    assert "A new task you can claim" in page and "Commune checks the idea" in page
    client.post("/notifications/read", data={"csrf_token": csrf_token(client, "/notifications")})
    assert "nav-count" not in client.get("/notifications").get_data(as_text=True)


def test_nobody_opens_or_marks_another_users_notification(app, people, unit_id):
    Cycle(people, unit_id(BINH_LU))
    [notification_id] = _ids(app, "commune")
    client = people["district-2"]
    token = csrf_token(client, "/notifications")

    assert client.post(f"/notifications/{notification_id}/open", data={"csrf_token": token}).status_code == 404
    assert client.post(f"/notifications/{notification_id}/read", data={"csrf_token": token}).status_code == 404
    assert "nav-count" in people["commune"].get("/notifications").get_data(as_text=True)


def test_the_list_needs_sign_in(client):
    assert client.get("/notifications").location.startswith("/login")


def _ids(app, username):
    with app.app_context():
        return list(db.session.scalars(select(Notification.id).where(
            Notification.user_id == find_user(username).id).order_by(Notification.id)))
