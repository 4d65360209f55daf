"""An overdue council sheet in a real browser: the chair follows the notification to the sheet,
sees who holds it and since when, and hands it to a substitute member, who finds it in their inbox."""
import re
from datetime import datetime, timezone

from playwright.sync_api import expect

from service import clock as service_clock
from service.admin.operations import assign_role, create_user, remove_council_member, set_council_member
from service.demo.seed import find_unit, find_user
from service.directory.models import Council, CouncilMember
from service.extensions import db
from service.timers.operations import fire_due_timers
from tests.conftest import AuthActions, ManualClock, People
from tests.cycle import Cycle


def test_the_chair_hands_an_overdue_sheet_to_a_substitute(live_server, page_as, monkeypatch):
    app = live_server.app
    clock = ManualClock(datetime.now(timezone.utc))
    monkeypatch.setattr(service_clock, "current", clock)
    people = People(AuthActions(app))
    with app.app_context():
        commune_id = find_unit("Tam Đường/Bình Lư").id
    case = Cycle(people, commune_id, product_name="Chè Shan tuyết Bình Lư").through_district_dossier()
    case.score_sheet("district-chair", "district", 70)  # the chair scores too
    clock.advance(days=16)
    with app.app_context():
        assert fire_due_timers()[0] >= 1
        admin, district = find_user("admin"), find_unit("Tam Đường")
        substitute = create_user("district-council-5", "Lò Văn Dự", None, "du-khuyet-5", admin)
        assign_role(substitute, "district_council", district.id, admin)
        council = db.session.scalar(db.select(Council).filter_by(level="district", unit_id=district.id))
        membership = set_council_member(council, substitute, "member", admin)
        db.session.commit()
        membership_id = membership.id
    try:
        hand_over_from_the_notification(page_as, case.case["reference"])
    finally:  # the session's other tests expect the demo council
        with app.app_context():
            remove_council_member(db.session.get(CouncilMember, membership_id), find_user("admin"))
            db.session.commit()


def hand_over_from_the_notification(page_as, reference):
    chair = page_as("district-chair")
    chair.goto("/notifications")
    chair.locator("article[data-kind=overdue]", has_text=reference).first \
        .get_by_role("button", name="Xem").click()
    expect(chair).to_have_url(re.compile(r"/tasks/\d+$"))
    panel = chair.get_by_test_id("supervision")
    expect(panel).to_contain_text("Nhiệm vụ quá hạn được báo lên bạn")
    expect(panel).to_contain_text("Thành viên Hội đồng huyện Tam Đường")
    panel.locator("select[name=user_id]").select_option(label="Lò Văn Dự")
    panel.get_by_role("button", name="Giao việc").click()
    expect(chair.locator(".flash-success")).to_contain_text("Đã giao")

    newcomer = page_as("district-council-5", password="du-khuyet-5")
    newcomer.goto("/inbox")
    expect(newcomer.locator("tr", has_text=reference)).to_be_visible()
