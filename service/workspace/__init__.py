"""The reviewer workspace: the inbox (`/inbox`) and the task page (`/tasks/<id>`).

Pages call the same operations and load-and-authorize helpers as the JSON API
(service/tasks/operations.py): a task the user may not see answers the friendly 404.
- `pages`: the views (inbox, task page with its form, claim, unclaim);
- `queries`: what the inbox shows beside the tasks (filter choices, rows' cases and people);
- `scoring`: the council's score sheet (parts with their maxima, total, star band).
"""
from flask import Blueprint

bp = Blueprint("workspace", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/workspace")

from . import pages  # noqa: E402,F401  (the views attach to bp)
