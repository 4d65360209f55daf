"""Timer events that read the time from the case's clock instead of the wall clock.

SpiffWorkflow's timer definitions call `datetime.now()` themselves. These subclasses ask the
script engine's `clock` instead, so the service (and its tests) decide what "now" is. They
replace the parsed definitions once per diagram version (`use_case_clock`); instance state is
stored without its specs, so the serializer never needs to know them.
"""
from datetime import datetime, timezone

from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)


def _now(my_task):
    """The case clock of the engine, or the wall clock under an engine that has none."""
    clock = getattr(my_task.workflow.script_engine, "clock", None)
    return clock() if clock is not None else datetime.now(timezone.utc)


class ClockedTimeDate(TimeDateEventDefinition):

    def has_fired(self, my_task):
        event_value = my_task._get_internal_data("event_value")
        if event_value is None:
            event_value = my_task.workflow.script_engine.evaluate(my_task, self.expression)
            my_task._set_internal_data(event_value=event_value)
        if TimerEventDefinition.get_datetime(event_value) <= _now(my_task):
            my_task._set_internal_data(event_fired=True)
        return my_task._get_internal_data("event_fired", False)


class ClockedDuration(DurationTimerEventDefinition):

    def has_fired(self, my_task):
        event_value = my_task._get_internal_data("event_value")
        if event_value is None:
            expression = my_task.workflow.script_engine.evaluate(my_task, self.expression)
            duration = TimerEventDefinition.parse_iso_duration(expression)
            now = _now(my_task)
            event_value = (now + TimerEventDefinition.get_timedelta_from_start(duration, now)).isoformat()
            my_task._set_internal_data(event_value=event_value)
        if TimerEventDefinition.get_datetime(event_value) <= _now(my_task):
            my_task._set_internal_data(event_fired=True)
        return my_task._get_internal_data("event_fired", False)


CLOCKED = {TimeDateEventDefinition: ClockedTimeDate, DurationTimerEventDefinition: ClockedDuration}


def use_case_clock(specs):
    """Swap every date and duration timer in these process specs for its clocked twin."""
    for spec in specs:
        for task_spec in spec.task_specs.values():
            definition = getattr(task_spec, "event_definition", None)
            clocked = CLOCKED.get(type(definition))
            if clocked is not None:
                task_spec.event_definition = clocked(
                    definition.name, definition.expression, description=definition.description
                )


def due_at(timer_task):
    """When a waiting timer is due (aware datetime), or None before it has been armed."""
    event_value = timer_task._get_internal_data("event_value")
    if not isinstance(event_value, str):
        return None
    return TimerEventDefinition.get_datetime(event_value)
