"""Errors the operations raise, and the JSON every /api/ error answers with.

An error body is always `{"error": code, "message": text, "details": ...}`. Operations raise
a `ServiceError` (or one of its kinds below) with a stable machine code and a Vietnamese-first
message; HTTP errors from Flask, marshmallow validation errors, lost optimistic-locking races
and unexpected exceptions are turned into the same shape. Outside /api/ Flask's own pages stay.
"""
from flask import current_app, jsonify, request
from marshmallow import ValidationError
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError


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
    500: ("internal_error", "Lỗi hệ thống, đã ghi nhận / Internal error; it has been logged"),
    503: ("database_unavailable", "Cơ sở dữ liệu tạm thời không truy cập được / The database is unavailable; "
                                  "retry shortly"),
}


def error_response(status, code, message, details=None):
    response = jsonify(error=code, message=message, details=details)
    response.status_code = status
    return response


def http_error_response(status, details=None):
    code, message = HTTP_ERRORS[status]
    return error_response(status, code, message, details)


def _is_api():
    return request.path.startswith("/api/")


def handle_service_error(error):
    return error_response(error.status, error.code, error.message, error.details)


def handle_validation_error(error):
    return error_response(422, "invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                          error.messages)


def handle_stale_data(error):
    return http_error_response(409)


def handle_database_error(error):
    """SQLite answers "database is locked" when another writer won the race: a conflict, not a fault."""
    if "locked" in str(error.orig).lower():
        return http_error_response(409)
    current_app.logger.exception("database error on %s %s", request.method, request.path)
    return http_error_response(503)


def handle_out_of_range(error):
    """A number no database column holds (SQLite raises OverflowError, PostgreSQL a DataError)."""
    return error_response(422, "out_of_range", "Giá trị nằm ngoài phạm vi cho phép / A value is out of range")


def handle_http_exception(error):
    if not _is_api():
        return error
    if error.code in HTTP_ERRORS:
        response = http_error_response(error.code)
    else:
        response = error_response(error.code, error.name.lower().replace(" ", "_"), error.description)
    if error.code == 405:
        response.headers["Allow"] = error.get_response().headers.get("Allow", "")
    return response


def handle_unexpected(error):
    current_app.logger.exception("unexpected error on %s %s", request.method, request.path)
    if not _is_api():
        return InternalServerError()
    return http_error_response(500)


def register_errorhandlers(app):
    app.register_error_handler(ServiceError, handle_service_error)
    app.register_error_handler(ValidationError, handle_validation_error)
    app.register_error_handler(StaleDataError, handle_stale_data)
    app.register_error_handler(OperationalError, handle_database_error)
    app.register_error_handler(OverflowError, handle_out_of_range)
    app.register_error_handler(DataError, handle_out_of_range)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
