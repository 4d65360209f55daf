"""Recognition endpoints: the results waiting for a decision, and the decisions an office prepares,
edits while they are drafts and publishes (which issues the certificates)."""
from flask import Blueprint
from flask_login import current_user, login_required

from ..bodies import json_body, query_args
from ..cases.schemas import Page
from ..extensions import db
from ..paging import page_body
from .operations import (
    create_decision,
    decisions_for,
    get_decision,
    publish,
    update_decision,
    waiting_for,
)
from .schemas import DecisionInput, DecisionOutput, RecognitionOutput, WaitingQuery

bp = Blueprint("recognition", __name__, url_prefix="/api/v1")
FIELDS = ("number", "decided_on", "signer_name", "signer_title")


def _fields(body):
    return {name: body[name].strip() if isinstance(body[name], str) else body[name] for name in FIELDS}


@bp.get("/recognitions")
@login_required
def waiting_recognitions():
    """The approved results waiting for a recognition decision in your jurisdiction.
    ---
    get:
      tags: [recognition]
      description: >
        For the OCOP office of the district, the province or the Ministry: the results of its level and
        units that wait for a decision (those in a draft decision name it). Others get an empty list.
      parameters:
      - {in: query, schema: WaitingQuery}
      responses:
        200: {description: "{items: [RecognitionOutput]}"}
        422: {description: an unknown level}
    """
    query = query_args(WaitingQuery())
    return {"items": RecognitionOutput(many=True).dump(waiting_for(current_user, query.get("level")))}


@bp.get("/recognition-decisions")
@login_required
def list_decisions():
    """The recognition decisions of your office (administrators: all), newest first, a page at a time.
    ---
    get:
      tags: [recognition]
      parameters: [{in: query, schema: Page}]
      responses:
        200: {description: "{items: [DecisionOutput], total, page, per_page, count_limit}"}
        422: {description: a bad page or page size}
    """
    query = query_args(Page())
    found = decisions_for(current_user, query["page"], query["per_page"])
    return page_body(found, DecisionOutput(many=True, exclude=("recognitions",)).dump(found.items))


@bp.post("/recognition-decisions")
@login_required
def new_decision():
    """Prepare a recognition decision (a draft) covering waiting results.
    ---
    post:
      tags: [recognition]
      description: >
        The office of the level (district, province, Ministry) for the results of its jurisdiction. The
        number is unique per issuing unit, the date not in the future nor before a result's approval; a
        result is in one decision only.
      requestBody: {content: {application/json: {schema: DecisionInput}}}
      responses:
        201: {content: {application/json: {schema: DecisionOutput}}}
        403: {description: you are no recognition office}
        409: {description: a case is already in another decision}
        422: {description: "a missing or invalid field, a case without a waiting result of your jurisdiction and level"}
    """
    body = json_body(DecisionInput())
    decision = create_decision(current_user, _fields(body), body["case_ids"], body.get("level"))
    db.session.commit()
    return DecisionOutput().dump(decision), 201


@bp.get("/recognition-decisions/<int:decision_id>")
@login_required
def show_decision(decision_id):
    """A recognition decision with the results it covers and, once published, their certificates.
    ---
    get:
      tags: [recognition]
      responses:
        200: {content: {application/json: {schema: DecisionOutput}}}
        404: {description: not found or not your office's}
    """
    return DecisionOutput().dump(get_decision(decision_id, current_user))


@bp.put("/recognition-decisions/<int:decision_id>")
@login_required
def edit_decision(decision_id):
    """Change a draft decision: number, date, signer, the cases it covers.
    ---
    put:
      tags: [recognition]
      requestBody: {content: {application/json: {schema: DecisionInput}}}
      responses:
        200: {content: {application/json: {schema: DecisionOutput}}}
        404: {description: not found or not your office's}
        409: {description: "the decision is published, or a case is in another decision"}
        422: {description: a missing or invalid field}
    """
    decision = get_decision(decision_id, current_user)
    body = json_body(DecisionInput(exclude=("level",)))
    update_decision(decision, current_user, _fields(body), body["case_ids"])
    db.session.commit()
    return DecisionOutput().dump(decision)


@bp.post("/recognition-decisions/<int:decision_id>/publish")
@login_required
def publish_decision(decision_id):
    """Publish a draft decision: each result it covers gets its certificate, dated on the decision.
    ---
    post:
      tags: [recognition]
      description: >
        Certificates are numbered from the issuer's counter for the decision's year, issued on the decision's
        date and valid 36 months from it; a re-evaluation's certificate supersedes the product's earlier one.
      responses:
        200: {content: {application/json: {schema: DecisionOutput}}}
        403: {description: you may read the decision but not publish it}
        404: {description: not found or not your office's}
        409: {description: already published}
        422: {description: "the decision covers no case, or its date is in the future"}
    """
    decision = get_decision(decision_id, current_user)
    publish(decision, current_user)
    db.session.commit()
    return DecisionOutput().dump(decision)
