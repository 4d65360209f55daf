"""Due timers: deadlines of review tasks. Safe on several hosts against one PostgreSQL.

Each case is fired in a transaction of its own, taken with SELECT ... FOR UPDATE SKIP LOCKED,
so two runners never fire the same case. A case that fails, in the engine or otherwise (a saved
state that cannot be read, say), becomes an incident and the run goes on with the others. A
database that cannot be reached or is locked (`OperationalError`) is no fault of the case: the
run stops there and the next run fires the case.
"""
import logging

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from .. import clock
from ..cases.models import Case
from ..cases.progress import Attempt, CaseIncident, advance, keep_incident
from ..extensions import db

logger = logging.getLogger(__name__)


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
        except OperationalError:
            raise
        except Exception as error:  # noqa: BLE001 - one broken case must not stop the deadlines of the others
            logger.exception("firing the timers of case %s failed", case.id)
            db.session.rollback()
            keep_incident(db.session.get(Case, case.id), Attempt("timers", {}), None, None,
                          f"{type(error).__name__}: {error}")
            failed += 1
    return advanced, failed
