"""Moving a case forward: load its workflow, run one engine action, record what came of it.

`advance(case, action, actor, attempt)` is the only way the service changes a running case
(`begin` starts one). An attempt has two parts: `run_on_engine` loads the saved instance and runs
the action, writing nothing to the database; `record_progress` then updates the tasks table,
the case row, the recognitions waiting for a decision and the audit log and saves the instance, in the caller's
transaction. When the engine fails, the attempt has left no trace (the case keeps its last good
state) and the incident is recorded and committed with whatever the caller did before
(`keep_incident`); `CaseIncident` tells the caller.
"""
import math

from sqlalchemy import func, select
from sqlalchemy.orm.attributes import set_committed_value

import workflows

from .. import clock
from ..audit.log import record
from ..councils.members import members_to_convene
from ..councils.rules import council_result, record_round
from ..errors import Conflict
from ..extensions import db
from ..incidents.models import Incident
from ..process_models.operations import bundle_of
from ..recognition.operations import record_recognition
from ..tasks.assignment import sync_tasks
from .models import WorkflowState

LEVELS = ("district", "province", "national")


class CaseIncident(Conflict):
    def __init__(self, incident):
        self.incident = incident
        super().__init__(
            "incident",
            f"Quy trình dừng ở bước {incident.element_id or '?'}; quản trị viên sẽ xử lý / "
            f"The process stopped at {incident.element_id or '?'}; an administrator has been told",
            details={"incident_id": incident.id, "element": incident.element_id, "message": incident.message},
        )


def functions_for(case):
    """The service's functions that scripts call (docs/architecture.md, "Functions available to scripts")."""
    return {"council_members": lambda level: members_to_convene(case, level),
            "council_result": lambda level, sheets: council_result(case, level, sheets)}


def _open_workflow(case):
    return workflows.CaseWorkflow.restore(bundle_of(case.process_model), case.workflow_state.state, clock.now,
                                          functions_for(case))


def diagram_of(case):
    """The case's process diagram (BPMN XML) and the state of each step, for drawing it."""
    bpmn = next(file.content for file in case.process_model.files if file.name.endswith(".bpmn"))
    states = _open_workflow(case).step_states() if case.workflow_state is not None else {}
    return {"bpmn": bpmn.decode("utf-8"), "states": states}


def _save_workflow(case, workflow):
    """The saved state, read with the case (`Case.workflow_state`), is written once."""
    state = case.workflow_state
    if state is None:
        state = case.workflow_state = WorkflowState(format_version=workflows.STATE_FORMAT_VERSION)
    state.state = workflow.dump()
    state.updated_at = clock.now()
    case.next_timer_at = workflow.next_timer_at


def begin(case, start_data, actor, retry_of=None):
    """Start the case's workflow with the start form's data. A case that starts has neither a saved workflow
    nor tasks (a start that failed left none): neither is read."""
    attempt = Attempt("start", {"data": start_data}, retry_of=retry_of)
    bundle = bundle_of(case.process_model)
    workflow = _on_engine(case, attempt, actor, lambda: workflows.CaseWorkflow.start(
        bundle, start_data, clock.now, functions_for(case)))
    set_committed_value(case, "workflow_state", None)
    return record_progress(case, workflow, [], actor, attempt, open_rows=[])


def advance(case, action, actor, attempt, move_to=None):
    """Run `action(workflow)` (it returns escalations) on the case's saved workflow, and record it."""
    workflow, escalations = run_on_engine(case, action, actor, attempt, move_to)
    return record_progress(case, workflow, escalations, actor, attempt, move_to=move_to)


def run_on_engine(case, action, actor, attempt, move_to=None):
    """The engine's part of an attempt: load the saved workflow (carried over to the version
    `move_to` first, an administrator's retry after a fix) and run `action(workflow)`.

    It writes nothing to the database: when the engine fails, the attempt has left no trace, and
    the incident is recorded (`CaseIncident` raised). Returns (workflow, escalations).
    """
    def run():
        workflow = _open_workflow(case)
        if move_to is not None:
            workflow.move_to(bundle_of(move_to))
        return workflow, action(workflow)

    return _on_engine(case, attempt, actor, run)


