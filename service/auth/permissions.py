"""Role checks shared by the operations and routes of every area."""
from sqlalchemy import or_, select, true

from ..directory.choices import within
from ..errors import Forbidden
from .models import RoleAssignment, User

ADMIN_ONLY = "Chỉ quản trị viên được làm việc này / Only administrators may do this"
OFFICES = ("province_officer", "district_officer")  # the OCOP offices that run the programme for their units
# the OCOP officials of a commune, a district or a province (their councils aside)
OFFICIALS = ("commune_officer", "district_officer", "province_officer")


def require_admin(user):
    if not user.has_role("admin"):
        raise Forbidden("admin_only", ADMIN_ONLY)


def holds(user, role_code, unit_id):
    """Whether the user has this role for this unit (national and system roles cover everything)."""
    return any(a.role_code == role_code and (a.unit_id is None or a.unit_id == unit_id)
               for a in user.role_assignments)


def holders_of(role_code, unit_id):
    """`holds` as a clause on User: the users who hold this role for this unit (or everywhere), found through the
    role assignments' index by unit and role, not among every holder of the role in the country."""
    return User.id.in_(select(RoleAssignment.user_id).where(
        RoleAssignment.role_code == role_code,
        or_(RoleAssignment.unit_id.is_(None), RoleAssignment.unit_id == unit_id)))


def manages(user, unit):
    """Whether the user runs the programme for this unit: an administrator, the provincial OCOP office of its
    province, or the district OCOP office of its district (points of sale, fairs, training, the survey)."""
    if user.has_role("admin"):
        return True
    district, province = unit.district, unit.province
    return ((district is not None and holds(user, "district_officer", district.id))
            or (province is not None and holds(user, "province_officer", province.id)))


def managed(user, column):
    """`manages` as a clause on `column`, a column of unit ids: the rows of the units the user runs the programme
    for, read through the index of parents, so that a list of a country's rows is not read to keep a province's."""
    offices = [a.unit_id for a in user.role_assignments if a.role_code in OFFICES]
    if user.has_role("admin") or None in offices:
        return true()
    return within(column, offices)
