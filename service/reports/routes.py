"""Report endpoints: a report's tables as JSON or as a workbook for a unit and a period, and the
background build of a workbook (start, state, file)."""
from io import BytesIO

from flask import Blueprint, current_app, request, send_file
from flask_login import current_user, login_required

from ..bodies import json_object
from ..errors import NotFound, Unprocessable
from ..extensions import db
from . import background, figures, workbook
from .scope import INVALID, issuer_of, reporting_roles, scope_of

bp = Blueprint("reports_api", __name__, url_prefix="/api/v1")
ARGUMENTS = ("from", "to", "year", "unit", "months")


def report_name(name):
    if name not in figures.REPORTS:
        raise NotFound("report_not_found", "Không có báo cáo này / No such report")
    return name


def too_long(scope):
    return (scope.end - scope.start).days + 1 > current_app.config["OCOP_REPORT_DIRECT_DAYS"]


def report_json(name, scope):
    return {"report": name, "title": figures.title_of(name), "issuer": issuer_of(current_user, scope),
            "unit": None if scope.unit is None else {"id": scope.unit.id, "name": scope.unit.name,
                                                     "level": scope.unit.level},
            "breakdown": scope.breakdown_level, "period": {"from": scope.start.isoformat(), "to": scope.end.isoformat()},
            "months": scope.months, "tables": [table.as_json() for table in figures.tables(name, scope)]}


def workbook_response(content, filename):
    return send_file(BytesIO(content), as_attachment=True, download_name=filename, mimetype=workbook.MIMETYPE)


@bp.get("/reports")
@login_required
def reports():
    """The reports there are.
    ---
    get:
      tags: [reports]
      summary: The reports (OCOP offices, administrators)
      responses:
        200: {description: "[{name, title}]"}
        403: {description: not an OCOP office or an administrator}
    """
    reporting_roles(current_user)
    return [{"name": name, "title": figures.title_of(name)} for name in figures.REPORTS]


@bp.get("/reports/<name>")
@login_required
def report(name):
    """A report's tables for a unit and a period.
    ---
    get:
      tags: [reports]
      summary: A report's tables (JSON)
      description: >
        `recognitions`, `entities`, `evaluations`, `certificates` or `programme` (all of them), for the
        period `from`-`to` (YYYY-MM-DD, both included) or the `year` (this year by default), on `unit` (a
        province or district within your jurisdiction; your own by default, the whole country for the
        Ministry), broken down by the units below it; `months`, the horizon of expiring certificates (6).
      parameters:
        - {in: query, name: from, schema: {type: string, format: date}}
        - {in: query, name: to, schema: {type: string, format: date}}
        - {in: query, name: year, schema: {type: integer}}
        - {in: query, name: unit, schema: {type: integer}}
        - {in: query, name: months, schema: {type: integer, minimum: 1, maximum: 36}}
      responses:
        200: {description: "report, title, issuer, unit, breakdown, period, months, tables (key, title, label,
          columns, rows, total, extra, note)"}
        403: {description: not an OCOP office or an administrator}
        404: {description: "no such report, or the unit is not within your jurisdiction"}
        422: {description: "an invalid period, unit or horizon"}
    """
    name = report_name(name)
    return report_json(name, scope_of(current_user, request.args))


@bp.get("/reports/<name>.xlsx")
@login_required
def report_workbook(name):
    """A report as an Excel workbook.
    ---
    get:
      tags: [reports]
      summary: A report as an Excel workbook
      description: >
        The same arguments as the JSON; a sheet per table with the period and the issuing unit on top.
        A period longer than OCOP_REPORT_DIRECT_DAYS (366) answers 422 `period_too_long`: build it in the
        background (`POST /api/v1/reports/{name}/jobs`).
      responses:
        200: {description: the workbook}
        403: {description: not an OCOP office or an administrator}
        404: {description: "no such report, or the unit is not within your jurisdiction"}
        422: {description: "an invalid period, or one too long to make while you wait"}
    """
    name = report_name(name)
    scope = scope_of(current_user, request.args)
    if too_long(scope):
        days = current_app.config["OCOP_REPORT_DIRECT_DAYS"]
        raise Unprocessable("period_too_long", f"Kỳ dài hơn {days} ngày: hãy tạo báo cáo trong nền / A period "
                                               f"longer than {days} days: build the report in the background")
    content = workbook.build(name, scope, issuer_of(current_user, scope))
    return workbook_response(content, workbook.filename_of(name, scope))


@bp.post("/reports/<name>/jobs")
@login_required
def start_job(name):
    """Build a report's workbook in the background.
    ---
    post:
      tags: [reports]
      summary: Build a report's workbook in the background
      description: >
        A JSON object with any of `from`, `to`, `year`, `unit`, `months` (as for the JSON report). Answers
        202 with the job's state; poll `GET /api/v1/reports/jobs/{id}` until `state` is `done`, then
        download `download`.
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses:
        202: {description: "the job: id, state (queued, running, done, failed), steps_done, steps_total,
          percent, download"}
        403: {description: not an OCOP office or an administrator}
        404: {description: "no such report, or the unit is not within your jurisdiction"}
        422: {description: "an invalid period, unit or horizon"}
    """
    name = report_name(name)
    body = json_object()
    unknown = sorted(set(body) - set(ARGUMENTS))
    if unknown:
        raise Unprocessable("invalid_request", INVALID, details={
            key: ["Trường không được biết / Unknown field"] for key in unknown})
    scope = scope_of(current_user, {key: "" if value is None else str(value) for key, value in body.items()})
    report_job = background.start(current_user, name, scope)
    db.session.commit()
    db.session.refresh(report_job)
    return background.status_of(report_job), 202, {"Location": f"/api/v1/reports/jobs/{report_job.id}"}


@bp.get("/reports/jobs/<int:job_id>")
@login_required
def job_status(job_id):
    """A background report's state.
    ---
    get:
      tags: [reports]
      summary: A background report's state (its requester, administrators)
      responses:
        200: {description: "id, report, state, steps_done, steps_total, percent, download (when done)"}
        404: {description: "no such job, or not yours"}
    """
    return background.status_of(background.get_job(job_id, current_user))


@bp.get("/reports/jobs/<int:job_id>.xlsx")
@login_required
def job_file(job_id):
    """A background report's workbook.
    ---
    get:
      tags: [reports]
      summary: A background report's workbook
      responses:
        200: {description: the workbook}
        404: {description: "no such job, or not yours"}
        409: {description: "not built yet, or its build failed"}
    """
    report_job = background.get_job(job_id, current_user)
    path = background.file_of(report_job)
    return send_file(path, as_attachment=True, download_name=report_job.filename, mimetype=workbook.MIMETYPE)
