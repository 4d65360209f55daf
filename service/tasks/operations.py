"""What people do with tasks: claim, unclaim, complete, and for an overdue task its supervisor's
remind and hand over (administrators may hand over any task). Each writes the audit log.

A producer's task belongs to the case's entity (`entity_task`): it is never claimed (409
`claim_not_needed`), and any producer of the entity completes it.

An overdue task escalated to a supervising role (`supervises`) is the supervisor's to follow up:
a lane's task they may also claim and do themselves; a task assigned to a named person (a
council member's sheet) stays that person's until the supervisor hands it to another member of
the same council, so that nobody scores twice.

Completing locks the case row (SELECT ... FOR UPDATE on PostgreSQL; SQLite serializes writers
and the rows' version counters catch the rest), so of two people completing one task at once,
one succeeds and the other gets 409.
"""
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, joinedload

import workflows

from .. import clock
from ..audit.log import record
from ..auth.models import User
from ..auth.permissions import holders_of
from ..case_file.operations import current_version, prefilled, record_version, section_filled_by
from ..cases.access import visible_cases
from ..cases.models import Case
from ..cases.progress import Attempt, record_progress, run_on_engine
from ..councils.members import CHAIR_LANES, council_of, scoring_members
from ..councils.minutes import record_minutes
from ..criteria.forms import (SELF_ASSESSMENT, SHEET_FORM, self_assessed, self_assessment_schema, sheet_schema,
                              validate_self_assessment, validate_sheet)
from ..criteria.operations import fix_sheet, require_sheet, sheet_for
from ..errors import Conflict, Forbidden, NotFound, Unprocessable
from ..extensions import db
from ..directory.choices import validate_with_choices, with_choices
from ..process_models.operations import bundle_of
from .access import entity_task, require_candidate, supervises
from .assignment import record_council_score
from .models import CouncilScore, HumanTask


def get_task(task_id, user, lock=False):
    """The task and its case, if the user may see the case; 404 otherwise, and for a member's sheet
    held by someone else (a chair's decision, though assigned, is read like a lane's task: the page
    shows the round only to the chair, and to officials once decided).

    One statement: with `lock`, it locks the case row (FOR UPDATE OF cases on PostgreSQL) and reads
    the task and case afresh, with the case's process version and product."""
    statement = _task_and_case(task_id, user)
    if lock:
        statement = _locked(statement)
    task, case, visible = _found(db.session.execute(statement).first())
    return _seen(task, case, visible, user)


def task_to_complete(task_id, user):
    """`get_task(lock=True)` for a completion, in the same one statement: also the case's saved
    workflow, its open tasks and its criteria sheet (without the criteria: `criteria.operations.sheet_for`),
    which the completion would otherwise read one by one.
    Returns (task, case, the case's open tasks)."""
    open_task = _open_task()
    statement = (_locked(_task_and_case(task_id, user).add_columns(open_task), joinedload(Case.workflow_state),
                         joinedload(Case.criteria_sheet))
                 .outerjoin(open_task, (open_task.case_id == Case.id) & (open_task.status == "open"))
                 .order_by(open_task.id))
    rows = db.session.execute(statement).all()
    task, case, visible, _ = _found(rows[0] if rows else None)
    return (*_seen(task, case, visible, user), [row[3] for row in rows if row[3] is not None])


@cache
def _open_task():
    """The alias of the case's open tasks in `task_to_complete`, made once (see `cases.access.case_task`)."""
    return aliased(HumanTask, name="open_task")


def _task_and_case(task_id, user):
    return (select(HumanTask, Case, visible_cases(user).label("visible"))
            .join(Case, Case.id == HumanTask.case_id).where(HumanTask.id == task_id))


def _locked(statement, *loads):
    return (statement.options(joinedload(Case.process_model), joinedload(Case.product), *loads)
            .with_for_update(of=Case).execution_options(populate_existing=True))


def _found(row):
    if row is None:
        raise NotFound("task_not_found", "Không tìm thấy nhiệm vụ / Task not found")
    return row


def _seen(task, case, visible, user):
    if not visible:
        raise NotFound("case_not_found", "Không tìm thấy hồ sơ / Case not found")
    if not user.has_role("admin") and task.assignee_id not in (None, user.id) and task.lane not in CHAIR_LANES \
            and task.claimed_by_id != user.id and not supervises(user, task, case):
        raise NotFound("task_not_found", "Không tìm thấy nhiệm vụ / Task not found")
    return task, case


def _require_open(task):
    if task.status != "open":
        raise Conflict("task_closed", f"Nhiệm vụ đã {'hoàn thành' if task.status == 'completed' else 'bị huỷ'} / "
                                      f"The task is already {task.status}")


