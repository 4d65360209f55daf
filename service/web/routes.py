"""The pages of the shell: home (signed-in users go to the inbox), sign-in, sign-out."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from ..audit.log import record
from ..auth.models import User
from ..auth.routes import may_sign_in
from ..extensions import db
from . import bp
from .security import safe_next


@bp.get("/")
def home():
    if current_user.is_authenticated:
        return redirect(url_for("portal.cases" if current_user.has_role("producer") else "workspace.inbox"))
    return render_template("web/home.html")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form; the same rules as POST /api/v1/auth/login."""
    next_url = safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url)
    username, password = request.form.get("username", "").strip(), request.form.get("password", "")
    errors, status = {}, 200
    if request.method == "POST":
        errors = {field: [_("Bắt buộc phải nhập.")] for field, value in (("username", username), ("password", password))
                  if not value}
        status = 422
        if not errors:
            user, message = _authenticate(username, password)
            if user is not None:
                login_user(user)
                record("user.signed_in", user=user)
                db.session.commit()
                return redirect(next_url)
            errors, status = {"form": [message]}, 401
    return render_template("web/login.html", errors=errors, username=username, next=request.values.get("next", ""),
                           demo_mode=current_app.config["OCOP_DEMO_MODE"]), status


def _authenticate(username, password):
    """(user, None) when they may sign in, else (None, the reason to show)."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None or not user.check_password(password):
        return None, _("Sai tên đăng nhập hoặc mật khẩu.")
    if not user.is_active and user.registration_status == "pending":
        return None, _("Tài khoản đang chờ cán bộ OCOP xã duyệt.")
    if not user.is_active and user.registration_status == "refused":
        return None, _("Đăng ký tài khoản đã bị từ chối.")
    if not user.is_active:
        return None, _("Tài khoản đã bị khoá.")
    if not may_sign_in(user):
        return None, _("Tài khoản dùng thử không được dùng trên hệ thống này.")
    return user, None


@bp.post("/logout")
@login_required
def logout():
    record("user.signed_out", user=current_user)
    db.session.commit()
    logout_user()
    flash(_("Bạn đã đăng xuất."), "success")
    return redirect(url_for("web.home"))
