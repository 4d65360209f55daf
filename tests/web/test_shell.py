"""The web shell with Flask's test client: sign-in rules, CSRF, redirects, error pages, languages."""
import pytest
from sqlalchemy import select

from service.auth.models import User
from service.extensions import db

from .support import csrf_token, sign_in

pytestmark = pytest.mark.one_database


def test_the_home_page_offers_to_sign_in_to_register_and_the_public_dashboard(client):
    response = client.get("/")

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'href="/login"' in page and 'href="/register"' in page and 'href="/dashboard"' in page
    assert 'rel="icon"' in page and client.get("/static/web/favicon.svg").status_code == 200


def test_the_deployment_s_name_and_area_are_its_settings(make_app, demo):
    """A province's deployment is named after it by default; a national one sets OCOP_SITE_NAME and OCOP_SITE_AREA
    ("Tiếng Việt / English"), which the top bar, the titles, the home page, the footer and the catalogue show."""
    default = make_app().test_client().get("/").get_data(as_text=True)
    national = make_app(OCOP_SITE_NAME="OCOP Việt Nam", OCOP_SITE_AREA="Việt Nam / Viet Nam").test_client()

    home, catalogue = national.get("/").get_data(as_text=True), national.get("/catalogue").get_data(as_text=True)
    english = national.get("/catalogue?lang=en").get_data(as_text=True)

    assert '<strong>OCOP Lai Châu</strong>' in default and "phân hạng sản phẩm OCOP của tỉnh Lai Châu." in default
    assert '<strong>OCOP Việt Nam</strong>' in home and "Lai Châu" not in home
    assert "phân hạng sản phẩm OCOP của Việt Nam." in home and "Chương trình Mỗi xã một sản phẩm (OCOP) Việt Nam" in home
    assert "<h1>Sản phẩm OCOP Việt Nam</h1>" in catalogue and "· OCOP Việt Nam</title>" in catalogue
    assert "<h1>OCOP products of Viet Nam</h1>" in english and "programme of Viet Nam" in english


def test_on_a_phone_the_top_bar_folds_behind_a_menu_button(client, demo):
    sign_in(client, "admin")
    page = client.get("/inbox").get_data(as_text=True)
    assert 'id="menu-toggle"' in page and 'data-testid="menu-button"' in page
    assert page.index('id="menu-toggle"') < page.index('class="topbar-links"')


def test_a_signed_in_official_goes_from_home_to_the_inbox(client, demo):
    sign_in(client, "commune")

    response = client.get("/")

    assert response.status_code == 302
    assert response.location == "/inbox"


def test_signing_in_goes_to_next_and_is_audited(app, client, demo):
    response = sign_in(client, "district", next="/inbox?tab=mine")

    assert response.status_code == 302
    assert response.location == "/inbox?tab=mine"
    assert client.get("/api/v1/me").get_json()["username"] == "district"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "inbox"])
def test_next_never_leaves_the_site(client, demo, target):
    response = sign_in(client, "district", next=target)

    assert response.location == "/"


def test_a_wrong_password_is_refused(client, demo):
    response = sign_in(client, "district", password="wrong")

    assert response.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu." in response.get_data(as_text=True)
    assert client.get("/api/v1/me").status_code == 401


def test_empty_fields_are_required(client, demo):
    response = client.post("/login", data={"username": "", "password": "", "csrf_token": csrf_token(client)})

    assert response.status_code == 422
    assert response.get_data(as_text=True).count("Bắt buộc phải nhập.") == 2


def test_a_disabled_account_is_refused(app, client, demo):
    with app.app_context():
        db.session.scalar(select(User).filter_by(username="district")).is_active = False
        db.session.commit()

    response = sign_in(client, "district")

    assert response.status_code == 401
    assert "Tài khoản đã bị khoá." in response.get_data(as_text=True)


def test_demo_accounts_are_refused_when_demo_mode_is_off(make_app, demo):
    client = make_app(OCOP_DEMO_MODE=False).test_client()

    response = sign_in(client, "district")

    assert response.status_code == 401
    assert "Tài khoản dùng thử" in response.get_data(as_text=True)


