"""What a report covers: a unit within the user's jurisdiction and a period, read from a request's
arguments (`from`, `to` or `year`, `unit`, `months`) and checked.

Who may ask: the district OCOP office and the district council's chair (their district), the
provincial office and council chair (their province, or one of its districts), the Ministry's office
and administrators (the whole country, any province or district). Anyone else answers 403; a unit that
does not exist or lies outside the user's jurisdiction answers 404, as a case outside it does.

A report breaks its figures down by the units one level below the one it covers: the whole country by
province, a province by district, a district by commune.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select, true

from ..cases.listing import local_zone
from ..cases.models import Case
from ..certificates.lifecycle import today
from ..directory.choices import province_choices, within
from ..directory.models import AdministrativeUnit
from ..errors import Forbidden, NotFound, Unprocessable
from ..extensions import db

# role code -> the level of the units it reports on
REPORTING_ROLES = {"admin": "national", "national_officer": "national", "province_officer": "province",
                   "province_chair": "province", "district_officer": "district", "district_chair": "district"}
CHILD_LEVEL = {None: "province", "province": "district", "district": "commune"}
UNIT_COLUMN = {"province": Case.province_id, "district": Case.district_id, "commune": Case.commune_id}
FIRST_YEAR, LAST_YEAR = 2000, 2100
MONTHS_DEFAULT, MONTHS_MAX = 6, 36
INVALID = "Dữ liệu gửi lên không hợp lệ / The request is invalid"


@dataclass(frozen=True)
class Scope:
    """A unit (None: the whole country), a period (both days included) and the horizon in months of
    the certificates reported as expiring."""

    unit: AdministrativeUnit | None
    start: date
    end: date
    months: int = MONTHS_DEFAULT

    @property
    def level(self):
        return self.unit.level if self.unit else None

    @property
    def breakdown_level(self):
        return CHILD_LEVEL[self.level]

    @property
    def breakdown_column(self):
        return UNIT_COLUMN[self.breakdown_level]

    def cases(self):
        """Criteria on Case: the case lies in the unit."""
        return true() if self.unit is None else UNIT_COLUMN[self.unit.level] == self.unit.id

    def begins(self):
        return datetime.combine(self.start, time(), tzinfo=local_zone())

    def ends(self):
        """The first moment after the period."""
        return datetime.combine(self.end + timedelta(days=1), time(), tzinfo=local_zone())

    def reference_day(self):
        """The day the standing of certificates is read on: the period's last day, today for a period not over."""
        return min(self.end, today())

    def parts(self):
        """The units the figures are broken down by, in order."""
        query = select(AdministrativeUnit).where(AdministrativeUnit.level == self.breakdown_level)
        if self.unit is not None:
            query = query.where(AdministrativeUnit.parent_id == self.unit.id)
        return db.session.scalars(query.order_by(AdministrativeUnit.code, AdministrativeUnit.name)).all()


def reporting_roles(user):
    """The user's (role code, unit id) pairs that give reports; 403 when there are none."""
    held = [(a.role_code, a.unit_id) for a in user.role_assignments if a.role_code in REPORTING_ROLES]
    if not held:
        raise Forbidden("reports_not_allowed", "Chỉ cơ quan thường trực OCOP và quản trị viên được xem báo cáo / "
                                               "Only OCOP offices and administrators may see reports")
    return held


def _covers(user_units, unit):
    """Whether a unit is one of `user_units` or lies within one of them."""
    while unit is not None:
        if unit.id in user_units:
            return True
        unit = unit.parent
    return False


def default_unit(user):
    """The widest unit the user reports on: None (the country) for national roles, else their first province,
    else their first district."""
    held = reporting_roles(user)
    if any(REPORTING_ROLES[role] == "national" for role, _unit in held):
        return None
    units = [db.session.get(AdministrativeUnit, unit_id) for _role, unit_id in held if unit_id is not None]
    units.sort(key=lambda unit: (unit.level != "province", unit.code or "", unit.name))
    if not units:
        raise Forbidden("reports_not_allowed", "Tài khoản chưa được giao đơn vị / The account has no unit")
    return units[0]


