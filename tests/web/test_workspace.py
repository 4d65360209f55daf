"""The reviewer workspace with Flask's test client: the inbox's tabs, filters and order; the task page's
permissions, form errors, claim, unclaim and completion; the council's score sheet."""
import io
import re

import pytest
from sqlalchemy import event

from service.extensions import db
from tests.cycle import BUSINESS_PLAN, DOSSIER, Cycle, sheet_of

from .support import csrf_token

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def new_case(people, unit_id):
    return lambda commune="Tam Đường/Bình Lư", producer="producer", **idea: Cycle(
        _Producer(people, producer), unit_id(commune), **idea)


class _Producer:
    """The people of tests/cycle.py, with another producer account creating the case."""

    def __init__(self, people, producer):
        self.people, self.producer = people, producer

    def __getitem__(self, username):
        return self.people[self.producer if username == "producer" else username]


def page(client, path):
    response = client.get(path)
    return response.status_code, response.get_data(as_text=True)


def post(client, path, data, token_from):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, token_from)})


def rows(html):
    """The task ids of the inbox's rows, in order."""
    return [int(task_id) for task_id in re.findall(r'data-task-id="(\d+)"', html)]


def counts(html):
    return {tab: int(count) for tab, count in re.findall(r'data-count="([a-z-]+)">(\d+)<', html)}


def field_html(html, name):
    """The markup of one form field, from its label or fieldset to the next field."""
    start = html.index(f'data-field="{name}"')
    end = html.find('class="schema-field"', start)
    return html[start:end if end != -1 else len(html)]


# --- inbox -------------------------------------------------------------------------------------------

def test_officials_go_from_home_to_the_inbox_and_see_it_in_the_top_bar(people):
    response = people["district"].get("/")

    assert response.location == "/inbox"
    status, html = page(people["district"], "/inbox")
    assert status == 200
    assert re.search(r'<a href="/inbox" aria-current="page">Hộp việc</a>', html)


def test_the_tabs_count_my_claimable_and_visible_tasks(new_case, people):
    case = new_case()
    commune = people["commune"]

    _, mine = page(commune, "/inbox")
    _, claimable = page(commune, "/inbox?tab=claimable")

    assert counts(mine) == {"mine": 0, "claimable": 1, "all-visible": 1}
    assert rows(mine) == []
    assert "Không có nhiệm vụ nào." in mine
    task = case.task("commune", "commune_check_idea")
    assert rows(claimable) == [task["id"]]
    assert case.case["reference"] in claimable and "Miến dong Bình Lư" in claimable
    assert "Xã kiểm tra ý tưởng" in claimable
    assert "Cán bộ OCOP xã" in claimable and "Chưa ai nhận" in claimable

    post(commune, f"/tasks/{task['id']}/claim", {"next": "/inbox?tab=claimable"}, "/inbox")
    _, mine = page(commune, "/inbox")

    assert counts(mine) == {"mine": 1, "claimable": 0, "all-visible": 1}
    assert rows(mine) == [task["id"]]
    assert "Cán bộ OCOP xã Bình Lư" in mine and "Trả lại" in mine


def test_filters_by_district_step_product_group_and_due_date(new_case, people, clock, unit_id):
    tam_duong = new_case()
    than_uyen = new_case("Than Uyên/Mường Mít", producer="producer-2", product_name="Mật ong Thanh Xuân",
                         product_group="do_uong", product_subgroup="do_uong_khong_con",
                         entity_name="HTX Nông nghiệp Mường Mít")
    clock.advance(days=10)
    later = new_case()
    later.decide("commune", "commune_check_idea", "forward")
    province = people["province"]
    first, second, third = (case.refresh()["open_tasks"][0] for case in (tam_duong, than_uyen, later))

    def shown(query):
        return rows(page(province, f"/inbox?tab=all-visible&{query}")[1])

    assert shown("") == [first["id"], second["id"], third["id"]]
    assert shown(f"district_id={unit_id('Than Uyên')}") == [second["id"]]
    assert shown("step=district_review_idea") == [third["id"]]
    assert shown("product_group=do_uong") == [second["id"]]
    assert shown(f"due_before={first['due_at'][:10]}") == [first["id"], second["id"]]
    assert shown("district_id=not-a-number") == [first["id"], second["id"], third["id"]]
    _, html = page(province, f"/inbox?tab=all-visible&district_id={unit_id('Than Uyên')}&step=commune_check_idea")
    assert counts(html) == {"mine": 0, "claimable": 0, "all-visible": 3}
    assert re.search(rf'<option value="{unit_id("Than Uyên")}" selected>Than Uyên</option>', html)


