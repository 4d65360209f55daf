"""Sign-in that withstands guessing and theft: limits, the same work for unknown usernames,
failed sign-ins audited, sessions that end everywhere, and the security headers."""
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from config import Config, ProductionConfig
from service import create_app
from service.audit.models import AuditEntry
from service.auth import models as auth_models
from service.auth.models import User
from service.extensions import db

REPO = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REAL_LIMITS = {"OCOP_SIGN_IN_LIMITS_PER_ACCOUNT": Config.OCOP_SIGN_IN_LIMITS_PER_ACCOUNT,
               "OCOP_SIGN_IN_LIMITS_PER_ADDRESS": Config.OCOP_SIGN_IN_LIMITS_PER_ADDRESS}


def login(client, username, password, address="127.0.0.1"):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


@pytest.fixture
def limited(make_app, demo):
    """A client of an application with the real sign-in limits (5 a minute per account, 30 per address)."""
    return make_app(**REAL_LIMITS).test_client()


def failures(app):
    with app.app_context():
        return [entry.details for entry in db.session.scalars(
            select(AuditEntry).filter_by(action="user.sign_in_failed").order_by(AuditEntry.id))]


def test_the_real_defaults_are_five_a_minute_and_twenty_an_hour_per_account():
    assert Config.OCOP_SIGN_IN_LIMITS_PER_ACCOUNT == "5 per minute; 20 per hour"
    assert Config.OCOP_SIGN_IN_LIMITS_PER_ADDRESS == "30 per minute; 200 per hour"


def test_five_wrong_passwords_then_the_right_one_is_429_with_retry_after(limited):
    assert [login(limited, "district", f"guess-{n}").status_code for n in range(5)] == [401] * 5

    response = login(limited, "district", "demo")

    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    body = response.get_json()
    assert body["error"] == "too_many_sign_ins"
    assert body["message"] == "Quá nhiều lần đăng nhập, vui lòng thử lại sau / Too many sign-in attempts; retry later"
    assert body["details"] == {"retry_after": int(response.headers["Retry-After"])}


def test_the_account_limit_holds_from_any_address_and_leaves_other_accounts_alone(limited):
    for n in range(5):
        login(limited, "district", f"guess-{n}")

    assert login(limited, "District", "demo", address="10.0.0.9").status_code == 429
    assert login(limited, "province", "demo").status_code == 200


def test_unknown_usernames_are_counted_too_whatever_their_case(limited):
    for n in range(5):
        assert login(limited, "nobody", f"guess-{n}").status_code == 401

    assert login(limited, " NoBody ", "guess").status_code == 429


def test_another_account_from_the_same_address_is_limited_per_address(limited):
    assert {login(limited, f"someone-{n}", "guess").status_code for n in range(30)} == {401}

    assert login(limited, "district", "demo").status_code == 429
    assert login(limited, "district", "demo", address="10.0.0.9").status_code == 200


def test_the_api_and_the_page_share_one_count(limited):
    for n in range(3):
        login(limited, "district", f"guess-{n}")
    token = limited.get("/login").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    for n in range(2):
        page = limited.post("/login", data={"username": "district", "password": "wrong", "csrf_token": token})
        assert page.status_code == 401

    assert login(limited, "district", "demo").status_code == 429


@pytest.fixture
def redis_store():
    """Redis at TEST_REDIS_URL (default 127.0.0.1:6379); without it the test is skipped, unless CI is set."""
    store = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        store.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")
    yield store
    store.close()


