"""Administration pages with Flask's test client: only administrators, users and their roles, councils,
process versions and the modeler page, the audit log's filters."""
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

import service
from service.audit.models import AuditEntry
from service.audit.words import ACTIONS
from service.auth.models import User
from service.councils.members import council_members
from service.demo.seed import find_unit, find_user
from service.directory.models import AdministrativeUnit, Council
from service.extensions import db
from service.process_models.models import RuleSetAdoption
from service.process_models.operations import latest_version

from ..cycle import Cycle
from ..statements import statements_of
from .support import csrf_token, sign_in

PAGES = ["/admin/users", "/admin/users/1", "/admin/process-models", "/admin/process-models/1/edit",
         "/admin/process-models/1/decisions/star_rating.dmn", "/admin/criteria-sheets", "/admin/criteria-sheets/1",
         "/admin/rule-sets", "/admin/audit"]


@pytest.fixture
def admin(app, programme):
    client = app.test_client()
    sign_in(client, "admin")
    client.csrf_token = csrf_token(client, "/admin/users")
    return client


def post(client, path, **data):
    """Post a form with the token read once: reading it again would show, and so clear, the flashed messages."""
    return client.post(path, data={"csrf_token": client.csrf_token, **data})


def create_user(client, username="can-bo-moi", **fields):
    return post(client, "/admin/users", username=username, full_name="Lò Văn Mới", email="moi@example.org",
                password="mat-khau-du-dai", **fields)


def user_id(app, username):
    with app.app_context():
        return find_user(username).id


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("username", ["district", "producer", "commune"])
def test_every_admin_page_is_forbidden_to_others(client, programme, path, username):
    sign_in(client, username)

    response = client.get(path)

    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.get_data(as_text=True)


def test_the_decision_table_page_opens_only_a_table_of_the_version(admin):
    versions = admin.get("/admin/process-models").get_data(as_text=True)
    assert 'href="/admin/process-models/1/decisions/star_rating.dmn"' in versions

    page = admin.get("/admin/process-models/1/decisions/star_rating.dmn")
    assert page.status_code == 200
    assert 'data-xml-url="/api/v1/process-models/1/files/star_rating.dmn"' in page.get_data(as_text=True)
    assert "style-src-attr 'unsafe-hashes'" in page.headers["Content-Security-Policy"]
    assert "style-src-attr" not in versions and "style-src-attr" not in admin.get(
        "/admin/users").headers["Content-Security-Policy"]
    for name in ("ocop_cycle.bpmn", "missing.dmn", "forms/submit_idea.schema.json"):
        assert admin.get(f"/admin/process-models/1/decisions/{name}").status_code == 404


def test_a_change_posted_by_someone_else_is_forbidden(app, client, programme):
    sign_in(client, "district")

    response = client.post("/admin/users", data={"csrf_token": csrf_token(client, "/inbox"), "username": "x",
                                                 "full_name": "X", "password": "mat-khau-du-dai"})

    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(User).filter_by(username="x")) is None


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get("/admin/users")

    assert response.status_code == 302
    assert response.location.startswith("/login?next=/admin/users")


def test_the_admin_sees_the_entries_in_the_top_bar(admin):
    page = admin.get("/admin/users").get_data(as_text=True)

    for path in ("/admin/users", "/admin/process-models", "/admin/rule-sets", "/admin/audit"):
        assert f'href="{path}"' in page


def test_an_admin_creates_a_user_who_can_then_sign_in(app, admin):
    response = create_user(admin)

    assert response.status_code == 302
    new_id = user_id(app, "can-bo-moi")
    assert response.location == f"/admin/users/{new_id}"
    assert "can-bo-moi" in admin.get("/admin/users?q=Mới").get_data(as_text=True)
    assert "can-bo-moi" not in admin.get("/admin/users?q=district").get_data(as_text=True)
    assert sign_in(app.test_client(), "can-bo-moi", "mat-khau-du-dai").status_code == 302
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).filter_by(action="user.created"))
        assert entry.user.username == "admin"
        assert entry.details["before"] is None
        assert entry.details["after"]["username"] == "can-bo-moi"


