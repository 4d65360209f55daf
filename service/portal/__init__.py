"""The producer portal: registration of a producing entity and its approval by the commune officer,
submitting a product idea, the case list (producers' own cases, officials' cases) with its Excel
file, the case page with its case file, timeline and diagram, and the page of each version of the
case file.

- `pages`: the views of the "portal" blueprint;
- `export`: the case list as an Excel workbook (openpyxl);
- `registration`: the operations of a self-registration (register, approve, refuse).

The case file shown on the case page and on the task pages is service/case_file/'s
(`case_file_context`, `templates/case_file/_case_file.html`).
"""
from flask import Blueprint

bp = Blueprint("portal", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/portal")

from . import pages  # noqa: E402,F401  (the views attach to bp)