def test_the_district_filter_offers_the_districts_of_ones_jurisdiction(people):
    def districts(username):
        html = page(people[username], "/inbox")[1]
        choice = html[html.index('name="district_id"'):]
        return re.findall(r'<option value="\d+">([^<]+)</option>', choice[:choice.index("</select>")])

    assert districts("commune") == districts("district") == ["Tam Đường"]
    assert {"Tam Đường", "Than Uyên"} <= set(districts("province")) and districts("province") == districts("admin")


def test_a_national_inbox_chooses_the_province_before_its_districts(new_case, people, unit_id, second_province):
    """In a directory of several provinces an administrator's district filter is not some seven hundred districts
    of the country: the provinces first, then the districts of the province chosen; the API filters the same way."""
    task = new_case().task("commune", "commune_check_idea")
    điện_biên = second_province["province_id"]
    admin, lai_châu = people["admin"], unit_id("Lai Châu")

    _, first = page(admin, "/inbox?tab=all-visible")
    _, chosen = page(admin, f"/inbox?tab=all-visible&province_id={lai_châu}")
    _, other = page(admin, f"/inbox?tab=all-visible&province_id={điện_biên}&district_id={unit_id('Tam Đường')}")

    assert "Lai Châu</option>" in first and "Điện Biên</option>" in first
    assert 'data-testid="district_id-chosen-first"' in first and "Tam Đường</option>" not in first
    assert rows(first) == rows(chosen) == [task["id"]] and rows(other) == []
    assert f'<option value="{lai_châu}" selected>Lai Châu</option>' in chosen and "Than Uyên</option>" in chosen
    assert "Mường Chà</option>" in other and " selected>Tam Đường" not in other
    api = admin.get("/api/v1/tasks", query_string={"scope": "all-visible", "province_id": điện_biên}).json
    assert api["items"] == [] and admin.get("/api/v1/tasks", query_string={
        "scope": "all-visible", "province_id": lai_châu}).json["items"][0]["id"] == task["id"]


def test_overdue_tasks_come_first_highlighted_with_their_due_date(new_case, people, clock):
    older = new_case()
    clock.advance(days=10)
    newer = new_case()
    clock.advance(days=6)
    older_task, newer_task = older.task("commune", "commune_check_idea"), newer.task("commune", "commune_check_idea")

    _, html = page(people["commune"], "/inbox?tab=claimable")

    assert rows(html) == [older_task["id"], newer_task["id"]]
    first_row = html[html.index(f'data-task-id="{older_task["id"]}"'):html.index(f'data-task-id="{newer_task["id"]}"')]
    assert 'class="overdue"' in first_row and "Quá hạn" in first_row
    assert "17/03/2026" in first_row  # 15 days after 2 March, in Vietnam's time
    assert "Quá hạn" not in html[html.index(f'data-task-id="{newer_task["id"]}"'):]


