"""Import of earlier records (issue 10): products certified before the system existed, and the survey's
potential products, from Excel templates, read by a background job row by row.

- `template`: the templates' columns, the workbook (openpyxl) and the reading of a filled one;
- `certificates`, `survey`: one row of each template, with its natural keys (a re-run creates nothing twice);
- `places`: a row's district and commune within the importer's jurisdiction;
- `models`, `operations`: the `ImportJob` row (its state shared with the reports' builds, `jobs.TrackedJob`)
  and its job;
- `routes` (the API), `pages` (the web pages).
"""
from flask import Blueprint

bp = Blueprint("imports", __name__, template_folder="templates")

from . import pages  # noqa: F401  (the views attach to bp)
