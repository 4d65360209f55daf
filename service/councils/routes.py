"""Council endpoints: the minutes of a case's councils (not for producers: `minutes.reads_minutes`), and
the steering structure per unit (`structure.py`): its bodies, their members, the coverage check."""
from flask import Blueprint, Response
from flask_login import current_user, login_required

from ..bodies import json_body, query_args
from ..cases.access import get_case
from ..extensions import db
from ..paging import page_body
from . import structure
from .minutes import get_minutes, minutes_of
from .schemas import (
    BodyInput,
    BodyOutput,
    BodyQuery,
    CoverageOutput,
    MemberInput,
    MinutesOutput,
)

bp = Blueprint("councils", __name__, url_prefix="/api/v1")


@bp.get("/cases/<int:case_id>/minutes")
@login_required
def list_minutes(case_id):
    """The minutes of the case's councils, oldest first.
    ---
    get:
      tags: [councils]
      summary: The council minutes of a case
      description: Each approved council round at the district or the province leaves its minutes (PDF),
        written by a background job after the approval (state being_prepared, no url, until then).
        Producers get an empty list (the minutes name who gave which sheet).
      responses:
        200: {description: the minutes, content: {application/json: {schema: {type: array, items: MinutesOutput}}}}
        404: {description: the case is not found or not visible to you}
    """
    return MinutesOutput(many=True).dump(minutes_of(get_case(case_id, current_user), current_user))


@bp.get("/cases/<int:case_id>/minutes/<int:minutes_id>.pdf")
@login_required
def minutes_pdf(case_id, minutes_id):
    """A council's minutes as a PDF.
    ---
    get:
      tags: [councils]
      summary: Download a council's minutes (PDF)
      description: For those who may see the case, producers excepted.
      responses:
        200: {description: the PDF, content: {application/pdf: {schema: {type: string, format: binary}}}}
        404: {description: not found or not visible to you}
        409: {description: the minutes are still being prepared}
    """
    minutes = get_minutes(get_case(case_id, current_user), minutes_id, current_user)
    response = Response(minutes.content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{minutes.filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/bodies")
@login_required
def list_bodies():
    """The bodies of the steering structure within your reach.
    ---
    get:
      tags: [councils]
      summary: Steering committees, evaluation councils and help teams
      description: Administrators see every unit's; a province's OCOP office its province's and its districts';
        a district's office its district's. Filters `unit_id` and `kind`; by unit and kind, newest term first, a
        page at a time.
      parameters: [{in: query, schema: BodyQuery}]
      responses:
        200: {description: "{items: [BodyOutput], total, page, per_page, count_limit}"}
        403: {description: not an OCOP office or an administrator}
        422: {description: "an unknown kind, a bad page or page size"}
    """
    query = query_args(BodyQuery())
    found = structure.bodies_page(current_user, query["page"], query["per_page"], query.get("unit_id"),
                                  query.get("kind"))
    return page_body(found, BodyOutput(many=True).dump(found.items))


@bp.post("/bodies")
@login_required
def create_body():
    """Record a body founded by a decision.
    ---
    post:
      tags: [councils]
      summary: Record a steering committee, an evaluation council or a help team
      requestBody: {content: {application/json: {schema: BodyInput}}}
      responses:
        201: {content: {application/json: {schema: BodyOutput}}}
        403: {description: not an OCOP office or an administrator}
        422: {description: a missing or invalid field; a unit outside your reach}
    """
    body = json_body(BodyInput())
    created = structure.create_body(current_user, body["kind"], body["unit_id"], body["name"],
                                    body["decision_number"], body["decision_date"], body["term_from"],
                                    body["term_until"])
    db.session.commit()
    return BodyOutput().dump(created), 201


@bp.get("/bodies/<int:body_id>")
@login_required
def get_body(body_id):
    """One body with its members.
    ---
    get:
      tags: [councils]
      summary: A body of the steering structure
      responses:
        200: {content: {application/json: {schema: BodyOutput}}}
        404: {description: not found or outside your reach}
    """
    return BodyOutput().dump(structure.get_body(body_id, current_user))


@bp.put("/bodies/<int:body_id>/members")
@login_required
def set_body_member(body_id):
    """Add a member to a body in a position, or change a member's position.
    ---
    put:
      tags: [councils]
      summary: Set a member of a body
      requestBody: {content: {application/json: {schema: MemberInput}}}
      responses:
        200: {content: {application/json: {schema: BodyOutput}}}
        404: {description: not found or outside your reach}
        422: {description: an unknown user or position}
    """
    body = structure.get_body(body_id, current_user)
    data = json_body(MemberInput())
    structure.set_member(body, current_user, data["user_id"], data["position"])
    db.session.commit()
    return BodyOutput().dump(body)


@bp.get("/bodies/coverage")
@login_required
def body_coverage():
    """What the plan's steering structure asks of each unit within your reach, and what is missing.
    ---
    get:
      tags: [councils]
      summary: Coverage of the steering structure
      description: The province needs its steering committee, council and help team; each district its council
        and help team; each commune its OCOP officer. A body counts while its term runs and it has members.
      responses:
        200: {content: {application/json: {schema: CoverageOutput}}}
        403: {description: not an OCOP office or an administrator}
    """
    return CoverageOutput().dump(structure.coverage(current_user))
