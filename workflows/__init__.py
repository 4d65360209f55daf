"""Everything that knows SpiffWorkflow. The service uses only the names exported here.

- `check_bundle(files, known_roles)`: deploy-time check of a process version's files
  (`{"ocop_cycle.bpmn": b"...", "forms/x.schema.json": b"..."}`) -> (bundle, problems).
- `compile_bundle(files)`: the parsed version, cached by checksum.
- `CaseWorkflow.start(bundle, data, clock, functions)` / `CaseWorkflow.restore(bundle, state,
  clock, functions)`: a running case; `human_tasks()`, `complete_task(id, form_data)`,
  `fire_timers()`, `move_to(bundle)`, `dump()`, `data`, `completed`, `next_timer_at`.
- `quoted(text)`: a text to quote inside a "Tiếng Việt / English" problem message, as the
  problems of `check_bundle` are written.
"""
from .bundle import BundleInvalid, Problem, ProcessBundle, check_bundle, checksum, compile_bundle
from .engine import CaseWorkflow, DataRefused, EngineError, Escalation, HumanTask, MigrationRefused, TaskNotReady
from .serialization import RESERVED_KEYS, STATE_FORMAT_VERSION
from .wording import quoted

__all__ = [
    "BundleInvalid", "CaseWorkflow", "DataRefused", "EngineError", "Escalation", "HumanTask", "MigrationRefused",
    "Problem", "ProcessBundle", "RESERVED_KEYS", "STATE_FORMAT_VERSION", "TaskNotReady",
    "check_bundle", "checksum", "compile_bundle", "quoted",
]