def test_the_inbox_reads_a_page_in_the_same_number_of_queries_whatever_its_size(app, new_case, people):
    province, commune = people["province"], people["commune"]

    def claimed_case():
        task = new_case().task("commune", "commune_check_idea")
        commune.post(f"/api/v1/tasks/{task['id']}/claim")

    def queries_for_page():
        statements = []
        with app.app_context():
            listener = lambda *args: statements.append(args[2])  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                assert province.get("/inbox?tab=all-visible").status_code == 200
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    claimed_case()
    queries_for_page()  # a process's first page reads the diagrams of the step filter once (cached by checksum)
    one_row = queries_for_page()
    for _ in range(3):
        claimed_case()
    new_case()
    assert queries_for_page() == one_row


def test_pages_of_the_inbox(new_case, people, monkeypatch):
    monkeypatch.setattr("service.workspace.pages.PER_PAGE", 2)
    tasks = [new_case().task("commune", "commune_check_idea")["id"] for _ in range(3)]

    _, first = page(people["commune"], "/inbox?tab=claimable")
    _, second = page(people["commune"], "/inbox?tab=claimable&page=2")

    assert rows(first) == tasks[:2] and rows(second) == tasks[2:]
    assert "Trang 1/2 · 3 nhiệm vụ" in first and 'href="/inbox?tab=claimable&amp;page=2" rel="next"' in first


# --- who may open a task -----------------------------------------------------------------------------

def test_a_district_officer_of_another_district_gets_the_friendly_404(new_case, people):
    task = new_case().task("commune", "commune_check_idea")

    status, html = page(people["district-2"], f"/tasks/{task['id']}")

    assert status == 404
    assert "Không tìm thấy" in html and "Miến dong" not in html
    assert post(people["district-2"], f"/tasks/{task['id']}/claim", {}, "/inbox").status_code == 404


def test_a_council_member_cannot_open_another_members_score_sheet(new_case, people):
    case = new_case().through_district_dossier()
    own = case.task("district-council-1", "district_council_scoring")
    other = case.task("district-council-2", "district_council_scoring")

    assert page(people["district-council-1"], f"/tasks/{own['id']}")[0] == 200
    assert page(people["district-council-1"], f"/tasks/{other['id']}")[0] == 404
    response = post(people["district-council-1"], f"/tasks/{other['id']}",
                    sheet_of(people["district-council-1"], own["id"], 80), f"/tasks/{own['id']}")
    assert response.status_code == 404


# --- the task page -----------------------------------------------------------------------------------

def test_the_task_page_shows_the_case_the_form_and_the_dossier(new_case, people):
    case = new_case()
    task = case.task("commune", "commune_check_idea")

    status, html = page(people["commune"], f"/tasks/{task['id']}")

    assert status == 200
    assert "<h1>Xã kiểm tra ý tưởng</h1>" in html
    assert case.case["reference"] in html and "Bình Lư, Tam Đường" in html
    assert "Chuyển lên huyện" in field_html(html, "decision")  # the choices' titles, not their codes
    assert 'name="csrf_token"' in html and "Nhận việc" in html
    assert "17/03/2026" in html and "Quá hạn" not in html


def test_the_district_sees_on_the_dossier_check_which_required_documents_are_missing(new_case, people):
    case = new_case()
    for document, item in (("phieu-dang-ky.pdf", "phieu_dang_ky"), ("ke-hoach.pdf", "phuong_an_kinh_doanh"),
                           ("mo-ta-htx.pdf", "mo_ta_chu_the")):
        response = people["producer"].post(f"/api/v1/cases/{case.id}/attachments",
                                           data={"file": (io.BytesIO(PDF), document), "item": item})
        assert response.status_code == 201, response.json
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    case.complete("producer", "submit_business_plan", BUSINESS_PLAN)
    case.decide("district", "district_review_plan", "approve")
    case.complete("producer", "submit_dossier", DOSSIER)
    task = case.task("district", "district_check_dossier")

    status, html = page(people["district"], f"/tasks/{task['id']}")

    assert status == 200
    missing = re.findall(r'data-item="([a-z_]+)">\s*<span class="item-name">[^<]*</span>\s*'
                         r'<mark class="badge badge-missing" data-testid="item-missing">thiếu</mark>', html)
    assert missing == ["dang_ky_kinh_doanh"]
    assert "Còn thiếu 1 tài liệu bắt buộc." in html and "mo-ta-htx.pdf" in html
    response = people["producer"].post(f"/api/v1/cases/{case.id}/attachments",
                                       data={"file": (io.BytesIO(PDF), "dkkd.pdf"), "item": "dang_ky_kinh_doanh"})
    assert response.status_code == 201
    html = page(people["district"], f"/tasks/{task['id']}")[1]
    assert 'data-testid="item-missing"' not in html and "Đã có đủ các tài liệu bắt buộc." in html


