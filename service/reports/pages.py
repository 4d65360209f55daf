"""The report pages: the choice of report, unit and period; a report's tables with their charts and the
workbook's download (or its background build, for a long period); a background build's progress."""
from datetime import date

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import db
from ..web.i18n import local_date, local_number
from . import background, bp, figures
from .routes import ARGUMENTS, report_name, too_long
from .scope import MONTHS_DEFAULT, issuer_of, reporting_roles, scope_of, units_for


def _arguments(source):
    return {key: source[key] for key in ARGUMENTS if source.get(key)}


@bp.app_template_filter("report_value")
def report_value(value):
    """A cell of a report's table: numbers and days as the page's language writes them."""
    if isinstance(value, date):
        return local_date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return local_number(value)
    return "" if value is None else value


def _choices(chosen=None):
    """The report form's choices; `chosen`: the unit of the report shown, whose province's districts are offered."""
    reports = [(name, figures.title_of(name)) for name in figures.REPORTS]
    units = units_for(current_user, chosen)
    national = any(role in ("admin", "national_officer") for role, _unit in reporting_roles(current_user))
    return {"reports": reports, "titles": dict(reports), "units": units, "national": national,
            "province_first": national and sum(unit.level == "province" for unit in units) > 1}


def _charts(tables):
    charts = {}
    for table in tables:
        if table.chart and table.rows:
            columns = [(key, header) for key, header in table.columns if key != "total"]
            charts[f"chart-{table.key}"] = {
                "labels": [row["label"] for row in table.rows],
                "datasets": [{"label": header, "data": [row.get(key) or 0 for row in table.rows]}
                             for key, header in columns]}
    return charts


@bp.get("/reports")
@login_required
def index():
    reporting_roles(current_user)
    if request.args.get("report"):
        return redirect(url_for("reports.show", name=report_name(request.args["report"]),
                                **_arguments(request.args)))
    return render_template("reports/index.html", jobs=background.recent_jobs(current_user), selected={},
                           months=MONTHS_DEFAULT, **_choices())


@bp.get("/reports/<name>")
@login_required
def show(name):
    name = report_name(name)
    scope = scope_of(current_user, request.args)
    tables = figures.tables(name, scope)
    arguments = {"from": scope.start.isoformat(), "to": scope.end.isoformat(), "months": scope.months,
                 **({"unit": scope.unit.id} if scope.unit else {})}
    return render_template("reports/report.html", name=name, title=figures.title_of(name), scope=scope,
                           issuer=issuer_of(current_user, scope), tables=tables, charts=_charts(tables),
                           arguments=arguments, direct=not too_long(scope),
                           direct_days=current_app.config["OCOP_REPORT_DIRECT_DAYS"],
                           selected={"report": name, **arguments}, months=scope.months, **_choices(scope.unit))


@bp.post("/reports/<name>/jobs")
@login_required
def start_job(name):
    name = report_name(name)
    scope = scope_of(current_user, request.form)
    report_job = background.start(current_user, name, scope)
    db.session.commit()
    return redirect(url_for("reports.job", job_id=report_job.id))


@bp.get("/reports/jobs/<int:job_id>")
@login_required
def job(job_id):
    report_job = background.get_job(job_id, current_user)
    return render_template("reports/job.html", job=report_job, status=background.status_of(report_job),
                           unit_label=report_job.unit.name if report_job.unit else _("Toàn quốc"))
