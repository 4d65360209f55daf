"""Imports run as background jobs: the upload is checked (an Excel file, the template's header rows) and kept
under OCOP_ATTACHMENT_FOLDER, an `ImportJob` row records it, and the job on the queue (service/jobs.py) reads
it row by row. Each row is imported in a savepoint of its own and committed with the job's progress, so a bad
row is reported (row number, column, "Tiếng Việt / English") and the good rows are kept; the natural keys of
`certificates` and `survey` make a re-run of the same file create nothing twice.

The job's state lives in its row (`jobs.TrackedJob`, as for reports built in the background): a worker takes
it from queued to running once, any web process answers the page's polling, and it survives restarts."""
from flask import url_for
from sqlalchemy import select

from .. import clock
from ..audit.log import record
from ..cases.attachments import path_of, write_upload
from ..directory.models import ProductGroup
from ..errors import Forbidden, NotFound, Unprocessable
from ..extensions import db
from ..jobs import enqueue_after_commit, fail, finish, job, progress_of, take
from ..process_models.operations import latest_version
from . import certificates, survey
from .models import KINDS, ImportJob
from .places import Places, district_names
from .template import MIMETYPE, RowRefused, label_of, read_rows, write_template

MAX_BYTES = 5 << 20
RECENT = 10
IMPORTERS = {"certificates": certificates.import_row, "survey": survey.import_row}
OFFICES = ("district_officer", "province_officer")
NOT_OFFICE = ("Chỉ văn phòng OCOP cấp huyện, cấp tỉnh hoặc quản trị viên được nhập dữ liệu / "
              "Only the district's or the province's OCOP office or an administrator may import records")
FAILED = "Không nhập được tệp; hãy thử lại / The file could not be imported; try again"


def may_import(user):
    return user.has_role("admin") or any(a.role_code in OFFICES for a in user.role_assignments)


def require_importer(user):
    if not may_import(user):
        raise Forbidden("not_import_office", NOT_OFFICE)


def kind_of(kind):
    if kind not in KINDS:
        raise NotFound("import_kind_not_found", "Không có loại dữ liệu nhập này / No such kind of import")
    return kind


def process_model():
    """The latest process version: its rule set gives the product groups; an imported case is filed under it."""
    model = latest_version()
    if model is None:
        raise Unprocessable("no_process_model", "Chưa có quy trình nào được triển khai / No process is deployed")
    return model


def template_of(kind, user):
    """The empty template, its lists filled with the latest rule set's product groups and sub-groups and the
    user's districts."""
    groups = db.session.scalars(select(ProductGroup).where(ProductGroup.rule_set == process_model().rule_set)
                                .order_by(ProductGroup.id)).all()
    return write_template(kind, [(group.code, group.name_vi) for group in groups if group.parent_id is None],
                          [(group.code, f"{group.parent.name_vi} › {group.name_vi}")
                           for group in groups if group.parent_id is not None], district_names(user))


def start(user, kind, upload):
    """Keep the uploaded template and record its import, in the caller's transaction, queued when it commits.
    403 for someone who may not import, 422 for a file that is not the template."""
    require_importer(user)
    process_model()
    if upload is None:
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={"file": ["Chọn tệp Excel theo mẫu / Choose an Excel file made from the template"]})
    filename, storage_name, _type, size, _digest = write_upload(
        upload, {"xlsx": MIMETYPE, "zip": MIMETYPE}, MAX_BYTES,
        refused="Chỉ nhận tệp Excel (.xlsx) theo mẫu / Only Excel files (.xlsx) made from the template are accepted")
    import_job = ImportJob(kind=kind, filename=filename, storage_name=storage_name, size=size, requested_by_id=user.id,
                           state="queued", problems=[], created_at=clock.now())
    import_job.steps_total = len(read_rows(path_of(import_job), kind))
    db.session.add(import_job)
    db.session.flush()
    record("import.started", user=user, import_job_id=import_job.id, kind=kind, filename=filename,
           rows=import_job.steps_total)
    enqueue_after_commit(run_import, import_job)
    return import_job


@job()
def run_import(job_id):
    """Import the rows of a queued ImportJob, each in a savepoint, committing the progress after each row."""
    if not take(ImportJob, job_id):
        return
    import_job = db.session.get(ImportJob, job_id)
    user, importer = import_job.requested_by, IMPORTERS[import_job.kind]
    try:
        model = process_model()
        rows = read_rows(path_of(import_job), import_job.kind)
        import_job.steps_total = len(rows)
        places = Places(user)
        for done, (number, values) in enumerate(rows, start=1):
            problems = []
            try:
                with db.session.begin_nested():
                    outcome = importer(values, user, model, places)
            except RowRefused as refusal:
                problems = [{"row": number, "column": label_of(import_job.kind, key), "message": message}
                            for key, message in refusal.problems]
                outcome = "refused"
            setattr(import_job, outcome, getattr(import_job, outcome) + 1)
            if problems:
                import_job.problems = [*import_job.problems, *problems]
            import_job.steps_done = done
            db.session.commit()
    except Exception as error:  # noqa: BLE001  (any failure marks the job failed, logged)
        fail(ImportJob, job_id, error)
        return
    finish(import_job)
    record("import.finished", user=user, import_job_id=import_job.id, kind=import_job.kind,
           created=import_job.created, skipped=import_job.skipped, refused=import_job.refused)
    db.session.commit()


def get_job(job_id, user):
    """The import, for the user who started it or an administrator; 404 otherwise."""
    import_job = db.session.get(ImportJob, job_id)
    if import_job is None or not (import_job.requested_by_id == user.id or user.has_role("admin")):
        raise NotFound("import_job_not_found", "Không tìm thấy lần nhập dữ liệu / Import not found")
    return import_job


def recent_jobs(user):
    return db.session.scalars(select(ImportJob).where(ImportJob.requested_by_id == user.id)
                              .order_by(ImportJob.id.desc()).limit(RECENT)).all()


def status_of(import_job):
    """The import's state as the API and the page's polling read it."""
    return {**progress_of(import_job), "kind": import_job.kind, "filename": import_job.filename,
            "created": import_job.created, "skipped": import_job.skipped, "refused": import_job.refused,
            "problems": import_job.problems, "error": FAILED if import_job.state == "failed" else None,
            "page": url_for("imports.show", job_id=import_job.id)}
