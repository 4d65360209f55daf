"""Request and response bodies of the process model endpoints."""
from marshmallow import Schema, fields, validate

from ..cases.schemas import Page


class ProcessModelOutput(Schema):
    id = fields.Integer()
    key = fields.String()
    version = fields.Integer()
    rule_set = fields.String()
    effective_from = fields.Date(metadata={"description": "the day the version takes effect for new cases"})
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
    rule_set = fields.String(load_default="2019", validate=validate.OneOf(["2019", "2023", "2025"]),
                             metadata={"description": "the rule set the upload is a new version of"})
    effective_from = fields.Date(load_default=None, metadata={
        "description": "the day new cases may start on it (default: the day the rule set's decision took effect)"})
    based_on = fields.Integer(load_default=None, metadata={
        "description": "the version whose other files are carried over (default: the latest of the key)"})


class ListQuery(Page):
    key = fields.String(load_default=None, metadata={"description": "only the versions of this process"})
    rule_set = fields.String(load_default=None, validate=validate.OneOf(["2019", "2023", "2025"]),
                             metadata={"description": "only the versions of this rule set"})


class AdoptionQuery(Page):
    province_id = fields.Integer(metadata={"description": "only this province's adoptions"})


class RuleSetOutput(Schema):
    code = fields.String()
    decision = fields.String()
    effective_from = fields.Date(metadata={"description": "the day the decision took effect nationally"})
    title_vi = fields.String()
    title_en = fields.String()


class AdoptionOutput(Schema):
    id = fields.Integer()
    province_id = fields.Integer()
    province = fields.String(attribute="province.name")
    rule_set = fields.String()
    effective_from = fields.Date()
    decision = fields.String(allow_none=True)
    created_by = fields.String(attribute="created_by.username", allow_none=True)


class AdoptionForm(Schema):
    province_id = fields.Integer(required=True)
    rule_set = fields.String(required=True, validate=validate.OneOf(["2019", "2023", "2025"]))
    effective_from = fields.Date(required=True)
    decision = fields.String(load_default=None, validate=validate.Length(max=300))


class InForceQuery(Schema):
    province_id = fields.Integer(required=True)
    on = fields.Date(load_default=None, metadata={"description": "the day (default: today)"})
