"""Notifications follow the audit log as it is written; e-mail follows the commit.

- `before_flush`: each new AuditEntry that concerns people (`rules.notices_for`) adds its
  Notification rows to the same flush, so they commit or roll back with the change they report;
  their e-mails (when mail is on and the user has an address) wait in the session's `info`.
- `after_commit`: the e-mails go to the application's mailer; `after_rollback`: they are dropped.
"""
from flask import current_app
from sqlalchemy import event

from ..audit.models import AuditEntry
from ..extensions import db
from .mail import compose
from .models import Notification
from .rules import notices_for

OUTBOX = "ocop_outbox"


def write_notifications(session, flush_context, instances):
    entries = [item for item in session.new if isinstance(item, AuditEntry)]
    config = current_app.config
    with session.no_autoflush:
        for entry in entries:
            for users, kind, params in notices_for(entry):
                for user in users:
                    notification = Notification(user_id=user.id, case=entry.case, kind=kind, params=params,
                                                created_at=entry.created_at)
                    session.add(notification)
                    if config["OCOP_MAIL_ENABLED"] and user.email:
                        session.info.setdefault(OUTBOX, []).append(compose(notification, user.email, config))


def send_mail(session):
    outbox = session.info.pop(OUTBOX, [])
    if outbox:
        current_app.extensions["ocop_mail"].send_later(outbox)


def drop_mail(session):
    session.info.pop(OUTBOX, None)


LISTENERS = {"before_flush": write_notifications, "after_commit": send_mail, "after_rollback": drop_mail}


def listen():
    """Attach the listeners to the service's session (once, however many applications there are)."""
    for name, listener in LISTENERS.items():
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)
