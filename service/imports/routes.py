"""The import API: the templates, the upload (a background job) and its state with the rows' problems."""
from io import BytesIO

from flask import Blueprint, request, send_file
from flask_login import current_user, login_required

from ..errors import Unprocessable
from ..extensions import db
from . import operations
from .template import MIMETYPE, TITLES

bp = Blueprint("imports_api", __name__, url_prefix="/api/v1")


def template_response(kind):
    content = operations.template_of(kind, current_user)
    return send_file(BytesIO(content), as_attachment=True, download_name=TITLES[kind], mimetype=MIMETYPE)


@bp.get("/imports/<kind>/template")
@login_required
def template(kind):
    """The empty template of an import (`certificates` or `survey`).
    ---
    get:
      tags: [imports]
      summary: The Excel template of an import
      description: >
        The worksheet "Dữ liệu": row 1 the Vietnamese headers (* required), row 2 the English ones, row 3 an
        example that is never imported, the data from row 4; the worksheet "Danh mục" holds the lists the data
        validation offers (levels, stars, types of producer, the product groups of the latest rule set, your
        districts).
      parameters: [{in: path, name: kind, required: true, schema: {type: string, enum: [certificates, survey]}}]
      responses:
        200: {description: the workbook}
        403: {description: "not a district's or province's OCOP office, or an administrator"}
        404: {description: no such kind of import}
    """
    operations.require_importer(current_user)
    return template_response(operations.kind_of(kind))


@bp.post("/imports/<kind>")
@login_required
def start(kind):
    """Import a filled template in the background.
    ---
    post:
      tags: [imports]
      summary: Import a filled template (`certificates` or `survey`)
      description: >
        Multipart field `file`: the template filled in. The file and its header rows are checked at once; the
        rows are imported by a background job: 202 with the import's state and its `Location`. Poll it until
        `state` is `done`: `created`, `skipped` (already there: a re-run creates nothing twice), `refused` and
        `problems` [{row, column, message}].
      parameters: [{in: path, name: kind, required: true, schema: {type: string, enum: [certificates, survey]}}]
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}}}
      responses:
        202: {description: "the import: id, state (queued, running, done, failed), steps_done, steps_total,
          percent, created, skipped, refused, problems"}
        403: {description: "not a district's or province's OCOP office, or an administrator"}
        404: {description: no such kind of import}
        413: {description: too large}
        422: {description: "not an Excel file, or not the template (its header rows)"}
    """
    kind = operations.kind_of(kind)
    upload = request.files.get("file")
    if upload is None or set(request.files) != {"file"}:
        raise Unprocessable("invalid_file", "Gửi đúng một tệp trong trường 'file' / Send one file in the field 'file'")
    import_job = operations.start(current_user, kind, upload)
    db.session.commit()
    db.session.refresh(import_job)
    return operations.status_of(import_job), 202, {"Location": f"/api/v1/imports/jobs/{import_job.id}"}


@bp.get("/imports/jobs")
@login_required
def jobs():
    """Your latest imports.
    ---
    get:
      tags: [imports]
      summary: Your latest imports (ten)
      responses:
        200: {description: "[the import's state]"}
    """
    return [operations.status_of(import_job) for import_job in operations.recent_jobs(current_user)]


@bp.get("/imports/jobs/<int:job_id>")
@login_required
def job_status(job_id):
    """An import's state and the problems of its rows.
    ---
    get:
      tags: [imports]
      summary: An import's state (its requester, administrators)
      responses:
        200: {description: "id, kind, filename, state, steps_done, steps_total, percent, created, skipped, refused,
          problems [{row, column, message}]"}
        404: {description: "no such import, or not yours"}
    """
    return operations.status_of(operations.get_job(job_id, current_user))
