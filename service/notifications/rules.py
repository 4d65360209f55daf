"""Who is told what: the audit entries that concern people, and the people they concern.

The candidates of a task are found with the inbox's own rule (`candidate_for`), so a
notification reaches exactly the people whose inbox shows the task. Nobody is told of what
they did themselves.

| audit action | kind | who |
|---|---|---|
| task.created (named assignee) | task_assigned | the assignee (a council member) |
| task.created (a lane's task) | task_claimable | the lane's role holders in the task's unit |
| task.created (a producer's task) | producer_task | the entity's producers, with the form they are to send |
| task.created (a producer's task after a return) | returned | the entity's producers, with the form and the reviewer's reason |
| task.reassigned | task_assigned | the user the administrator handed the task to |
| case.progressed to completed or rejected | decision | the entity's producers, with the outcome |
| certificate.issued | certificate | the entity's producers |
| certificate.revoked | certificate_revoked | the entity's producers, with the decision and the reason |
| case.reevaluation_opened | reevaluation | the entity's producers, with the certificate and its end |
| registration.submitted | registration | the commune officers of the new entity's commune |
| task.escalated | overdue | the escalation role's holders in the case's unit (for a chair's lane, the council's chair: `supervises`), and whoever holds the task (its candidates when nobody does) |
| task.reminded | reminder | whoever holds the task (its candidates when nobody does), from the supervisor who reminds |
"""
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.util import identity_key

from ..auth.models import User
from ..auth.permissions import holders_of
from ..cases.access import jurisdiction_of
from ..councils.members import chair_for
from ..directory.models import AdministrativeUnit
from ..extensions import db
from ..process_models.operations import bundle_of
from ..tasks.access import candidate_for, entity_task, supervises
from ..tasks.models import HumanTask
from ..tasks.queries import returned_with


def notices_for(entry, people):
    """[(users, kind, params)] for an audit entry; empty when it concerns nobody. `people` (the
    `People` of the entries written together) answers who the new tasks are for without a query
    per task."""
    rule = RULES.get(entry.action)
    if rule is None:
        return []
    return [([user for user in users if user.id != entry.user_id], kind, params)
            for users, kind, params in rule(entry, people)]


class People:
    """The users the new tasks of a flush may be for (assignees, the cases' producers, the holders
    of the tasks' roles), read in one query the first time a rule asks; none when every new task
    is assigned to someone the session has already read (a council's members are read with their
    users: the sheets of a council that convenes, its chair's decision)."""

    def __init__(self, entries):
        self.tasks = [_task_of(entry) for entry in entries if entry.action == "task.created"]
        self._pool = None

    def candidates(self, task, case):
        if task not in self.tasks:
            return _candidates(task, case, _users(*_candidate_criteria([(task, case)])))
        if self._pool is None:
            self._pool = _assignees_read(self.tasks)
        if self._pool is None:
            self._pool = _users(*_candidate_criteria([(row, row.case) for row in self.tasks]))
        return _candidates(task, case, self._pool)


def _assignees_read(tasks):
    """The active assignees of the tasks, when each task has one and the session holds them all; else None."""
    users = [db.session.identity_map.get(identity_key(User, task.assignee_id)) if task.assignee_id is not None
             else None for task in tasks]
    if any(user is None for user in users):
        return None
    return sorted({user.id: user for user in users if user.is_active}.values(), key=lambda user: user.id)


def _users(*criteria):
    return list(db.session.scalars(select(User).options(joinedload(User.role_assignments))
                                   .where(User.is_active, or_(*criteria)).order_by(User.id)).unique())


def _candidate_criteria(tasks):
    """Who may be a candidate for the tasks (`candidate_for` then chooses): their assignees, their cases' producers,
    the holders of their lanes in their units and, once escalated, of the escalation's role in the case's unit and
    the council's chair."""
    holders = {(task.lane, task.unit_id) for task, _ in tasks if task.lane is not None}
    holders |= {(task.escalated_to, jurisdiction_of(case, task.escalated_to)) for task, case in tasks
                if task.escalated_to is not None}
    named = {task.assignee_id for task, _ in tasks if task.assignee_id is not None}
    named |= {chair_for(case, task.escalated_to) for task, case in tasks if task.escalated_to is not None} - {None}
    return (User.id.in_(named), User.entity_id.in_({case.entity_id for _, case in tasks}),
            *(holders_of(role, unit_id) for role, unit_id in sorted(holders, key=str)))


