"""Process model endpoints: list versions, download their files, upload a new version (admins)."""
from pathlib import PurePosixPath

from flask import Blueprint, Response, request
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..bodies import json_body, load_form, query_args
from ..auth.permissions import require_admin
from ..certificates.lifecycle import today
from ..directory.models import AdministrativeUnit
from ..errors import NotFound, ServiceError, Unprocessable
from ..extensions import db
from ..paging import page_body, paginate
from .models import ProcessModel, ProcessModelFile, RuleSetAdoption
from .operations import DEFAULT_KEY, deploy, running_cases_per_version, upload_files, versions_listed
from .rule_sets import RULE_SETS, adopt, rule_set_in_force, version_of_rule_set, withdraw
from .schemas import (AdoptionForm, AdoptionOutput, AdoptionQuery, InForceQuery, ListQuery, ProcessModelOutput,
                      RuleSetOutput, UploadForm)

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
    """The process versions (of a key, of a rule set when asked), by key, the latest rule set first and
    each rule set's newest version first, with the number of running cases on each, a page at a time.
    ---
    get:
      tags: [process models]
      summary: List process versions
      parameters: [{in: query, schema: ListQuery}]
      responses:
        200: {description: "{items: [ProcessModelOutput], total, page, per_page, count_limit}"}
        422: {description: "an unknown rule set, a bad page or page size"}
    """
    query = query_args(ListQuery())
    found = paginate(versions_listed(query["key"], query["rule_set"]), query["page"], query["per_page"])
    running = running_cases_per_version()
    return page_body(found, [_dump(model, running) for model in found.items])


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
    *.schema.json forms, as a new version of the rule set `rule_set` (2019 by default); files not
    uploaded are carried over from the latest version of that rule set. The version is checked and,
    if valid, deployed: from `effective_from` on, new cases of the provinces applying the rule set use
    it, running cases stay on theirs.
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
                effective_from: {type: string, format: date}
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
        if based_on is None or based_on.key != form["key"] or based_on.rule_set != form["rule_set"]:
            raise Unprocessable("invalid_request", "Phiên bản gốc không tồn tại / Unknown base version",
                                details={"based_on": [("Không có phiên bản này của quy trình và bộ quy định / "
                                                       "No such version of this process and rule set")]})
    model = deploy(upload_files(uploaded, form["key"], based_on, form["rule_set"]), key=form["key"],
                   rule_set=form["rule_set"], user=current_user, effective_from=form["effective_from"])
    db.session.commit()
    return _dump(model, running_cases_per_version()), 201


@bp.get("/rule-sets")
@login_required
def list_rule_sets():
    """The rule sets (the decisions on OCOP criteria and procedure) and the day each took effect.
    ---
    get:
      tags: [process models]
      summary: List the rule sets
      responses:
        200: {description: "[RuleSetOutput]"}
    """
    return RuleSetOutput(many=True).dump(RULE_SETS.values())


@bp.get("/rule-sets/in-force")
@login_required
def show_rule_set_in_force():
    """The rule set and process version a case submitted in a province on a day starts on.
    ---
    get:
      tags: [process models]
      summary: The rule set in force in a province
      parameters: [{in: query, schema: InForceQuery}]
      responses:
        200: {description: "{rule_set: RuleSetOutput, adoption: AdoptionOutput or null, process_model: ProcessModelOutput or null}"}
        404: {description: "no such province"}
    """
    query = query_args(InForceQuery())
    province = db.session.get(AdministrativeUnit, query["province_id"])
    if province is None or province.level != "province":
        raise NotFound("province_not_found", "Không tìm thấy tỉnh / Province not found")
    day = query["on"] or today()
    rule_set, adoption = rule_set_in_force(province.id, day)
    model = version_of_rule_set(DEFAULT_KEY, rule_set.code, day)
    return {"on": day.isoformat(), "rule_set": RuleSetOutput().dump(rule_set),
            "adoption": AdoptionOutput().dump(adoption) if adoption is not None else None,
            "process_model": _dump(model, running_cases_per_version()) if model is not None else None}


@bp.get("/rule-set-adoptions")
@login_required
def list_adoptions():
    """The rule set each province applies from a day (of one province when asked), by province and day, a page
    at a time.
    ---
    get:
      tags: [process models]
      summary: List the provinces' rule set adoptions
      parameters: [{in: query, schema: AdoptionQuery}]
      responses:
        200: {description: "{items: [AdoptionOutput], total, page, per_page, count_limit}"}
        422: {description: "a bad page or page size"}
    """
    query = query_args(AdoptionQuery())
    adoptions = (select(RuleSetAdoption)
                 .options(joinedload(RuleSetAdoption.province), joinedload(RuleSetAdoption.created_by))
                 .order_by(RuleSetAdoption.province_id, RuleSetAdoption.effective_from, RuleSetAdoption.id))
    if query.get("province_id") is not None:
        adoptions = adoptions.where(RuleSetAdoption.province_id == query["province_id"])
    found = paginate(adoptions, query["page"], query["per_page"])
    return page_body(found, AdoptionOutput(many=True).dump(found.items))


@bp.post("/rule-set-adoptions")
@login_required
def add_adoption():
    """Record that a province applies a rule set to the ideas submitted from a day (administrators); an
    adoption of the same province and day is replaced.
    ---
    post:
      tags: [process models]
      summary: Record a province's rule set adoption
      requestBody: {content: {application/json: {schema: AdoptionForm}}}
      responses:
        201: {content: {application/json: {schema: AdoptionOutput}}}
        403: {description: "not an administrator"}
        422: {description: "not a province, an unknown rule set, or a day before its decision took effect"}
    """
    require_admin(current_user)
    form = json_body(AdoptionForm())
    adoption = adopt(db.session.get(AdministrativeUnit, form["province_id"]), form["rule_set"],
                     form["effective_from"], form["decision"], current_user)
    db.session.commit()
    return AdoptionOutput().dump(adoption), 201


@bp.delete("/rule-set-adoptions/<int:adoption_id>")
@login_required
def delete_adoption(adoption_id):
    """Withdraw a mistaken adoption (administrators); cases already started keep their version.
    ---
    delete:
      tags: [process models]
      summary: Withdraw a rule set adoption
      parameters: [{in: path, name: adoption_id, required: true, schema: {type: integer}}]
      responses:
        204: {description: withdrawn}
        404: {description: "no such adoption"}
    """
    require_admin(current_user)
    withdraw(adoption_id, current_user)
    db.session.commit()
    return "", 204
