"""The time for the whole service: timezone-aware UTC, from one replaceable clock.

Code asks `clock.now()` (or passes `clock.now` where a callable is wanted, as the workflow
engine does) and never calls `datetime.now()` itself. `current` is the clock in use; tests
replace it to freeze or move time, with the `clock` fixture of tests/conftest.py:

    def test_escalation(clock, ...):
        clock.advance(days=16)      # every clock.now() now answers 16 days later
"""
from datetime import datetime, timezone


class SystemClock:
    """The wall clock."""

    def now(self):
        return datetime.now(timezone.utc)


current = SystemClock()


def now():
    """The current time, timezone-aware, in UTC."""
    return current.now()