def test_the_accounts_come_a_page_at_a_time_with_their_roles_in_the_same_statements(app, admin, monkeypatch):
    """A country has tens of thousands of accounts: the list shows a page (50, here 5) by user name, and a page of
    accounts holding roles in units reads as many statements as a page of fewer."""
    monkeypatch.setattr("service.admin.queries.PER_PAGE", 5)
    with app.app_context():
        commune = find_unit("Tam Đường/Bình Lư").id

    def accounts(numbers):
        for number in numbers:
            create_user(admin, username=f"can-bo-{number}")
            post(admin, f"/admin/users/{user_id(app, f'can-bo-{number}')}/roles", role="commune_officer",
                 unit_id=commune)

    accounts([0])
    admin.get("/admin/users?q=can-bo")  # caches warmed
    with statements_of(app) as before:
        admin.get("/admin/users?q=can-bo")
    accounts(range(1, 7))
    with statements_of(app) as after:
        first = admin.get("/admin/users?q=can-bo").get_data(as_text=True)
    second = admin.get("/admin/users?q=can-bo&page=2").get_data(as_text=True)

    assert len(after) == len(before)
    assert re.findall(r">(can-bo-\d)</a>", first) == [f"can-bo-{number}" for number in range(5)]
    assert re.findall(r">(can-bo-\d)</a>", second) == ["can-bo-5", "can-bo-6"]
    assert "Cán bộ OCOP xã · Bình Lư" in first and "Trang 2 / 2" in second
    assert "/admin/users?page=2&amp;q=can-bo" in first


def test_a_taken_username_or_a_short_password_is_refused(admin):
    taken = create_user(admin, username="district")
    short = post(admin, "/admin/users", username="ngan", full_name="Ngắn", password="1234")

    assert taken.status_code == 422
    assert "Tên đăng nhập đã có người dùng" in taken.get_data(as_text=True)
    assert short.status_code == 422
    assert "Mật khẩu cần ít nhất 8 ký tự" in short.get_data(as_text=True)


def test_a_role_is_held_for_a_unit_of_its_level(app, admin):
    create_user(admin)
    new_id = user_id(app, "can-bo-moi")
    with app.app_context():
        commune, district = find_unit("Tam Đường/Bình Lư").id, find_unit("Tam Đường").id

    wrong_level = post(admin, f"/admin/users/{new_id}/roles", role="commune_officer", unit_id=district)
    no_unit = post(admin, f"/admin/users/{new_id}/roles", role="district_officer", unit_id="")
    unit_for_national = post(admin, f"/admin/users/{new_id}/roles", role="national_officer", unit_id=district)
    assigned = post(admin, f"/admin/users/{new_id}/roles", role="commune_officer", unit_id=commune)
    national = post(admin, f"/admin/users/{new_id}/roles", role="national_officer", unit_id="")

    assert "Chọn đơn vị hành chính đúng cấp của vai trò" in admin.get(wrong_level.location).get_data(as_text=True)
    for response in (wrong_level, no_unit, unit_for_national, assigned, national):
        assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, new_id)
        assert [(a.role_code, a.unit_id) for a in user.role_assignments] == [("commune_officer", commune),
                                                                            ("national_officer", None)]
        assignment_id = user.role_assignments[0].id
    page = admin.get(f"/admin/users/{new_id}").get_data(as_text=True)
    assert "Cán bộ OCOP xã" in page and "Bình Lư" in page

    post(admin, f"/admin/users/{new_id}/roles/{assignment_id}/delete")

    with app.app_context():
        assert [a.role_code for a in db.session.get(User, new_id).role_assignments] == ["national_officer"]
        removed = db.session.scalar(select(AuditEntry).filter_by(action="user.role_removed"))
        assert removed.details["before"] == {"role": "commune_officer", "unit_id": commune, "unit": "Bình Lư"}
        assert removed.details["after"] is None


