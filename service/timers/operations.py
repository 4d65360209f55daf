"""Due timers: deadlines of review tasks. Safe on several hosts against one PostgreSQL.

Each case is fired in a transaction of its own, taken with SELECT ... FOR UPDATE SKIP LOCKED,
so two runners never fire the same case and a failing case (an incident) stops nobody else.
"""
from sqlalchemy import select

from .. import clock
from ..cases.models import Case
from ..cases.progress import Attempt, CaseIncident, advance
from ..extensions import db


def fire_due_timers(limit=1000):
    """Fire the timers that are due now; returns (cases advanced, cases that hit an incident)."""
    advanced = failed = 0
    for _ in range(limit):
        case = db.session.scalar(
            select(Case).where(Case.status == "active", Case.next_timer_at <= clock.now())
            .order_by(Case.next_timer_at).limit(1).with_for_update(skip_locked=True))
        if case is None:
            break
        try:
            advance(case, lambda workflow: workflow.fire_timers(), None, Attempt("timers", {}))
            db.session.commit()
            advanced += 1
        except CaseIncident:
            failed += 1
    return advanced, failed
