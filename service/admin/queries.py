"""What the administration pages read: users, process versions with their running cases, criteria sheets,
the audit log."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload, undefer

from ..audit.models import AuditEntry
from ..auth.models import Role, RoleAssignment, User
from ..cases.models import Case
from ..criteria.models import CriteriaSheet
from ..directory.choices import within
from ..directory.models import AdministrativeUnit, Council, ProductGroup
from ..extensions import db
from ..paging import paginate
from ..process_models.operations import running_cases_per_version, versions_listed

PER_PAGE = 50


ROLE_LEVELS = ("entity", "commune", "district", "province", "national", "system")


def known_roles():
    """The roles, from the producer to the administrator."""
    return sorted(db.session.scalars(select(Role)), key=lambda role: (ROLE_LEVELS.index(role.level), role.code))


def role_units(province, provinces):
    """The units a role may be given in, by level and name, each with its parent: every unit of the directory, but
    in a directory of several provinces (`chosen_province`: a country has some ten thousand communes) the provinces,
    and the districts and communes of the province chosen only."""
    units = (select(AdministrativeUnit).options(joinedload(AdministrativeUnit.parent))
             .order_by(AdministrativeUnit.level, AdministrativeUnit.name))
    if provinces:
        chosen = [within(AdministrativeUnit.id, [province.id])] if province is not None else []
        units = units.where(or_(AdministrativeUnit.parent_id.is_(None), *chosen))
    return db.session.scalars(units).all()


def councils_within(province, provinces):
    """The councils a person may be made a member of, oldest first: every council, but in a directory of several
    provinces (a country has some seven hundred councils) the national ones and those of the province chosen, its
    districts' and its communes'."""
    councils = select(Council).order_by(Council.id)
    if provinces:
        chosen = [within(Council.unit_id, [province.id])] if province is not None else []
        councils = councils.where(or_(Council.unit_id.is_(None), *chosen))
    return db.session.scalars(councils).all()


def search_users(text, page=1):
    """The page of accounts whose user name, full name or e-mail contains `text`, by user name, PER_PAGE a page (a
    `paging.paginate` pagination; a country has tens of thousands of accounts), each with its roles and their units
    read in the same statements whatever the page's size."""
    query = select(User).options(selectinload(User.role_assignments).options(
        joinedload(RoleAssignment.role), joinedload(RoleAssignment.unit))).order_by(User.username, User.id)
    if text:
        query = query.where(or_(*(column.icontains(text, autoescape=True)
                                  for column in (User.username, User.full_name, User.email))))
    return paginate(query, page=page, per_page=PER_PAGE)


def process_versions():
    """{key: [(version, number of running cases)]}, each key's versions by rule set, the latest rule set
    first and each rule set's newest version first."""
    running = running_cases_per_version()
    versions = {}
    for model in db.session.scalars(versions_listed()):
        versions.setdefault(model.key, []).append((model, running.get(model.id, 0)))
    return versions


def criteria_sheet_versions():
    """{rule set: {sheet code: [versions, newest first]}}, rule sets and codes in order, each version with its
    number of criteria (`criteria_count`)."""
    sheets = {}
    versions = (select(CriteriaSheet).options(undefer(CriteriaSheet.criteria_count))
                .order_by(CriteriaSheet.rule_set, CriteriaSheet.code, CriteriaSheet.version.desc()))
    for sheet in db.session.scalars(versions):
        sheets.setdefault(sheet.rule_set, {}).setdefault(sheet.code, []).append(sheet)
    return sheets


def product_group_names():
    """{(rule set, group code): "Tên / Name"} of every product group and sub-group."""
    return {(group.rule_set, group.code): f"{group.name_vi} / {group.name_en}"
            for group in db.session.scalars(select(ProductGroup))}


@dataclass
class AuditFilters:
    """The audit page's filters, read from its query string; empty fields filter nothing."""
    case: str = ""
    user: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def from_args(cls, args):
        return cls(case=args.get("case", "").strip(), user=args.get("user", "").strip(),
                   action=args.get("action", "").strip(), date_from=_date(args.get("from")),
                   date_to=_date(args.get("to")))


def _date(text):
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _day_start(day):
    """Midnight of `day` where the pages show times (BABEL_DEFAULT_TIMEZONE)."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))


def search_audit(filters, page=1):
    """The page of audit entries matching `filters`, newest first, PER_PAGE a page (a `paging.paginate` pagination)."""
    query = select(AuditEntry).options(joinedload(AuditEntry.case), joinedload(AuditEntry.user))
    if filters.case:
        case_ids = select(Case.id).where(Case.reference == filters.case)
        if filters.case.isdigit():
            case_ids = case_ids.union(select(Case.id).where(Case.id == int(filters.case)))
        query = query.where(AuditEntry.case_id.in_(case_ids))
    if filters.user:
        query = query.where(AuditEntry.user_id.in_(select(User.id).where(User.username == filters.user)))
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.date_from:
        query = query.where(AuditEntry.created_at >= _day_start(filters.date_from))
    if filters.date_to:
        query = query.where(AuditEntry.created_at < _day_start(filters.date_to + timedelta(days=1)))
    return paginate(query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()), page=page, per_page=PER_PAGE)

