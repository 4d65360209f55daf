"""The producer portal with Flask's test client: registration and its approval, submitting an idea,
"my cases", the case page (dossier, documents, timeline, comments, tasks) and who may open it."""
import io
import re

import pytest
from sqlalchemy import select

from service.audit.models import AuditEntry
from service.auth.models import User
from service.extensions import db
from tests.cycle import Cycle
from tests.statements import statements_of

from .support import csrf_token, sign_in

pytestmark = pytest.mark.one_database

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def html_of(response):
    return response.get_data(as_text=True)


def field_html(html, name):
    """The markup of one form field, from its label or fieldset to the next field."""
    start = html.index(f'data-field="{name}"')
    end = html.find('data-field="', start + 1)
    return html[start:end if end != -1 else len(html)]


def post(client, path, data, token_from):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, token_from)})


@pytest.fixture
def case_of(people, unit_id):
    """A case submitted through the API by the producer (HTX Bình Lư, Tam Đường)."""
    return lambda **idea: Cycle(people, unit_id("Tam Đường/Bình Lư"), **idea)


# --- registration ------------------------------------------------------------------------------

def registration(commune_id, **changes):
    return {"entity_name": "HTX Chè Sơn Bình", "entity_type": "cooperative", "commune_id": str(commune_id),
            "business_registration_no": "", "username": "htx-son-binh", "full_name": "Lò Văn Bình",
            "email": "binh@example.vn", "password": "che-son-binh", "password_again": "che-son-binh", **changes}


def test_the_pending_registrations_are_read_in_the_same_statements_however_many(app, client, people, unit_id):
    """Each with its entity, commune and district."""
    def register(first, last):
        for n in range(first, last):
            response = post(client, "/register", registration(
                unit_id("Tam Đường/Bình Lư"), entity_name=f"HTX {n}", username=f"htx-{n}"), "/register")
            assert response.status_code == 302

    def statements():
        people["commune"].get("/registrations")
        with statements_of(app) as sent:
            page = html_of(people["commune"].get("/registrations"))
        return len(sent), page.count('data-testid="registration"')

    register(0, 1)
    one, listed = statements()
    register(1, 5)
    assert (listed, statements()) == (1, (one, 5))


def test_registration_approval_then_the_new_producer_submits_an_idea(app, client, people, unit_id):
    bình_lư = unit_id("Tam Đường/Bình Lư")
    response = post(client, "/register", registration(bình_lư), "/register")
    assert response.status_code == 302
    assert response.location == "/login"

    refused_sign_in = sign_in(client, "htx-son-binh", "che-son-binh")
    assert refused_sign_in.status_code == 401
    assert "Tài khoản đang chờ cán bộ OCOP xã duyệt." in html_of(refused_sign_in)

    commune = people["commune"]
    listing = html_of(commune.get("/registrations"))
    assert "HTX Chè Sơn Bình" in listing and "Lò Văn Bình (htx-son-binh)" in listing
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == "htx-son-binh"))
    response = post(commune, f"/registrations/{user_id}/approve", {}, "/registrations")
    assert response.status_code == 302
    assert 'data-testid="no-registrations"' in html_of(commune.get("/registrations"))
    with app.app_context():
        user = db.session.get(User, user_id)
        assert (user.is_active, user.registration_status, user.has_role("producer")) == (True, "approved", True)
        assert user.entity.name == "HTX Chè Sơn Bình" and user.entity.commune_id == bình_lư
        actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("registration.%"))
                                     .order_by(AuditEntry.id)).all()
        assert actions == ["registration.submitted", "registration.approved"]

    producer = app.test_client()
    assert sign_in(producer, "htx-son-binh", "che-son-binh").location == "/"
    assert producer.get("/").location == "/cases"
    form = html_of(producer.get("/cases/new"))
    assert "HTX Chè Sơn Bình" in form and 'name="entity_name"' not in form
    response = post(producer, "/cases/new", {"product_name": "Chè shan tuyết Sơn Bình", "product_group": "thuc_pham",
                                             "product_subgroup": "che_va_san_pham_tu_che"}, "/cases/new")
    assert response.status_code == 302
    case_page = html_of(producer.get(response.location))
    assert "Chè shan tuyết Sơn Bình" in case_page
    assert "Xã kiểm tra ý tưởng" in case_page
    assert "Chè shan tuyết Sơn Bình" in html_of(producer.get("/cases"))


