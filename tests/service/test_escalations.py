"""An overdue task escalated to a supervisor reaches someone who can act on it.

A council member's sheet, overdue, goes to the council's chair: the chair opens it, reminds the
member, or hands the sheet to another member of the council who has none in this round; the
chair never claims it (nobody scores twice).
"""
import pytest

from service.admin.operations import assign_role, create_user, set_council_member
from service.demo.seed import find_unit, find_user
from service.directory.models import Council
from service.extensions import db
from tests.cycle import Cycle, sheet_of


@pytest.fixture
def overdue_sheets(people, unit_id, clock, runner, once):
    """The chair has scored; the sheets of members 1 and 2 are overdue and escalated to the chair. Built once
    (`once`)."""
    def build():
        case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
        case.score_sheet("district-chair", "district", 70)
        clock.advance(days=16)
        assert "1 case(s) advanced" in runner.invoke(args=["ocop", "timers"]).output
        return case.case, {member: case.task(member, "district_council_scoring")["id"]
                           for member in ("district-council-1", "district-council-2")}

    case, sheets = once(build)
    return Cycle.resumed(people, case), sheets


def add_district_member(app, username):
    """A substitute joins the Tam Đường council after the sheets were handed out."""
    with app.app_context():
        admin, district = find_user("admin"), find_unit("Tam Đường")
        user = create_user(username, "Thành viên dự khuyết", None, "a long password", admin)
        assign_role(user, "district_council", district.id, admin)
        council = db.session.scalar(db.select(Council).filter_by(level="district", unit_id=district.id))
        set_council_member(council, user, "member", admin)
        db.session.commit()
        return user.id


def test_the_chair_opens_an_escalated_sheet_but_cannot_claim_it(overdue_sheets, people):
    case, sheets = overdue_sheets
    chair = people["district-chair"]
    claimable = chair.get("/api/v1/tasks", query_string={"scope": "claimable"}).json["items"]
    assert set(sheets.values()) <= {task["id"] for task in claimable}
    detail = chair.get(f"/api/v1/tasks/{sheets['district-council-1']}")
    assert detail.status_code == 200
    assert detail.json["escalated_to"] == "district_chair" and detail.json["assignee"] == "district-council-1"
    assert detail.json["handover_choices"] == []
    claim = chair.post(f"/api/v1/tasks/{sheets['district-council-1']}/claim")
    assert claim.status_code == 403 and claim.json["error"] == "assigned_to_someone"
    score = chair.post(f"/api/v1/tasks/{sheets['district-council-1']}/complete",
                       json={"data": sheet_of(chair, sheets['district-council-1'], 90)})
    assert score.status_code == 403


def test_the_chair_reminds_the_member_who_is_told(overdue_sheets, people):
    case, sheets = overdue_sheets
    response = people["district-chair"].post(f"/api/v1/tasks/{sheets['district-council-1']}/remind")
    assert response.status_code == 200
    page = people["district-council-1"].get("/notifications").get_data(as_text=True)
    assert "nhắc bạn hoàn thành" in page and case.case["reference"] in page
    history = people["admin"].get(f"/api/v1/cases/{case.id}/history").json
    assert [entry["action"] for entry in history].count("task.reminded") == 1
    assert people["district"].post(f"/api/v1/tasks/{sheets['district-council-1']}/remind").status_code in (403, 404)
    assert people["district-council-2"].post(f"/api/v1/tasks/{sheets['district-council-1']}/remind").status_code == 404


def test_the_chair_hands_a_sheet_to_a_substitute_member_and_the_council_concludes(overdue_sheets, people, app, auth):
    case, sheets = overdue_sheets
    substitute = add_district_member(app, "district-council-4")
    chair = people["district-chair"]
    sheet_3 = sheets["district-council-2"]
    choices = chair.get(f"/api/v1/tasks/{sheet_3}").json["handover_choices"]
    assert [choice["username"] for choice in choices] == ["district-council-4"]
    member_1 = find_user_id(app, "district-chair")
    refused = chair.post(f"/api/v1/tasks/{sheet_3}/reassign", json={"user_id": member_1})
    assert refused.status_code == 422 and refused.json["error"] == "not_a_choice"
    handed = chair.post(f"/api/v1/tasks/{sheet_3}/reassign", json={"user_id": substitute})
    assert handed.status_code == 200 and handed.json["assignee"] == "district-council-4"
    assert people["district-council-2"].get(f"/api/v1/tasks/{sheet_3}").status_code == 404
    newcomer = auth.login("district-council-4", "a long password")
    assert sheet_3 in [task["id"] for task in newcomer.get("/api/v1/tasks").json["items"]]
    assert newcomer.post(f"/api/v1/tasks/{sheet_3}/complete", json={"data": sheet_of(newcomer, sheet_3, 74)}).status_code == 200
    case.score_sheet("district-council-1", "district", 72)
    detail = case.refresh()
    assert (detail["score"], detail["stars"]) == (72.0, 4)
    assert detail["current_step"] == "district_chair_decision"


