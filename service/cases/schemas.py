"""Request and response bodies of the case endpoints."""
from marshmallow import Schema, fields, validate

from ..certificates.lifecycle import status_of
from ..certificates.schemas import CertificateOutput
from ..tasks.schemas import TaskSummary
from .listing import DEFAULT_ORDER, DEFAULT_SORT, ORDERS, SORTS

PER_PAGE_MAX = 100


class Page(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=25, validate=validate.Range(min=1, max=PER_PAGE_MAX))


class CaseQuery(Page):
    status = fields.String(validate=validate.OneOf(["active", "completed", "rejected", "incident"]))
    province_id = fields.Integer()
    district_id = fields.Integer()
    commune_id = fields.Integer()
    step = fields.String(validate=validate.Length(max=100))
    product_group = fields.String(validate=validate.Length(max=50))
    stars = fields.Integer(validate=validate.Range(min=1, max=5))
    year = fields.Integer(validate=validate.Range(min=1900, max=9998),
                          metadata={"description": "year of submission (1 January to 31 December, Vietnam time)"})
    q = fields.String(validate=validate.Length(max=200), metadata={
        "description": "part of the product's name, the case's reference or the producing entity's name"})
    sort = fields.String(load_default=DEFAULT_SORT, validate=validate.OneOf(tuple(SORTS)), metadata={
        "description": "reference, product, producer, district, step, status, stars, submitted or updated"})
    order = fields.String(load_default=DEFAULT_ORDER, validate=validate.OneOf(ORDERS))


class Unit(Schema):
    id = fields.Integer()
    name = fields.String()
    code = fields.String(allow_none=True)


class CaseSummary(Schema):
    id = fields.Integer()
    reference = fields.String()
    product_id = fields.Integer()
    product_name = fields.String(attribute="product.name")
    product_group = fields.String(attribute="product.group_code")
    entity_name = fields.String(attribute="entity.name")
    commune = fields.Nested(Unit)
    district = fields.Nested(Unit, allow_none=True)
    province = fields.Nested(Unit)
    status = fields.String()
    current_step = fields.String(allow_none=True)
    current_step_title = fields.String(allow_none=True)
    score = fields.Float(allow_none=True)
    stars = fields.Integer(allow_none=True)
    process_version = fields.Integer(attribute="process_model.version")
    rule_set = fields.String(attribute="process_model.rule_set", metadata={
        "description": "the rule set the case is evaluated by (2019: 1048, 2023: 148, 2025: 1489)"})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    completed_at = fields.DateTime(allow_none=True)
    imported = fields.Boolean(metadata={"description": "a product certified before the system existed, imported "
                                                      "(completed, no workflow or tasks)"})
    awaiting_recognition = fields.Function(
        lambda case: any(recognition.waiting for recognition in case.recognitions),
        metadata={"description": "an approved result waits for its recognition decision (Chờ quyết định công nhận)"})
    certificate_status = fields.Function(
        lambda case: status_of(case.certificates[-1]) if case.certificates else None, allow_none=True,
        metadata={"description": "the status of the case's latest certificate: valid, expired, revoked, superseded"})


class CouncilScoreOutput(Schema):
    level = fields.String()
    member_id = fields.Integer()
    part_a = fields.Float()
    part_b = fields.Float()
    part_c = fields.Float()
    total = fields.Float()
    sheet_id = fields.Integer(allow_none=True, metadata={"description": "the criteria sheet it was scored on"})
    not_achieved = fields.Boolean(metadata={"description": "a mandatory criterion failed (\"không đạt\")"})


class LeadingSelection(Schema):
    year = fields.Integer()
    level = fields.String()


class CaseDetail(CaseSummary):
    description = fields.String(attribute="product.description", allow_none=True)
    subgroup = fields.String(attribute="product.subgroup_code", allow_none=True)
    outcome = fields.Dict(allow_none=True)
    criteria_sheet_id = fields.Integer(allow_none=True, metadata={
        "description": "the criteria sheet the case is scored on, kept once it enters evaluation"})
    summary = fields.String(metadata={"description": "Where the case stands, in words: \"Tiếng Việt / English\""})
    overdue = fields.Boolean()
    open_tasks = fields.List(fields.Nested(TaskSummary))
    certificates = fields.List(fields.Nested(CertificateOutput))
    recognitions = fields.List(fields.Dict(), metadata={
        "description": "the case's approved results (RecognitionOutput): waiting for their decision or recognised"})
    reevaluation_of = fields.Nested(CertificateOutput, attribute="previous_certificate", allow_none=True, metadata={
        "description": "the certificate this case re-evaluates (opened six months before it expires)"})
    council_scores = fields.List(fields.Nested(CouncilScoreOutput))
    incidents = fields.List(fields.Dict())
    leading = fields.List(fields.Nested(LeadingSelection), metadata={
        "description": "The plan years and levels at which the product was selected as a leading product"})
    selects_leading = fields.List(fields.String(), metadata={
        "description": "The levels (district, province) at which you select this product as a leading product"})


