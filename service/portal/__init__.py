"""The producer portal: registration of a producing entity and its approval by the commune officer,
submitting a product idea, the case list (producers' own cases, officials' cases) with its Excel
file, and the case page with its dossier, timeline and diagram.

- `pages`: the views of the "portal" blueprint;
- `export`: the case list as an Excel workbook (openpyxl);
- `registration`: the operations of a self-registration (register, approve, refuse);
- `dossier`: `dossier_context(case, user)`, what `templates/cases/_dossier.html` needs; the task
  page of the reviewer workspace includes the same partial.
"""
from flask import Blueprint

bp = Blueprint("portal", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/portal")

from . import pages  # noqa: E402,F401  (the views attach to bp)
