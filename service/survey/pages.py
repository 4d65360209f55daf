"""The district office's page for the survey's inventory: the potential products of the districts it runs, 50 a
page, filtered by district, commune and status (a national view of several provinces by province first), with the
counts per district (per province until a province is chosen); each row's status changed, or linked to
the case its producer submitted ("start case"). The rows come from the API or the import (service/imports/)."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..cases.listing import units_within
from ..errors import ServiceError
from ..extensions import db
from ..imports.operations import may_import
from ..web.i18n import bilingual
from .operations import (
    counts,
    get_item,
    linkable_cases,
    set_status,
    start_case,
    survey_page,
)

bp = Blueprint("survey_pages", __name__, template_folder="templates")
STATUS_NAMES = {"potential": _l("Tiềm năng"), "contacted": _l("Đã liên hệ"), "dropped": _l("Không tiếp tục"),
                "case": _l("Đã thành hồ sơ")}
OFFICES = ("district_officer", "province_officer", "admin")
UNITS = ("province_id", "district_id", "commune_id")
PER_PAGE = 50


def _number(name):
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


def _require_office():
    if not any(current_user.has_role(role) for role in OFFICES):
        abort(403)


@bp.get("/survey")
@login_required
def index():
    _require_office()
    status = request.args.get("status") if request.args.get("status") in STATUS_NAMES else None
    units = units_within(current_user, {name: number for name in UNITS if (number := _number(name))})
    filters = {**units.filters, "status": status}
    found = survey_page(current_user, request.args.get("page", 1, type=int), PER_PAGE, **filters)
    if found.page > max(found.pages, 1):
        abort(404)
    # the counts of everything the office sees: per district, within the province chosen in a national view of
    # several provinces, and per province before one is
    by = "province" if units.provinces and not filters.get("province_id") else "district"
    return render_template("survey/index.html", found=found, filters=filters, units=units, statuses=STATUS_NAMES,
                           counts=counts(current_user, by=by, province_id=filters.get("province_id")), counted_by=by,
                           cases=linkable_cases(current_user, found.items), importer=may_import(current_user))


@bp.post("/survey/<int:item_id>")
@login_required
def update(item_id):
    item = get_item(item_id, current_user)
    try:
        if request.form.get("case_id"):
            if not request.form["case_id"].isdigit():
                abort(400)
            start_case(item, current_user, int(request.form["case_id"]))
            message = _("Đã gắn “%(product)s” với hồ sơ %(reference)s.", product=item.product_name,
                        reference=item.case.reference)
        else:
            status = request.form.get("status")
            if status not in ("potential", "contacted", "dropped"):
                abort(400)
            set_status(item, current_user, status, request.form.get("note") or None)
            message = _("Đã cập nhật “%(product)s”.", product=item.product_name)
    except ServiceError as error:
        db.session.rollback()
        flash(bilingual(error.message), "error")
    else:
        db.session.commit()
        flash(message, "success")
    back = request.form.get("back", "")
    return redirect(back if back.startswith("/survey?") else url_for("survey_pages.index"))
