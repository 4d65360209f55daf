"""The programme's steering structure per unit (the 2020 plan, section II.1): the province's steering
committee (Ban chỉ đạo), evaluation council (Hội đồng đánh giá) and help team (Tổ giúp việc), each
district's council and help team (Tổ công tác), each commune's OCOP officer.

The bodies are the table of councils with their `kind` (one home: the evaluation council is the
body that scores cases, `members.council_of`), each with its founding decision (number, date), term
and members in positions. An administrator records them anywhere; a province's OCOP office those
of its province and its districts; a district's office those of its district. The coverage check
lists, unit by unit within the user's reach, what the plan asks for and what is missing.
"""
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..admin.operations import POSITIONS, set_council_member
from ..audit.log import record
from ..auth.models import RoleAssignment, User
from ..auth.permissions import OFFICES, managed, manages
from ..certificates.lifecycle import today
from ..directory.choices import within_province
from ..directory.models import AdministrativeUnit, Council, CouncilMember
from ..errors import Forbidden, NotFound, Unprocessable
from ..extensions import db
from ..paging import paginate

KINDS = {
    "steering_committee": "Ban chỉ đạo / Steering committee",
    "council": "Hội đồng đánh giá, phân hạng sản phẩm / Evaluation council",
    "help_team": "Tổ giúp việc / Help team",
}
# what each level of unit must have: bodies by kind, and "officer" for a commune's OCOP officer
REQUIRED = {
    "province": ("steering_committee", "council", "help_team"),
    "district": ("council", "help_team"),
    "commune": ("officer",),
}


def _refuse(field, message):
    raise Unprocessable("invalid_body", "Dữ liệu không hợp lệ / The data is invalid", details={field: [message]})


def require_manager(user):
    """Administrators and the province's and districts' OCOP offices record the structure, each for the units it
    runs (`manages`, `managed`); 403 for others."""
    if not (user.has_role("admin") or any(a.role_code in OFFICES and a.unit_id is not None
                                          for a in user.role_assignments)):
        raise Forbidden("not_programme_office", "Chỉ cơ quan thường trực OCOP hoặc quản trị viên được làm việc "
                                                "này / Only an OCOP office or an administrator may do this")


def bodies(user, unit_id=None, kind=None, province=None):
    """The bodies of the units within the user's reach (with `province`, within it), by unit and kind, newest term
    first, each with its unit and members (their accounts), read in the same statements whatever their number: a
    province's, all of them; a country's, a page at a time (`bodies_page`)."""
    return db.session.scalars(_bodies(user, unit_id, kind, province)).all()


def bodies_page(user, page, per_page, unit_id=None, kind=None):
    """A page of `bodies` (`paging.paginate`): an administrator reaches every unit of the country."""
    return paginate(_bodies(user, unit_id, kind), page, per_page)


def _bodies(user, unit_id=None, kind=None, province=None):
    require_manager(user)
    members = selectinload(Council.members)
    query = (select(Council).options(joinedload(Council.unit), members.joinedload(CouncilMember.user))
             .where(Council.unit_id.is_not(None), managed(user, Council.unit_id),
                    within_province(Council.unit_id, province))
             .order_by(Council.unit_id, Council.kind, Council.decision_date.desc().nulls_last(), Council.id.desc()))
    if unit_id is not None:
        query = query.where(Council.unit_id == unit_id)
    if kind is not None:
        query = query.where(Council.kind == kind)
    return query


def get_body(body_id, user):
    """A body of a unit within the user's reach; 404 otherwise."""
    require_manager(user)
    body = db.session.get(Council, body_id)
    if body is None or body.unit is None or not manages(user, body.unit):
        raise NotFound("body_not_found", "Không tìm thấy tổ chức / Body not found")
    return body


