"""Running one case: start it, list its human tasks, complete one, fire its timers, save it.

Every instance gets the restricted script engine and the case's clock when it is created and
again after every load. An error inside the engine surfaces as `EngineError` naming the
element; the caller discards the half-advanced instance and keeps its last saved state.
"""
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask
from SpiffWorkflow.bpmn.util.diff import diff_workflow, migrate_workflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.util.task import TaskState

from .bundle import FORM_PROPERTY, form_name
from .scripting import RestrictedScriptEngine
from .serialization import dump_state, load_state, registry as _registry, reserved_keys_in
from .timers import due_at

MAX_ENGINE_ROUNDS = 500


@dataclass(frozen=True)
class HumanTask:
    """A task waiting for a person, as the service needs to know it."""
    id: str
    step: str
    title: str
    lane: str | None
    form_name: str | None
    council_member: object
    due_at: datetime | None


@dataclass(frozen=True)
class Escalation:
    """A review task's deadline passed: `step` is overdue, `lane` is the role to tell."""
    step: str
    lane: str | None
    task_ids: tuple


class EngineError(Exception):
    """The engine stopped on an element of the diagram (a failing expression, say)."""

    def __init__(self, element_id, message):
        self.element_id, self.message = element_id, message
        super().__init__(f"{element_id}: {message}" if element_id else message)


class TaskNotReady(Exception):
    """The task does not exist in this case or is no longer waiting for a person."""


class MigrationRefused(ValueError):
    """The case cannot move to that version of its process."""


class DataRefused(ValueError):
    """Input data that could not be saved and loaded again."""


class CaseWorkflow:
    """One running instance of a process bundle."""

    def __init__(self, bundle, workflow):
        self.bundle, self.workflow = bundle, workflow
        self._outcome = None  # (completed, data), read from the engine once per state (`_read_outcome`)

    @classmethod
    def start(cls, bundle, data, clock, functions=None):
        _refuse_reserved(data)
        workflow = BpmnWorkflow(bundle.spec, bundle.subprocess_specs,
                                script_engine=RestrictedScriptEngine(clock, functions))
        for task in workflow.get_tasks(state=TaskState.READY):
            task.data.update(data)
        case = cls(bundle, workflow)
        case._advance()
        return case

    @classmethod
    def restore(cls, bundle, state, clock, functions=None):
        workflow = load_state(state, bundle.spec, bundle.subprocess_specs)
        workflow.script_engine = RestrictedScriptEngine(clock, functions)
        return cls(bundle, workflow)

    def move_to(self, bundle):
        """Carry this instance over to another version of its process, where its tasks still exist."""
        top, subprocesses = diff_workflow(_registry(), self.workflow, bundle.spec, bundle.subprocess_specs)
        missing = sorted({task.task_spec.name for task in top.removed})
        if missing or any(diff is None or diff.removed for diff in subprocesses.values()):
            raise MigrationRefused(f"the new version lacks steps this case has used: {', '.join(missing) or 'a sub-process'}")
        migrate_workflow(top, self.workflow, bundle.spec)
        for subprocess_id, diff in subprocesses.items():
            subprocess = self.workflow.subprocesses[subprocess_id]
            migrate_workflow(diff, subprocess, bundle.subprocess_specs[subprocess.spec.name])
        self.workflow.subprocess_specs = dict(bundle.subprocess_specs)
        self.bundle, self._outcome = bundle, None

    def dump(self):
        return dump_state(self.workflow)

    @property
    def completed(self):
        return self._read_outcome()[0]

    @property
    def data(self):
        """The case's data as the process sees it now (a copy)."""
        return dict(self._read_outcome()[1])

    def _read_outcome(self):
        """Whether the instance is completed, and its data: found by walking the task tree, so
        walked once after each engine action (every change to the instance goes through
        `_advance` or `move_to`, which forget it), however often the service asks."""
        if self._outcome is None:
            if self.workflow.is_completed():
                self._outcome = (True, dict(self.workflow.data))
            else:
                task = self.workflow.last_task
                self._outcome = (False, dict(task.data) if task is not None else {})
        return self._outcome

    def human_tasks(self):
        return [self._describe(task) for task in self.workflow.get_tasks(state=TaskState.READY, manual=True)]

    def step_states(self):
        """For drawing the diagram: {element id: "completed" | "current"} of the steps taken or waiting."""
        states = {}
        for task in self.workflow.get_tasks(state=TaskState.COMPLETED | TaskState.READY | TaskState.WAITING):
            spec = task.task_spec
            if not getattr(spec, "bpmn_id", None):
                continue
            if task.state == TaskState.COMPLETED:
                states.setdefault(spec.bpmn_id, "completed")
            elif spec.manual or task.state == TaskState.READY:
                states[spec.bpmn_id] = "current"
        return states

    def complete_task(self, task_id, form_data):
        """Store a person's form under the form's name, then run until people or timers are needed."""
        task = self._ready_human_task(task_id)
        _refuse_reserved(form_data)
        name = _form_of(task)
        if name is not None:
            task.data[name] = dict(form_data)
        return self._advance(first=task)

    def fire_timers(self):
        """Fire every timer that is due by the case's clock; returns the escalations."""
        return self._advance()

    @property
    def next_timer_at(self):
        due = [due_at(task) for task in self._waiting_timers()]
        due = [moment for moment in due if moment is not None]
        return min(due) if due else None

    def _waiting_timers(self):
        return [task for task in self.workflow.get_tasks(state=TaskState.WAITING)
                if isinstance(getattr(task.task_spec, "event_definition", None), TimerEventDefinition)]

    def _ready_human_task(self, task_id):
        try:
            task = self.workflow.get_task_from_id(_uuid(task_id))
        except Exception:
            task = None
        if task is None or task.state != TaskState.READY or not task.task_spec.manual:
            raise TaskNotReady(task_id)
        return task

    def _advance(self, first=None):
        escalations, current = [], [first]
        self._outcome = None

        def will_run(task):
            current[0] = task

        def did_run(task):
            escalation = _escalation_of(task)
            if escalation is not None:
                escalations.append(escalation)

        try:
            if first is not None:
                first.run()
            for _ in range(MAX_ENGINE_ROUNDS):
                self.workflow.do_engine_steps(will_complete_task=will_run, did_complete_task=did_run)
                if not self.workflow.get_tasks(state=TaskState.READY, manual=False):
                    break
            else:
                raise EngineError(None, "the process does not come to rest (an endless loop of automatic steps?)")
            _refuse_reserved(self.data)
        except EngineError:
            raise
        except DataRefused as error:
            raise EngineError(_element_of(current[0]), str(error)) from error
        except Exception as error:
            raise EngineError(_element_of(getattr(error, "task", None) or current[0]), _message(error)) from error
        return escalations

    def _describe(self, task):
        return HumanTask(
            id=str(task.id),
            step=task.task_spec.bpmn_id,
            title=task.task_spec.bpmn_name or task.task_spec.bpmn_id,
            lane=task.task_spec.lane,
            form_name=_form_of(task),
            council_member=task.data.get("council_member"),
            due_at=_due_at(task),
        )