def claim(task_id, user):
    task, case = get_task(task_id, user, lock=True)
    _require_open(task)
    if task.assignee_id not in (None, user.id):
        raise Forbidden("assigned_to_someone", "Nhiệm vụ này được giao cho một người cụ thể; hãy nhắc việc hoặc giao "
                                               "cho người khác / This task is assigned to a named person: remind "
                                               "them or hand it to someone else")
    require_candidate(user, task, case)
    if entity_task(task):
        raise Conflict("claim_not_needed", "Việc của chủ thể không cần nhận: mọi tài khoản của chủ thể đều hoàn "
                                           "thành được / A producer's task needs no claim: any account of the "
                                           "entity completes it")
    if task.claimed_by_id not in (None, user.id):
        raise Conflict("task_claimed", f"Nhiệm vụ đã được {task.claimed_by.username} nhận / "
                                       f"The task is claimed by {task.claimed_by.username}")
    task.claimed_by_id = user.id
    record("task.claimed", case=case, user=user, task_id=task.id, step=task.step)
    return task


def unclaim(task_id, user):
    task, case = get_task(task_id, user, lock=True)
    _require_open(task)
    if task.claimed_by_id != user.id and not user.has_role("admin"):
        raise Forbidden("not_claimed_by_you", "Bạn không giữ nhiệm vụ này / You do not hold this task")
    record("task.unclaimed", case=case, user=user, task_id=task.id, step=task.step,
           previous=task.claimed_by_id)
    task.claimed_by_id = None
    return task


def reassign(task_id, actor, assignee_id):
    """Hand an open task to someone else: administrators to any candidate, the supervisor an
    overdue task was escalated to among `handover_choices`."""
    task, case = get_task(task_id, actor, lock=True)
    _require_open(task)
    assignee = db.session.get(User, assignee_id)
    if assignee is None or not assignee.is_active:
        raise Unprocessable("unknown_user", "Người dùng không tồn tại hoặc đã bị khoá / Unknown or inactive user")
    if not actor.has_role("admin"):
        _require_supervisor(actor, task, case)
        if assignee.id not in {user.id for user in handover_choices(task, case)}:
            raise Unprocessable("not_a_choice", "Người này không thể nhận nhiệm vụ này (không cùng hội đồng hoặc "
                                                "vai trò, hoặc đã có phiếu) / This person cannot take this task (not "
                                                "of the same council or role, or already holds a sheet)")
    elif task.assignee_id is None:
        require_candidate(assignee, task, case)
    record("task.reassigned", case=case, user=actor, task_id=task.id, step=task.step,
           before={"assignee_id": task.assignee_id, "claimed_by_id": task.claimed_by_id},
           after={"assignee_id": assignee.id if task.assignee_id is not None else task.assignee_id,
                  "claimed_by_id": assignee.id})
    if task.assignee_id is not None:
        task.assignee_id = assignee.id
    task.claimed_by_id = assignee.id
    return task


def remind(task_id, supervisor):
    """The supervisor of an overdue task reminds whoever holds it (or, unheld, its candidates)."""
    task, case = get_task(task_id, supervisor, lock=True)
    _require_open(task)
    if not supervisor.has_role("admin"):
        _require_supervisor(supervisor, task, case)
    record("task.reminded", case=case, user=supervisor, task_id=task.id, step=task.step,
           holder_id=task.claimed_by_id or task.assignee_id)
    return task


def handover_choices(task, case):
    """Whom the supervisor may hand an open task to: for a council member's sheet, the council's
    other scoring members without a sheet of this case in this round; for the decision of a
    council's chair, the council's vice-chairs (who preside in the chair's place); for a lane's
    task, the other active holders of the lane's role for the task's unit."""
    if task.assignee_id is not None and task.lane in CHAIR_LANES:
        council = council_of(case, CHAIR_LANES[task.lane])
        return [] if council is None else [member.user for member in council.members if member.user.is_active
                                           and member.position == "vice_chair" and member.user_id != task.assignee_id]
    if task.assignee_id is not None:
        level = task.lane.removesuffix("_council")
        round_started = db.session.scalar(select(func.min(HumanTask.created_at)).where(
            HumanTask.case_id == case.id, HumanTask.step == task.step, HumanTask.status == "open"))
        taken = set(db.session.scalars(select(HumanTask.assignee_id).where(
            HumanTask.case_id == case.id, HumanTask.step == task.step, HumanTask.created_at >= round_started,
            HumanTask.status != "cancelled")))
        council = council_of(case, level)
        if council is None:
            return []
        members = db.session.scalars(select(User).where(User.id.in_(scoring_members(council)), User.is_active)
                                     .order_by(User.full_name))
        return [user for user in members if user.id not in taken]
    holders = db.session.scalars(select(User).where(holders_of(task.lane, task.unit_id), User.is_active)
                                 .order_by(User.full_name))
    return [user for user in holders if user.id != task.claimed_by_id]