def unit_options(page):
    """{level label: [option text, sorted]} of the role form's unit choice."""
    choice = page[page.index('name="unit_id"'):]
    choice = choice[:choice.index("</select>")]
    return {label: sorted(re.findall(r'<option value="\d+">([^<]*)</option>', options))
            for label, options in re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', choice, re.S)}


def council_options(html):
    choice = html[html.index('name="council_id"'):]
    return re.findall(r'<option value="\d+">([^<]*)</option>', choice[:choice.index("</select>")])


def test_in_a_directory_of_several_provinces_a_role_is_given_in_the_units_of_the_province_chosen(app, admin,
                                                                                                 second_province):
    """A country has some ten thousand communes and seven hundred councils: the role form lists every province, and
    the districts and communes of the province chosen only; the council form the national councils, and those of
    the province chosen."""
    province_id = second_province["province_id"]
    with app.app_context():
        db.session.add(Council(level="district", unit_id=second_province["district_id"],
                               name="Hội đồng huyện Mường Chà"))
        db.session.commit()
        user, lai_châu = find_user("district").id, find_unit("Lai Châu").id

    first = admin.get(f"/admin/users/{user}").get_data(as_text=True)
    chosen = admin.get(f"/admin/users/{user}?province_id={province_id}").get_data(as_text=True)
    unknown = admin.get(f"/admin/users/{user}?province_id=0")

    assert 'data-testid="province-step"' in first
    assert unit_options(first) == {"Xã": [], "Huyện": [], "Tỉnh": sorted(["Lai Châu", "Điện Biên"])}
    assert "<strong>Điện Biên</strong>" in chosen
    assert unit_options(chosen) == {"Xã": ["Sa Lông (Mường Chà)"], "Huyện": ["Mường Chà"],
                                    "Tỉnh": sorted(["Lai Châu", "Điện Biên"])}
    assert unknown.status_code == 404 and "Không có tỉnh này trong danh mục" in unknown.get_data(as_text=True)
    national = "Hội đồng đánh giá, phân hạng sản phẩm OCOP Trung ương"
    assert council_options(first) == [national] and 'data-testid="councils-hint"' in first
    assert council_options(chosen) == [national, "Hội đồng huyện Mường Chà"]
    assert 'data-testid="councils-hint"' not in chosen
    lai_châu_councils = admin.get(f"/admin/users/{user}?province_id={lai_châu}").get_data(as_text=True)
    assert council_options(lai_châu_councils) == ["Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Tam Đường",
                                                  "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Lai Châu", national]
    with app.app_context():
        muong_cha_council = db.session.scalar(select(Council.id).filter_by(name="Hội đồng huyện Mường Chà"))
    assert f'action="/admin/users/{user}/councils?province_id={province_id}"' in chosen
    added = post(admin, f"/admin/users/{user}/councils?province_id={province_id}", council_id=str(muong_cha_council),
                 position="member")
    assert added.status_code == 302 and added.location.endswith(f"/admin/users/{user}?province_id={province_id}")


def test_a_deactivated_user_can_no_longer_sign_in_until_reactivated(app, admin):
    district = user_id(app, "district")

    post(admin, f"/admin/users/{district}/active", active="0")

    refused = sign_in(app.test_client(), "district")
    assert refused.status_code == 401
    assert "Tài khoản đã bị khoá." in refused.get_data(as_text=True)
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).filter_by(action="user.deactivated"))
        assert (entry.details["before"]["is_active"], entry.details["after"]["is_active"]) == (True, False)

    post(admin, f"/admin/users/{district}/active", active="1")

    assert sign_in(app.test_client(), "district").status_code == 302


def test_an_admin_cannot_lock_themselves_out(app, admin):
    own = user_id(app, "admin")

    response = post(admin, f"/admin/users/{own}/active", active="0")

    assert "Không thể tự khoá tài khoản của mình" in admin.get(response.location).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, own).is_active