def test_registration_errors_are_shown_next_to_their_fields(client, demo, unit_id):
    response = post(client, "/register", registration(unit_id("Tam Đường/Bình Lư"), username="producer",
                                                      entity_name="", password_again="other"), "/register")

    assert response.status_code == 422
    html = html_of(response)
    assert re.search(r'id="entity_name"[^>]*aria-invalid="true".*?Bắt buộc phải nhập', html, re.S)
    assert re.search(r'id="username"[^>]*aria-invalid="true".*?Tên đăng nhập đã có người dùng', html, re.S)
    assert "Hai mật khẩu không khớp" in html
    assert 'value="HTX Chè Sơn Bình"' not in html and 'value="Lò Văn Bình"' in html


def test_a_refusal_needs_a_reason_and_keeps_the_account_closed(app, client, people, unit_id):
    post(client, "/register", registration(unit_id("Tam Đường/Bình Lư")), "/register")
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == "htx-son-binh"))
    commune = people["commune"]

    assert post(commune, f"/registrations/{user_id}/refuse", {"reason": " "}, "/registrations").status_code == 422
    response = post(commune, f"/registrations/{user_id}/refuse", {"reason": "Không có giấy phép"}, "/registrations")

    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, user_id)
        assert (user.is_active, user.registration_status, user.role_assignments) == (False, "refused", [])
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "registration.refused"))
        assert entry.details["reason"] == "Không có giấy phép"
    assert "Đăng ký tài khoản đã bị từ chối." in html_of(sign_in(client, "htx-son-binh", "che-son-binh"))


def test_only_the_officer_of_the_commune_decides_on_a_registration(app, client, people, unit_id):
    post(client, "/register", registration(unit_id("Than Uyên/Mường Mít")), "/register")
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == "htx-son-binh"))

    assert "htx-son-binh" not in html_of(people["commune"].get("/registrations"))
    assert post(people["commune"], f"/registrations/{user_id}/approve", {}, "/registrations").status_code == 403
    assert people["district"].get("/registrations").status_code == 403
    assert people["producer"].get("/registrations").status_code == 403
    with app.app_context():
        assert db.session.get(User, user_id).is_active is False


# --- submitting an idea ------------------------------------------------------------------------

def test_the_idea_form_offers_the_product_groups_and_shows_errors_next_to_the_fields(people):
    producer = people["producer"]
    form = html_of(producer.get("/cases/new"))
    assert '<option value="thuc_pham">Thực phẩm</option>' in form
    assert "Thực phẩm › Thực phẩm chế biến" in form
    assert "HTX Nông nghiệp và Dịch vụ Bình Lư" in form

    response = post(producer, "/cases/new", {"product_name": "Mi", "product_group": "do_uong",
                                             "product_subgroup": "thuc_pham_che_bien"}, "/cases/new")

    assert response.status_code == 422
    html = html_of(response)
    assert "Độ dài phải từ 3 đến 200 ký tự" in field_html(html, "product_name")
    assert html.count('class="field-error"') == 1  # the sub-group is checked once the form itself is valid
    response = post(producer, "/cases/new", {"product_name": "Rượu ngô", "product_group": "do_uong",
                                             "product_subgroup": "thuc_pham_che_bien"}, "/cases/new")
    assert response.status_code == 422
    assert "Phân nhóm không thuộc nhóm sản phẩm đã chọn" in field_html(html_of(response), "product_subgroup")
    assert 'value="Rượu ngô"' in html_of(response)