def test_form_errors_appear_next_to_their_fields(new_case, people):
    case = new_case()
    task = case.task("commune", "commune_check_idea")
    path = f"/tasks/{task['id']}"

    response = post(people["commune"], path, {"decision": "return", "reason": ""}, path)

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bắt buộc phải nhập" in field_html(html, "reason")
    assert 'value="return" checked' in field_html(html, "decision")
    assert case.refresh()["current_step"] == "commune_check_idea"


def test_the_page_reads_whole_numbers_and_refuses_what_is_no_number(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    task = case.task("producer", "submit_business_plan")
    path, producer = f"/tasks/{task['id']}", people["producer"]

    fraction = post(producer, path, {"summary": "Mở rộng", "investment_vnd": "5,5"}, path)
    words = post(producer, path, {"summary": "Mở rộng", "investment_vnd": "năm trăm"}, path)
    whole = post(producer, path, {"summary": "Mở rộng", "investment_vnd": "500000000.0", "timeline": ""}, path)

    assert fraction.status_code == words.status_code == 422
    assert "Phải là một số nguyên" in field_html(fraction.get_data(as_text=True), "investment_vnd")
    assert 'value="năm trăm"' in field_html(words.get_data(as_text=True), "investment_vnd")
    assert whole.status_code == 302
    stored = people["admin"].get(f"/api/v1/tasks/{task['id']}").json["submitted_data"]
    assert stored["investment_vnd"] == 500000000 and type(stored["investment_vnd"]) is int
    assert stored["timeline"] is None


@pytest.mark.parametrize("answer, accepted", [("yes", False), ("1", False), ("true", True), ("on", True)])
def test_a_yes_no_answer_is_true_or_false(new_case, people, answer, accepted):
    case = new_case()
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    case.complete("producer", "submit_business_plan", BUSINESS_PLAN)
    case.decide("district", "district_review_plan", "approve")
    task = case.task("producer", "submit_dossier")
    path, producer = f"/tasks/{task['id']}", people["producer"]

    response = post(producer, path, {"product_description": "Miến dong 500g", "food_safety_certificate": answer}, path)

    if accepted:
        assert response.status_code == 302
        assert people["admin"].get(f"/api/v1/tasks/{task['id']}").json["submitted_data"]["food_safety_certificate"] is True
    else:
        assert response.status_code == 422
        assert "Chọn Có hoặc Không" in field_html(response.get_data(as_text=True), "food_safety_certificate")
        assert case.refresh()["current_step"] == "submit_dossier"


def test_claim_unclaim_and_complete_through_the_pages(new_case, people):
    case = new_case()
    task = case.task("commune", "commune_check_idea")
    path, commune = f"/tasks/{task['id']}", people["commune"]

    response = post(commune, f"{path}/claim", {}, path)
    assert response.location == path
    _, html = page(commune, path)
    assert "Bạn đã nhận" in html and "Bạn đang giữ nhiệm vụ này." in html
    assert people["admin"].get(f"/api/v1/tasks/{task['id']}").json["claimed_by"] == "commune"

    post(commune, f"{path}/unclaim", {"next": "/inbox?tab=claimable"}, path)
    assert people["admin"].get(f"/api/v1/tasks/{task['id']}").json["claimed_by"] is None

    response = post(commune, path, {"decision": "forward", "reason": ""}, path)
    assert response.status_code == 302 and response.location == "/inbox"
    assert "Đã hoàn thành" in page(commune, "/inbox")[1]
    assert case.refresh()["current_step"] == "district_review_idea"
    status, html = page(commune, path)
    assert status == 200 and 'data-testid="submitted"' in html and "Chuyển lên huyện" in html
    assert "<form method=\"post\" class=\"task-form" not in html


def test_a_task_held_by_someone_shows_who_holds_it_and_no_form(new_case, people):
    task = new_case().task("commune", "commune_check_idea")
    path = f"/tasks/{task['id']}"
    post(people["commune"], f"{path}/claim", {}, path)

    status, html = page(people["province"], path)

    assert status == 200
    assert "Đang do Cán bộ OCOP xã Bình Lư giữ." in html and 'class="task-form' not in html


def test_completing_a_task_already_completed_answers_409(new_case, people):
    case = new_case()
    task = case.task("commune", "commune_check_idea")
    path = f"/tasks/{task['id']}"
    token = csrf_token(people["commune"], path)
    case.decide("commune", "commune_check_idea", "forward")

    response = people["commune"].post(path, data={"decision": "reject", "reason": "Trùng", "csrf_token": token})

    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Nhiệm vụ đã hoàn thành" in html and 'data-testid="submitted"' in html
    assert case.refresh()["current_step"] == "district_review_idea"


def test_after_a_return_the_producer_sees_the_reason_on_top(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "return", "Bổ sung mô tả nguyên liệu")
    task = case.task("producer", "revise_idea_commune")

    status, html = page(people["producer"], f"/tasks/{task['id']}")

    assert status == 200
    reason = html.index('data-testid="returned-reason"')
    assert "Bổ sung mô tả nguyên liệu" in html[reason:] and reason < html.index('class="task-form')


def test_the_producer_completes_the_business_plan_and_dossier_on_the_task_page(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    for step, data in (("submit_business_plan", BUSINESS_PLAN), ("submit_dossier", DOSSIER)):
        task = case.task("producer", step)
        form = {name: str(value).lower() if isinstance(value, bool) else str(value) for name, value in data.items()}
        response = post(people["producer"], f"/tasks/{task['id']}", form, f"/tasks/{task['id']}")
        assert response.status_code == 302, response.get_data(as_text=True)
        if step == "submit_business_plan":
            case.decide("district", "district_review_plan", "approve")

    assert case.refresh()["current_step"] == "district_check_dossier"


# --- the council's score sheet -----------------------------------------------------------------------

def test_the_score_sheet_shows_the_criteria_of_the_cases_sheet_with_their_options_and_a_total(new_case, people):
    case = new_case().through_district_dossier()
    task = case.task("district-council-1", "district_council_scoring")
    path, member = f"/tasks/{task['id']}", people["district-council-1"]

    _, html = page(member, path)
    assert "tổ chức sản xuất" in field_html(html, "c_a") and ">35 điểm</option>" in field_html(html, "c_a")
    assert ">40 điểm</option>" in field_html(html, "c_c") and "data-score-sheet=" in html and "/ 100" in html
    assert "score-sheet.js" in html

    response = post(member, path, {"c_a": "37", "c_b": "21", "c_c": "abc"}, path)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Giá trị không hợp lệ" in field_html(html, "c_a") or "Chọn" in field_html(html, "c_a")
    assert "Phải là một số nguyên" in field_html(html, "c_c")

    assert post(member, path, {"c_a": "31", "c_b": "21", "c_c": "26", "remarks": ""}, path).status_code == 302
    _, html = page(member, path)
    assert "<strong>75,0</strong>" in html  # as Vietnamese writes numbers
    assert 'data-stars="4"' in html

