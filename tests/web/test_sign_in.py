"""The sign-in page under the limits, signing out everywhere, changing one's password, and the
failed sign-ins on the administrator's audit page."""
import pytest

from config import Config

from .support import csrf_token, sign_in

REAL_LIMITS = {"OCOP_SIGN_IN_LIMITS_PER_ACCOUNT": Config.OCOP_SIGN_IN_LIMITS_PER_ACCOUNT,
               "OCOP_SIGN_IN_LIMITS_PER_ADDRESS": Config.OCOP_SIGN_IN_LIMITS_PER_ADDRESS}


@pytest.fixture
def limited(make_app, demo):
    return make_app(**REAL_LIMITS).test_client()


@pytest.mark.parametrize("lang, message", [
    ("vi", "Quá nhiều lần đăng nhập. Vui lòng thử lại sau 1 phút."),
    ("en", "Too many sign-in attempts. Please try again in 1 minute(s)."),
])
def test_five_wrong_passwords_then_the_right_one_shows_the_page_again_with_429(limited, lang, message):
    limited.get(f"/login?lang={lang}")
    for n in range(5):
        assert sign_in(limited, "district", f"guess-{n}").status_code == 401

    response = sign_in(limited, "district")

    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    page = response.get_data(as_text=True)
    assert message in page
    assert 'name="username" value="district"' in page
    assert limited.get("/inbox").status_code == 302


def test_the_form_page_itself_is_not_counted(limited):
    for _ in range(10):
        assert limited.get("/login").status_code == 200

    assert sign_in(limited, "district").status_code == 302


def test_signing_out_on_the_page_ends_a_copied_cookie(app, client, demo):
    sign_in(client, "district")
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    assert copy.get("/inbox").status_code == 200

    client.post("/logout", data={"csrf_token": csrf_token(client, "/inbox")})

    refused = copy.get("/inbox")
    assert refused.status_code == 302
    assert refused.headers["Location"].startswith("/login")


def test_the_user_menu_leads_to_changing_the_password(app, client, demo):
    sign_in(client, "district")
    assert 'href="/account/password"' in client.get("/inbox").get_data(as_text=True)
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)

    changed = client.post("/account/password", data={
        "current_password": "demo", "new_password": "a longer secret", "new_password_again": "a longer secret",
        "csrf_token": csrf_token(client, "/account/password")})

    assert changed.status_code == 302
    assert "Đã đổi mật khẩu." in client.get(changed.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert client.get("/inbox").status_code == 200
    assert copy.get("/inbox").status_code == 302
    assert sign_in(app.test_client(), "district", "a longer secret").status_code == 302


@pytest.mark.parametrize("fields, field, message", [
    ({"current_password": "guess", "new_password": "a longer secret", "new_password_again": "a longer secret"},
     "current_password", "Mật khẩu hiện tại không đúng"),
    ({"current_password": "demo", "new_password": "short", "new_password_again": "short"},
     "new_password", "Mật khẩu cần ít nhất 8 ký tự"),
    ({"current_password": "demo", "new_password": "a longer secret", "new_password_again": "another secret"},
     "new_password_again", "Hai mật khẩu không khớp."),
])
def test_a_refused_password_change_says_why_next_to_the_field(client, demo, fields, field, message):
    sign_in(client, "district")

    response = client.post("/account/password", data={**fields, "csrf_token": csrf_token(client, "/account/password")})

    assert response.status_code == 422
    assert f'<small id="{field}-error" class="field-error">{message}' in response.get_data(as_text=True)
    assert sign_in(client.application.test_client(), "district").status_code == 302


def test_failed_sign_ins_appear_on_the_audit_page(app, client, demo):
    sign_in(app.test_client(), "nobody", "a guess")
    sign_in(app.test_client(), "district", "another guess")
    sign_in(client, "admin")

    page = client.get("/admin/audit?action=user.sign_in_failed").get_data(as_text=True)

    assert page.count('data-action="user.sign_in_failed"') == 2
    assert "nobody" in page and "127.0.0.1" in page and "bad_credentials" in page
    assert "guess" not in page
