"""Bodies of the council endpoints: a council's minutes of a case."""
from flask import url_for
from marshmallow import Schema, fields


class MinutesOutput(Schema):
    id = fields.Integer()
    level = fields.String()
    council = fields.Function(lambda minutes: minutes.council.name if minutes.council else None)
    filename = fields.String()
    size = fields.Integer()
    sha256 = fields.String()
    created_at = fields.DateTime()
    url = fields.Function(lambda minutes: url_for("councils.minutes_pdf", case_id=minutes.case_id,
                                                  minutes_id=minutes.id))
