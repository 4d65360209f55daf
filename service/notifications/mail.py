"""E-mail for notifications: composed when they are written, sent by a background thread after commit.

The thread starts with the first mail and sends one message per SMTP connection. A mail that
cannot be sent is logged and dropped; a request never waits for the mail server.
Settings: OCOP_MAIL_ENABLED, OCOP_SMTP_* and OCOP_BASE_URL (config/settings.py).
"""
import logging
import queue
import smtplib
import threading
from email import policy
from email.message import EmailMessage

from flask_babel import force_locale

from .messages import text, title

logger = logging.getLogger(__name__)
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
    message["Subject"] = f"OCOP Lai Châu: {subject_vi} / {subject_en}"
    message.set_content(f"{body_vi}\n{link}\n\n---\n\n{body_en}\n{link}\n")
    return message


class Mailer:
    """A queue of messages and the thread that sends them."""

    def __init__(self, config):
        self.host, self.port = config["OCOP_SMTP_HOST"], config["OCOP_SMTP_PORT"]
        self.user, self.password = config["OCOP_SMTP_USER"], config["OCOP_SMTP_PASSWORD"]
        self.tls = config["OCOP_SMTP_TLS"]
        self._queue = queue.Queue()
        self._thread = None
        self._lock = threading.Lock()

    def send_later(self, messages):
        for message in messages:
            self._queue.put(message)
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="ocop-mail", daemon=True)
                self._thread.start()

    def wait(self):
        """Until every queued message was sent or given up."""
        self._queue.join()

    def _work(self):
        while True:
            message = self._queue.get()
            try:
                self._deliver(message)
            except (OSError, smtplib.SMTPException):
                logger.exception("could not send %r to %s", message["Subject"], message["To"])
            finally:
                self._queue.task_done()

    def _deliver(self, message):
        with smtplib.SMTP(self.host, self.port, timeout=SMTP_TIMEOUT) as smtp:
            if self.tls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password)
            smtp.send_message(message)