def test_sign_in_attempts_are_counted_in_redis_across_processes(database_url, demo, redis_store):
    """Two hosts sharing OCOP_REDIS_URL share the count; without it each counts alone."""
    prefix = f"test-{uuid.uuid4().hex}"

    def host(passwords, **settings):
        script = ("import json, sys\n"
                  "from config import TestConfig\n"
                  "from service import create_app\n"
                  "app = create_app(type('Host', (TestConfig,), json.loads(sys.argv[1])))\n"
                  "client = app.test_client()\n"
                  "print(json.dumps([client.post('/api/v1/auth/login', json={'username': 'district', "
                  "'password': password}).status_code for password in sys.argv[2:]]))\n")
        settings = {"SQLALCHEMY_DATABASE_URI": database_url, **REAL_LIMITS, **settings}
        result = subprocess.run([sys.executable, "-c", script, json.dumps(settings), *passwords], cwd=REPO,
                                capture_output=True, text=True, timeout=120, check=True)
        return json.loads(result.stdout.splitlines()[-1])

    try:
        shared = {"OCOP_REDIS_URL": REDIS_URL, "RATELIMIT_KEY_PREFIX": prefix}
        assert host([f"guess-{n}" for n in range(5)], **shared) == [401] * 5
        assert redis_store.keys(f"LIMITS:LIMITER/{prefix}/*")
        assert host(["demo"], **shared) == [429]
        assert host(["demo"]) == [200]
    finally:
        for key in redis_store.scan_iter(f"LIMITS:LIMITER/{prefix}/*"):
            redis_store.delete(key)


def test_unknown_and_known_usernames_both_verify_a_hash_of_the_configured_method(app, client, demo, monkeypatch):
    verified = []
    real_check = auth_models.check_password_hash

    def counting_check(password_hash, password):
        verified.append(password_hash.split("$", 1)[0])
        return real_check(password_hash, password)

    monkeypatch.setattr(auth_models, "check_password_hash", counting_check)
    method = app.config["OCOP_PASSWORD_HASH"]

    for username, password in (("district", "wrong"), ("nobody", "wrong"), ("district", "demo")):
        verified.clear()
        login(client, username, password)
        assert verified == [method], username


def test_a_stored_hash_of_an_older_method_still_verifies_and_is_replaced(app, client, demo):
    with app.app_context():
        db.session.scalar(select(User).filter_by(username="district")).password_hash = generate_password_hash(
            "demo", method="pbkdf2:sha256:1000")
        db.session.commit()

    assert login(client, "district", "demo").status_code == 200

    with app.app_context():
        stored = db.session.scalar(select(User).filter_by(username="district")).password_hash
        assert stored.startswith(app.config["OCOP_PASSWORD_HASH"] + "$")
    assert login(app.test_client(), "district", "demo").status_code == 200


def test_failed_sign_ins_are_audited_with_the_username_and_address_never_the_password(limited):
    login(limited, "district", "secret-guess", address="203.0.113.7")
    login(limited, "nobody", "secret-guess", address="203.0.113.7")
    for n in range(5):
        login(limited, "province", f"secret-guess-{n}")
    login(limited, "province", "demo")

    entries = failures(limited.application)
    assert [(e["username"], e["address"], e["reason"]) for e in entries[:2]] == [
        ("district", "203.0.113.7", "bad_credentials"), ("nobody", "203.0.113.7", "bad_credentials")]
    assert (entries[-1]["username"], entries[-1]["reason"]) == ("province", "too_many_sign_ins")
    assert len(entries) == 8
    assert "secret-guess" not in json.dumps(entries)


def test_a_refused_disabled_account_is_audited_too(app, client, demo):
    with app.app_context():
        db.session.scalar(select(User).filter_by(username="district")).is_active = False
        db.session.commit()

    assert login(client, "district", "demo").status_code == 403

    assert [e["reason"] for e in failures(app)] == ["account_disabled"]


def test_a_cookie_copied_before_logout_is_refused_after_it(app, auth, demo):
    signed_in = auth.login("district")
    thief = app.test_client()
    thief.set_cookie("session", signed_in.get_cookie("session").value)
    assert thief.get("/api/v1/me").status_code == 200

    assert signed_in.post("/api/v1/auth/logout").status_code == 204

    assert thief.get("/api/v1/me").status_code == 401
    assert auth.login("district").get("/api/v1/me").status_code == 200


