"""Sign in, sign out, and who am I. The session is Flask's signed, HttpOnly cookie."""
from flask import Blueprint, current_app
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from ..audit.log import record
from ..bodies import json_body
from ..errors import Forbidden, ServiceError, http_error_response
from ..extensions import db, login_manager
from .models import User
from .schemas import LoginInput, MeOutput

bp = Blueprint("auth", __name__, url_prefix="/api/v1")


def may_sign_in(user):
    return user.is_active and (current_app.config["OCOP_DEMO_MODE"] or not user.is_demo)


@login_manager.user_loader
def load_user(user_id):
    user = db.session.get(User, int(user_id))
    return user if user is not None and may_sign_in(user) else None


@login_manager.unauthorized_handler
def unauthorized():
    return http_error_response(401)


@bp.post("/auth/login")
def login():
    """Sign in with a username and password.
    ---
    post:
      tags: [auth]
      requestBody:
        required: true
        content:
          application/json:
            schema: LoginInput
      responses:
        200:
          description: Signed in; the session cookie is set. The body is the signed-in user.
          content:
            application/json:
              schema: MeOutput
        401:
          description: Wrong username or password.
        403:
          description: The account is disabled, or is a demo account and demo mode is off.
        422:
          description: Missing or unknown fields.
    """
    credentials = json_body(LoginInput())
    user = db.session.scalar(select(User).where(User.username == credentials["username"]))
    if user is None or not user.check_password(credentials["password"]):
        raise ServiceError(401, "bad_credentials", "Sai tên đăng nhập hoặc mật khẩu / Wrong username or password")
    if not user.is_active:
        raise Forbidden("account_disabled", "Tài khoản đã bị khoá / This account is disabled")
    if not may_sign_in(user):
        raise Forbidden("demo_account_disabled", "Tài khoản dùng thử không được dùng trên hệ thống này / "
                                                 "Demo accounts cannot sign in here")
    login_user(user)
    record("user.signed_in", user=user)
    db.session.commit()
    return MeOutput().dump(user)


@bp.post("/auth/logout")
@login_required
def logout():
    """Sign out: the session cookie is cleared.
    ---
    post:
      tags: [auth]
      responses:
        204:
          description: Signed out.
        401:
          description: Not signed in.
    """
    record("user.signed_out", user=current_user)
    db.session.commit()
    logout_user()
    return "", 204


@bp.get("/me")
@login_required
def me():
    """The signed-in user, their roles with the units they hold them for, and their entity.
    ---
    get:
      tags: [auth]
      responses:
        200:
          description: The signed-in user.
          content:
            application/json:
              schema: MeOutput
        401:
          description: Not signed in.
    """
    return MeOutput().dump(current_user)
