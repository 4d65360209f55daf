"""Request and response bodies of the process model endpoints."""
from marshmallow import Schema, fields, validate


class ProcessModelOutput(Schema):
    id = fields.Integer()
    key = fields.String()
    version = fields.Integer()
    rule_set = fields.String()
    process_id = fields.String()
    checksum = fields.String()
    is_active = fields.Boolean()
    created_by = fields.String(attribute="created_by.username", allow_none=True)
    created_at = fields.DateTime()
    files = fields.Pluck("ProcessModelFileOutput", "name", many=True)
    running_cases = fields.Integer()


class ProcessModelFileOutput(Schema):
    name = fields.String()


class UploadForm(Schema):
    key = fields.String(load_default="ocop_cycle", validate=validate.Regexp(r"^[a-z][a-z0-9_]{1,39}$"))
    rule_set = fields.String(load_default="2019", validate=validate.OneOf(["2019", "2023", "2025"]))
    based_on = fields.Integer(load_default=None, metadata={
        "description": "the version whose other files are carried over (default: the latest of the key)"})
