"""Task endpoints: the inbox, a task with its form, claim, unclaim, complete, reassign."""
from flask import Blueprint
from flask_login import current_user, login_required
from ..bodies import json_body, query_args
from ..councils import operations as council_operations
from ..extensions import db
from ..paging import TAB_COUNT_LIMIT, page_body
from . import operations
from .access import supervises
from .inbox import inbox
from .queries import returned_with
from .schemas import CompleteInput, ConflictInput, ReassignInput, TaskDetail, TaskQuery, TaskSummary, UserChoice

bp = Blueprint("tasks", __name__, url_prefix="/api/v1")
# Built once: building a schema costs more than most of its dumps, and a schema keeps no state between them.
TASK_QUERY, COMPLETE_INPUT, TASK, TASKS = TaskQuery(), CompleteInput(), TaskSummary(), TaskSummary(many=True)


@bp.get("/tasks")
@login_required
def list_tasks():
    """The inbox: my tasks, those I can claim, or all I can see; overdue first. `total` and `counts` are
    exact up to `count_limit` (1000): a count equal to it means at least that many.
    ---
    get:
      tags: [tasks]
      summary: Inbox
      parameters:
      - {in: query, schema: TaskQuery}
      responses:
        200: {content: {application/json: {schema: TaskPage}}}
    """
    query = query_args(TASK_QUERY)
    page, counts = inbox(current_user, **query)
    return page_body(page, TASKS.dump(page.items), TAB_COUNT_LIMIT, counts=counts)


def task_detail(task, case):
    body = TaskDetail().dump(task)
    body["form"] = operations.task_form(task, case)
    body["returned_with"] = returned_with(task)
    supervisor = task.status == "open" and (supervises(current_user, task, case) or current_user.has_role("admin"))
    body["handover_choices"] = UserChoice(many=True).dump(operations.handover_choices(task, case)) \
        if supervisor else None
    return body


@bp.get("/tasks/<int:task_id>")
@login_required
def show_task(task_id):
    """A task with its form as a JSON Schema (and, after a return, the reviewer's reason).
    ---
    get:
      tags: [tasks]
      summary: Open a task
      parameters: [{in: path, name: task_id, required: true, schema: {type: integer}}]
      responses:
        200: {content: {application/json: {schema: TaskDetail}}}
        404: {description: not found or not visible to you}
    """
    task, case = operations.get_task(task_id, current_user)
    return task_detail(task, case)


@bp.post("/tasks/<int:task_id>/claim")
@login_required
def claim_task(task_id):
    """Claim a task of your role and jurisdiction, so that others see it is being handled.
    A producer's task is the entity's and is never claimed: any producer of the entity completes it.
    ---
    post:
      tags: [tasks]
      summary: Claim
      parameters: [{in: path, name: task_id, required: true, schema: {type: integer}}]
      responses:
        200: {content: {application/json: {schema: TaskSummary}}}
        403: {description: not your role or jurisdiction}
        409: {description: "claimed by someone else, already completed, or a producer's task (claim_not_needed)"}
    """
    task = operations.claim(task_id, current_user)
    claimed = TASK.dump(task)  # before the commit expires what the claim read
    db.session.commit()
    return claimed


@bp.post("/tasks/<int:task_id>/unclaim")
@login_required
def unclaim_task(task_id):
    """Give a claimed task back to the pool.
    ---
    post:
      tags: [tasks]
      summary: Unclaim
      parameters: [{in: path, name: task_id, required: true, schema: {type: integer}}]
      responses:
        200: {content: {application/json: {schema: TaskSummary}}}
    """
    task = operations.unclaim(task_id, current_user)
    db.session.commit()
    return TASK.dump(task)


@bp.post("/tasks/<int:task_id>/complete")
@login_required
def complete_task(task_id):
    """Complete a task with its form data; the case moves on in the same transaction.
    ---
    post:
      tags: [tasks]
      summary: Complete
      parameters: [{in: path, name: task_id, required: true, schema: {type: integer}}]
      requestBody: {content: {application/json: {schema: CompleteInput}}}
      responses:
        200: {content: {application/json: {schema: TaskSummary}}}
        409: {description: "already completed or claimed by someone else, or the process hit an incident"}
        422: {description: invalid form data (details per field)}
    """
    body = json_body(COMPLETE_INPUT)
    task = operations.complete(task_id, current_user, body["data"])
    completed = TASK.dump(task)  # before the commit expires what the completion read
    db.session.commit()
    return completed


@bp.post("/tasks/<int:task_id>/reassign")
@login_required
def reassign_task(task_id):
    """Hand an open task to another user: administrators, or the supervisor an overdue task was
    escalated to (a council chair hands a member's sheet to another member: see handover_choices).
    ---
    post:
      tags: [tasks]
      summary: Reassign (hand over)
      parameters: [{in: path, name: task_id, required: true, schema: {type: integer}}]
      requestBody: {content: {application/json: {schema: ReassignInput}}}
      responses:
        200: {content: {application/json: {schema: TaskSummary}}}
        403: {description: "neither an administrator nor the supervisor of this overdue task"}
        422: {description: "the user cannot take this task (not a candidate, not among handover_choices)"}
    """
    body = json_body(ReassignInput())
    task = operations.reassign(task_id, current_user, body["user_id"])
    db.session.commit()
    return TASK.dump(task)


@bp.post("/tasks/<int:task_id>/remind")
@login_required
def remind_task(task_id):
    """Remind whoever holds an overdue task (the supervisor it was escalated to, or administrators).
    ---
    post:
      tags: [tasks]
      summary: Remind
      parameters: [{in: path, name: task_id, required: true, schema: {type: integer}}]
      responses:
        200: {content: {application/json: {schema: TaskSummary}}}
        403: {description: "neither an administrator nor the supervisor of this overdue task"}
        409: {description: "the task is no longer open"}
    """
    task = operations.remind(task_id, current_user)
    db.session.commit()
    return TASK.dump(task)


@bp.post("/tasks/<int:task_id>/absence")
@login_required
def record_absence(task_id):
    """Record that the council member holding this score sheet is absent: the sheet closes without a
    score, and the council concludes on the others if they make a quorum.
    ---
    post:
      tags: [tasks]
      summary: Record a council member's absence
      parameters: [{in: path, name: task_id, required: true, schema: {type: integer}}]
      responses:
        200: {content: {application/json: {schema: TaskSummary}}}
        403: {description: "neither the council's secretary, its office, nor an administrator"}
        404: {description: not found or not visible to you}
        409: {description: "the sheet is no longer open"}
        422: {description: "the task is not a council member's score sheet"}
    """
    task = council_operations.record_absence(task_id, current_user)
    db.session.commit()
    return TASK.dump(task)


@bp.post("/tasks/<int:task_id>/conflict")
@login_required
def declare_conflict(task_id):
    """The council member holding this score sheet declares an interest in the product (`{"reason"}`)
    and does not score it; the quorum counts them among the members who did not score.
    ---
    post:
      tags: [tasks]
      summary: Declare a conflict of interest
      parameters: [{in: path, name: task_id, required: true, schema: {type: integer}}]
      requestBody: {content: {application/json: {schema: ConflictInput}}}
      responses:
        200: {content: {application/json: {schema: TaskSummary}}}
        404: {description: "not found, or not your sheet"}
        409: {description: "the sheet is no longer open"}
        422: {description: "no reason, or not a council member's score sheet"}
    """
    body = json_body(ConflictInput())
    task = council_operations.declare_conflict(task_id, current_user, body["reason"])
    db.session.commit()
    return TASK.dump(task)