def test_council_membership_changes_who_scores(app, admin):
    create_user(admin)
    new_id = user_id(app, "can-bo-moi")
    with app.app_context():
        council_id = db.session.scalar(select(Council.id).filter_by(level="district"))
        case = SimpleNamespace(district_id=find_unit("Tam Đường").id, province_id=find_unit("Lai Châu").id)
        before = council_members(case, "district")

    post(admin, f"/admin/users/{new_id}/councils", council_id=council_id, position="member")

    with app.app_context():
        assert council_members(case, "district") == [*before, new_id]
        member_id = db.session.get(Council, council_id).members[-1].id

    post(admin, f"/admin/users/{new_id}/councils", council_id=council_id, position="secretary")

    with app.app_context():
        assert council_members(case, "district") == before
        changed = db.session.scalars(select(AuditEntry).filter_by(action="council.member_set")
                                     .order_by(AuditEntry.id)).all()[-1]
        assert (changed.details["before"]["position"], changed.details["after"]["position"]) == ("member", "secretary")

    post(admin, f"/admin/users/{new_id}/councils/{member_id}/delete")

    with app.app_context():
        assert council_members(case, "district") == before
        assert db.session.scalar(select(AuditEntry).filter_by(action="council.member_removed")) is not None


def test_the_process_versions_show_their_running_cases_and_open_in_the_modeler(app, admin, people, unit_id):
    Cycle(people, unit_id("Tam Đường/Bình Lư"))
    with app.app_context():
        model = latest_version()
        model_id, version, rule_set = model.id, model.version, model.rule_set

    listing = admin.get("/admin/process-models").get_data(as_text=True)
    modeler = admin.get(f"/admin/process-models/{model_id}/edit")

    assert f'<tr data-version="{version}" data-rule-set="{rule_set}">' in listing
    assert '<td class="running-cases">1</td>' in listing
    assert f"/api/v1/process-models/{model_id}/files/ocop_cycle.bpmn" in listing
    assert modeler.status_code == 200
    page = modeler.get_data(as_text=True)
    assert f'data-xml-url="/api/v1/process-models/{model_id}/files/ocop_cycle.bpmn"' in page
    assert 'data-upload-url="/api/v1/process-models"' in page
    assert "bpmn-modeler.production.min.js" in page
    assert '<option value="commune_check_idea.schema.json">' in page
    assert '<option value="commune_officer">' in page
    assert admin.get("/admin/process-models/999/edit").status_code == 404


def test_the_moddle_descriptor_declares_the_spiffworkflow_elements(admin):
    descriptor = admin.get("/admin/static/spiffworkflow.json").get_json()

    assert descriptor["uri"] == "http://spiffworkflow.org/bpmn/schema/1.0/core"
    assert {kind["name"] for kind in descriptor["types"]} >= {"Properties", "Property", "PreScript", "PostScript",
                                                              "CalledDecisionId"}


def test_the_audit_log_filters_by_case_user_action_and_date(app, admin, people, unit_id, clock):
    first = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    clock.advance(days=3)
    second = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    second.decide("commune", "commune_check_idea", "forward")

    def rows(**query):
        page = admin.get("/admin/audit", query_string=query).get_data(as_text=True)
        return page.count("<tr data-action=")

    def actions(**query):
        page = admin.get("/admin/audit", query_string=query).get_data(as_text=True)
        return [line.split('"')[1] for line in page.split("<tr data-action=")[1:]]

    with app.app_context():
        all_entries = db.session.query(AuditEntry).count()
        second_entries = db.session.query(AuditEntry).filter_by(case_id=second.id).count()
        commune_entries = db.session.query(AuditEntry).filter_by(user_id=find_user("commune").id).count()
    assert rows() == all_entries
    assert rows(case=second.case["reference"]) == second_entries
    assert rows(case=str(second.id)) == second_entries
    assert rows(case="OCOP-KHONG-CO") == 0
    assert rows(user="commune") == commune_entries
    assert "task.completed" in actions(user="commune")
    assert rows(user="nobody") == 0
    assert set(actions(action="user.signed_in")) == {"user.signed_in"} and rows(action="user.signed") == 0
    assert actions(**{"from": "2026-03-05", "case": first.case["reference"]}) == []
    assert rows(**{"from": "2026-03-05", "to": "2026-03-05", "case": second.case["reference"]}) == second_entries
    assert rows(**{"to": "2026-03-02", "case": first.case["reference"]}) > 0
    newest_first = actions(case=second.case["reference"])
    assert newest_first[-1] == "case.submitted"


