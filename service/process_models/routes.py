"""Process model endpoints: list versions, download their files, upload a new version (admins)."""
from pathlib import PurePosixPath

from flask import Blueprint, Response, request
from flask_login import current_user, login_required
from sqlalchemy import select

from ..bodies import load_form
from ..auth.permissions import require_admin
from ..errors import NotFound, ServiceError, Unprocessable
from ..extensions import db
from .models import ProcessModel, ProcessModelFile
from .operations import deploy, running_cases_per_version, upload_files
from .schemas import ProcessModelOutput, UploadForm

bp = Blueprint("process_models", __name__, url_prefix="/api/v1")
MAX_FILE_BYTES = 2 << 20
CONTENT_TYPES = {".bpmn": "application/xml", ".dmn": "application/xml", ".json": "application/json"}


def _dump(model, running):
    body = ProcessModelOutput().dump(model)
    body["running_cases"] = running.get(model.id, 0)
    return body


@bp.get("/process-models")
@login_required
def list_process_models():
    """Every process version, newest first, with the number of running cases on each.
    ---
    get:
      tags: [process models]
      summary: List process versions
      responses:
        200: {description: "[ProcessModelOutput]"}
    """
    running = running_cases_per_version()
    models = db.session.scalars(select(ProcessModel).order_by(ProcessModel.key, ProcessModel.version.desc()))
    return [_dump(model, running) for model in models]


@bp.get("/process-models/<int:model_id>")
@login_required
def show_process_model(model_id):
    """One process version.
    ---
    get:
      tags: [process models]
      summary: Show a process version
      parameters: [{in: path, name: model_id, required: true, schema: {type: integer}}]
      responses:
        200: {content: {application/json: {schema: ProcessModelOutput}}}
    """
    model = db.session.get(ProcessModel, model_id)
    if model is None:
        raise NotFound("process_model_not_found", "Không tìm thấy phiên bản quy trình / Process version not found")
    return _dump(model, running_cases_per_version())


@bp.get("/process-models/<int:model_id>/files/<path:name>")
@login_required
def download_process_file(model_id, name):
    """Download a file of a process version (the BPMN, a DMN table, a form).
    ---
    get:
      tags: [process models]
      summary: Download a file of a version
      parameters:
      - {in: path, name: model_id, required: true, schema: {type: integer}}
      - {in: path, name: name, required: true, schema: {type: string}}
      responses:
        200: {description: the file}
    """
    file = db.session.scalar(select(ProcessModelFile).where(ProcessModelFile.process_model_id == model_id,
                                                            ProcessModelFile.name == name))
    if file is None:
        raise NotFound("file_not_found", "Không tìm thấy tệp / File not found")
    content_type = CONTENT_TYPES.get(PurePosixPath(name).suffix, "application/octet-stream")
    return Response(file.content, content_type=content_type,
                    headers={"Content-Disposition": f'attachment; filename="{PurePosixPath(name).name}"',
                             "X-Content-Type-Options": "nosniff"})


@bp.post("/process-models")
@login_required
def upload_process_model():
    """Upload a new version (administrators): multipart field `files`, one .bpmn and any .dmn and
    *.schema.json forms; files not uploaded are carried over from the latest version. The
    version is checked and, if valid, deployed: new cases use it, running cases stay on theirs.
    ---
    post:
      tags: [process models]
      summary: Upload a process version
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                files: {type: array, items: {type: string, format: binary}}
                key: {type: string}
                rule_set: {type: string}
                based_on: {type: integer}
      responses:
        201: {content: {application/json: {schema: ProcessModelOutput}}}
        422: {description: "the version is invalid: details.problems lists file, element and message"}
    """
    require_admin(current_user)
    form = load_form(UploadForm())
    uploads = request.files.getlist("files")
    if not uploads or set(request.files) != {"files"}:
        raise Unprocessable("no_files", "Chọn ít nhất một tệp BPMN trong trường 'files' / "
                                        "Send at least one BPMN file in the field 'files'")
    uploaded = {}
    for upload in uploads:
        content = upload.stream.read(MAX_FILE_BYTES + 1)
        if len(content) > MAX_FILE_BYTES:
            raise ServiceError(413, "file_too_large", f"{upload.filename}: tệp quá lớn / file too large "
                                                      f"(at most {MAX_FILE_BYTES >> 20} MB)")
        uploaded[PurePosixPath(upload.filename or "upload.bpmn").name] = content
    based_on = None
    if form["based_on"] is not None:
        based_on = db.session.get(ProcessModel, form["based_on"])
        if based_on is None or based_on.key != form["key"]:
            raise Unprocessable("invalid_request", "Phiên bản gốc không tồn tại / Unknown base version",
                                details={"based_on": ["Không có phiên bản này của quy trình / No such version of this process"]})
    model = deploy(upload_files(uploaded, form["key"], based_on), key=form["key"], rule_set=form["rule_set"],
                   user=current_user)
    db.session.commit()
    return _dump(model, running_cases_per_version()), 201
