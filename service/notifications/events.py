"""Notifications follow the audit log as it is written; their e-mails follow the commit.

- `before_flush`: each new AuditEntry that concerns people (`rules.notices_for`) adds its
  Notification rows to the same flush (the new tasks' candidates read in one query, `rules.People`), so they commit or roll back with the change they report;
  those to be mailed (mail on, the user has an address) wait in the session's `info`.
- `after_commit`: one job per waiting notification goes on the job queue (`mail.send_notification`);
  when the transaction ends otherwise (rolled back, or the session closed), they are dropped.
  A queue that cannot be reached is logged: the change itself is committed and stays.
"""
import logging

from flask import current_app
from sqlalchemy import event, inspect

from .. import jobs
from ..audit.models import AuditEntry
from ..extensions import db
from .mail import send_notification
from .models import Notification
from .rules import People, notices_for

logger = logging.getLogger(__name__)
OUTBOX = "ocop_outbox"


def write_notifications(session, flush_context, instances):
    entries = [item for item in session.new if isinstance(item, AuditEntry)]
    mail = current_app.config["OCOP_MAIL_ENABLED"]
    with session.no_autoflush:
        people = People(entries)
        for entry in entries:
            for users, kind, params in notices_for(entry, people):
                for user in users:
                    notification = Notification(user_id=user.id, case=entry.case, kind=kind, params=params,
                                                created_at=entry.created_at)
                    session.add(notification)
                    if mail and user.email:
                        session.info.setdefault(OUTBOX, []).append(notification)


def queue_mail(session):
    for notification in session.info.pop(OUTBOX, []):
        identity = inspect(notification).identity
        if identity is None:  # written in a savepoint that was rolled back
            continue
        notification_id = identity[0]
        try:
            jobs.enqueue(send_notification, notification_id)
        except Exception:
            logger.exception("could not queue the e-mail of notification %s", notification_id)


def drop_mail(session, transaction):
    if transaction.parent is None:
        session.info.pop(OUTBOX, None)


LISTENERS = {"before_flush": write_notifications, "after_commit": queue_mail, "after_transaction_end": drop_mail}


def listen():
    """Attach the listeners to the service's session (once, however many applications there are)."""
    for name, listener in LISTENERS.items():
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)
