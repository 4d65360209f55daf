"""Notifications: what concerns me (a task assigned or claimable, a return, a decision on my case,
an overdue task), in the web application and by e-mail.

- `models`: the Notification table;
- `rules`: which audit entries concern whom (the inbox's own candidate rule);
- `events`: the session listeners that write notifications with the audit entries and send
  their e-mails after commit;
- `mail`: composing the e-mails and the background thread that sends them over SMTP;
- `messages`: the words of each kind of notification, in Vietnamese or English;
- `pages`: the list `/notifications` (open, mark read, mark all read); `queries`: the unread count.
"""
from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications", template_folder="templates",
               static_folder="static", static_url_path="/static/notifications")


def init_app(app):
    """The application's mailer, and the listeners on the service's session."""
    app.extensions["ocop_mail"] = mail.Mailer(app.config)
    events.listen()


from . import events, mail, pages  # noqa: E402  (the views attach to bp)
