"""Who may act on a task: its candidates (the assignee, the holders of its lane's role for its unit,
the supervisor it was escalated to), the producer tasks of an entity, and the inbox's filters.
Who may see the task's case is service/cases/access.py.
"""
from sqlalchemy import and_

from ..auth.permissions import holds
from ..cases.access import UNIT_COLUMN, jurisdiction_of, role_levels
from ..cases.models import Case
from ..councils.members import chair_for
from ..errors import Forbidden
from .models import HumanTask


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
    """Whether the task, overdue, was escalated to this user: to a role they hold for the case (the
    district office for a commune's check, ...), or, for a chair's lane, to the member in the chair
    position of the case's council (`chair_for`; the role's holders when the council has no chair)."""
    if task.escalated_to is None:
        return False
    chair = chair_for(case, task.escalated_to)
    if chair is not None:
        return chair == user.id
    return holds(user, task.escalated_to, jurisdiction_of(case, task.escalated_to))


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
            clauses.append(and_(escalated, HumanTask.escalated_unit_id == assignment.unit_id))
        else:
            clauses += [own_lane, escalated]
    return clauses


def require_candidate(user, task, case):
    if not candidate_for(user, task, case):
        raise Forbidden("not_your_task", "Nhiệm vụ này không dành cho bạn / This task is not assigned to you "
                                         "or your role and jurisdiction")
