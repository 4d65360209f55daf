"""The survey inventory's API: the district's (or province's) OCOP office records and works through it."""
from flask import Blueprint
from flask_login import current_user, login_required
from marshmallow import Schema, fields, validate

from ..bodies import json_body, query_args
from ..cases.schemas import Page
from ..extensions import db
from ..paging import page_body
from .operations import (
    STATUSES,
    add_item,
    counts,
    get_item,
    set_status,
    start_case,
    survey_page,
)

bp = Blueprint("survey", __name__, url_prefix="/api/v1")


class SurveyItemInput(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=2018, max=2100))
    commune_id = fields.Integer(required=True)
    product_name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    group_code = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=50))
    producer_name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    entity_type = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(
        ("enterprise", "cooperative", "cooperative_group", "household")))
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class SurveyQuery(Page):
    province_id = fields.Integer()
    district_id = fields.Integer()
    commune_id = fields.Integer()
    status = fields.String(validate=validate.OneOf(STATUSES))


class StatusInput(Schema):
    status = fields.String(required=True, validate=validate.OneOf(("potential", "contacted", "dropped")))
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class StartCaseInput(Schema):
    case_id = fields.Integer(required=True)


class SurveyItemOutput(Schema):
    id = fields.Integer()
    year = fields.Integer()
    commune = fields.Function(lambda item: {"id": item.commune.id, "name": item.commune.name})
    district = fields.Function(lambda item: {"id": item.district.id, "name": item.district.name})
    product_name = fields.String()
    group_code = fields.String(allow_none=True)
    producer_name = fields.String()
    entity_type = fields.String(allow_none=True)
    status = fields.String()
    note = fields.String(allow_none=True)
    case_id = fields.Integer(allow_none=True)
    case_reference = fields.String(attribute="case.reference", allow_none=True)


@bp.get("/survey-items")
@login_required
def list_items():
    """The survey's potential products in your district or province, a page at a time by district and producer,
    with the counts per district and status of every row that matches.
    ---
    get:
      tags: [survey]
      parameters: [{in: query, schema: SurveyQuery}]
      responses:
        200: {description: "{items: [SurveyItemOutput], total, page, per_page, count_limit, counts: {district: {potential, contacted, dropped, case, products, producers}}}"}
        422: {description: "a bad filter, page or page size"}
    """
    args = query_args(SurveyQuery())
    page, per_page = args.pop("page"), args.pop("per_page")
    found = survey_page(current_user, page, per_page, **args)
    return page_body(found, SurveyItemOutput(many=True).dump(found.items), counts=counts(current_user, **args))


@bp.post("/survey-items")
@login_required
def create_item():
    """Record a potential product and its producer found by the survey (the office of its district or province).
    ---
    post:
      tags: [survey]
      requestBody: {content: {application/json: {schema: SurveyItemInput}}}
      responses:
        201: {content: {application/json: {schema: SurveyItemOutput}}}
        403: {description: not the office of this commune's district or province}
        422: {description: a missing or invalid field}
    """
    item = add_item(current_user, json_body(SurveyItemInput()))
    db.session.commit()
    return SurveyItemOutput().dump(item), 201


@bp.put("/survey-items/<int:item_id>/status")
@login_required
def change_status(item_id):
    """Work through a potential product: potential, contacted or dropped.
    ---
    put:
      tags: [survey]
      requestBody: {content: {application/json: {schema: StatusInput}}}
      responses:
        200: {content: {application/json: {schema: SurveyItemOutput}}}
        404: {description: no such item in your jurisdiction}
        409: {description: it is a case already}
        422: {description: a missing or invalid field}
    """
    item = get_item(item_id, current_user)
    body = json_body(StatusInput())
    set_status(item, current_user, body["status"], body["note"])
    db.session.commit()
    return SurveyItemOutput().dump(item)


@bp.post("/survey-items/<int:item_id>/case")
@login_required
def link_case(item_id):
    """The potential product became a case: link the case its producer submitted (start case).
    ---
    post:
      tags: [survey]
      requestBody: {content: {application/json: {schema: StartCaseInput}}}
      responses:
        200: {content: {application/json: {schema: SurveyItemOutput}}}
        404: {description: no such item or case in your jurisdiction}
        409: {description: "the item is a case already, or the case is linked to another item"}
        422: {description: the case is in another district}
    """
    item = get_item(item_id, current_user)
    start_case(item, current_user, json_body(StartCaseInput())["case_id"])
    db.session.commit()
    return SurveyItemOutput().dump(item)