def test_the_audit_log_is_paginated(app, admin, clock):
    with app.app_context():
        from service.audit.log import record
        for number in range(60):
            record("test.entry", number=number)
        db.session.commit()

    first = admin.get("/admin/audit?action=test.entry").get_data(as_text=True)
    second = admin.get("/admin/audit?action=test.entry&page=2").get_data(as_text=True)

    assert first.count("<tr data-action=") == 50
    assert second.count("<tr data-action=") == 10
    assert "/admin/audit?page=2&amp;action=test.entry" in first
    assert "Trang 2 / 2" in second


def test_the_audit_log_says_each_action_in_words_in_the_readers_language(admin, people, unit_id):
    Cycle(people, unit_id("Tam Đường/Bình Lư")).decide("commune", "commune_check_idea", "forward")

    page = admin.get("/admin/audit").get_data(as_text=True)
    assert "Gửi ý tưởng sản phẩm" in page and "Hoàn thành nhiệm vụ" in page and "Đăng nhập" in page
    assert '<option value="task.completed">Hoàn thành nhiệm vụ</option>' in page
    assert '<option value="recognition.decision_published">Ban hành quyết định công nhận</option>' in page
    english = admin.get("/admin/audit?lang=en").get_data(as_text=True)
    assert "Task completed" in english and "Submit a product idea" in english
    assert '<option value="recognition.decision_published">Recognition decision published</option>' in english


def test_every_action_the_service_records_has_its_words_and_a_place_in_the_audit_filter():
    """The filter offers the actions in words (`audit.words.ACTIONS`), not those the log happens to hold: an action
    recorded without words would be missing from it."""
    recorded = set()
    for path in Path(service.__file__).parent.rglob("*.py"):
        recorded |= set(re.findall(r'record\(\s*"([a-z_]+\.[a-z_]+)"', path.read_text()))
    assert len(recorded) > 50 and recorded <= set(ACTIONS), sorted(recorded - set(ACTIONS))


def test_the_rule_sets_page_lists_each_decision_and_the_provinces_adoption(app, admin, clock):
    page = admin.get("/admin/rule-sets").get_data(as_text=True)

    for code, decision, day in (("2019", "1048/QĐ-TTg", "21/08/2019"), ("2023", "148/QĐ-TTg", "24/02/2023"),
                                ("2025", "1489/QĐ-TTg", "06/07/2025")):
        row = page.split(f'<tr data-rule-set="{code}">')[1].split("</tr>")[0]
        assert decision in row and day in row
    assert "Hôm nay (02/03/2026) áp dụng: bộ quy định 2019, 1048/QĐ-TTg." in page
    assert "01/05/2020" in page and "Kế hoạch triển khai Chương trình OCOP tỉnh Lai Châu năm 2020" in page
    english = admin.get("/admin/rule-sets?lang=en").get_data(as_text=True)
    assert "Rule sets" in english and "2020 OCOP plan (May 2020)" in english and "In force from" in english