def units_for(user, chosen=None):
    """The provinces and districts the user may report on (for a choice on the page), each province followed by its
    districts. National roles in a directory of several provinces choose the province first: they are offered the
    provinces, and the districts of the province `chosen` lies in (a province or one of its districts), not the some
    seven hundred districts of a country. Others are offered their own units, read through the index of parents."""
    held = reporting_roles(user)
    query = select(AdministrativeUnit).where(AdministrativeUnit.level.in_(("province", "district")))
    if any(REPORTING_ROLES[role] == "national" for role, _unit in held):
        if len(province_choices()) > 1:
            province_id = chosen and (chosen.id if chosen.level == "province" else chosen.parent_id)
            query = query.where(or_(AdministrativeUnit.parent_id.is_(None), AdministrativeUnit.parent_id == province_id))
    else:
        query = query.where(within(AdministrativeUnit.id, [unit_id for _role, unit_id in held if unit_id is not None]))
    units = db.session.scalars(query.order_by(AdministrativeUnit.code, AdministrativeUnit.name)).all()
    provinces = [unit.id for unit in units if unit.level == "province"]

    def place(unit):
        province_id = unit.id if unit.level == "province" else unit.parent_id
        return provinces.index(province_id) if province_id in provinces else -1, unit.level != "province"

    return sorted(units, key=place)


def unit_for(user, unit_id):
    """The unit `unit_id` if the user may report on it (None: their default unit); 404 otherwise."""
    held = reporting_roles(user)
    if unit_id is None:
        return default_unit(user)
    unit = db.session.get(AdministrativeUnit, unit_id)
    national = any(REPORTING_ROLES[role] == "national" for role, _unit in held)
    if unit is None or unit.level not in ("province", "district") or not (
            national or _covers({unit_id for _role, unit_id in held}, unit)):
        raise NotFound("unit_not_found", "Không tìm thấy đơn vị trong phạm vi của bạn / "
                                         "No such unit within your jurisdiction")
    return unit


def _day(value, field, problems):
    try:
        day = date.fromisoformat(value)
    except ValueError:
        problems[field] = ["Ngày phải có dạng YYYY-MM-DD / A date is written YYYY-MM-DD"]
        return None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        problems[field] = [f"Năm từ {FIRST_YEAR} đến {LAST_YEAR} / A year from {FIRST_YEAR} to {LAST_YEAR}"]
        return None
    return day


def _whole(value, field, low, high, problems):
    if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
        problems[field] = [f"Phải là số nguyên từ {low} đến {high} / A whole number from {low} to {high}"]
        return None
    return int(value)


def period_of(args):
    """(first day, last day) from `from` and `to` (both, YYYY-MM-DD), or `year`, or this year."""
    problems = {}
    start = end = None
    given = {name: (args.get(name) or "").strip() for name in ("from", "to", "year")}
    if given["from"] or given["to"]:
        for name in ("from", "to"):
            if not given[name]:
                problems[name] = ["Cần cả ngày đầu và ngày cuối kỳ / Both the first and the last day are needed"]
        start = _day(given["from"], "from", problems) if given["from"] else None
        end = _day(given["to"], "to", problems) if given["to"] else None
        if start and end and start > end:
            problems["to"] = ["Ngày cuối kỳ không thể trước ngày đầu kỳ / The last day cannot be before the first"]
    else:
        year = _whole(given["year"], "year", FIRST_YEAR, LAST_YEAR, problems) if given["year"] else today().year
        if year is not None:
            start, end = date(year, 1, 1), date(year, 12, 31)
    if problems:
        raise Unprocessable("invalid_period", INVALID, details=problems)
    return start, end


def scope_of(user, args):
    """The Scope a request's arguments ask for, checked against the user's jurisdiction."""
    reporting_roles(user)
    problems = {}
    unit_id = (args.get("unit") or "").strip()
    unit_id = _whole(unit_id, "unit", 1, 2**31 - 1, problems) if unit_id else None
    months = (args.get("months") or "").strip()
    months = _whole(months, "months", 1, MONTHS_MAX, problems) if months else MONTHS_DEFAULT
    if problems:
        raise Unprocessable("invalid_request", INVALID, details=problems)
    start, end = period_of(args)
    return Scope(unit_for(user, unit_id), start, end, months)


def issuer_of(user, scope):
    """The issuing unit named in a report's header: the user's reporting role (in Vietnamese, an official
    report's language) with its unit, the one covering the scope's unit at the highest level."""
    order = ("national", "province", "district")
    held = sorted((a for a in user.role_assignments if a.role_code in REPORTING_ROLES),
                  key=lambda a: (order.index(REPORTING_ROLES[a.role_code]), a.role_code != "admin"))
    for assignment in held:
        if assignment.unit_id is None or scope.unit is None or _covers({assignment.unit_id}, scope.unit):
            unit = f" {assignment.unit.name}" if assignment.unit is not None else ""
            return f"{assignment.role.name_vi}{unit}"
    return held[0].role.name_vi


def unit_name(scope):
    return scope.unit.name if scope.unit is not None else None
