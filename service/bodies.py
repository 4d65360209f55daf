"""Request bodies and query strings, parsed by marshmallow schemas; bad input answers 4xx."""
from flask import request
from marshmallow import ValidationError

from .errors import ServiceError, Unprocessable


def json_body(schema):
    """The request's JSON body loaded by `schema` (unknown fields refused)."""
    return _load(schema, json_object())


def json_object():
    """The request's JSON body, which must be an object."""
    if not request.is_json:
        raise ServiceError(415, "unsupported_media_type",
                           "Nội dung phải là JSON / The body must be application/json")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ServiceError(400, "bad_json", "Nội dung phải là một đối tượng JSON / The body must be a JSON object")
    return data


def query_args(schema, args=None):
    """The query string (or `args` read from it) loaded by `schema` (unknown parameters refused, unless
    the schema excludes them)."""
    return _load(schema, request.args.to_dict() if args is None else args)


def _load(schema, data):
    try:
        return schema.load(data)
    except ValidationError as error:
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details=error.messages) from None


def load_form(schema):
    """The non-file fields of a multipart form, loaded by `schema`; every part must have a name."""
    if any(not name for name in (*request.form.keys(), *request.files.keys())):
        raise Unprocessable("unnamed_field", "Mỗi phần của biểu mẫu phải có tên (name) / "
                                             "Every part of the form needs a name")
    return _load(schema, request.form.to_dict())
