"""The OCOP offices' training page: who is still untrained in their district or province, the sessions of the
units they run, and the form that records a session with the people who attended it."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from marshmallow import ValidationError
from sqlalchemy import select

from ..certificates.lifecycle import today
from ..directory.models import AdministrativeUnit
from ..errors import Forbidden, Unprocessable
from ..extensions import db
from .coverage import ROLE_NAMES, offices_districts, untrained_for
from .operations import record_session, sessions_for
from .routes import SessionInput

bp = Blueprint("training_pages", __name__, template_folder="templates")


def _province():
    """The first province the user runs the programme in (whole or a district of it); 403 for anyone else."""
    for province in db.session.scalars(select(AdministrativeUnit).where(AdministrativeUnit.level == "province")
                                       .order_by(AdministrativeUnit.id)):
        try:
            return province, offices_districts(current_user, province)
        except Forbidden:
            continue
    abort(403)


def _attendees(form):
    """[{"user_id"} | {"entity_id"}] from the ticked boxes ("user:12", "entity:5")."""
    attendees = []
    for value in form.getlist("attendee"):
        kind, _, identifier = value.partition(":")
        if kind not in ("user", "entity") or not identifier.isdigit():
            abort(400)
        attendees.append({f"{kind}_id": int(identifier)})
    return attendees


@bp.route("/training", methods=["GET", "POST"])
@login_required
def index():
    province, (whole, districts) = _province()
    units = [province] if whole else []
    units += sorted(districts.values(), key=lambda unit: unit.name)
    values, errors = {}, {}
    if request.method == "POST":
        values = {name: request.form.get(name, "").strip() for name in ("held_on", "level", "topic", "trainer",
                                                                         "unit_id")}
        try:
            body = SessionInput().load({**values, "attendees": _attendees(request.form)})
            record_session(current_user, body)
        except ValidationError as error:
            errors = error.messages
        except Unprocessable as error:
            errors = error.details
        if errors:
            db.session.rollback()
        else:
            db.session.commit()
            flash(_("Đã ghi nhận lớp tập huấn."), "success")
            return redirect(url_for("training_pages.index"))
    return render_template("training/index.html", province=province, units=units, sessions=sessions_for(current_user),
                           roles=ROLE_NAMES,
                           untrained=untrained_for(current_user, province, today()), values=values,
                           errors=errors), 422 if errors else 200