def test_the_idea_form_registers_an_existing_product_once_at_a_time(people):
    producer = people["producer"]
    form = html_of(producer.get("/cases/new"))
    choice = field_html(form, "product_id")
    product_id = re.search(r'<option value="(\d+)">Miến dong Bình Lư</option>', choice).group(1)
    assert "— Sản phẩm mới —" in choice and 'id="existing-products"' in form and "new_case.js" in form

    response = post(producer, "/cases/new", {"product_id": product_id}, "/cases/new")
    assert response.status_code == 302
    assert "Miến dong Bình Lư" in html_of(producer.get(response.location))
    again = post(producer, "/cases/new", {"product_id": product_id}, "/cases/new")

    assert again.status_code == 422
    assert "chưa kết thúc" in field_html(html_of(again), "product_id")
    assert len(producer.get("/api/v1/cases").json["items"]) == 1


def test_only_producers_submit_ideas(people):
    assert people["district"].get("/cases/new").status_code == 403


# --- my cases and the case page ----------------------------------------------------------------

def test_my_cases_show_status_step_holder_and_due_date_with_a_status_filter(people, case_of):
    first = case_of(product_name="Miến dong loại 1")
    second = case_of(product_name="Miến dong loại 2")
    second.decide("commune", "commune_check_idea", "reject", "Trùng sản phẩm đã có")

    html = html_of(people["producer"].get("/cases"))
    row = html[html.index(f'data-case-id="{first.id}"'):]
    row = row[:row.index("</tr>")]
    assert "Đang xử lý" in row and "Xã kiểm tra ý tưởng" in row and "Cán bộ OCOP xã" in row
    assert re.search(r"<time datetime=[^>]+>\d\d/\d\d/\d{4}</time>", row)
    active = html_of(people["producer"].get("/cases?status=active"))
    assert "Miến dong loại 1" in active and "Miến dong loại 2" not in active
    assert "Miến dong loại 2" in html_of(people["producer"].get("/cases?status=rejected"))
    assert "Miến dong loại" not in html_of(people["producer-2"].get("/cases"))


def test_my_cases_are_paged(people, case_of):
    for number in range(21):
        case_of(product_name=f"Miến dong số {number}")

    first, second = html_of(people["producer"].get("/cases")), html_of(people["producer"].get("/cases?page=2"))

    assert first.count('data-testid="case-row"') == 20 and second.count('data-testid="case-row"') == 1
    assert "Trang 1 / 2 (21 hồ sơ)" in first and "Miến dong số 0<" in second


def test_the_case_page_shows_the_dossier_timeline_documents_and_tasks(people, case_of):
    case = case_of()
    producer = people["producer"]
    assert producer.post(f"/api/v1/cases/{case.id}/attachments",
                         data={"file": (io.BytesIO(PDF), "ke-hoach.pdf")}).status_code == 201

    html = html_of(producer.get(f"/cases/{case.id}"))

    assert case.case["reference"] in html and "Bình Lư, Tam Đường, Lai Châu" in html
    assert "Thực phẩm › Thực phẩm chế biến" in html
    assert re.search(r'href="/api/v1/cases/\d+/attachments/\d+" download>ke-hoach.pdf', html)
    assert 'class="pdf-preview"' in html
    timeline = html[html.index('data-testid="timeline"'):]
    assert "Nguyễn Văn Lư (HTX Bình Lư)" in timeline and "Gửi ý tưởng sản phẩm" in timeline
    assert "Giao nhiệm vụ: Xã kiểm tra ý tưởng" in timeline and "ke-hoach.pdf" in timeline
    assert 'data-diagram-url="/api/v1/cases/' in html and "bpmn-navigated-viewer.production.min.js" in html
    assert 'class="upload"' in html
    task = case.task("commune", "commune_check_idea")
    assert re.search(rf'href="/tasks/{task["id"]}" role="button"\s+class="secondary outline">Xem<', html)
    commune_html = html_of(people["commune"].get(f"/cases/{case.id}"))
    assert re.search(rf'href="/tasks/{task["id"]}" role="button"\s+class="">Xử lý<', commune_html)


def checklist_items(html):
    """{item code: its markup} of the case page's checklist."""
    return dict(re.findall(r'data-testid="checklist-item"\s+data-item="([a-z_]+)">(.*?)</li>\s*'
                           r'(?=<li class="checklist-item|</ol>)', html, re.S))