def test_each_province_s_rule_set_in_force_is_read_in_the_same_statements_for_one_province_and_two(
        app, admin, clock, unit_id):
    """Lai Châu applies 1048 by its 2020 plan; Điện Biên, which recorded nothing, the latest national decision."""
    def page():
        admin.get("/admin/rule-sets")
        with statements_of(app) as statements:
            text = admin.get("/admin/rule-sets").get_data(as_text=True)
        return len(statements), text

    one, _ = page()
    with app.app_context():
        province = AdministrativeUnit(code="11", name="Điện Biên", level="province")
        db.session.add(province)
        db.session.commit()
        điện_biên = province.id
    two, text = page()
    assert two == one
    lai_châu = text.split(f'data-testid="province-{unit_id("Lai Châu")}"')[1].split("</section>")[0]
    other = text.split(f'data-testid="province-{điện_biên}"')[1].split("</section>")[0]
    assert "bộ quy định 2019, 1048/QĐ-TTg." in lai_châu and "bộ quy định 2025, 1489/QĐ-TTg." in other


def test_an_admin_records_and_removes_a_provinces_adoption(app, admin, people):
    with app.app_context():
        province_id = find_unit("Lai Châu").id
    response = post(admin, "/admin/rule-sets/adoptions", province_id=str(province_id), rule_set="2025",
                    effective_from="2026-01-01", decision="Kế hoạch số 12/KH-UBND ngày 15/12/2025")

    assert response.status_code == 302 and response.location == "/admin/rule-sets"
    page = admin.get("/admin/rule-sets").get_data(as_text=True)
    assert "Đã ghi nhận: Lai Châu áp dụng bộ quy định 2025 từ ngày 01/01/2026." in page
    assert "Hôm nay (02/03/2026) áp dụng: bộ quy định 2025, 1489/QĐ-TTg." in page
    assert "Kế hoạch số 12/KH-UBND ngày 15/12/2025" in page
    assert people["producer"].get("/api/v1/forms/start").json["rule_set"] == "2025"
    with app.app_context():
        adoption = db.session.scalar(select(RuleSetAdoption).filter_by(rule_set="2025"))
        adoption_id, recorded_by = adoption.id, adoption.created_by.username
        assert db.session.scalar(select(AuditEntry).filter_by(action="rule_set.adopted")) is not None
    assert recorded_by == "admin"
    assert "Ghi nhận tỉnh áp dụng bộ quy định" in admin.get("/admin/audit").get_data(as_text=True)

    removed = post(admin, f"/admin/rule-sets/adoptions/{adoption_id}/delete")

    assert removed.status_code == 302
    page = admin.get("/admin/rule-sets").get_data(as_text=True)
    assert "Đã bỏ quyết định áp dụng" in page and "bộ quy định 2019, 1048/QĐ-TTg." in page
    assert people["producer"].get("/api/v1/forms/start").json["rule_set"] == "2019"
    assert post(admin, f"/admin/rule-sets/adoptions/{adoption_id}/delete").status_code == 404


@pytest.mark.parametrize("fields, expected", [
    ({"rule_set": "2025", "effective_from": "2025-01-01"}, "Quyết định 1489/QĐ-TTg có hiệu lực từ 06/07/2025"),
    ({"rule_set": "2030", "effective_from": "2026-01-01"}, "Bộ quy định: chưa nhập hoặc không hợp lệ."),
    ({"rule_set": "2025", "effective_from": "mai"}, "Áp dụng từ ngày: chưa nhập hoặc không hợp lệ."),
    ({"rule_set": "2025", "effective_from": "2026-01-01", "province_id": "x"}, "Tỉnh: chưa nhập hoặc không hợp lệ."),
    ({"rule_set": "2025", "effective_from": "2026-01-01", "district": True}, "Không phải một tỉnh"),
])
def test_a_wrong_adoption_is_refused_with_its_reason_and_nothing_is_recorded(app, admin, fields, expected):
    with app.app_context():
        unit_id = find_unit("Tam Đường" if fields.get("district") else "Lai Châu").id
        before = db.session.scalar(select(func.count()).select_from(RuleSetAdoption))
    posted = {name: value for name, value in fields.items() if name != "district"}
    response = post(admin, "/admin/rule-sets/adoptions", **{"province_id": str(unit_id), **posted})

    assert response.status_code == 302
    assert expected in admin.get("/admin/rule-sets").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(RuleSetAdoption)) == before
