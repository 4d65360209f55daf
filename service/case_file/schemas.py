"""The case file in the API: sections, versions and the reviews that judged them."""
from marshmallow import Schema, fields


class ReviewOutput(Schema):
    task_id = fields.Integer(attribute="task.id")
    step = fields.String(attribute="task.step")
    title = fields.String(attribute="task.title")
    decision = fields.String(allow_none=True, metadata={"description": "the form's decision; none for a score sheet"})
    reason = fields.String(allow_none=True)
    version = fields.Integer(attribute="version_number", allow_none=True,
                             metadata={"description": "the number of the version the review judged"})
    by = fields.String(metadata={"description": "who judged: a name, or a council's role for its producer"})
    at = fields.DateTime(attribute="task.completed_at")


class VersionSummary(Schema):
    number = fields.Integer()
    form_name = fields.String()
    submitted_by = fields.String(attribute="submitted_by.full_name")
    submitted_at = fields.DateTime()
    answer = fields.String(allow_none=True, metadata={"description": "the producer's answer to the reviewer"})
    changed = fields.List(fields.String(), metadata={"description": "the fields changed from the version before"})


class VersionDetail(VersionSummary):
    section = fields.String()
    data = fields.Dict(metadata={"description": "the section's whole content at this version"})
    reviews = fields.List(fields.Nested(ReviewOutput), metadata={"description": "the reviews that judged this version"})


class SectionOutput(Schema):
    section = fields.String(metadata={"description": "idea, business_plan or dossier"})
    title = fields.String()
    current = fields.Integer(metadata={"description": "the number of the current (latest) version"})
    versions = fields.List(fields.Nested(VersionSummary))
    reviews = fields.List(fields.Nested(ReviewOutput))


class CaseFileOutput(Schema):
    sections = fields.List(fields.Nested(SectionOutput))