def test_changing_the_password_ends_the_other_copies_and_keeps_this_session(app, auth, demo):
    signed_in = auth.login("district")
    copy = app.test_client()
    copy.set_cookie("session", signed_in.get_cookie("session").value)

    response = signed_in.post("/api/v1/me/password", json={"current_password": "demo",
                                                           "new_password": "a longer secret"})

    assert response.status_code == 204
    assert signed_in.get("/api/v1/me").status_code == 200
    assert copy.get("/api/v1/me").status_code == 401
    assert login(app.test_client(), "district", "demo").status_code == 401
    assert login(app.test_client(), "district", "a longer secret").status_code == 200


def test_a_password_change_needs_the_current_password_and_a_long_enough_new_one(app, auth, demo):
    client = auth.login("district")

    wrong = client.post("/api/v1/me/password", json={"current_password": "guess", "new_password": "a longer secret"})
    short = client.post("/api/v1/me/password", json={"current_password": "demo", "new_password": "short"})
    missing = client.post("/api/v1/me/password", json={"new_password": "a longer secret"})

    assert (wrong.status_code, list(wrong.get_json()["details"])) == (422, ["current_password"])
    assert (short.status_code, short.get_json()["details"]["new_password"]) == (
        422, ["Mật khẩu cần ít nhất 8 ký tự / The password needs at least 8 characters"])
    assert (missing.status_code, list(missing.get_json()["details"])) == (422, ["current_password"])
    assert client.get("/api/v1/me").status_code == 200
    assert app.test_client().post("/api/v1/me/password", json={}).status_code == 401
    with app.app_context():
        assert db.session.scalar(select(AuditEntry).filter_by(action="user.password_change_failed")) is not None


def test_guessing_the_current_password_is_limited_like_signing_in(make_app, demo):
    client = make_app(**REAL_LIMITS).test_client()
    assert login(client, "district", "demo").status_code == 200
    for n in range(4):
        assert client.post("/api/v1/me/password", json={"current_password": f"guess-{n}",
                                                        "new_password": "a longer secret"}).status_code == 422

    response = client.post("/api/v1/me/password", json={"current_password": "demo", "new_password": "a longer secret"})

    assert response.status_code == 429
    assert response.headers["Retry-After"]


SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy")


@pytest.mark.parametrize("path", ["/api/v1/me", "/login", "/static/web/app.css", "/api/static/docs.css",
                                  "/no-such-page", "/api/v1/no-such-thing", "/api/docs"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)

    assert {name: response.headers.get(name) for name in SECURITY_HEADERS} == {
        "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                   "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                                   "form-action 'self'; frame-ancestors 'none'",
        "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
    assert "Strict-Transport-Security" not in response.headers


def test_a_429_carries_them_too(limited):
    for n in range(5):
        login(limited, "district", f"guess-{n}")

    response = login(limited, "district", "demo")

    assert response.status_code == 429
    assert response.headers["X-Frame-Options"] == "DENY"


def test_hsts_only_under_the_production_configuration(database_url, tmp_path):
    production = create_app(type("Production", (ProductionConfig,), {
        "SECRET_KEY": "production test key", "SQLALCHEMY_DATABASE_URI": database_url,
        "OCOP_ATTACHMENT_FOLDER": str(tmp_path)}))

    response = production.test_client().get("/api/v1/me")

    assert response.status_code == 401
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response.headers["X-Frame-Options"] == "DENY"
    with production.app_context():
        db.engine.dispose()


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted_and_audited(make_app, demo):
    client = make_app(OCOP_TRUSTED_PROXIES=1, **REAL_LIMITS).test_client()

    def through_proxy(username, client_address):
        return client.post("/api/v1/auth/login", json={"username": username, "password": "guess"},
                           headers={"X-Forwarded-For": client_address})

    assert {through_proxy(f"someone-{n}", "198.51.100.1").status_code for n in range(30)} == {401}
    assert through_proxy("someone-else", "198.51.100.1").status_code == 429
    assert through_proxy("someone-else", "198.51.100.2").status_code == 401
    assert failures(client.application)[-1]["address"] == "198.51.100.2"
