"""The tasks table follows the engine: each waiting human task becomes a row assigned by lane.

The lane gives the role; the case's commune, district or province gives the jurisdiction; a
council scoring task goes to the member named in its `council_member`; the first one fixes the case's
criteria sheet. A chair's lane (`district_chair`, `province_chair`) goes to the member in the chair
position of the case's council (`councils.members.chair_for`), not to whoever holds the role. The inbox reads these
rows only, never workflow state.
"""
from .. import clock
from ..audit.log import record
from ..cases.access import jurisdiction_of
from ..councils.members import chair_for
from ..criteria.forms import SHEET_FORM
from ..criteria.operations import fix_sheet
from ..extensions import db
from .models import CouncilScore, HumanTask


def sync_tasks(case, workflow, escalations, actor=None, completing=None, open_rows=None):
    """Bring the case's open task rows (`open_rows` when the caller read them with the case, else
    read here once) in line with the engine's waiting human tasks, inserting the new ones in one
    statement; returns (the open rows in order, the new rows). The audit entries follow the flush
    that gives the new rows their ids (the completed task's first), so that they go in together
    when the transaction ends."""
    now = clock.now()
    waiting = {task.id: task for task in workflow.human_tasks()}
    rows = {row.workflow_task_id: row for row in (case.open_tasks if open_rows is None else open_rows)}
    cancelled = [row for workflow_task_id, row in rows.items()
                 if workflow_task_id not in waiting and row is not completing]
    for workflow_task_id, row in rows.items():
        if workflow_task_id in waiting:
            row.due_at = waiting[workflow_task_id].due_at or row.due_at
    for row in cancelled:
        row.status, row.completed_at = "cancelled", now
    created = []
    for workflow_task_id, task in waiting.items():
        if workflow_task_id not in rows:
            row = HumanTask(
                case_id=case.id, workflow_task_id=workflow_task_id, step=task.step, title=task.title,
                lane=task.lane, unit_id=jurisdiction_of(case, task.lane),
                assignee_id=int(task.council_member) if task.council_member is not None else chair_for(case, task.lane),
                status="open", form_name=task.form_name, due_at=task.due_at, created_at=now,
            )
            db.session.add(row)
            created.append(row)
    if created:
        db.session.flush()
    if completing is not None:
        record("task.completed", case=case, user=actor, task_id=completing.id, step=completing.step,
               data=completing.submitted_data)
    for row in cancelled:
        record("task.cancelled", case=case, user=actor, task_id=row.id, step=row.step)
    if any(row.form_name == SHEET_FORM for row in created):
        with db.session.no_autoflush:  # the audit rows above go with the rest, at the end
            fix_sheet(case)
    for row in created:
        record("task.created", case=case, user=actor, task_id=row.id, step=row.step, lane=row.lane,
               assignee_id=row.assignee_id, due_at=row.due_at.isoformat() if row.due_at else None).subject = row
    open_rows = [row for row in rows.values() if row.status == "open" and row is not completing] + created
    _escalate(case, open_rows, escalations, now, actor)
    return sorted(open_rows, key=lambda row: row.id), created


def _escalate(case, open_rows, escalations, now, actor):
    for escalation in escalations:
        for row in open_rows:
            if row.workflow_task_id in escalation.task_ids:
                row.escalated_at, row.escalated_to = now, escalation.lane
                row.escalated_unit_id = jurisdiction_of(case, escalation.lane)
                record("task.escalated", case=case, task_id=row.id, step=row.step, escalated_to=escalation.lane,
                       due_at=row.due_at.isoformat() if row.due_at else None)


SCORED_PARTS = ("part_a", "part_b", "part_c")


def sheet_total(data):
    """A score sheet's total: the sum of its parts, unrounded."""
    return sum(float(data[part]) for part in SCORED_PARTS)


def record_council_score(case, task, data, member):
    """Keep a council member's score sheet as its own row (level from the lane: district_council -> district),
    with the sums the service made of it from the case's criteria sheet (`criteria.forms.score`)."""
    db.session.add(CouncilScore(
        case_id=case.id, human_task_id=task.id, level=task.lane.removesuffix("_council"), member_id=member.id,
        part_a=data["part_a"], part_b=data["part_b"], part_c=data["part_c"], total=data["total"],
        sheet_id=case.criteria_sheet_id, not_achieved=data["not_achieved"], remarks=data.get("remarks"),
        created_at=clock.now(),
    ))
    return data["total"]
