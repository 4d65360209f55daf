"""Incident endpoints (administrators): list open incidents, retry one after fixing its cause."""
from flask import Blueprint
from flask_login import current_user, login_required
from marshmallow import Schema, fields
from sqlalchemy import select

from ..auth.permissions import require_admin
from ..bodies import json_body, query_args
from ..cases.schemas import Page
from ..errors import NotFound
from ..extensions import db
from ..paging import page_body, paginate
from .models import Incident
from ..process_models.models import ProcessModel
from . import operations

bp = Blueprint("incidents", __name__, url_prefix="/api/v1")


class IncidentQuery(Page):
    resolved = fields.Boolean(load_default=False)


class RetryInput(Schema):
    process_model_id = fields.Integer(load_default=None, allow_none=True, metadata={
        "description": "move the case to this version of its process before retrying"})


class IncidentOutput(Schema):
    id = fields.Integer()
    case_id = fields.Integer()
    human_task_id = fields.Integer(allow_none=True)
    action = fields.String()
    element_id = fields.String(allow_none=True)
    message = fields.String()
    created_at = fields.DateTime()
    resolved_at = fields.DateTime(allow_none=True)


@bp.get("/incidents")
@login_required
def list_incidents():
    """Incidents: cases whose engine step failed and wait for a retry (or, with `resolved`, those retried since),
    oldest first, a page at a time.
    ---
    get:
      tags: [incidents]
      summary: List incidents (administrators)
      parameters: [{in: query, schema: IncidentQuery}]
      responses:
        200: {description: "{items: [IncidentOutput], total, page, per_page, count_limit}"}
        403: {description: not an administrator}
        422: {description: a bad page or page size}
    """
    require_admin(current_user)
    query = query_args(IncidentQuery())
    resolved = Incident.resolved_at.is_not(None) if query["resolved"] else Incident.resolved_at.is_(None)
    found = paginate(select(Incident).where(resolved).order_by(Incident.id), query["page"], query["per_page"])
    return page_body(found, IncidentOutput(many=True).dump(found.items))


@bp.post("/incidents/<int:incident_id>/retry")
@login_required
def retry_incident(incident_id):
    """Replay the failed step, optionally on a fixed version of the process.
    ---
    post:
      tags: [incidents]
      summary: Retry an incident (administrators)
      parameters: [{in: path, name: incident_id, required: true, schema: {type: integer}}]
      requestBody: {content: {application/json: {schema: RetryInput}}}
      responses:
        200: {content: {application/json: {schema: IncidentOutput}}}
        409: {description: the step failed again (the incident is updated)}
    """
    body = json_body(RetryInput())
    model = None
    if body["process_model_id"] is not None:
        model = db.session.get(ProcessModel, body["process_model_id"])
        if model is None:
            raise NotFound("process_model_not_found", "Không tìm thấy phiên bản quy trình / Process version not found")
    incident = operations.retry(incident_id, current_user, model)
    db.session.commit()
    return IncidentOutput().dump(incident)
