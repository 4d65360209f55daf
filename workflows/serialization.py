"""The single serializer: a case's running state as JSON, without its specs.

Specs come from the version's cached bundle, so a saved state holds only tasks and data. The
saved document carries `STATE_FORMAT_VERSION` (ours) and SpiffWorkflow's own serializer
version, which it migrates itself.
"""
import json

from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG

STATE_FORMAT_VERSION = 1
RESERVED_KEYS = frozenset({"typename"})


class StateOnlyWorkflowConverter(BpmnWorkflowConverter):
    """Leaves the specs out of the saved workflow; `load_state` puts the cached ones back."""

    def to_dict(self, workflow):
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct


_serializer = BpmnWorkflowSerializer(
    BpmnWorkflowSerializer.configure({**SPIFF_CONFIG, BpmnWorkflow: StateOnlyWorkflowConverter})
)


def registry():
    """The serializer's registry, which SpiffWorkflow's version diff uses to compare specs."""
    return _serializer.registry


def reserved_keys_in(value, path="data"):
    """Paths of keys the serializer reserves, anywhere inside a value."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in RESERVED_KEYS:
                found.append(f"{path}.{key}")
            found += reserved_keys_in(item, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found += reserved_keys_in(item, f"{path}[{index}]")
    return found


def dump_state(workflow):
    workflow_json = _serializer.serialize_json(workflow)
    return f'{{"format_version": {STATE_FORMAT_VERSION}, "workflow": {workflow_json}}}'


def load_state(state, spec, subprocess_specs):
    document = json.loads(state)
    if document.get("format_version") != STATE_FORMAT_VERSION:
        raise ValueError(f"unknown state format {document.get('format_version')!r}")
    dct = document["workflow"]
    _serializer.migrate(dct)
    dct["spec"] = spec
    dct["subprocess_specs"] = dict(subprocess_specs)
    return _serializer.from_dict(dct)
