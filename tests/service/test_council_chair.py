"""The chair's decision goes to the member in the chair position of the case's council, not to whoever
holds the chair's role for the unit; an overdue member's sheet is the council chair's to follow up."""
from datetime import date

import pytest
from sqlalchemy import select

from service.admin.operations import assign_role, create_user, set_council_member
from service.demo.seed import find_unit, find_user
from service.directory.models import Council
from service.extensions import db
from tests.cycle import Cycle


def add_user(app, username, role=None):
    """A new account (password "a long password"), with the role for Tam Đường if given."""
    with app.app_context():
        admin = find_user("admin")
        user = create_user(username, f"Người dùng {username}", None, "a long password", admin)
        if role is not None:
            assign_role(user, role, find_unit("Tam Đường").id, admin)
        db.session.commit()


@pytest.fixture
def second_chair(app, auth, people):
    """Another holder of the district chair's role in Tam Đường, who sits on no council."""
    add_user(app, "pho-chu-tich", "district_chair")
    return auth.login("pho-chu-tich", "a long password")


class Also(dict):
    """The demo accounts' clients and some more."""

    def __init__(self, people, more):
        super().__init__(more)
        self.people = people

    def __missing__(self, username):
        return self.people[username]


def inbox_ids(client):
    return {task["id"] for scope in ("mine", "claimable")
            for task in client.get("/api/v1/tasks", query_string={"scope": scope}).json["items"]}


def test_only_the_councils_chair_gets_the_decision(people, unit_id, second_chair):
    case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    case.score("district", [70, 72, 74])
    decision = case.task("district-chair", "district_chair_decision")
    assert decision["assignee"] == "district-chair"
    assert decision["id"] not in inbox_ids(second_chair)
    refused = second_chair.post(f"/api/v1/tasks/{decision['id']}/complete", json={"data": {"decision": "approve"}})
    assert refused.status_code == 403 and refused.json["error"] == "not_your_task"
    assert second_chair.post(f"/api/v1/tasks/{decision['id']}/claim").status_code == 403
    case.decide("district-chair", "district_chair_decision", "approve")
    assert case.refresh()["current_step"] == "province_check_dossier"


def test_a_new_terms_council_has_its_own_chair(app, auth, people, unit_id, clock):
    """The council of the 2020 term ends; the new term's chair (no chair's role at all) decides."""
    add_user(app, "chu-tich-moi")
    with app.app_context():
        admin, district = find_user("admin"), find_unit("Tam Đường")
        old = db.session.scalar(select(Council).filter_by(level="district", unit_id=district.id))
        old.term_until = date(2026, 2, 28)
        council = Council(level="district", unit_id=district.id, name="Hội đồng đánh giá OCOP huyện Tam Đường 2026",
                          decision_number="12/QĐ-UBND", decision_date=date(2026, 3, 1), term_from=date(2026, 3, 1))
        db.session.add(council)
        db.session.flush()
        for username, position in (("chu-tich-moi", "chair"), ("district-council-1", "member"),
                                   ("district-council-2", "member")):
            set_council_member(council, find_user(username), position, admin)
        db.session.commit()
    users = Also(people, {"chu-tich-moi": auth.login("chu-tich-moi", "a long password")})
    case = Cycle(users, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    for member, total in (("chu-tich-moi", 80), ("district-council-1", 76), ("district-council-2", 78)):
        case.score_sheet(member, "district", total)
    decision = case.task("chu-tich-moi", "district_chair_decision")
    assert decision["assignee"] == "chu-tich-moi"
    assert decision["id"] not in inbox_ids(people["district-chair"])
    case.decide("chu-tich-moi", "district_chair_decision", "approve")
    assert case.refresh()["stars"] == 4


def test_an_overdue_sheet_is_followed_up_by_the_councils_chair_only(people, unit_id, clock, runner, second_chair):
    case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    case.score_sheet("district-chair", "district", 70)
    clock.advance(days=16)
    assert "1 case(s) advanced" in runner.invoke(args=["ocop", "timers"]).output
    sheet = case.task("district-council-1", "district_council_scoring")
    assert people["district-chair"].get(f"/api/v1/tasks/{sheet['id']}").json["escalated_to"] == "district_chair"
    assert second_chair.get(f"/api/v1/tasks/{sheet['id']}").status_code == 404
    assert second_chair.post(f"/api/v1/tasks/{sheet['id']}/remind").status_code == 404
    assert people["district-chair"].post(f"/api/v1/tasks/{sheet['id']}/remind").status_code == 200
