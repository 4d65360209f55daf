"""Sign in, sign out, who am I, and changing one's password (the operations: `signin.py`).

The session is Flask's signed, HttpOnly cookie; it holds the user's id and session version.
"""
from flask import Blueprint
from flask_login import current_user, login_required

from ..bodies import json_body
from ..errors import error_response, http_error_response
from ..extensions import login_manager
from . import signin
from .schemas import ChangePasswordInput, LoginInput, MeOutput

bp = Blueprint("auth", __name__, url_prefix="/api/v1")


@login_manager.unauthorized_handler
def unauthorized():
    return http_error_response(401)


def too_many_sign_ins():
    """The API's answer past a sign-in limit (service/web/routes.py sends /api/ requests here)."""
    seconds = signin.retry_after()
    response = error_response(429, signin.TOO_MANY, "Quá nhiều lần đăng nhập, vui lòng thử lại sau / "
                                                    "Too many sign-in attempts; retry later", {"retry_after": seconds})
    response.headers["Retry-After"] = str(seconds)
    return response


@bp.post("/auth/login")
@signin.limited
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
          description: Wrong username or password (`bad_credentials`).
        403:
          description: The account is disabled, awaits approval or was refused, or is a demo account and demo
            mode is off.
        422:
          description: Missing or unknown fields.
        429:
          description: Too many attempts for this username or from this address (`too_many_sign_ins`); the
            `Retry-After` header says how many seconds to wait.
    """
    credentials = json_body(LoginInput())
    return MeOutput().dump(signin.sign_in(credentials["username"], credentials["password"]))


@bp.post("/auth/logout")
@login_required
def logout():
    """Sign out: this session and every copy of its cookie end, and so do the user's other sessions.
    ---
    post:
      tags: [auth]
      responses:
        204:
          description: Signed out.
        401:
          description: Not signed in.
    """
    signin.sign_out(current_user)
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


@bp.post("/me/password")
@login_required
@signin.limited
def change_password():
    """Change your password. Your other sessions end; this one goes on.
    ---
    post:
      tags: [auth]
      requestBody:
        required: true
        content:
          application/json:
            schema: ChangePasswordInput
      responses:
        204:
          description: Changed.
        401:
          description: Not signed in.
        422:
          description: The current password is wrong or the new one too short (details per field).
        429:
          description: Too many attempts for this account or from this address; see `Retry-After`.
    """
    passwords = json_body(ChangePasswordInput())
    signin.change_password(current_user, passwords["current_password"], passwords["new_password"])
    return "", 204
