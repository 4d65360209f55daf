"""Writing the audit log: operations call `record` in the transaction that makes the change."""
from .. import clock
from ..extensions import db
from .models import AuditEntry


def record(action, case=None, user=None, **details):
    """Add an entry ("case.submitted", ...) to the session; the caller's transaction commits it.

    `case` may be a case not flushed yet; `details` must be JSON-serializable.
    """
    entry = AuditEntry(case=case, user_id=user.id if user is not None else None, action=action,
                       details=details, created_at=clock.now())
    db.session.add(entry)
    return entry
