"""Reports to the province's People's Committee and the Ministry (seed plan, section IV): products
recognised by stars, product group, unit and entity type; entities by type; evaluations in progress by
step; certificates expiring, expired and revoked; for a period and a unit within the user's jurisdiction,
as pages with charts, as JSON and as Excel workbooks, long periods built in the background.

- `scope`: who may ask, for which unit and period (the request's arguments, checked);
- `figures`: the tables of each report (aggregate queries), shared by the API, the pages and the workbook;
- `workbook`: the Excel file (openpyxl), a sheet per table;
- `models`, `background`: the background build's state (`ReportJob`) and its job;
- `routes` (the API), `pages` (the web pages).
"""
from flask import Blueprint

bp = Blueprint("reports", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/reports")

from . import pages  # noqa: F401  (the views attach to bp)
