"""Signing in and out, and changing one's password: the operations behind the API and the pages.

- **Limits.** `limited` puts Flask-Limiter's sign-in limits on a view that checks a password
  (`POST /api/v1/auth/login`, the `/login` page, the password changes): per account, keyed by
  the submitted username lower-cased (known or not; the signed-in user's when changing the
  password), and per client address. The views share the counts, so the API and the page
  together get `OCOP_SIGN_IN_LIMITS_PER_ACCOUNT`. Every attempt counts, before the password is
  checked, so guesses sent in parallel cannot overshoot; a successful one counts too and resets
  nothing. Past a limit the view is not run: `RateLimitExceeded` (429), with `retry_after()`
  seconds to wait. The counts live in Redis when `OCOP_REDIS_URL` is set (shared by every
  process and host), else in the process's memory.
- **The same work for everyone.** An unknown username is checked against a dummy hash of the
  configured method and cost, so it is refused in the time a wrong password takes.
- **Audit.** Every refused attempt writes `user.sign_in_failed` (the username tried, the
  address, the reason; never the password) and commits it, whatever the answer.
- **Session version.** The session keeps the user's id with their `session_version`
  (`User.get_id`); the user loader refuses any other version. Signing out and changing the
  password increment it, so every copy of an older session cookie stops working. No
  remember-me cookie is issued (one would carry the same id and version, and end the same way).
"""
import time

from flask import current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..audit.log import record
from ..errors import ServiceError, Unprocessable
from ..extensions import db, limiter, login_manager
from .models import MIN_PASSWORD_LENGTH, RoleAssignment, User, check_password_of_nobody

ACCOUNT_SCOPE, ADDRESS_SCOPE = "sign-in-account", "sign-in-address"

# reason -> (status, message) of a refused sign-in
REFUSALS = {
    "bad_credentials": (401, "Sai tên đăng nhập hoặc mật khẩu / Wrong username or password"),
    "registration_pending": (403, "Tài khoản đang chờ cán bộ OCOP xã duyệt / "
                                  "The registration awaits the commune officer's approval"),
    "registration_refused": (403, "Đăng ký tài khoản đã bị từ chối / The registration was refused"),
    "account_disabled": (403, "Tài khoản đã bị khoá / This account is disabled"),
    "demo_account_disabled": (403, "Tài khoản dùng thử không được dùng trên hệ thống này / "
                                   "Demo accounts cannot sign in here"),
}
TOO_MANY = "too_many_sign_ins"


class SignInRefused(ServiceError):
    def __init__(self, reason):
        status, message = REFUSALS[reason]
        super().__init__(status, reason, message)


def client_address():
    """The client's address (behind OCOP_TRUSTED_PROXIES proxies, the one they forward)."""
    return get_remote_address()


def submitted_username():
    """The username of the request's JSON body or form, stripped and lower-cased ("" when none)."""
    body = request.get_json(silent=True) if request.is_json else request.form
    username = body.get("username") if isinstance(body, dict) else None
    return username.strip().lower() if isinstance(username, str) else ""


def _account():
    return current_user.username.lower() if current_user.is_authenticated else submitted_username()


def _audit_too_many(request_limit):
    """Flask-Limiter's on_breach: the refused attempt goes to the audit log before the 429."""
    _record_failure(TOO_MANY, _account())


def limited(view):
    """The sign-in limits, per account and per address, on a view that checks a password."""
    per_account = limiter.shared_limit(lambda: current_app.config["OCOP_SIGN_IN_LIMITS_PER_ACCOUNT"],
                                       scope=ACCOUNT_SCOPE, key_func=_account, methods=["POST"],
                                       exempt_when=lambda: not _account(), on_breach=_audit_too_many)
    per_address = limiter.shared_limit(lambda: current_app.config["OCOP_SIGN_IN_LIMITS_PER_ADDRESS"],
                                       scope=ADDRESS_SCOPE, key_func=client_address, methods=["POST"],
                                       on_breach=_audit_too_many)
    return per_address(per_account(view))


def retry_after():
    """Seconds until the limit the current request exceeded lets it through again (as Flask-Limiter counts them)."""
    return max(1, int(limiter.current_limit.reset_at - time.time()))


def may_sign_in(user):
    return user.is_active and (current_app.config["OCOP_DEMO_MODE"] or not user.is_demo)


@login_manager.user_loader
def load_user(user_id):
    """The session's user, if the session's version is still the user's and they may still sign in. Their role
    assignments come in the same statement with each role and unit, which the layout's user menu, `units_for`
    and `GET /me` read."""
    id_text, _, version = user_id.partition(":")
    if not id_text.isdigit() or not version.isdigit():
        return None
    assignments = joinedload(User.role_assignments)
    user = db.session.get(User, int(id_text), options=[assignments.joinedload(RoleAssignment.role),
                                                         assignments.joinedload(RoleAssignment.unit)])
    if user is None or user.session_version != int(version) or not may_sign_in(user):
        return None
    return user


def _refusal(user):
    if not user.is_active and user.registration_status in ("pending", "refused"):
        return f"registration_{user.registration_status}"
    if not user.is_active:
        return "account_disabled"
    if not may_sign_in(user):
        return "demo_account_disabled"
    return None


def _record_failure(reason, username, user=None):
    record("user.sign_in_failed", username=username, address=client_address(), reason=reason,
           target_user_id=user.id if user is not None else None)
    db.session.commit()


def sign_in(username, password):
    """Sign `username` in on this session and return the user, or raise SignInRefused (audited)."""
    user = db.session.scalar(select(User).where(User.username == username))
    verified = user.check_password(password) if user is not None else check_password_of_nobody(password)
    reason = "bad_credentials" if not verified else _refusal(user)
    if reason is not None:
        _record_failure(reason, username, user)
        raise SignInRefused(reason)
    if not user.password_hash_is_current():
        user.set_password(password)
    login_user(user)
    record("user.signed_in", user=user, address=client_address())
    db.session.commit()
    return user


def sign_out(user):
    """End this session and every copy of it, and every other session of the user."""
    record("user.signed_out", user=user)
    user.end_sessions()
    db.session.commit()
    logout_user()


def change_password(user, current_password, new_password):
    """Replace the user's password; their other sessions end, this one goes on."""
    problems = {}
    if not user.check_password(current_password):
        record("user.password_change_failed", user=user, address=client_address(), reason="wrong_password")
        db.session.commit()
        problems["current_password"] = ["Mật khẩu hiện tại không đúng / The current password is wrong"]
    elif len(new_password) < MIN_PASSWORD_LENGTH:
        problems["new_password"] = [f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự / "
                                    f"The password needs at least {MIN_PASSWORD_LENGTH} characters"]
    if problems:
        raise Unprocessable("invalid_password_change", "Không đổi được mật khẩu / The password was not changed",
                            details=problems)
    user.set_password(new_password)
    user.end_sessions()
    record("user.password_changed", user=user, address=client_address())
    login_user(user)
    db.session.commit()
