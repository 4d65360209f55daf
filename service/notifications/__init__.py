"""Notifications: what concerns me (a task assigned or claimable, a producer's task, a return, a
decision on my case, an overdue task, a registration waiting in my commune), in the web
application and by e-mail.

- `models`: the Notification table;
- `rules`: which audit entries concern whom (the inbox's own candidate rule);
- `events`: the session listeners that write notifications with the audit entries and queue
  their e-mails when the transaction commits;
- `mail`: composing the e-mails and the background job that sends each one, once, over SMTP;
- `messages`: the words of each kind of notification, in Vietnamese or English;
- `pages`: the list `/notifications` (open, mark read, mark all read); `queries`: the unread count.
"""
from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications", template_folder="templates",
               static_folder="static", static_url_path="/static/notifications")


def init_app(app):
    """The listeners on the service's session."""
    events.listen()


from . import events, pages  # noqa: E402,F401  (the views attach to bp)
