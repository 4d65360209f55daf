"""The OCOP offices' training page: who is still untrained in their district or province, the sessions of the
units they run, and the form that records a session with the people who attended it, ticked in the untrained list
(filtered in the browser by name, district and role: `static/training.js`)."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from marshmallow import ValidationError

from ..auth.permissions import OFFICES
from ..certificates.lifecycle import today
from ..directory.choices import chosen_province
from ..errors import Unprocessable
from ..extensions import db
from .coverage import ROLE_NAMES, offices_districts, untrained_for
from .operations import record_session, sessions_for
from .routes import SessionInput

bp = Blueprint("training_pages", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/training")
SESSIONS_PER_PAGE = 20


def _province():
    """(province, provinces, errors) of the page: an OCOP office's province (that of its first office, the province
    or the district's); an administrator's, in a directory of several provinces, the one chosen (`province_id`,
    None until chosen: `chosen_province`), else the only one. 403 for anyone else."""
    if current_user.has_role("admin"):
        return chosen_province(request.args.get("province_id", ""))
    offices = sorted((a for a in current_user.role_assignments if a.role_code in OFFICES and a.unit is not None),
                     key=lambda a: OFFICES.index(a.role_code))
    if not offices:
        abort(403)
    return offices[0].unit.province, [], {}


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
    province, provinces, errors = _province()
    if province is None:
        return render_template("training/index.html", province=None, provinces=provinces,
                               errors=errors), 404 if errors else 200
    reach = offices_districts(current_user, province)
    whole, districts = reach
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
            return redirect(url_for("training_pages.index", province_id=province.id if provinces else None))
    sessions = sessions_for(current_user, request.args.get("page", 1, type=int), SESSIONS_PER_PAGE, province)
    if sessions.page > max(sessions.pages, 1):
        abort(404)
    return render_template("training/index.html", province=province, provinces=provinces, units=units,
                           sessions=sessions, roles=ROLE_NAMES,
                           untrained=untrained_for(province, today(), reach), values=values,
                           ticked=set(request.form.getlist("attendee")), errors=errors), 422 if errors else 200
