"""Request and response bodies of the task endpoints."""
from marshmallow import Schema, fields, validate

from .. import clock


class TaskQuery(Schema):
    scope = fields.String(load_default="mine", validate=validate.OneOf(["mine", "claimable", "all-visible"]))
    status = fields.String(load_default="open", validate=validate.OneOf(["open", "completed", "cancelled"]))
    province_id = fields.Integer()
    district_id = fields.Integer()
    step = fields.String(validate=validate.Length(max=100))
    product_group = fields.String(validate=validate.Length(max=50))
    overdue = fields.Boolean()
    due_before = fields.DateTime()
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=25, validate=validate.Range(min=1, max=100))


class TaskSummary(Schema):
    id = fields.Integer()
    case_id = fields.Integer()
    case_reference = fields.String(attribute="case.reference")
    product_name = fields.String(attribute="case.product.name")
    step = fields.String()
    title = fields.String()
    lane = fields.String()
    unit_id = fields.Integer(allow_none=True)
    assignee = fields.Function(lambda task: task.assignee.username if task.assignee else None)
    claimed_by = fields.Function(lambda task: task.claimed_by.username if task.claimed_by else None)
    status = fields.String()
    due_at = fields.DateTime(allow_none=True)
    overdue = fields.Method("is_overdue")
    escalated_at = fields.DateTime(allow_none=True)
    escalated_to = fields.String(allow_none=True)
    created_at = fields.DateTime()
    completed_at = fields.DateTime(allow_none=True)

    def is_overdue(self, task):
        return task.status == "open" and task.due_at is not None and task.due_at < clock.now()


class TaskDetail(TaskSummary):
    form_name = fields.String(allow_none=True)
    form = fields.Dict(allow_none=True, metadata={
        "description": "the task's form as a JSON Schema, with the choices of product_group, product_subgroup and "
                       "commune_id as enum and x-enum-titles, as the web page renders them"})
    submitted_data = fields.Dict(allow_none=True)
    returned_with = fields.Dict(allow_none=True, metadata={
        "description": "for a producer's task after a return: the step that returned it and the reason"})
    handover_choices = fields.List(fields.Nested(lambda: UserChoice()), allow_none=True, metadata={
        "description": "for the supervisor of an overdue task (and administrators): whom it may be handed to"})


class UserChoice(Schema):
    id = fields.Integer()
    username = fields.String()
    full_name = fields.String()


class CompleteInput(Schema):
    data = fields.Dict(load_default=dict, metadata={"description": "the form's fields"})


class ReassignInput(Schema):
    user_id = fields.Integer(required=True)


class ConflictInput(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class TaskPage(Schema):
    items = fields.List(fields.Nested(TaskSummary))
    total = fields.Integer(metadata={"description": "the tasks of the tab, counted up to count_limit"})
    page = fields.Integer()
    per_page = fields.Integer()
    counts = fields.Dict(metadata={"description": "open tasks per scope (mine, claimable, all-visible), each counted "
                                                  "up to count_limit"})
    count_limit = fields.Integer(metadata={"description": "where counts stop: a count equal to it means at least "
                                                         "that many"})
