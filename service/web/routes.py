"""The pages of the shell: home (signed-in users go to the inbox), sign-in, sign-out, password change."""
import math

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter import RateLimitExceeded
from flask_login import current_user, login_required

from ..auth import signin
from ..auth.models import MIN_PASSWORD_LENGTH
from ..auth.routes import too_many_sign_ins as api_too_many_sign_ins
from ..errors import Unprocessable
from .i18n import bilingual
from . import bp
from .security import is_api_request, safe_next

# reason of a refused sign-in (service/auth/signin.py) -> what the page says
REFUSALS = {
    "bad_credentials": _l("Sai tên đăng nhập hoặc mật khẩu."),
    "registration_pending": _l("Tài khoản đang chờ cán bộ OCOP xã duyệt."),
    "registration_refused": _l("Đăng ký tài khoản đã bị từ chối."),
    "account_disabled": _l("Tài khoản đã bị khoá."),
    "demo_account_disabled": _l("Tài khoản dùng thử không được dùng trên hệ thống này."),
}


@bp.get("/")
def home():
    if current_user.is_authenticated:
        return redirect(url_for("portal.cases" if current_user.has_role("producer") else "workspace.inbox"))
    return render_template("web/home.html")


def _login_page(errors, status, username=""):
    return render_template("web/login.html", errors=errors, username=username, next=request.values.get("next", ""),
                           demo_mode=current_app.config["OCOP_DEMO_MODE"]), status


@bp.route("/login", methods=["GET", "POST"])
@signin.limited
def login():
    """The sign-in form; the same operation as POST /api/v1/auth/login."""
    next_url = safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url)
    username, password = request.form.get("username", "").strip(), request.form.get("password", "")
    if request.method == "GET":
        return _login_page({}, 200, username)
    errors = {field: [_("Bắt buộc phải nhập.")] for field, value in (("username", username), ("password", password))
              if not value}
    if errors:
        return _login_page(errors, 422, username)
    try:
        signin.sign_in(username, password)
    except signin.SignInRefused as refusal:
        return _login_page({"form": [REFUSALS[refusal.code]]}, 401, username)
    return redirect(next_url)


@bp.post("/logout")
@login_required
def logout():
    signin.sign_out(current_user)
    flash(_("Bạn đã đăng xuất."), "success")
    return redirect(url_for("web.home"))


def _password_page(errors, status):
    return render_template("web/password.html", errors=errors, min_length=MIN_PASSWORD_LENGTH), status


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@signin.limited
def change_password():
    """The signed-in user changes their password; the same operation as POST /api/v1/me/password."""
    if request.method == "GET":
        return _password_page({}, 200)
    new_password = request.form.get("new_password", "")
    if new_password != request.form.get("new_password_again", ""):
        return _password_page({"new_password_again": [_("Hai mật khẩu không khớp.")]}, 422)
    try:
        signin.change_password(current_user, request.form.get("current_password", ""), new_password)
    except Unprocessable as error:
        return _password_page({field: [bilingual(message) for message in messages]
                               for field, messages in error.details.items()}, 422)
    flash(_("Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc."), "success")
    return redirect(url_for("web.home"))


@bp.app_errorhandler(RateLimitExceeded)
def too_many_sign_ins(error):
    """Past a sign-in limit: the API's JSON, or the page again with the time to wait."""
    if is_api_request():
        return api_too_many_sign_ins()
    seconds = signin.retry_after()
    message = _("Quá nhiều lần đăng nhập. Vui lòng thử lại sau %(minutes)s phút.", minutes=math.ceil(seconds / 60))
    if request.endpoint == "web.change_password":
        response, status = _password_page({"form": [message]}, 429)
    else:
        response, status = _login_page({"form": [message]}, 429, request.form.get("username", "").strip())
    return response, status, {"Retry-After": str(seconds)}
