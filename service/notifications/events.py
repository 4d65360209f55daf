"""Notifications follow the audit log as it is written; their e-mails follow the commit.

- `before_flush`: each new AuditEntry that concerns people (`rules.notices_for`) adds its
  Notification rows to the same flush (the new tasks' candidates read in one query, `rules.People`), so they commit or roll back with the change they report;
  those to be mailed (mail on, the user has an address) are given to `jobs.enqueue_after_commit`:
  one job per notification goes on the job queue (`mail.send_notification`) once the transaction
  commits, none when it ends otherwise (rolled back, or the session closed). A queue that cannot be
  reached is logged: the change itself is committed and stays.
"""
from flask import current_app
from sqlalchemy import event

from .. import jobs
from ..audit.models import AuditEntry
from ..extensions import db
from .mail import send_notification
from .models import Notification
from .rules import People, notices_for


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
                        jobs.enqueue_after_commit(send_notification, notification)


def listen():
    """Attach the listener to the service's session (once, however many applications there are)."""
    if not event.contains(db.session, "before_flush", write_notifications):
        event.listen(db.session, "before_flush", write_notifications)
