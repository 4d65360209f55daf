"""Errors the operations raise, and what every error answers with.

Operations raise a `ServiceError` (or one of its kinds below) with a stable machine code and a
Vietnamese-first message. Every exception that reaches Flask, whatever its kind (a ServiceError,
an HTTP error, a marshmallow validation error, a lost optimistic-locking race, a database error
or an unexpected exception), is first described as a `Problem` (status, code, message, details),
then answered:
- under /api/, as JSON `{"error": code, "message": text, "details": ...}`;
- elsewhere, as an HTML page in the visitor's language (the `page` given to
  `register_errorhandlers`, see service/web/errors.py), with no internals.

Answering an error cannot fail: details are made JSON-safe (keys become strings, other values
JSON types), and if building the answer fails all the same, the failure is logged and a fixed
minimal answer with the same status is sent.
"""
import html
import json
import math
from dataclasses import dataclass, field

from flask import Response, current_app, jsonify, request
from marshmallow import ValidationError
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from .extensions import db


class ServiceError(Exception):
    def __init__(self, status, code, message, details=None):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


class NotFound(ServiceError):
    def __init__(self, code, message, details=None):
        super().__init__(404, code, message, details)


class Forbidden(ServiceError):
    def __init__(self, code, message, details=None):
        super().__init__(403, code, message, details)


class Conflict(ServiceError):
    def __init__(self, code, message, details=None):
        super().__init__(409, code, message, details)


class Unprocessable(ServiceError):
    def __init__(self, code, message, details=None):
        super().__init__(422, code, message, details)


HTTP_ERRORS = {
    400: ("bad_request", "Yêu cầu không hợp lệ / Bad request"),
    401: ("not_signed_in", "Bạn chưa đăng nhập / You are not signed in"),
    403: ("forbidden", "Bạn không có quyền thực hiện thao tác này / You may not do this"),
    404: ("not_found", "Không tìm thấy / Not found"),
    405: ("method_not_allowed", "Phương thức không được hỗ trợ / Method not allowed"),
    409: ("conflict", "Dữ liệu đã bị thay đổi, hãy tải lại / The data changed meanwhile; reload and retry"),
    413: ("too_large", "Nội dung gửi lên quá lớn / The request is too large"),
    415: ("unsupported_media_type", "Kiểu nội dung không được hỗ trợ / Unsupported media type"),
    422: ("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid"),
    500: ("internal_error", "Lỗi hệ thống, đã ghi nhận / Internal error; it has been logged"),
    503: ("database_unavailable", "Cơ sở dữ liệu tạm thời không truy cập được / The database is unavailable; "
                                  "retry shortly"),
}


@dataclass
class Problem:
    """What an error answers: `from_service` tells that `message` was written for the user by an operation."""
    status: int
    code: str
    message: str
    details: object = None
    headers: dict = field(default_factory=dict)
    from_service: bool = False

    @classmethod
    def http(cls, status, details=None):
        code, message = HTTP_ERRORS[status]
        return cls(status, code, message, details)


def json_safe(value):
    """`value` with every key a string and every other value a JSON type (others become their text)."""
    if isinstance(value, dict):
        return {"null" if key is None else str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(item) for item in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return str(value)


def error_response(status, code, message, details=None):
    response = jsonify(error=code, message=message, details=json_safe(details))
    response.status_code = status
    return response


def http_error_response(status, details=None):
    code, message = HTTP_ERRORS[status]
    return error_response(status, code, message, details)


def _is_api():
    return request.path.startswith("/api/")


def describe(error):
    """The Problem that `error` answers with; unexpected errors and unavailable databases are logged."""
    if isinstance(error, ServiceError):
        return Problem(error.status, error.code, error.message, error.details, from_service=True)
    if isinstance(error, ValidationError):
        return Problem.http(422, error.messages)
    if isinstance(error, StaleDataError):
        return Problem.http(409)
    if isinstance(error, OperationalError):
        # SQLite answers "database is locked" when another writer won the race: a conflict, not a fault.
        if "locked" in str(error.orig).lower():
            return Problem.http(409)
        current_app.logger.exception("database error on %s %s", request.method, request.path)
        return Problem.http(503)
    if isinstance(error, (OverflowError, DataError)):
        # A number no database column holds (SQLite raises OverflowError, PostgreSQL a DataError).
        return Problem(422, "out_of_range", "Giá trị nằm ngoài phạm vi cho phép / A value is out of range")
    if isinstance(error, HTTPException):
        problem = (Problem.http(error.code) if error.code in HTTP_ERRORS
                   else Problem(error.code, error.name.lower().replace(" ", "_"), error.description))
        if error.code == 405:
            problem.headers["Allow"] = error.get_response().headers.get("Allow", "")
        return problem
    current_app.logger.exception("unexpected error on %s %s", request.method, request.path)
    return Problem.http(500)


def _fixed_answer(status, api):
    """An answer built from constants and the site's name only, for when building the real one failed."""
    status = status if isinstance(status, int) and 400 <= status <= 599 else 500
    code, message = HTTP_ERRORS.get(status, HTTP_ERRORS[500] if status >= 500 else HTTP_ERRORS[400])
    if api:
        body = json.dumps({"error": code, "message": message, "details": None})
        return Response(body, status=status, mimetype="application/json")
    vietnamese, _, english = message.partition(" / ")
    site = html.escape(current_app.config.get("OCOP_SITE_NAME", "OCOP"))
    body = (f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>{vietnamese} · {site}</title>'
            f'<h1>{vietnamese}</h1><p lang="en">{english}</p><p><a href="/">Về trang chủ / Home</a></p></html>')
    return Response(body, status=status, mimetype="text/html")


def register_errorhandlers(app, page):
    """Answer every error of `app`: JSON under /api/, `page(problem)` (an HTML response) elsewhere."""

    def answer(error):
        api, status = True, 500
        try:
            api = _is_api()
            problem = describe(error)
            status = problem.status
            db.session.rollback()  # the page's layout reads the database: start from a usable session
            response = error_response(problem.status, problem.code, problem.message, problem.details) if api \
                else page(problem)
            response.headers.update(problem.headers)
            return response
        except Exception:
            current_app.logger.exception("answering %s failed; sent the fixed %s answer", type(error).__name__, status)
            return _fixed_answer(status, api)

    app.register_error_handler(Exception, answer)
