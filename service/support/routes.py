"""Support to a case's producer: the API and the case page's form."""
from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from marshmallow import Schema, ValidationError, fields, validate

from ..bodies import json_body
from ..cases.access import get_case
from ..errors import ServiceError
from ..extensions import db
from .operations import (
    KINDS,
    SOURCES,
    entity_total,
    may_record,
    record_support,
    support_of,
)

bp = Blueprint("support", __name__, template_folder="templates")


class SupportInput(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(tuple(KINDS)))
    source = fields.String(required=True, validate=validate.OneOf(tuple(SOURCES)))
    amount_vnd = fields.Integer(required=True, strict=False, validate=validate.Range(min=0, max=10**13))
    given_on = fields.Date(required=True)
    description = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class SupportOutput(Schema):
    id = fields.Integer()
    kind = fields.String()
    source = fields.String()
    amount_vnd = fields.Integer()
    given_on = fields.Date()
    description = fields.String(allow_none=True)
    recorded_by = fields.String(attribute="recorded_by.full_name")


def _answer(case):
    records, totals = support_of(case)
    return {"items": SupportOutput(many=True).dump(records), "total_vnd": totals["total"],
            "by_source": totals["by_source"], "entity_total_vnd": entity_total(case.entity_id)}


@bp.get("/api/v1/cases/<int:case_id>/support")
@login_required
def list_support(case_id):
    """The support given to the case's producer, with totals per source (whoever may see the case).
    ---
    get:
      tags: [support]
      responses:
        200: {description: "{items: [SupportOutput], total_vnd, by_source: {source: amount}, entity_total_vnd}"}
        404: {description: not found or not visible to you}
    """
    return _answer(get_case(case_id, current_user))


@bp.post("/api/v1/cases/<int:case_id>/support")
@login_required
def create_support(case_id):
    """Record support given to the case's producer (the case's commune, district or provincial OCOP officials).
    ---
    post:
      tags: [support]
      requestBody: {content: {application/json: {schema: SupportInput}}}
      responses:
        201: {content: {application/json: {schema: SupportOutput}}}
        403: {description: you see the case but do not record support}
        404: {description: not found or not visible to you}
        422: {description: a missing or invalid field}
    """
    case = get_case(case_id, current_user)
    support = record_support(case, current_user, json_body(SupportInput()))
    db.session.commit()
    return SupportOutput().dump(support), 201


@bp.post("/cases/<int:case_id>/support")
@login_required
def support_form(case_id):
    """The case page's form."""
    case = get_case(case_id, current_user)
    try:
        record_support(case, current_user, SupportInput().load(
            {name: value for name, value in request.form.items() if name != "csrf_token" and value != ""}))
    except ValidationError as error:
        flash(_("Chưa ghi được hỗ trợ: %(fields)s.", fields=", ".join(error.messages)), "error")
    except ServiceError as error:
        if error.status == 403:
            raise
        db.session.rollback()
        flash(_("Chưa ghi được hỗ trợ: %(fields)s.", fields=", ".join(error.details or {})), "error")
    else:
        db.session.commit()
        flash(_("Đã ghi nhận hỗ trợ."), "success")
    return redirect(url_for("portal.case", case_id=case.id) + "#support")


@bp.app_template_global("case_support")
def case_support(case):
    """What the case page's support section shows: the records, totals, and whether the reader records."""
    records, totals = support_of(case)
    return {"records": records, "totals": totals, "may_record": may_record(current_user, case), "kinds": KINDS,
            "sources": SOURCES}