def test_a_form_without_the_csrf_token_is_refused(client, demo):
    response = client.post("/login", data={"username": "district", "password": "demo"},
                           headers={"Referer": "http://localhost/login"})

    assert response.status_code == 302
    assert response.location == "/login"
    assert client.get("/api/v1/me").status_code == 401
    assert "Phiên làm việc đã hết hạn" in client.get("/login").get_data(as_text=True)


def test_the_json_api_needs_no_csrf_token(client, demo):
    response = client.post("/api/v1/auth/login", json={"username": "district", "password": "demo"})

    assert response.status_code == 200


def test_signing_out_needs_a_post_with_the_token(client, demo):
    sign_in(client, "district")

    assert client.get("/logout").status_code == 405
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/inbox")})

    assert response.location == "/"
    assert client.get("/api/v1/me").status_code == 401


def test_pages_redirect_to_sign_in_but_the_api_answers_401_json(client):
    page = client.get("/inbox?tab=mine")
    api = client.get("/api/v1/me")

    assert page.status_code == 302
    assert page.location == "/login?next=/inbox?tab%3Dmine"
    assert api.status_code == 401
    assert api.get_json()["error"] == "not_signed_in"


def test_unknown_pages_are_friendly_and_unknown_api_paths_json(client):
    page = client.get("/no-such-page")
    api = client.get("/api/v1/no-such-thing")

    assert page.status_code == 404
    assert "Không tìm thấy trang" in page.get_data(as_text=True)
    assert api.get_json()["error"] == "not_found"


@pytest.fixture
def guarded_app(make_app):
    from flask import abort

    from service.errors import Forbidden, NotFound

    app = make_app()

    @app.get("/test/forbidden")
    def forbidden():
        abort(403)

    @app.get("/test/other-district")
    def other_district():
        raise Forbidden("not_your_district", "Hồ sơ của huyện khác / A case of another district")

    @app.get("/test/missing-case")
    def missing_case():
        raise NotFound("case_not_found", "Không tìm thấy hồ sơ / Case not found")

    @app.get("/api/v1/test/missing-case")
    def missing_case_api():
        raise NotFound("case_not_found", "Không tìm thấy hồ sơ / Case not found")

    return app


def test_a_page_refusing_access_shows_the_403_page(guarded_app):
    client = guarded_app.test_client()

    plain = client.get("/test/forbidden")
    service = client.get("/test/other-district?lang=en")

    assert plain.status_code == 403
    assert "Không có quyền truy cập" in plain.get_data(as_text=True)
    assert service.status_code == 403
    assert "A case of another district" in service.get_data(as_text=True)
    assert "Hồ sơ của huyện khác" not in service.get_data(as_text=True)


def test_service_not_found_is_a_page_outside_the_api_and_json_inside(guarded_app):
    client = guarded_app.test_client()

    page = client.get("/test/missing-case")
    api = client.get("/api/v1/test/missing-case")

    assert page.status_code == 404
    assert "Không tìm thấy hồ sơ" in page.get_data(as_text=True)
    assert api.status_code == 404
    assert api.get_json()["error"] == "case_not_found"


def test_the_language_is_vietnamese_until_english_is_chosen_and_remembered(client):
    assert '<html lang="vi">' in client.get("/login").get_data(as_text=True)

    english = client.get("/login?lang=en").get_data(as_text=True)
    remembered = client.get("/").get_data(as_text=True)
    back = client.get("/?lang=vi").get_data(as_text=True)

    assert '<html lang="en">' in english and "Password" in english
    assert "One Commune One Product programme" in remembered
    assert "Chương trình Mỗi xã một sản phẩm" in back


def test_an_unknown_language_is_ignored(client):
    assert '<html lang="vi">' in client.get("/login?lang=fr").get_data(as_text=True)


def test_the_language_switch_keeps_the_page_and_its_query(client):
    page = client.get("/login?next=/inbox").get_data(as_text=True)

    assert 'href="/login?next=/inbox&amp;lang=en"' in page


def test_the_top_bar_shows_what_the_role_may_open(client, demo):
    sign_in(client, "producer")

    page = client.get("/inbox").get_data(as_text=True)

    assert 'href="/inbox"' in page
    assert "Chủ thể sản xuất" in page
    assert 'action="/logout"' in page
