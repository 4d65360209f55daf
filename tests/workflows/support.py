"""Diagrams and a clock for the engine tests."""
from datetime import datetime, timedelta, timezone
from pathlib import Path

DIAGRAMS = Path(__file__).parent / "diagrams"
# The BPMN MIWG reference models (CC BY 3.0, see diagrams/interop/README.md), copied into the tree.
INTEROP = sorted((DIAGRAMS / "interop").glob("*.bpmn"))
ROLES = {"commune_officer", "district_officer"}


def review_files(**replacements):
    """The small review diagram of these tests, with text replaced to break it on purpose."""
    bpmn = (DIAGRAMS / "review.bpmn").read_text()
    for old, new in replacements.items():
        assert old in bpmn
        bpmn = bpmn.replace(old, new)
    return {"review.bpmn": bpmn.encode(), "forms/check.schema.json": (DIAGRAMS / "check.schema.json").read_bytes()}


class FakeClock:
    def __init__(self):
        self.now = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)
