"""A case's workflow through the engine interface: tasks, timers, saving and loading."""
import json

import pytest

from workflows import CaseWorkflow, DataRefused, EngineError, MigrationRefused, TaskNotReady, check_bundle, compile_bundle

from .support import ROLES, review_files


def start(clock, files=None, **data):
    bundle, problems = check_bundle(files or review_files(), ROLES)
    assert problems == []
    return CaseWorkflow.start(bundle, {"review_sla": "P15D", **data}, clock)


def test_a_review_task_waits_in_its_lane_with_its_form_and_deadline(clock):
    case = start(clock)
    [task] = case.human_tasks()
    assert (task.step, task.lane, task.form_name) == ("check", "commune_officer", "check")
    assert task.due_at == clock.now.replace(day=17)
    assert case.next_timer_at == task.due_at


def test_completing_a_task_stores_the_form_under_its_name_and_runs_on(clock):
    case = start(clock)
    [task] = case.human_tasks()
    case.complete_task(task.id, {"decision": "ok"})
    assert case.completed
    assert case.data["check"] == {"decision": "ok"}
    assert case.data["outcome"] == {"status": "ok", "n": 1}


def test_a_task_cannot_be_completed_twice(clock):
    case = start(clock)
    [task] = case.human_tasks()
    case.complete_task(task.id, {"decision": "no"})
    with pytest.raises(TaskNotReady):
        case.complete_task(task.id, {"decision": "no"})
    with pytest.raises(TaskNotReady):
        case.complete_task("not-a-task-id", {})


def test_the_timer_fires_by_the_case_clock_and_escalates_without_cancelling(clock):
    case = start(clock)
    [task] = case.human_tasks()
    clock.advance(days=14)
    assert case.fire_timers() == []
    clock.advance(days=2)
    [escalation] = case.fire_timers()
    assert (escalation.step, escalation.lane, escalation.task_ids) == ("check", "district_officer", (task.id,))
    assert [t.id for t in case.human_tasks()] == [task.id]
    assert case.next_timer_at is None


def test_saved_state_holds_no_specs_and_loads_with_the_restricted_engine(clock):
    case = start(clock)
    state = case.dump()
    document = json.loads(state)
    assert document["format_version"] == 1
    assert "spec" not in document["workflow"] and "subprocess_specs" not in document["workflow"]
    restored = CaseWorkflow.restore(compile_bundle(review_files()), state, clock)
    assert [t.id for t in restored.human_tasks()] == [t.id for t in case.human_tasks()]
    assert type(restored.workflow.script_engine).__name__ == "RestrictedScriptEngine"


def test_a_failing_expression_names_its_element(clock):
    files = review_files(**{'check["decision"] == "ok"': 'check["missing"] == "ok"'})
    case = start(clock, files)
    [task] = case.human_tasks()
    with pytest.raises(EngineError) as error:
        case.complete_task(task.id, {"decision": "ok"})
    assert error.value.element_id == "gw"
    assert "missing" in error.value.message


def test_scripts_cannot_reach_the_machine_after_a_reload(clock):
    files = review_files(**{'outcome = {"status": "ok", "n": len(check)}': 'outcome = open("/etc/passwd").read()'})
    case = start(clock, files)
    restored = CaseWorkflow.restore(compile_bundle(files), case.dump(), clock)
    [task] = restored.human_tasks()
    with pytest.raises(EngineError) as error:
        restored.complete_task(task.id, {"decision": "ok"})
    assert error.value.element_id == "ok"
    assert "open" in error.value.message


def test_reserved_serializer_keys_are_refused_at_input(clock):
    case = start(clock)
    [task] = case.human_tasks()
    with pytest.raises(DataRefused):
        case.complete_task(task.id, {"decision": {"typename": "BpmnWorkflow"}})
    with pytest.raises(DataRefused):
        start(clock, idea={"typename": "x"})


def test_a_case_moves_to_a_fixed_version_and_runs_on(clock):
    broken = review_files(**{'check["decision"] == "ok"': 'check["missing"] == "ok"'})
    case = start(clock, broken)
    [task] = case.human_tasks()
    fixed, _ = check_bundle(review_files(), ROLES)
    case.move_to(fixed)
    case.complete_task(task.id, {"decision": "ok"})
    assert case.completed and case.data["outcome"]["status"] == "ok"


def test_a_case_cannot_move_to_a_version_without_its_current_step(clock):
    case = start(clock)
    renamed, _ = check_bundle(review_files(**{'"check"': '"inspect"', ">check<": ">inspect<"}), ROLES)
    with pytest.raises(MigrationRefused):
        case.move_to(renamed)


def test_step_states_mark_what_was_done_and_what_waits(clock):
    case = start(clock)
    assert case.step_states() == {"start": "completed", "check": "current"}
    [task] = case.human_tasks()
    case.complete_task(task.id, {"decision": "ok"})
    states = case.step_states()
    assert states["check"] == "completed" and states["ok"] == "completed" and "current" not in states.values()


def test_a_bundle_lists_the_steps_people_do():
    bundle, _ = check_bundle(review_files(), ROLES)
    assert bundle.human_steps == [("check", "Check")]
