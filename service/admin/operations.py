"""Changes an administrator makes to accounts, role assignments and council membership.

Each operation validates, changes the session and records an audit entry with the state
before and after; the page that calls it commits once. A refused change raises `Unprocessable`
with a bilingual message ("Tiếng Việt / English") for the page to show.
"""
from sqlalchemy import select

from ..audit.log import record
from ..auth.models import MIN_PASSWORD_LENGTH, Role, RoleAssignment, User
from ..directory.models import AdministrativeUnit, CouncilMember
from ..errors import Unprocessable
from ..extensions import db

# role level -> level of the administrative unit it is held for (None: no unit)
UNIT_LEVEL = {"commune": "commune", "district": "district", "province": "province",
              "entity": None, "national": None, "system": None}
POSITIONS = ("chair", "vice_chair", "member", "secretary")


def _refuse(code, message):
    raise Unprocessable(code, message)


def _user_state(user):
    return {"username": user.username, "full_name": user.full_name, "email": user.email, "is_active": user.is_active}


def create_user(username, full_name, email, password, actor):
    username, full_name, email = username.strip(), full_name.strip(), (email or "").strip() or None
    if not username or not full_name:
        _refuse("missing_fields", "Nhập tên đăng nhập và họ tên / Enter the username and the full name")
    if len(password) < MIN_PASSWORD_LENGTH:
        _refuse("weak_password", f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự / "
                                 f"The password needs at least {MIN_PASSWORD_LENGTH} characters")
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        _refuse("username_taken", "Tên đăng nhập đã có người dùng / This username is taken")
    user = User(username=username, full_name=full_name, email=email, is_active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record("user.created", user=actor, target_user_id=user.id, before=None, after=_user_state(user))
    return user


def set_active(user, active, actor):
    if user.id == actor.id and not active:
        _refuse("self_deactivation", "Không thể tự khoá tài khoản của mình / You cannot deactivate your own account")
    before = _user_state(user)
    user.is_active = active
    record("user.activated" if active else "user.deactivated", user=actor, target_user_id=user.id,
           before=before, after=_user_state(user))


def _assignment_state(assignment):
    return {"role": assignment.role_code, "unit_id": assignment.unit_id,
            "unit": assignment.unit.name if assignment.unit else None}


def assign_role(user, role_code, unit_id, actor):
    """Give `user` the role for the unit (a unit of the role's level; none for entity, national, system roles)."""
    role = db.session.get(Role, role_code or "")
    if role is None:
        _refuse("unknown_role", "Chọn một vai trò / Choose a role")
    unit_level = UNIT_LEVEL[role.level]
    unit = db.session.get(AdministrativeUnit, unit_id) if unit_id else None
    if unit_level is None and unit_id:
        _refuse("unit_not_allowed", "Vai trò này không gắn với đơn vị hành chính / This role has no administrative unit")
    if unit_level is not None and (unit is None or unit.level != unit_level):
        _refuse("unit_required", "Chọn đơn vị hành chính đúng cấp của vai trò / "
                                 "Choose an administrative unit of the role's level")
    if any(a.role_code == role.code and a.unit_id == (unit.id if unit else None) for a in user.role_assignments):
        _refuse("role_held", "Người dùng đã có vai trò này / The user already holds this role")
    assignment = RoleAssignment(role=role, unit=unit)
    user.role_assignments.append(assignment)
    db.session.flush()
    record("user.role_assigned", user=actor, target_user_id=user.id, before=None, after=_assignment_state(assignment))
    return assignment


def remove_role(assignment, actor):
    if assignment.user_id == actor.id and assignment.role_code == "admin":
        _refuse("self_demotion", "Không thể tự bỏ quyền quản trị của mình / You cannot remove your own admin role")
    record("user.role_removed", user=actor, target_user_id=assignment.user_id, before=_assignment_state(assignment),
           after=None)
    assignment.user.role_assignments.remove(assignment)


def _membership_state(member):
    return {"council_id": member.council_id, "council": member.council.name, "position": member.position}


def set_council_member(council, user, position, actor):
    """Make `user` a member of `council` at `position`, or change the position of a member."""
    if position not in POSITIONS:
        _refuse("unknown_position", "Chọn một chức danh trong hội đồng / Choose a position in the council")
    member = db.session.scalar(select(CouncilMember).where(CouncilMember.council_id == council.id,
                                                           CouncilMember.user_id == user.id))
    before = None if member is None else _membership_state(member)
    if member is None:
        member = CouncilMember(user=user, position=position)
        council.members.append(member)
    member.position = position
    db.session.flush()
    record("council.member_set", user=actor, target_user_id=user.id, before=before, after=_membership_state(member))
    return member


def remove_council_member(member, actor):
    record("council.member_removed", user=actor, target_user_id=member.user_id, before=_membership_state(member),
           after=None)
    member.council.members.remove(member)