class LeadingInput(Schema):
    leading = fields.Boolean(required=True, metadata={"description": "true selects the product, false drops it"})
    year = fields.Integer(validate=validate.Range(min=1, max=9999),
                          metadata={"description": "The plan year (default: this year)"})
    level = fields.String(validate=validate.OneOf(("district", "province")),
                          metadata={"description": "Needed only by someone who selects at both levels"})


class LeadingOutput(Schema):
    product_id = fields.Integer()
    leading = fields.List(fields.Nested(LeadingSelection))


class HistoryEntry(Schema):
    id = fields.Integer()
    action = fields.String()
    user = fields.Function(lambda entry: entry.user.username if entry.user else None)
    details = fields.Dict()
    created_at = fields.DateTime()


class CommentInput(Schema):
    body = fields.String(required=True, validate=validate.Length(min=1, max=5000))


class CommentOutput(Schema):
    id = fields.Integer()
    author = fields.String(attribute="author.username")
    body = fields.String()
    created_at = fields.DateTime()


class AttachmentForm(Schema):
    item = fields.String(validate=validate.Length(max=50), metadata={
        "description": "the code of the checklist item the file is filed under (GET /cases/{id}/checklist); "
                       "left out or empty: other documents"})


class AttachmentOutput(Schema):
    id = fields.Integer()
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()
    item = fields.String(attribute="requirement_code", allow_none=True,
                         metadata={"description": "its checklist item's code; null: other documents"})
    uploaded_by = fields.String(attribute="uploaded_by.username")
    created_at = fields.DateTime()


class ChecklistItemOutput(Schema):
    code = fields.String(attribute="requirement.code")
    name_vi = fields.String(attribute="requirement.name_vi")
    name_en = fields.String(attribute="requirement.name_en")
    required = fields.Boolean(metadata={"description": "the dossier is incomplete without it, for this case"})
    missing = fields.Boolean(metadata={"description": "required and no file filed under it"})
    attachments = fields.List(fields.Nested(AttachmentOutput))


class ChecklistOutput(Schema):
    rule_set = fields.String()
    items = fields.List(fields.Nested(ChecklistItemOutput))
    other = fields.List(fields.Nested(AttachmentOutput), metadata={"description": "files filed under no item"})
    missing = fields.Function(lambda checklist: [item.requirement.code for item in checklist.missing],
                              metadata={"description": "the codes of the missing items"})


class StartFormQuery(Schema):
    province_id = fields.Integer(load_default=None, metadata={
        "description": "the province the idea is submitted in (default: the producer's entity's)"})


class RuleSetInForce(Schema):
    code = fields.String()
    decision = fields.String()
    effective_from = fields.Date(metadata={"description": "the day the decision took effect nationally"})
    title_vi = fields.String()
    title_en = fields.String()


class StartForm(Schema):
    process_model_id = fields.Integer(attribute="model.id")
    version = fields.Integer(attribute="model.version", metadata={"description": "the version within the rule set"})
    version_effective_from = fields.Date(attribute="model.effective_from")
    rule_set = fields.String(attribute="model.rule_set")
    rules = fields.Nested(RuleSetInForce, attribute="rule_set", metadata={
        "description": "the rule set in force in the province today, which the idea will be evaluated by"})
    province = fields.String(attribute="province.name", allow_none=True)
    adopted_from = fields.Date(attribute="adoption.effective_from", allow_none=True, metadata={
        "description": "the day the province applies the rule set from (null: the national default)"})
    adoption_decision = fields.String(attribute="adoption.decision", allow_none=True)
    form = fields.Dict(metadata={
        "description": "the start form as a JSON Schema, with the choices of product_group, product_subgroup and "
                       "commune_id as enum and x-enum-titles, as the web page renders them; for a producer with a "
                       "registered entity, entity_name, entity_type and commune_id carry its values as defaults "
                       "and are not required"})
