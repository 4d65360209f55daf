"""The office's pages: the results waiting for a recognition decision (checkboxes), the draft decision's
form, the decision's page with its certificates, and its publication after a confirmation."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from marshmallow import ValidationError

from ..certificates.lifecycle import today
from ..errors import Conflict, Forbidden, Unprocessable
from ..extensions import db
from ..web.i18n import bilingual
from .operations import (
    create_decision,
    decisions_for,
    get_decision,
    may_prepare,
    offices_of,
    publish,
    update_decision,
    waiting_for,
)
from .routes import FIELDS
from .schemas import DecisionInput

DECISIONS_PER_PAGE = 25
bp = Blueprint("recognition_pages", __name__, url_prefix="/recognition", template_folder="templates",
               static_folder="static", static_url_path="/static/recognition")


@bp.app_template_global()
def may_read_decision(decision):
    """Whether the signed-in user may open the decision's page (the case page links it then)."""
    return current_user.is_authenticated and (current_user.has_role("admin") or may_prepare(current_user, decision))


def _office_or_404():
    if not offices_of(current_user):
        abort(404)


@bp.get("")
@login_required
def index():
    """The results waiting for a decision, to tick for a new one, and the office's decisions."""
    _office_or_404()
    decisions = decisions_for(current_user, request.args.get("page", 1, type=int), DECISIONS_PER_PAGE)
    if decisions.page > max(decisions.pages, 1):
        abort(404)
    return render_template("recognition/index.html", waiting=waiting_for(current_user), decisions=decisions,
                           levels=offices_of(current_user))


def _submitted():
    """The form's values, and the decision's fields and cases loaded by the API's schema (or errors per field)."""
    values = {name: request.form.get(name, "").strip() for name in (*FIELDS, "level")}
    raw_ids = request.form.getlist("case_id")
    body = {name: values[name] for name in FIELDS}
    body["case_ids"] = [int(value) for value in raw_ids if value.isdigit()]
    if values["level"]:
        body["level"] = values["level"]
    values["case_ids"] = body["case_ids"]
    try:
        return values, DecisionInput().load(body), {}
    except ValidationError as error:
        messages = error.messages
        if "case_ids" in messages:
            messages["case_ids"] = [_("Chọn ít nhất một sản phẩm.")]
        return values, None, messages


def _refusal(error):
    """A refused operation's messages by field, for the form."""
    db.session.rollback()
    if isinstance(error, Unprocessable) and isinstance(error.details, dict) and "case_ids" not in error.details:
        return error.details
    return {"case_ids": [error.message]}


def _form(decision, values, errors, status=200):
    waiting = [r for r in waiting_for(current_user, decision.level if decision else None)
               if r.decision_id is None or (decision is not None and r.decision_id == decision.id)]
    return render_template("recognition/form.html", decision=decision, waiting=waiting, values=values, errors=errors,
                           levels=offices_of(current_user)), status


@bp.route("/decisions/new", methods=["GET", "POST"])
@login_required
def new_decision():
    """A draft decision: number, date, signer, and the waiting results it recognises (ticked on the list)."""
    _office_or_404()
    if request.method == "GET":
        chosen = [int(value) for value in request.args.getlist("case_id") if value.isdigit()]
        return _form(None, {"case_ids": chosen, "decided_on": today().isoformat()}, {})
    values, body, errors = _submitted()
    if not errors:
        try:
            decision = create_decision(current_user, {name: body[name] for name in FIELDS}, body["case_ids"],
                                       body.get("level"))
        except (Unprocessable, Conflict, Forbidden) as error:
            errors = _refusal(error)
        else:
            db.session.commit()
            flash(_("Đã lập dự thảo quyết định số %(number)s.", number=decision.number), "success")
            return redirect(url_for("recognition_pages.decision", decision_id=decision.id))
    return _form(None, values, errors, 422)


@bp.get("/decisions/<int:decision_id>")
@login_required
def decision(decision_id):
    """A decision: its facts, the results it covers and, once published, their certificates."""
    found = get_decision(decision_id, current_user)
    return render_template("recognition/decision.html", decision=found,
                           may_prepare=may_prepare(current_user, found))


def _draft_of(decision_id):
    found = get_decision(decision_id, current_user)
    if not may_prepare(current_user, found):
        abort(403)
    return found


@bp.route("/decisions/<int:decision_id>/edit", methods=["GET", "POST"])
@login_required
def edit_decision(decision_id):
    """The draft's form again; a published decision is not edited."""
    found = _draft_of(decision_id)
    if found.published:
        flash(_("Quyết định đã ban hành, không sửa được nữa."), "error")
        return redirect(url_for("recognition_pages.decision", decision_id=found.id))
    if request.method == "GET":
        values = {name: getattr(found, name) for name in FIELDS}
        values["case_ids"] = [r.case_id for r in found.recognitions]
        return _form(found, values, {})
    values, body, errors = _submitted()
    if not errors:
        try:
            update_decision(found, current_user, {name: body[name] for name in FIELDS}, body["case_ids"])
        except (Unprocessable, Conflict, Forbidden) as error:
            errors = _refusal(error)
        else:
            db.session.commit()
            flash(_("Đã lưu dự thảo quyết định số %(number)s.", number=found.number), "success")
            return redirect(url_for("recognition_pages.decision", decision_id=found.id))
    return _form(found, values, errors, 422)


@bp.route("/decisions/<int:decision_id>/publish", methods=["GET", "POST"])
@login_required
def publish_decision(decision_id):
    """Confirm, then publish: the certificates are issued, dated on the decision."""
    found = _draft_of(decision_id)
    if found.published:
        flash(_("Quyết định đã được ban hành."), "error")
        return redirect(url_for("recognition_pages.decision", decision_id=found.id))
    if request.method == "POST":
        try:
            publish(found, current_user)
        except (Unprocessable, Conflict) as error:
            db.session.rollback()
            flash(bilingual(error.message), "error")
        else:
            db.session.commit()
            flash(_("Đã ban hành quyết định số %(number)s và cấp %(count)s giấy chứng nhận.", number=found.number,
                    count=len(found.certificates)), "success")
        return redirect(url_for("recognition_pages.decision", decision_id=found.id))
    return render_template("recognition/publish.html", decision=found)
