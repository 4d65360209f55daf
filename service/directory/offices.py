"""The units an OCOP office's forms offer (points of sale, fairs, the library's texts, the steering structure's
bodies): the office's own, through `managed`; an administrator's, who runs every unit, within one province, chosen
first in a directory of several (a country has some seven hundred districts and ten thousand communes)."""
from flask import abort, request
from flask_login import current_user
from sqlalchemy import select

from ..auth.permissions import managed
from ..extensions import db
from .choices import chosen_province, within_province
from .models import AdministrativeUnit

LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}


def managed_units(user, levels, province=None):
    """(id, label) of the units of these levels the user runs the programme for (with `province`, within it), a
    commune labelled with its district: each province first, then its districts, each district followed by its
    communes, by name; 403 when there is none."""
    units = db.session.scalars(select(AdministrativeUnit).where(
        AdministrativeUnit.level.in_(levels), managed(user, AdministrativeUnit.id),
        within_province(AdministrativeUnit.id, province))).all()
    if not units:
        abort(403)
    units.sort(key=lambda unit: (unit.province.name, unit.district.name if unit.district else "",
                                 LEVEL_ORDER[unit.level], unit.name))
    return [(unit.id, f"{unit.district.name} · {unit.name}" if unit.level == "commune" and unit.district else unit.name)
            for unit in units]


def units_to_choose(levels, province=None):
    """(units, provinces, province, errors) of the signed-in user's form: an office's own units of `levels`
    (`managed_units`); an administrator's within `province` (an edited item's) or, in a directory of several, the
    province chosen first (`province_id`, `chosen_province`: no units until then, and an error for an unknown one),
    else the directory's only province."""
    provinces, errors = [], {}
    if current_user.has_role("admin") and province is None:
        province, provinces, errors = chosen_province(request.args.get("province_id", ""))
        if provinces and province is None:
            return [], provinces, None, errors
    return managed_units(current_user, levels, province), provinces, province, errors