def _require_supervisor(user, task, case):
    if not supervises(user, task, case):
        raise Forbidden("not_supervisor", "Chỉ người được chuyển lên khi nhiệm vụ quá hạn mới làm được việc này / "
                                          "Only the supervisor an overdue task was escalated to may do this")


def task_form(task, case):
    """The task's form as a JSON Schema with the directory's choices filled in (None for a task without a
    form): what the API publishes, the page renders and the data is validated against. A council member's
    sheet is built from the case's criteria sheet (service/criteria/forms.py), and so is the producer's
    self-assessment of a dossier form that asks for one. An open task that fills a section of the case
    file comes filled with the section's current version (`prefilled`)."""
    schema = bundle_of(case.process_model).form(task.form_name) if task.form_name else None
    if schema is None:
        return None
    if task.form_name == SHEET_FORM:
        return sheet_schema(schema, task_sheet(task, case))
    schema = with_choices(schema, case.process_model.rule_set, province=case.province)
    sheet = sheet_for(case) if self_assessed(schema) else None
    if sheet is not None:
        schema = self_assessment_schema(schema, sheet)
    section = section_filled_by(schema)
    if section is None or task.status != "open":
        return schema
    return prefilled(schema, current_version(case, section))


def task_sheet(task, case):
    """The criteria sheet of a council member's task: the one a completed sheet was scored on, else the case's."""
    if task.status == "completed":
        score = db.session.scalar(select(CouncilScore).where(CouncilScore.human_task_id == task.id))
        if score is not None and score.sheet is not None:
            return score.sheet
    return require_sheet(case)


def validate_form(case, task, data):
    bundle = bundle_of(case.process_model)
    if task.form_name is None or bundle.form(task.form_name) is None:
        return dict(data or {})
    if task.form_name == SHEET_FORM:
        fix_sheet(case)
        return validate_sheet(bundle.form(task.form_name), require_sheet(case), data or {})
    if self_assessed(bundle.form(task.form_name)) and isinstance(data, dict) and data.get(SELF_ASSESSMENT) is not None:
        data = dict(data)
        own = data.pop(SELF_ASSESSMENT)
        fix_sheet(case)
        assessment = validate_self_assessment(require_sheet(case), own)
        values = validate_with_choices(bundle.form(task.form_name), case.process_model.rule_set, data,
                                       group=case.product.group_code)
        return {**values, SELF_ASSESSMENT: assessment}
    return validate_with_choices(bundle.form(task.form_name), case.process_model.rule_set, data or {},
                                 group=case.product.group_code)


def complete(task_id, user, data):
    """Validate the form, run the engine, update tasks, case and audit log: one transaction."""
    task, case, open_rows = task_to_complete(task_id, user)
    _require_open(task)
    require_candidate(user, task, case)
    if not entity_task(task) and task.claimed_by_id not in (None, user.id):
        raise Conflict("task_claimed", f"Nhiệm vụ đang do {task.claimed_by.username} giữ / "
                                       f"The task is held by {task.claimed_by.username}")
    form_data = validate_form(case, task, data)
    return finish(task, case, user, form_data, open_rows=open_rows)


def finish(task, case, user, form_data, retry_of=None, move_to=None, open_rows=None):
    """Complete a validated task on the engine (also used when an incident is retried); `open_rows`:
    the case's open tasks, when read with it (`task_to_complete`)."""
    def complete_on_engine(workflow):
        try:
            return workflow.complete_task(task.workflow_task_id, form_data)
        except workflows.TaskNotReady:
            raise Conflict("task_closed", "Nhiệm vụ không còn chờ xử lý / The task is no longer waiting") from None
        except workflows.DataRefused as error:
            raise Unprocessable("invalid_form", str(error)) from None

    attempt = Attempt("complete", {"task_id": task.id, "user_id": user.id, "data": form_data},
                      human_task_id=task.id, retry_of=retry_of)
    workflow, escalations = run_on_engine(case, complete_on_engine, user, attempt, move_to)
    task.status, task.completed_at = "completed", clock.now()
    task.completed_by_id, task.claimed_by_id, task.submitted_data = user.id, task.claimed_by_id or user.id, form_data
    if task.form_name == SHEET_FORM and not (form_data.get("absent") or form_data.get("conflict")):
        record_council_score(case, task, form_data, user)
    section = section_filled_by(bundle_of(case.process_model).form(task.form_name)) if task.form_name else None
    if section is not None:
        record_version(case, section, task.form_name, form_data, user, task)
    record_progress(case, workflow, escalations, user, attempt, completing=task, move_to=move_to, open_rows=open_rows)
    record_minutes(case, task, user, workflow.data)
    return task
