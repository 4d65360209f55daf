"""Who may see a case and who may act on a task: one helper per kind of object.

A case is visible to its producer, to officials whose role covers its commune, district or
province, to the national office and council once the case has reached them, to council
members it was assigned to, and to administrators. Anything else answers 404, so that
nobody learns which cases exist outside their jurisdiction.
"""
from sqlalchemy import and_, false, or_, select

from ..auth.models import Role
from ..errors import Forbidden, NotFound
from ..extensions import db
from ..tasks.models import HumanTask
from .models import Case

UNIT_COLUMN = {"commune": Case.commune_id, "district": Case.district_id, "province": Case.province_id}


def role_levels():
    """{role code: level}, read once per database session: the access checks ask for it per user and task."""
    info = db.session.info
    if "role_levels" not in info:
        info["role_levels"] = dict(db.session.execute(select(Role.code, Role.level)).all())
    return info["role_levels"]


def _case_has_task(*criteria):
    """The case has a task matching the criteria (an uncorrelated IN, evaluated once per query)."""
    return Case.id.in_(select(HumanTask.case_id).where(*criteria))


def visible_cases(user):
    """A filter on Case for the cases this user may see."""
    if user.has_role("admin"):
        return Case.id.is_not(None)
    levels = role_levels()
    clauses = [_case_has_task(HumanTask.assignee_id == user.id)]
    if user.entity_id is not None and user.has_role("producer"):
        clauses.append(Case.entity_id == user.entity_id)
    for assignment in user.role_assignments:
        level = levels.get(assignment.role_code)
        if level in UNIT_COLUMN and assignment.unit_id is not None:
            clauses.append(UNIT_COLUMN[level] == assignment.unit_id)
        elif level == "national":
            clauses.append(_case_has_task(HumanTask.lane.like("national%")))
    return or_(*clauses) if clauses else false()


def get_case(case_id, user):
    """The case, if this user may see it; 404 otherwise."""
    case = db.session.scalar(select(Case).where(Case.id == case_id, visible_cases(user)))
    if case is None:
        raise NotFound("case_not_found", "Không tìm thấy hồ sơ / Case not found")
    return case


def unit_at(case, level):
    """The case's commune, district or province id at that level (None for national and system levels)."""
    return getattr(case, f"{level}_id") if level in UNIT_COLUMN else None


def jurisdiction_of(case, role_code):
    """The administrative unit a role acts for on this case (None for national and system roles)."""
    return unit_at(case, role_levels().get(role_code))


def holds(user, role_code, unit_id):
    """Whether the user has this role for this unit (national and system roles cover everything)."""
    return any(a.role_code == role_code and (a.unit_id is None or a.unit_id == unit_id)
               for a in user.role_assignments)


def entity_task(task):
    """Whether the task is a producer's: it belongs to the case's entity, and any producer of the
    entity does it without claiming it."""
    return task.lane == "producer"


def entity_tasks(user):
    """A filter on HumanTask (joined with Case) for the producer tasks of this user's entity, which
    are theirs without a claim; None for a user who is not a producer of an entity."""
    if user.entity_id is None or not user.has_role("producer"):
        return None
    return and_(HumanTask.lane == "producer", Case.entity_id == user.entity_id)


def candidate_for(user, task, case):
    """Whether the user is among the people this task is for."""
    if task.assignee_id is not None:
        return task.assignee_id == user.id
    if entity_task(task):
        return user.entity_id is not None and user.entity_id == case.entity_id and user.has_role("producer")
    return holds(user, task.lane, task.unit_id) or supervises(user, task, case)


def supervises(user, task, case):
    """Whether the task, overdue, was escalated to a role this user holds for the case (the council
    chair for a member's sheet, the district office for a commune's check, ...)."""
    return task.escalated_to is not None and holds(user, task.escalated_to, jurisdiction_of(case, task.escalated_to))


def inbox_clauses(user):
    """Filters on HumanTask (joined with Case), one per way this user can be a candidate for a task to
    claim (a producer's tasks need no claim: `entity_tasks`)."""
    levels = role_levels()
    clauses = [HumanTask.assignee_id == user.id]
    for assignment in user.role_assignments:
        if assignment.role_code == "producer":
            continue
        own_lane = and_(HumanTask.lane == assignment.role_code, HumanTask.assignee_id.is_(None))
        escalated = HumanTask.escalated_to == assignment.role_code
        level = levels.get(assignment.role_code)
        if level in UNIT_COLUMN:
            clauses.append(and_(own_lane, HumanTask.unit_id == assignment.unit_id))
            clauses.append(and_(escalated, UNIT_COLUMN[level] == assignment.unit_id))
        else:
            clauses += [own_lane, escalated]
    return clauses


def require_candidate(user, task, case):
    if not candidate_for(user, task, case):
        raise Forbidden("not_your_task", "Nhiệm vụ này không dành cho bạn / This task is not assigned to you "
                                         "or your role and jurisdiction")
