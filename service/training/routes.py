"""The training API: sessions (the offices record them), coverage (aggregate, public like the dashboard) and
who is still untrained (the offices, within their district or province)."""
from flask import Blueprint
from flask_login import current_user, login_required
from marshmallow import Schema, fields, validate

from ..bodies import json_body, query_args
from ..cases.schemas import Page
from ..certificates.lifecycle import today
from ..directory.models import AdministrativeUnit
from ..errors import NotFound
from ..extensions import db
from ..paging import page_body, page_of
from .coverage import coverage, offices_districts, untrained_for
from .operations import record_session, sessions_for

bp = Blueprint("training", __name__, url_prefix="/api/v1")


class AttendeeInput(Schema):
    user_id = fields.Integer(load_default=None, allow_none=True)
    entity_id = fields.Integer(load_default=None, allow_none=True)
    name = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200),
                         metadata={"description": "the producer's leader who attended"})


class SessionInput(Schema):
    held_on = fields.Date(required=True)
    level = fields.String(required=True, validate=validate.OneOf(("province", "district", "commune")))
    topic = fields.String(required=True, validate=validate.Length(min=1, max=500))
    trainer = fields.String(required=True, validate=validate.Length(min=1, max=300))
    unit_id = fields.Integer(required=True, metadata={"description": "the organising province or district"})
    attendees = fields.List(fields.Nested(AttendeeInput), load_default=list, validate=validate.Length(max=2000))


class AttendeeOutput(Schema):
    user_id = fields.Integer(allow_none=True)
    entity_id = fields.Integer(allow_none=True)
    name = fields.Function(lambda attendee: attendee.user.full_name if attendee.user else attendee.name)
    entity = fields.Function(lambda attendee: attendee.entity.name if attendee.entity else None)


class SessionOutput(Schema):
    id = fields.Integer()
    held_on = fields.Date()
    level = fields.String()
    topic = fields.String()
    trainer = fields.String()
    unit = fields.Function(lambda session: {"id": session.unit.id, "name": session.unit.name})
    attendees = fields.List(fields.Nested(AttendeeOutput))


class CoverageQuery(Schema):
    province_id = fields.Integer(required=True)
    on = fields.Date(metadata={"description": "the day (today by default)"})


class UntrainedQuery(Page, CoverageQuery):
    pass


def _province(province_id):
    province = db.session.get(AdministrativeUnit, province_id)
    if province is None or province.level != "province":
        raise NotFound("unit_not_found", "Không tìm thấy tỉnh / Province not found")
    return province


@bp.post("/training-sessions")
@login_required
def create_session():
    """Record a training session and its attendees (the OCOP office of the organising unit).
    ---
    post:
      tags: [training]
      requestBody: {content: {application/json: {schema: SessionInput}}}
      responses:
        201: {content: {application/json: {schema: SessionOutput}}}
        403: {description: not the office of this unit}
        422: {description: "a missing or invalid field, an unknown user or entity, someone listed twice"}
    """
    session = record_session(current_user, json_body(SessionInput()))
    db.session.commit()
    return SessionOutput().dump(session), 201


@bp.get("/training-sessions")
@login_required
def list_sessions():
    """The training sessions of the units you run the programme for, newest first, a page at a time.
    ---
    get:
      tags: [training]
      parameters: [{in: query, schema: Page}]
      responses:
        200: {description: "{items: [SessionOutput], total, page, per_page, count_limit}"}
        422: {description: a bad page or page size}
    """
    args = query_args(Page())
    found = sessions_for(current_user, args["page"], args["per_page"])
    return page_body(found, SessionOutput(many=True).dump(found.items))


@bp.get("/public/training/coverage")
def training_coverage():
    """Training coverage in a province against the plan's 100%: per district and per role (aggregate, public).
    ---
    get:
      tags: [training]
      security: []
      parameters: [{in: query, schema: CoverageQuery}]
      responses:
        200: {description: "{districts: [{id, name, officials, leaders}], roles: {role: {trained, total, percent, met}}}"}
        404: {description: no such province}
    """
    args = query_args(CoverageQuery())
    found = coverage(_province(args["province_id"]), args.get("on") or today())
    return {"districts": found["districts"], "roles": found["roles"]}


@bp.get("/training/untrained")
@login_required
def untrained():
    """Who is still untrained: the officials and the producing entities (their leaders) of your district or
    province that no session has covered yet, by district, role and name, a page at a time.
    ---
    get:
      tags: [training]
      parameters: [{in: query, schema: UntrainedQuery}]
      responses:
        200: {description: "{items: [{role, district, commune, kind (user|entity), id, name}], total, page, per_page,
          count_limit}"}
        403: {description: not an OCOP office of this province}
        404: {description: no such province}
        422: {description: a bad page or page size}
    """
    args = query_args(UntrainedQuery())
    province = _province(args["province_id"])
    everyone = untrained_for(province, args.get("on") or today(), offices_districts(current_user, province))
    found = page_of(everyone, args["page"], args["per_page"])
    return page_body(found, found.items)
