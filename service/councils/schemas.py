"""Bodies of the council endpoints: a council's minutes of a case."""
from flask import url_for
from marshmallow import Schema, fields, validate

from ..cases.schemas import Page


class MinutesOutput(Schema):
    id = fields.Integer()
    level = fields.String()
    council = fields.Function(lambda minutes: minutes.council.name if minutes.council else None)
    filename = fields.String()
    state = fields.Function(lambda minutes: "written" if minutes.written_at else "being_prepared", metadata={
        "description": "being_prepared until the background job has written the PDF, then written"})
    size = fields.Integer(allow_none=True)
    sha256 = fields.String(allow_none=True)
    created_at = fields.DateTime(metadata={"description": "when the chair approved the round"})
    written_at = fields.DateTime(allow_none=True)
    url = fields.Function(lambda minutes: url_for("councils.minutes_pdf", case_id=minutes.case_id,
                                                  minutes_id=minutes.id) if minutes.written_at else None)


class BodyMember(Schema):
    user_id = fields.Integer()
    username = fields.String(attribute="user.username")
    full_name = fields.String(attribute="user.full_name")
    position = fields.String(metadata={"description": "chair, vice_chair, member or secretary"})


class BodyOutput(Schema):
    id = fields.Integer()
    kind = fields.String(metadata={"description": "steering_committee, council or help_team"})
    level = fields.String()
    unit_id = fields.Integer()
    unit = fields.String(attribute="unit.name")
    name = fields.String()
    decision_number = fields.String(allow_none=True)
    decision_date = fields.Date(allow_none=True)
    term_from = fields.Date(allow_none=True)
    term_until = fields.Date(allow_none=True)
    members = fields.List(fields.Nested(BodyMember))


class BodyQuery(Page):
    unit_id = fields.Integer()
    kind = fields.String(validate=validate.OneOf(["steering_committee", "council", "help_team"]))


class BodyInput(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(["steering_committee", "council", "help_team"]))
    unit_id = fields.Integer(required=True, metadata={"description": "a district or the province"})
    name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    decision_number = fields.String(required=True, validate=validate.Length(min=1, max=50),
                                    metadata={"description": "the founding decision's number, e.g. 365/QĐ-UBND"})
    decision_date = fields.Date(required=True)
    term_from = fields.Date(load_default=None, metadata={"description": "the decision's date when left out"})
    term_until = fields.Date(load_default=None, metadata={"description": "open when left out"})


class MemberInput(Schema):
    user_id = fields.Integer(required=True)
    position = fields.String(required=True, validate=validate.OneOf(["chair", "vice_chair", "member", "secretary"]))


class CoverageUnit(Schema):
    unit_id = fields.Integer()
    unit = fields.String()
    level = fields.String()
    parent = fields.String(allow_none=True)
    required = fields.List(fields.String(), metadata={"description": "steering_committee, council, help_team, officer"})
    missing = fields.List(fields.String())


class CoverageOutput(Schema):
    total = fields.Integer()
    complete = fields.Integer()
    units = fields.List(fields.Nested(CoverageUnit))
    missing = fields.List(fields.Nested(CoverageUnit))