def test_the_case_page_shows_the_documents_as_the_checklist_of_the_rule_set(people, case_of):
    case = case_of()
    producer = people["producer"]
    filed = producer.post(f"/api/v1/cases/{case.id}/attachments",
                          data={"file": (io.BytesIO(PDF), "phieu-dang-ky.pdf"), "item": "phieu_dang_ky"})
    assert filed.status_code == 201
    assert producer.post(f"/api/v1/cases/{case.id}/attachments",
                         data={"file": (io.BytesIO(PDF), "anh.pdf")}).status_code == 201

    html = html_of(producer.get(f"/cases/{case.id}"))

    items = checklist_items(html)
    assert list(items)[:4] == ["phieu_dang_ky", "phuong_an_kinh_doanh", "mo_ta_chu_the", "dang_ky_kinh_doanh"]
    assert "phieu-dang-ky.pdf" in items["phieu_dang_ky"] and 'data-testid="item-missing"' not in items["phieu_dang_ky"]
    assert "Phương án, kế hoạch sản xuất kinh doanh (biểu 03)" in items["phuong_an_kinh_doanh"]
    assert '>thiếu</mark>' in items["phuong_an_kinh_doanh"] and '>thiếu</mark>' in items["dang_ky_kinh_doanh"]
    assert "thiếu" not in items["phieu_kiem_nghiem"]  # a supporting document is never missing
    other = html[html.index('data-testid="checklist-other"'):html.index('<form class="upload"')]
    assert "Tài liệu khác" in other and "anh.pdf" in other and "anh.pdf" not in "".join(items.values())
    assert "Còn thiếu 3 tài liệu bắt buộc." in html
    upload = html[html.index('<form class="upload"'):]
    assert '<option value="" selected>Tài liệu khác</option>' in upload
    assert '<option value="mo_ta_chu_the">Bản mô tả thông tin về chủ thể (biểu 04) (thiếu)</option>' in upload

    english = html_of(producer.get(f"/cases/{case.id}?lang=en"))
    assert "Business plan (form 03)" in english and ">missing</mark>" in english
    assert "3 required documents are missing." in english and "Other documents" in english


def test_a_comment_is_added_from_the_case_page(people, case_of):
    case = case_of()
    commune = people["commune"]

    response = post(commune, f"/cases/{case.id}/comments", {"body": "Bổ sung ảnh sản phẩm", "next": "/inbox"},
                    f"/cases/{case.id}")
    assert response.location == "/inbox#comments"
    html = html_of(people["producer"].get(f"/cases/{case.id}"))
    assert "Bổ sung ảnh sản phẩm" in html and "Cán bộ OCOP xã Bình Lư" in html
    assert post(commune, f"/cases/{case.id}/comments", {"body": ""}, f"/cases/{case.id}").status_code == 302
    assert html_of(people["producer"].get(f"/cases/{case.id}")).count('data-testid="comment"') == 1
    assert commune.post(f"/cases/{case.id}/comments", data={"body": "no token"}).status_code == 302
    assert html_of(people["producer"].get(f"/cases/{case.id}")).count('data-testid="comment"') == 1


def test_a_case_of_another_producer_or_district_is_the_friendly_404(people, case_of):
    case = case_of()

    for username in ("producer-2", "district-2"):
        response = people[username].get(f"/cases/{case.id}")
        assert response.status_code == 404
        assert "Miến dong" not in html_of(response)
        assert post(people[username], f"/cases/{case.id}/comments", {"body": "x"}, "/cases").status_code == 404
    assert people["district"].get(f"/cases/{case.id}").status_code == 200


def test_pages_ask_visitors_to_sign_in(client):
    for path in ("/cases", "/cases/new", "/cases/1", "/registrations"):
        assert client.get(path).location.startswith("/login?next=")
    assert client.get("/register").status_code == 200


def test_the_top_bar_shows_the_portal_to_producers_and_registrations_to_commune_officers(people):
    producer, commune = html_of(people["producer"].get("/cases")), html_of(people["commune"].get("/cases"))

    assert '<a href="/cases" aria-current="page">Hồ sơ của tôi</a>' in producer and 'href="/cases/new"' in producer
    assert 'href="/registrations"' in commune and 'href="/cases/new"' not in commune
