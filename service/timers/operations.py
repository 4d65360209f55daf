"""Due timers: deadlines of review tasks, and re-evaluations of certificates six months before
they expire. Safe on several hosts against one PostgreSQL.

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
from ..cases.models import Case, Certificate
from ..cases.operations import open_reevaluation
from ..cases.progress import Attempt, CaseIncident, advance, keep_incident
from ..certificates.lifecycle import due_for_reevaluation
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


def open_due_reevaluations(limit=1000):
    """Open the re-evaluation of every certificate that expires within six months and has none yet,
    each in a transaction of its own; returns (cases opened, certificates that failed).

    Safe on several hosts: a certificate is taken with FOR UPDATE SKIP LOCKED (PostgreSQL), and the
    unique link of a case to the certificate it re-evaluates refuses a second case whatever happens.
    A start that fails in the engine is kept as an incident of the new case.
    """
    opened = failed = 0
    skipped = set()
    for _ in range(limit):
        statement = due_for_reevaluation()
        if skipped:
            statement = statement.where(Certificate.id.not_in(skipped))
        certificate = db.session.scalar(statement.limit(1).with_for_update(skip_locked=True, of=Certificate))
        if certificate is None:
            break
        certificate_id = certificate.id
        try:
            case = open_reevaluation(certificate)
            db.session.commit()
            opened += case is not None
        except CaseIncident:
            failed += 1
        except OperationalError:
            raise
        except Exception:  # noqa: BLE001 - one certificate that cannot be re-evaluated must not stop the others
            logger.exception("opening the re-evaluation of certificate %s failed", certificate_id)
            db.session.rollback()
            skipped.add(certificate_id)
            failed += 1
    return opened, failed
