"""Signing in and out, and who am I."""
from sqlalchemy import select

from service.audit.models import AuditEntry
from service.auth.models import User
from service.directory.models import AdministrativeUnit
from service.extensions import db


def test_login_answers_the_user_with_roles_and_units(client, demo):
    response = client.post("/api/v1/auth/login", json={"username": "commune", "password": "demo"})

    assert response.status_code == 200
    me = response.get_json()
    assert me["username"] == "commune"
    assert [(r["code"], r["level"], r["unit"]["name"]) for r in me["roles"]] == [
        ("commune_officer", "commune", "Bình Lư")]
    assert "password" not in me


def test_me_after_login_shows_the_producers_entity(auth, demo):
    client = auth.login("producer")

    me = client.get("/api/v1/me").get_json()

    assert me["entity"]["name"] == "HTX Nông nghiệp và Dịch vụ Bình Lư"
    assert me["entity"]["commune"]["name"] == "Bình Lư"
    assert me["roles"][0]["code"] == "producer"


def test_national_roles_have_no_unit(auth, demo):
    me = auth.as_user("national-council-1").get("/api/v1/me").get_json()

    assert me["roles"] == [{"code": "national_council", "level": "national", "unit": None,
                            "name_vi": "Thành viên Hội đồng đánh giá cấp Trung ương",
                            "name_en": "National council member"}]


def test_several_users_act_in_one_test(auth, demo):
    district = auth.as_user("district")
    province = auth.as_user("province")

    assert district.get("/api/v1/me").get_json()["username"] == "district"
    assert province.get("/api/v1/me").get_json()["username"] == "province"
    assert auth.as_user("district") is district


def test_logout_ends_the_session(auth, demo):
    client = auth.login("district")

    assert client.post("/api/v1/auth/logout").status_code == 204
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response.get_json()["error"] == "not_signed_in"


def test_me_without_signing_in_is_401_json(client):
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response.get_json() == {"error": "not_signed_in", "details": None,
                                   "message": "Bạn chưa đăng nhập / You are not signed in"}


def test_wrong_password_is_401(client, demo):
    response = client.post("/api/v1/auth/login", json={"username": "district", "password": "wrong"})

    assert response.status_code == 401
    assert response.get_json()["error"] == "bad_credentials"
    assert response.get_json()["message"] == "Sai tên đăng nhập hoặc mật khẩu / Wrong username or password"


def test_unknown_user_is_401_like_a_wrong_password(client, demo):
    response = client.post("/api/v1/auth/login", json={"username": "nobody", "password": "demo"})

    assert response.status_code == 401
    assert response.get_json()["error"] == "bad_credentials"


def test_unknown_fields_are_refused(client, demo):
    response = client.post("/api/v1/auth/login", json={"username": "district", "password": "demo", "admin": True})

    assert response.status_code == 422
    assert response.get_json()["details"] == {"admin": ["Unknown field."]}


def test_missing_fields_are_named(client):
    response = client.post("/api/v1/auth/login", json={"username": "district"})

    assert response.status_code == 422
    assert list(response.get_json()["details"]) == ["password"]


def test_a_disabled_account_cannot_sign_in(app, client, demo):
    with app.app_context():
        db.session.scalar(select(User).filter_by(username="district")).is_active = False
        db.session.commit()

    response = client.post("/api/v1/auth/login", json={"username": "district", "password": "demo"})

    assert response.status_code == 403
    assert response.get_json()["error"] == "account_disabled"


def test_demo_accounts_are_refused_when_demo_mode_is_off(make_app, demo):
    client = make_app(OCOP_DEMO_MODE=False).test_client()

    response = client.post("/api/v1/auth/login", json={"username": "admin", "password": "demo"})

    assert response.status_code == 403
    assert response.get_json()["error"] == "demo_account_disabled"


def test_a_demo_session_ends_when_demo_mode_is_turned_off(make_app, auth, demo):
    signed_in = auth.login("admin")
    cookie = signed_in.get_cookie("session")
    client = make_app(OCOP_DEMO_MODE=False).test_client()
    client.set_cookie("session", cookie.value)

    assert client.get("/api/v1/me").status_code == 401


def test_signing_in_is_audited(app, auth, demo):
    auth.login("district")

    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).filter_by(action="user.signed_in"))
        assert entry.user.username == "district"
        assert entry.created_at.tzinfo is not None


def test_units_for(app, demo):
    with app.app_context():
        district = db.session.scalar(select(User).filter_by(username="district"))
        national = db.session.scalar(select(User).filter_by(username="national"))

        assert [db.session.get(AdministrativeUnit, unit_id).name
                for unit_id in district.units_for("district_officer")] == ["Tam Đường"]
        assert district.units_for("province_officer") == []
        assert national.units_for("national_officer") is None
        assert national.has_role("national_officer") and not national.has_role("admin")
