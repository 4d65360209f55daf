"""E-mail for notifications: one background job per notification, sent once.

`events` queues `send_notification(id)` when the transaction that wrote the notification
commits. The job composes the mail, then takes the notification by setting its `mailed_at` where
it is still empty, in a short transaction of its own: of two workers, or of a job queued twice,
only one takes it. It then sends over SMTP, with no transaction open. When the server cannot
be reached or refuses, the job gives the notification back (`mailed_at` empty again) and
raises, so the queue tries again after OCOP_MAIL_RETRY_DELAY seconds, OCOP_MAIL_RETRIES times,
then logs it and gives up.
A worker killed after taking a notification and before the server accepted its mail loses that
mail: this errs on the side of never sending a mail twice.
Settings: OCOP_MAIL_ENABLED, OCOP_MAIL_RETRIES, OCOP_MAIL_RETRY_DELAY, OCOP_SMTP_* and
OCOP_BASE_URL (config/settings.py).
"""
import smtplib
from email import policy
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import update

from .. import clock
from ..auth.models import User
from ..extensions import db
from ..jobs import job
from .messages import text, title
from .models import Notification

SMTP_TIMEOUT = 30
# Long lines rather than folded ones: folding splits a Vietnamese subject into encoded words and
# Python's folder drops the space between them ("có thể" arrives as "cóthể").
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)


def compose(notification, address, config):
    """The bilingual e-mail (Vietnamese first) telling `address` of a notification."""
    with force_locale("vi"):
        subject_vi, body_vi = title(notification), text(notification)
    with force_locale("en"):
        subject_en, body_en = title(notification), text(notification)
    link = f"{config['OCOP_BASE_URL'].rstrip('/')}/notifications"
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = config["OCOP_SMTP_SENDER"]
    message["To"] = address
    message["Subject"] = f"{config['OCOP_SITE_NAME']}: {subject_vi} / {subject_en}"
    message.set_content(f"{body_vi}\n{link}\n\n---\n\n{body_en}\n{link}\n")
    return message


def deliver(message, config):
    with smtplib.SMTP(config["OCOP_SMTP_HOST"], config["OCOP_SMTP_PORT"], timeout=SMTP_TIMEOUT) as smtp:
        if config["OCOP_SMTP_TLS"]:
            smtp.starttls()
        if config["OCOP_SMTP_USER"]:
            smtp.login(config["OCOP_SMTP_USER"], config["OCOP_SMTP_PASSWORD"])
        smtp.send_message(message)


def _set_mailed_at(notification_id, value, only_if_empty=False):
    statement = update(Notification).where(Notification.id == notification_id).values(mailed_at=value)
    if only_if_empty:
        statement = statement.where(Notification.mailed_at.is_(None))
    taken = db.session.execute(statement).rowcount == 1
    db.session.commit()
    return taken


@job(retries="OCOP_MAIL_RETRIES", retry_delay="OCOP_MAIL_RETRY_DELAY")
def send_notification(notification_id):
    """E-mail a notification to its user, unless it was mailed already."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.mailed_at is not None:
        return
    address = db.session.get(User, notification.user_id).email
    if not address:
        return
    message = compose(notification, address, current_app.config)
    if not _set_mailed_at(notification_id, clock.now(), only_if_empty=True):
        return
    try:
        deliver(message, current_app.config)
    except (OSError, smtplib.SMTPException):
        _set_mailed_at(notification_id, None)
        raise
