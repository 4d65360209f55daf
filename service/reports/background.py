"""Reports built in the background: a `ReportJob` row says what was asked and how far the build has come,
a job on the queue (service/jobs.py) builds the workbook table by table, committing its progress after
each, and keeps the finished file under OCOP_ATTACHMENT_FOLDER/reports for download.

The row is the job's state, in the database: any web process answers the page's polling from it and
it survives restarts. A worker takes a job by moving it from `queued` to `running` with a conditional
update, so a job queued twice, or two workers, build it once. A worker killed during a build leaves it
`running`; its requester starts another.
"""
import uuid

from flask import url_for
from sqlalchemy import select

from .. import clock
from ..cases.attachments import folder
from ..errors import Conflict, NotFound
from ..extensions import db
from ..jobs import advance, enqueue_after_commit, fail, finish, job, progress_of, take
from . import figures, workbook
from .models import ReportJob
from .scope import Scope, issuer_of

RECENT = 10
FAILED = "Không tạo được báo cáo; hãy thử lại / The report could not be built; try again"


def reports_folder():
    path = folder() / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def start(user, name, scope):
    """A new job for the report `name` on the scope, added to the caller's transaction and queued when it
    commits."""
    report_job = ReportJob(report=name, unit_id=scope.unit.id if scope.unit else None, period_from=scope.start,
                           period_to=scope.end, months=scope.months, requested_by_id=user.id, state="queued",
                           steps_total=len(figures.REPORTS[name][1]) + 1, created_at=clock.now())
    db.session.add(report_job)
    db.session.flush()
    enqueue_after_commit(build_report, report_job)
    return report_job


@job()
def build_report(job_id):
    """Build the workbook of a queued ReportJob, recording its progress after each table."""
    if not take(ReportJob, job_id):
        return
    report_job = db.session.get(ReportJob, job_id)
    scope = Scope(report_job.unit, report_job.period_from, report_job.period_to, report_job.months)
    try:
        content = workbook.build(report_job.report, scope, issuer_of(report_job.requested_by, scope),
                                 lambda done, _total: advance(report_job, done))
        storage_name = f"{uuid.uuid4().hex}.xlsx"
        temporary = reports_folder() / f".{storage_name}.part"
        temporary.write_bytes(content)
        temporary.replace(reports_folder() / storage_name)
    except Exception as error:
        fail(ReportJob, job_id, error)
        return
    report_job.storage_name, report_job.size = storage_name, len(content)
    report_job.filename = workbook.filename_of(report_job.report, scope)
    finish(report_job)
    db.session.commit()


def get_job(job_id, user):
    """The job, for the user who asked for it or an administrator; 404 otherwise."""
    report_job = db.session.get(ReportJob, job_id)
    if report_job is None or not (report_job.requested_by_id == user.id or user.has_role("admin")):
        raise NotFound("report_job_not_found", "Không tìm thấy báo cáo đang tạo / Report job not found")
    return report_job


def recent_jobs(user):
    return db.session.scalars(select(ReportJob).where(ReportJob.requested_by_id == user.id)
                              .order_by(ReportJob.id.desc()).limit(RECENT)).all()


def file_of(report_job):
    """The finished workbook's path; 409 while it is being built or when the build failed."""
    if report_job.state != "done":
        raise Conflict("report_not_ready", "Báo cáo chưa tạo xong / The report is not ready yet",
                       details={"state": report_job.state})
    return reports_folder() / report_job.storage_name


def status_of(report_job):
    """The job's state as the API and the page's polling read it."""
    return {**progress_of(report_job), "report": report_job.report, "title": figures.title_of(report_job.report),
            "unit_id": report_job.unit_id, "from": report_job.period_from.isoformat(),
            "to": report_job.period_to.isoformat(), "months": report_job.months,
            "error": FAILED if report_job.state == "failed" else None,
            "download": url_for("reports_api.job_file", job_id=report_job.id) if report_job.state == "done" else None,
            "size": report_job.size}
