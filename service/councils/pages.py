"""The steering structure's pages (`/steering`): the bodies within the user's reach with the form to
record one, a body with its members, and the coverage check. They call the operations the API
calls (`structure.py`); a refused change shows its reason on the page (422)."""
from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from ..auth.models import User
from ..directory.choices import chosen_province
from ..directory.offices import units_to_choose
from ..errors import Unprocessable
from ..extensions import db
from ..web.i18n import bilingual
from . import structure

bp = Blueprint("steering", __name__, url_prefix="/steering", template_folder="templates")

POSITION_LABELS = {"chair": _l("Chủ tịch / Trưởng ban / Tổ trưởng"), "vice_chair": _l("Phó chủ tịch / Phó trưởng ban"),
                   "member": _l("Thành viên"), "secretary": _l("Thư ký")}
NEEDS = {"steering_committee": _l("Ban chỉ đạo"), "council": _l("Hội đồng đánh giá"), "help_team": _l("Tổ giúp việc"),
         "officer": _l("Cán bộ OCOP xã")}


@bp.context_processor
def labels():
    return {"kind_label": lambda kind: bilingual(structure.KINDS.get(kind, kind)),
            "position_label": POSITION_LABELS.get, "need_label": NEEDS.get}


def _day(text):
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _problems(error):
    return [bilingual(error.message)] + [bilingual(message) for messages in (error.details or {}).values()
                                         for message in messages]


@bp.route("", methods=["GET", "POST"])
@login_required
def index():
    """The bodies within the user's reach, and the form to record one founded by a decision. An administrator reaches
    every unit: in a directory of several provinces, those of the province chosen first (`units_to_choose`)."""
    structure.require_manager(current_user)
    units, provinces, province, errors = units_to_choose(("province", "district"))
    if provinces and province is None:
        return render_template("councils/bodies.html", bodies=None, provinces=provinces, province=None,
                               errors=errors), 404 if errors else 200
    values, problems, status = {}, [], 200
    if request.method == "POST":
        values = request.form
        try:
            body = structure.create_body(
                current_user, values.get("kind"), values.get("unit_id", type=int), values.get("name", ""),
                values.get("decision_number", ""), _day(values.get("decision_date")),
                _day(values.get("term_from")), _day(values.get("term_until")))
        except Unprocessable as error:
            db.session.rollback()
            problems, status = _problems(error), 422
        else:
            db.session.commit()
            flash(_("Đã ghi nhận %(name)s.", name=body.name), "success")
            return redirect(url_for("steering.body", body_id=body.id))
    return render_template("councils/bodies.html", bodies=structure.bodies(current_user, province=province),
                           units=units, provinces=provinces, province=province, errors={}, kinds=structure.KINDS,
                           values=values, problems=problems), status


@bp.get("/<int:body_id>")
@login_required
def body(body_id):
    return render_template("councils/body.html", body=structure.get_body(body_id, current_user),
                           positions=list(POSITION_LABELS))


@bp.post("/<int:body_id>/members")
@login_required
def set_member(body_id):
    """Add a member by username in a position (or change the position)."""
    body = structure.get_body(body_id, current_user)
    username = request.form.get("username", "").strip()
    member_id = db.session.scalar(select(User.id).where(User.username == username)) if username else None
    try:
        structure.set_member(body, current_user, member_id, request.form.get("position"))
    except Unprocessable as error:
        db.session.rollback()
        for problem in _problems(error)[1:]:
            flash(problem, "error")
    else:
        db.session.commit()
        flash(_("Đã cập nhật thành viên."), "success")
    return redirect(url_for("steering.body", body_id=body.id))


@bp.get("/coverage")
@login_required
def coverage():
    """What each unit within reach lacks. An administrator reaches every unit: in a directory of several provinces,
    those of the province chosen (`province_id`; a country has some ten thousand communes)."""
    structure.require_manager(current_user)
    if current_user.has_role("admin"):
        province, provinces, errors = chosen_province(request.args.get("province_id", ""))
    else:
        province, provinces, errors = None, [], {}
    shown = structure.coverage(current_user, province) if province is not None or not provinces else None
    return render_template("councils/coverage.html", coverage=shown, province=province, provinces=provinces,
                           errors=errors), 404 if errors else 200