def record_progress(case, workflow, escalations, actor, attempt, completing=None, move_to=None, open_rows=None):
    """What came of a successful attempt: the tasks table, the case row, the recognitions waiting for a
    decision, the audit log and the saved workflow, in the caller's transaction. `open_rows`: the
    case's open tasks, when the caller read them with the case (`sync_tasks`)."""
    if move_to is not None:
        case.process_model = move_to
    open_rows, created = sync_tasks(case, workflow, escalations, actor=actor, completing=completing,
                                    open_rows=open_rows)
    record_round(case, workflow.data, created, actor)
    if attempt.retry_of is not None:
        attempt.retry_of.resolved_at = clock.now()
        attempt.retry_of.resolved_by_id = actor.id if actor is not None else None
    _update_case(case, workflow, actor, open_rows)
    _save_workflow(case, workflow)
    return workflow


class Attempt:
    """What was tried on a case, kept on an incident so that a retry can replay it."""

    def __init__(self, action, payload, human_task_id=None, retry_of=None):
        self.action, self.payload, self.human_task_id, self.retry_of = action, payload, human_task_id, retry_of


def _on_engine(case, attempt, actor, run):
    try:
        return run()
    except (workflows.EngineError, workflows.MigrationRefused) as error:
        raise keep_incident(case, attempt, actor, getattr(error, "element_id", None),
                            getattr(error, "message", None) or str(error)) from error


def keep_incident(case, attempt, actor, element, message):
    """Record a failed attempt as an incident and commit, so that it is kept whatever the caller
    does next; returns the `CaseIncident` to raise.

    The failed attempt itself left nothing in the session (the engine's part writes nothing);
    what the caller did before it stays and is committed with the incident: the submitted idea
    whose start failed, the audit entry of an administrator's retry.
    """
    incident = attempt.retry_of
    if incident is None:
        incident = Incident(case_id=case.id, human_task_id=attempt.human_task_id, action=attempt.action,
                            payload=attempt.payload, created_at=clock.now())
        db.session.add(incident)
    incident.element_id, incident.message = element, message
    case.status = "incident"
    record("case.incident", case=case, user=actor, attempt=attempt.action, element=element, message=message)
    db.session.commit()
    return CaseIncident(incident)


def _update_case(case, workflow, actor, open_tasks):
    """The case row from the engine's data and the open task rows (`sync_tasks`), set once and
    written by one UPDATE when the transaction flushes."""
    before = {"status": case.status, "step": case.current_step, "stars": case.stars}
    data = workflow.data
    for level in ("national", "province", "district"):
        if data.get(f"{level}_stars") is not None:
            case.stars, case.score = data[f"{level}_stars"], shown_score(data.get(f"{level}_score"))
            break
    recognition = data.get("recognition")
    if isinstance(recognition, dict) and recognition.get("level") in LEVELS and recognition.get("stars"):
        _recognise(case, recognition, data, actor, potential_five=bool(recognition.get("potential_five")))
        if data.get("national_stars") is None:
            case.stars = recognition["stars"]
    case.current_step = open_tasks[0].step if open_tasks else None
    case.current_step_title = open_tasks[0].title if open_tasks else None
    if workflow.completed:
        outcome = data.get("outcome") or {"status": "completed", "level": None, "stars": None, "reason": None}
        case.outcome = outcome
        if outcome.get("stars") is not None:
            case.stars, case.score = outcome["stars"], shown_score(data.get(f"{outcome['level']}_score", case.score))
        case.status = "rejected" if outcome.get("status") == "rejected" else "completed"
        case.completed_at = clock.now()
        if outcome.get("status") == "certified" and outcome.get("level") in LEVELS:
            _recognise(case, outcome, data, actor)
    elif case.status != "incident" or not _has_open_incident(case):
        case.status = "active"
    case.updated_at = clock.now()
    after = {"status": case.status, "step": case.current_step, "stars": case.stars}
    if after != before:
        record("case.progressed", case=case, user=actor, before=before, after=after)


def _recognise(case, result, data, actor, potential_five=False):
    """An approved result (the outcome "certified", or the `recognition` a diagram sets on the way) waits
    for the recognition decision of its level (service/recognition/)."""
    level = result["level"]
    record_recognition(case, level, result["stars"], shown_score(data.get(f"{level}_score")) or case.score, actor,
                       potential_five=potential_five)


def shown_score(score):
    """A council's score as the case and its certificate show it: cut, not rounded, to two decimals,
    so that a shown score never reaches a band its stars did not (89.9967 shows 89.99 with 4 stars).
    The stars come from the unrounded mean, in the diagram's decision table."""
    if score is None:
        return None
    return math.floor(round(score * 100, 6)) / 100


def _has_open_incident(case):
    """Asked of a case in the "incident" status only: an incident is recorded with that status (`keep_incident`)."""
    return db.session.scalar(select(func.count()).select_from(Incident)
                             .where(Incident.case_id == case.id, Incident.resolved_at.is_(None))) > 0