def test_the_chair_acts_from_the_task_page_reached_by_the_notification(overdue_sheets, people, app):
    case, sheets = overdue_sheets
    substitute = add_district_member(app, "district-council-4")
    chair = people["district-chair"]
    notices = chair.get("/notifications").get_data(as_text=True)
    assert case.case["reference"] in notices
    token = notices.split('name="csrf_token" value="')[1].split('"')[0]
    opened = chair.post(f"/notifications/{notice_id(app, 'district-chair', sheets['district-council-2'])}/open",
                        data={"csrf_token": token})
    assert opened.status_code == 302 and opened.headers["Location"].endswith(f"/tasks/{sheets['district-council-2']}")
    page = chair.get(opened.headers["Location"])
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-testid="supervision"' in html and "Nhắc việc" in html and "Thành viên dự khuyết" in html
    reminded = chair.post(f"/tasks/{sheets['district-council-1']}/remind", data={"csrf_token": token})
    assert reminded.status_code == 302
    handed = chair.post(f"/tasks/{sheets['district-council-2']}/hand-over",
                        data={"csrf_token": token, "user_id": substitute})
    assert handed.status_code == 302
    assert "Đã giao" in chair.get(handed.headers["Location"]).get_data(as_text=True)
    assert people["admin"].get(f"/api/v1/tasks/{sheets['district-council-2']}").json["assignee"] == "district-council-4"


def notice_id(app, username, task_id):
    from service.notifications.models import Notification

    with app.app_context():
        user = find_user(username)
        return db.session.scalar(db.select(Notification.id).where(
            Notification.user_id == user.id, Notification.kind == "overdue",
            Notification.params["task_id"].as_integer() == task_id))


def find_user_id(app, username):
    with app.app_context():
        return find_user(username).id


def test_the_district_hands_an_overdue_commune_check_to_another_officer_of_that_commune(app, people, unit_id, clock,
                                                                                       runner, auth):
    """A lane's task, claimed and overdue, goes to the district office, which may hand it to the lane's other
    holders in the task's commune: not to the officer who holds it, nor to another commune's."""
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    task = case.task("commune", "commune_check_idea")["id"]
    assert people["commune"].post(f"/api/v1/tasks/{task}/claim").status_code == 200
    with app.app_context():
        admin = find_user("admin")
        for username, commune in (("commune-binh-lu-2", "Tam Đường/Bình Lư"),
                                  ("commune-son-binh", "Tam Đường/Sơn Bình")):
            officer = create_user(username, "Cán bộ OCOP xã", None, "a long password", admin)
            assign_role(officer, "commune_officer", find_unit(commune).id, admin)
        db.session.commit()
    clock.advance(days=16)
    assert "1 case(s) advanced" in runner.invoke(args=["ocop", "timers"]).output

    district = people["district"]
    detail = district.get(f"/api/v1/tasks/{task}").json
    assert detail["escalated_to"] == "district_officer"
    assert [choice["username"] for choice in detail["handover_choices"]] == ["commune-binh-lu-2"]
    handed = district.post(f"/api/v1/tasks/{task}/reassign", json={"user_id": find_user_id(app, "commune-binh-lu-2")})
    assert handed.status_code == 200 and handed.json["claimed_by"] == "commune-binh-lu-2"
    colleague = auth.login("commune-binh-lu-2", "a long password")
    assert colleague.post(f"/api/v1/tasks/{task}/complete", json={"data": {"decision": "forward"}}).status_code == 200