def _candidates(task, case, users):
    """Among `users`, the task's candidates (the inbox's own rule)."""
    return [user for user in users if candidate_for(user, task, case)]


def _producers(case):
    return [user for user in _users(User.entity_id == case.entity_id) if user.has_role("producer")]


def _case_params(case):
    return {"reference": case.reference, "product": case.product.name}


def _task_params(entry, task):
    return {**_case_params(entry.case), "task_id": task.id, "step": task.title,
            "due_at": task.due_at.isoformat() if task.due_at else None}


def _task_of(entry):
    """The task an entry is about: the row itself when the entry was written with it (`subject`)."""
    return entry.subject if entry.subject is not None else db.session.get(HumanTask, entry.details["task_id"])


def _task_created(entry, people):
    task = _task_of(entry)
    params = _task_params(entry, task)
    users = people.candidates(task, entry.case)
    if task.assignee_id is not None:
        return [(users, "task_assigned", params)]
    if not entity_task(task):
        return [(users, "task_claimable", params)]
    form = bundle_of(entry.case.process_model).form(task.form_name) if task.form_name else None
    params["form"] = form.get("title", task.title) if form else task.title
    returned = returned_with(task)
    if returned is not None:
        return [(users, "returned", {**params, "reason": returned["reason"]})]
    return [(users, "producer_task", params)]


def _task_reassigned(entry, people):
    task = db.session.get(HumanTask, entry.details["task_id"])
    return [(_users(User.id == entry.details["after"]["claimed_by_id"]), "task_assigned", _task_params(entry, task))]


def _task_escalated(entry, people):
    task, case = db.session.get(HumanTask, entry.details["task_id"]), entry.case
    supervisors = [user for user in _users(User.id == chair_for(case, task.escalated_to),
                                           holders_of(task.escalated_to, jurisdiction_of(case, task.escalated_to)))
                   if supervises(user, task, case)]
    holder_id = task.claimed_by_id or task.assignee_id
    holders = _users(User.id == holder_id) if holder_id is not None else people.candidates(task, case)
    users = {user.id: user for user in supervisors + holders}
    return [(list(users.values()), "overdue", {**_task_params(entry, task), "escalated_to": task.escalated_to})]


def _task_reminded(entry, people):
    task, case = db.session.get(HumanTask, entry.details["task_id"]), entry.case
    holder_id = entry.details.get("holder_id")
    holders = _users(User.id == holder_id) if holder_id is not None else people.candidates(task, case)
    return [(holders, "reminder", {**_task_params(entry, task), "by": entry.user.full_name if entry.user else None})]


def _case_progressed(entry, people):
    if entry.details["after"]["status"] not in ("completed", "rejected"):
        return []
    case = entry.case
    outcome = case.outcome or {}
    status = outcome.get("status") if case.status == "completed" else "rejected"
    return [(_producers(case), "decision", {**_case_params(case), "status": status, "stars": case.stars,
                                            "level": outcome.get("level"), "reason": outcome.get("reason")})]


def _certificate_issued(entry, people):
    details = entry.details
    return [(_producers(entry.case), "certificate", {
        **_case_params(entry.case), "number": details["number"], "stars": details["stars"],
        "level": details["level"], "valid_until": details["valid_until"]})]


def _certificate_revoked(entry, people):
    details = entry.details
    return [(_producers(entry.case), "certificate_revoked", {
        **_case_params(entry.case), "number": details["number"], "decision": details["decision"],
        "reason": details["reason"]})]


def _reevaluation_opened(entry, people):
    details = entry.details
    return [(_producers(entry.case), "reevaluation", {
        **_case_params(entry.case), "number": details["certificate"], "valid_until": details["valid_until"]})]


def _registration_submitted(entry, people):
    details = entry.details
    commune = db.session.get(AdministrativeUnit, details["commune_id"])
    officers = _users(holders_of("commune_officer", commune.id))
    applicant = db.session.get(User, entry.user_id)
    return [(officers, "registration", {"entity": details["entity"], "commune": commune.name,
                                        "username": applicant.username, "full_name": applicant.full_name})]


RULES = {
    "task.created": _task_created,
    "task.reassigned": _task_reassigned,
    "task.escalated": _task_escalated,
    "task.reminded": _task_reminded,
    "case.progressed": _case_progressed,
    "certificate.issued": _certificate_issued,
    "certificate.revoked": _certificate_revoked,
    "case.reevaluation_opened": _reevaluation_opened,
    "registration.submitted": _registration_submitted,
}
