"""A producer registers an account for a producing entity; the commune officer approves or refuses it.

The account is created inactive with `registration_status = "pending"` and linked to the new
entity; approval activates it and gives the producer role, refusal keeps it inactive. Each
operation records an audit entry; the page that calls it commits once.
"""
import re

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..audit.log import record
from ..auth.models import MIN_PASSWORD_LENGTH, RoleAssignment, User
from ..auth.permissions import holds
from ..directory.models import AdministrativeUnit, ProducingEntity
from ..errors import Forbidden, NotFound, Unprocessable
from ..extensions import db
from ..forms.validation import REQUIRED

ENTITY_TYPES = ("enterprise", "cooperative", "cooperative_group", "household")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,79}$")


def registration_problems(data):
    """{field: [messages]} of what is wrong with a registration form (empty when it is fine)."""
    problems = {}
    for name in ("entity_name", "entity_type", "commune_id", "username", "full_name", "email", "password"):
        if not data.get(name):
            problems[name] = [REQUIRED]
    if data.get("entity_type") and data["entity_type"] not in ENTITY_TYPES:
        problems["entity_type"] = ["Loại hình không hợp lệ / Unknown type of entity"]
    if data.get("commune_id"):
        commune = db.session.get(AdministrativeUnit, data["commune_id"])
        if commune is None or commune.level != "commune":
            problems["commune_id"] = ["Xã không tồn tại / Unknown commune"]
    if data.get("username"):
        if not USERNAME.match(data["username"]):
            problems["username"] = ["Từ 3 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang / At least 3 "
                                    "characters: lower-case letters, digits, dots, dashes"]
        elif db.session.scalar(select(User.id).where(User.username == data["username"])) is not None:
            problems["username"] = ["Tên đăng nhập đã có người dùng / This username is taken"]
    if data.get("email") and "@" not in data["email"]:
        problems["email"] = ["Địa chỉ email không hợp lệ / Not a valid e-mail address"]
    if data.get("password"):
        if len(data["password"]) < MIN_PASSWORD_LENGTH:
            problems["password"] = [f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự / "
                                    f"The password needs at least {MIN_PASSWORD_LENGTH} characters"]
        elif data["password"] != data.get("password_again"):
            problems["password_again"] = ["Hai mật khẩu không khớp / The passwords do not match"]
    return problems


def register(data):
    """A new inactive account, pending approval, for a new producing entity."""
    problems = registration_problems(data)
    if problems:
        raise Unprocessable("invalid_form", "Dữ liệu biểu mẫu không hợp lệ / The form data is invalid",
                            details=problems)
    entity = ProducingEntity(name=data["entity_name"], entity_type=data["entity_type"],
                             commune_id=data["commune_id"],
                             business_registration_no=data.get("business_registration_no") or None)
    user = User(username=data["username"], full_name=data["full_name"], email=data["email"], is_active=False,
                registration_status="pending", entity=entity)
    user.set_password(data["password"])
    db.session.add(user)
    db.session.flush()
    record("registration.submitted", user=user, entity_id=entity.id, entity=entity.name,
           entity_type=entity.entity_type, commune_id=entity.commune_id)
    return user


def _pending(officer, statement):
    """`statement` limited to the pending registrations of the communes this officer holds the commune
    officer role for."""
    communes = officer.units_for("commune_officer")
    statement = (statement.join(ProducingEntity, ProducingEntity.id == User.entity_id)
                 .where(User.registration_status == "pending"))
    if communes is not None:
        statement = statement.where(ProducingEntity.commune_id.in_(communes))
    return statement


def pending_registrations(officer):
    """The pending registrations of the communes this officer holds the commune officer role for, each with its
    entity, commune and district, read in the same statements whatever their number."""
    return db.session.scalars(_pending(officer, select(User)).options(
        joinedload(User.entity).joinedload(ProducingEntity.commune).joinedload(AdministrativeUnit.parent))
        .order_by(User.id)).all()


def pending_count_query(officer):
    """The SELECT of how many registrations wait for this officer (the badge of the menu's entry)."""
    return _pending(officer, select(func.count(User.id)))


def get_registration(user_id, officer):
    """A pending registration this officer may decide on: 404 when there is none, 403 outside their commune."""
    user = db.session.get(User, user_id)
    if user is None or user.registration_status != "pending" or user.entity is None:
        raise NotFound("registration_not_found", "Không tìm thấy đăng ký / Registration not found")
    if not holds(officer, "commune_officer", user.entity.commune_id):
        raise Forbidden("not_your_commune", "Đăng ký này thuộc xã khác / This registration belongs to another commune")
    return user


def approve(user, officer):
    """Activate the account, give it the producer role for its entity."""
    user.is_active, user.registration_status = True, "approved"
    db.session.add(RoleAssignment(user=user, role_code="producer", unit_id=None))
    record("registration.approved", user=officer, target_user_id=user.id, entity_id=user.entity_id)


def refuse(user, officer, reason):
    reason = (reason or "").strip()
    if not reason:
        raise Unprocessable("invalid_form", "Dữ liệu biểu mẫu không hợp lệ / The form data is invalid",
                            details={"reason": ["Ghi lý do từ chối / Give the reason for refusing"]})
    user.registration_status = "refused"
    record("registration.refused", user=officer, target_user_id=user.id, entity_id=user.entity_id, reason=reason)