def _uuid(task_id):
    return task_id if isinstance(task_id, UUID) else UUID(str(task_id))


def _form_of(task):
    filename = task.task_spec.extensions.get("properties", {}).get(FORM_PROPERTY) \
        if hasattr(task.task_spec, "extensions") else None
    return form_name(filename) if filename else None


def _boundary_timers(task):
    """The waiting boundary timers guarding this task (or the multi-instance task it belongs to)."""
    node = task
    for _ in range(3):
        parent = node.parent
        if parent is None:
            return []
        timers = [child for child in parent.children
                  if isinstance(child.task_spec, BoundaryEvent) and child.state == TaskState.WAITING
                  and isinstance(child.task_spec.event_definition, TimerEventDefinition)]
        if timers:
            return timers
        node = parent
    return []


def _due_at(task):
    due = [moment for moment in (due_at(timer) for timer in _boundary_timers(task)) if moment is not None]
    return min(due) if due else None


def _escalation_of(task):
    spec = task.task_spec
    if not isinstance(spec, BoundaryEvent) or not isinstance(spec.event_definition, TimerEventDefinition):
        return None
    if spec.cancel_activity:
        return None
    main = next((child for child in task.parent.children if not isinstance(child.task_spec, BoundaryEvent)), None)
    if main is None:
        return None
    waiting = [main] + (main.children if isinstance(main.task_spec, MultiInstanceTask) else [])
    task_ids = tuple(str(t.id) for t in waiting if t.state == TaskState.READY and t.task_spec.manual)
    lane = spec.outputs[0].lane if spec.outputs else spec.lane
    return Escalation(step=main.task_spec.bpmn_id, lane=lane, task_ids=task_ids)


def _element_of(task):
    return None if task is None else task.task_spec.bpmn_id


def _message(error):
    if isinstance(error, SpiffWorkflowException):
        text = str(error)
    else:
        text = f"{type(error).__name__}: {error}"
    return text.strip().rstrip(".")


def _refuse_reserved(data):
    found = reserved_keys_in(data)
    if found:
        raise DataRefused(f"reserved key(s) in the data: {', '.join(found)}")