def create_body(user, kind, unit_id, name, decision_number, decision_date, term_from=None, term_until=None):
    """Record a body founded by a decision: of `kind`, for a district or the province within the user's
    reach; its term runs from `term_from` (the decision's date by default) to `term_until` (open)."""
    require_manager(user)
    if kind not in KINDS:
        _refuse("kind", "Chọn loại tổ chức / Choose the kind of body")
    unit = db.session.get(AdministrativeUnit, unit_id) if unit_id else None
    if unit is None or unit.level not in ("district", "province") or not manages(user, unit):
        _refuse("unit_id", "Chọn huyện hoặc tỉnh thuộc phạm vi của bạn / Choose a district or the province "
                           "within your reach")
    if not (name or "").strip() or len(name) > 300:
        _refuse("name", "Nhập tên (tối đa 300 ký tự) / Enter the name (at most 300 characters)")
    if not (decision_number or "").strip() or len(decision_number) > 50:
        _refuse("decision_number", "Nhập số quyết định thành lập (tối đa 50 ký tự) / Enter the founding decision's "
                                   "number (at most 50 characters)")
    if not isinstance(decision_date, date) or decision_date > today():
        _refuse("decision_date", "Ngày quyết định không được sau hôm nay / The decision's date cannot be after today")
    term_from = term_from or decision_date
    if term_until is not None and term_until < term_from:
        _refuse("term_until", "Nhiệm kỳ kết thúc trước khi bắt đầu / The term ends before it starts")
    body = Council(kind=kind, level=unit.level, unit_id=unit.id, name=name.strip(),
                   decision_number=decision_number.strip(), decision_date=decision_date, term_from=term_from,
                   term_until=term_until)
    db.session.add(body)
    db.session.flush()
    record("council.body_created", user=user, body_id=body.id, kind=kind, unit_id=unit.id, name=body.name,
           decision_number=body.decision_number, decision_date=decision_date.isoformat())
    return body


def set_member(body, user, member_id, position):
    """Make `member_id` a member of `body` at `position` (or change the position)."""
    member = db.session.get(User, member_id) if isinstance(member_id, int) else None
    if member is None or not member.is_active:
        _refuse("user_id", "Người dùng không tồn tại hoặc đã bị khoá / Unknown or inactive user")
    if position not in POSITIONS:
        _refuse("position", "Chọn một chức danh / Choose a position")
    return set_council_member(body, member, position, user)


def _current(day):
    return (or_(Council.term_from.is_(None), Council.term_from <= day),
            or_(Council.term_until.is_(None), Council.term_until >= day))


def coverage(user, province=None):
    """Per unit within the user's reach (the province, its districts, their communes; with `province`, within
    that province only): what the plan asks of it (`required`), what it has today (bodies in their term, with
    at least one member; a commune's active OCOP officer) and what is `missing`; with the counts."""
    require_manager(user)
    units = db.session.scalars(select(AdministrativeUnit).where(
        AdministrativeUnit.level.in_(REQUIRED), managed(user, AdministrativeUnit.id),
        within_province(AdministrativeUnit.id, province)).order_by(
        AdministrativeUnit.level.desc(), AdministrativeUnit.name)).all()
    ids = [unit.id for unit in units]
    held = {(unit_id, kind) for unit_id, kind in db.session.execute(
        select(Council.unit_id, Council.kind).where(Council.unit_id.in_(ids), *_current(today()),
                                                    Council.members.any()))}
    held |= {(unit_id, "officer") for unit_id in db.session.scalars(
        select(RoleAssignment.unit_id).join(User, User.id == RoleAssignment.user_id).where(
            RoleAssignment.role_code == "commune_officer", RoleAssignment.unit_id.in_(ids), User.is_active))}
    rows = [{"unit_id": unit.id, "unit": unit.name, "level": unit.level,
             "parent": unit.parent.name if unit.parent else None,
             "required": list(REQUIRED[unit.level]),
             "missing": [need for need in REQUIRED[unit.level] if (unit.id, need) not in held]} for unit in units]
    return {"units": rows, "total": len(rows), "complete": sum(1 for row in rows if not row["missing"]),
            "missing": [row for row in rows if row["missing"]]}
