"""Case endpoints: the start form, submit an idea, list and open cases, history, comments, attachments and
the dossier's checklist."""
from types import SimpleNamespace

from flask import Blueprint, request, send_file
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..audit.models import AuditEntry
from ..bodies import json_body, json_object, load_form, query_args
from ..certificates.lifecycle import today
from ..certificates.schemas import CertificateOutput
from ..directory.choices import province_choices
from ..errors import NotFound, Unprocessable
from ..extensions import db
from ..forms.validation import REQUIRED
from ..paging import page_body, paginate
from ..plan.operations import leading_of, selecting_levels, set_leading
from ..process_models.rule_sets import rule_set_in_force
from ..recognition.schemas import RecognitionOutput
from ..tasks.schemas import TaskSummary
from . import attachments
from .access import get_case
from .checklist import checklist_of
from .listing import case_list
from .models import Attachment, Case, Comment
from .operations import add_comment, start_form, start_province, start_version, submit_idea
from .progress import diagram_of
from .schemas import (AttachmentForm, AttachmentOutput, CaseQuery, CaseSummary, ChecklistOutput, CommentInput,
                      CommentOutput, CouncilScoreOutput, HistoryEntry, LeadingInput, LeadingOutput, LeadingSelection,
                      StartForm, StartFormQuery)
from .summary import bilingual_summary

bp = Blueprint("cases", __name__, url_prefix="/api/v1")
# The schemas of a case's detail (an idea's submission answers with it), built once: building them cost more
# than dumping a case with them, and a schema keeps no state between dumps.
DETAIL = SimpleNamespace(case=CaseSummary(), tasks=TaskSummary(many=True), certificates=CertificateOutput(many=True),
                         certificate=CertificateOutput(),
                         recognitions=RecognitionOutput(many=True, exclude=("certificate",)),
                         council_scores=CouncilScoreOutput(many=True), leading=LeadingSelection(many=True))


@bp.post("/cases")
@login_required
def create_case():
    """Submit a product idea: starts a case on the latest process version.
    ---
    post:
      tags: [cases]
      summary: Submit a product idea (producers)
      description: >
        The body is the process's start form (GET /forms/start, with its choices); unknown fields are
        refused. A producer with a registered entity may leave out entity_name, entity_type and
        commune_id: they come from the account (a commune_id other than the entity's is refused).
        With an Idempotency-Key header, a retry (the same key and body, after a lost answer) gets the
        first case back, marked with the header Idempotent-Replayed; the same key with another body
        answers 422.
      parameters:
      - in: header
        name: Idempotency-Key
        required: false
        schema: {type: string, minLength: 1, maxLength: 100, pattern: "^[\\x21-\\x7e]+$"}
      requestBody:
        content:
          application/json:
            schema: {type: object}
      responses:
        201: {content: {application/json: {schema: CaseDetail}}}
        400: {description: "an Idempotency-Key that is not 1-100 visible ASCII characters"}
        403: {description: not a producer}
        409: {description: "the process stopped at its start; the case is kept as an incident"}
        422: {description: "invalid form data, or an Idempotency-Key used for another idea"}
    """
    case, created = submit_idea(current_user, json_object(), submission_key=request.headers.get("Idempotency-Key"))
    detail = case_detail(case)  # before the commit expires what the submission wrote
    db.session.commit()
    headers = {} if created else {"Idempotent-Replayed": "true"}
    return detail, 201, headers


@bp.get("/forms/start")
@login_required
def show_start_form():
    """The form that starts a case (a product idea), with its choices, on the version a case submitted today
    starts on: the latest active version of the rule set in force in the province (`province_id`, else
    the province of the producer's entity, else the directory's only province). `rule_set` says which
    rules apply (decision, effective day, and the province's adoption). The communes offered are that
    province's. In a directory of several provinces, a producer without an entity gives `province_id`: each
    province applies its own rule set, so the form depends on it.
    ---
    get:
      tags: [cases]
      summary: The start form
      parameters: [{in: query, schema: StartFormQuery}]
      responses:
        200: {content: {application/json: {schema: StartForm}}}
        404: {description: "no such province, or no process of the rule set in force is deployed"}
        422: {description: "a bad province_id, or none where the directory holds several provinces and nothing else
          tells the province"}
    """
    query = query_args(StartFormQuery())
    province = start_province(current_user, province_id=query["province_id"])
    if query["province_id"] is not None and province is None:
        raise NotFound("province_not_found", "Không tìm thấy tỉnh / Province not found")
    if province is None and len(province_choices()) > 1:
        raise Unprocessable("province_required", "Cần chọn tỉnh: mỗi tỉnh áp dụng bộ quy định của mình / "
                            "Give province_id: each province applies its own rule set",
                            details={"province_id": [REQUIRED]})
    rule_set, adoption = rule_set_in_force(province.id if province is not None else None, today())
    try:
        model = start_version(current_user, province_id=province.id if province is not None else None)
    except Unprocessable as error:
        raise NotFound(error.code, error.message) from None
    return StartForm().dump({"model": model, "form": start_form(model, current_user, province), "rule_set": rule_set,
                             "adoption": adoption, "province": province})


@bp.get("/cases")
@login_required
def list_cases():
    """The cases the signed-in user may see, searched, filtered, sorted and paged.
    ---
    get:
      tags: [cases]
      summary: List visible cases
      description: >
        The same list as the web page /cases (and its Excel file /cases.xlsx). `q` finds a part of the
        product's name, the reference or the producing entity's name (case-insensitive); `step` is the
        current step; `year` the year of submission. `sort` is one of reference, product, producer,
        district, step, status, stars, submitted (the default), updated; `order` asc or desc (the
        default); cases without a value come last, ties by id. A filter outside your jurisdiction
        (another district, say) finds nothing.
      parameters:
      - {in: query, schema: CaseQuery}
      responses:
        200: {description: "{items: [CaseSummary], total, page, per_page, count_limit}: total is exact up to
          count_limit (1000) or the end of the page after this one; a total equal to that means at least"}
        422: {description: "an unknown parameter, sort or order, or a value out of range"}
    """
    query = query_args(CaseQuery())
    statement = case_list(current_user, query, query["sort"], query["order"]).options(selectinload(Case.province),
                                                                                       selectinload(Case.process_model))
    page = paginate(statement, page=query["page"], per_page=query["per_page"])
    return page_body(page, CaseSummary(many=True).dump(page.items))


def case_detail(case):
    """A case as its detail page shows it to the signed-in user."""
    open_tasks = case.open_tasks
    tasks = [task for task in open_tasks if task.assignee_id in (None, current_user.id) or current_user.has_role("admin")]
    finished = case.status != "active" or current_user.has_role("admin")
    body = DETAIL.case.dump(case)
    body.update(
        description=case.product.description, subgroup=case.product.subgroup_code, outcome=case.outcome,
        criteria_sheet_id=case.criteria_sheet_id,
        summary=bilingual_summary(case),
        open_tasks=DETAIL.tasks.dump(tasks),
        overdue=any(task.overdue for task in open_tasks),
        certificates=DETAIL.certificates.dump(case.certificates),
        recognitions=DETAIL.recognitions.dump(case.recognitions),
        reevaluation_of=DETAIL.certificate.dump(case.previous_certificate) if case.previous_certificate else None,
        council_scores=DETAIL.council_scores.dump(case.council_scores) if finished else [],
        incidents=[{"id": i.id, "element": i.element_id, "message": i.message}
                   for i in case.incidents if i.resolved_at is None],
        leading=DETAIL.leading.dump(leading_of(case.product)),
        selects_leading=selecting_levels(case, current_user),
    )
    return body


@bp.get("/cases/<int:case_id>")
@login_required
def show_case(case_id):
    """A case: status, current step, stars, open tasks, certificates.
    ---
    get:
      tags: [cases]
      summary: Open a case
      parameters: [{in: path, name: case_id, required: true, schema: {type: integer}}]
      responses:
        200: {content: {application/json: {schema: CaseDetail}}}
        404: {description: not found or not visible to you}
    """
    return case_detail(get_case(case_id, current_user, detail=True))


@bp.get("/cases/<int:case_id>/diagram")
@login_required
def case_diagram(case_id):
    """The case's process diagram with the steps taken ("completed") and waiting ("current").
    ---
    get:
      tags: [cases]
      summary: Case diagram
      parameters: [{in: path, name: case_id, required: true, schema: {type: integer}}]
      responses:
        200: {description: "{bpmn: XML text, states: {element id: completed|current}}"}
    """
    return diagram_of(get_case(case_id, current_user))


@bp.get("/cases/<int:case_id>/history")
@login_required
def case_history(case_id):
    """Everything that happened to a case, from the audit log, oldest first.
    ---
    get:
      tags: [cases]
      summary: Case history
      description: Scoring is blind, so a council member's sheet is not in it (only administrators see
        the sheets here); the chair sees the round on the decision page, everyone the sheets once the
        case has ended (`council_scores`).
      parameters: [{in: path, name: case_id, required: true, schema: {type: integer}}]
      responses:
        200: {description: "[HistoryEntry]"}
    """
    case = get_case(case_id, current_user)
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id).order_by(AuditEntry.id))
    history = HistoryEntry(many=True).dump(entries)
    if not current_user.has_role("admin"):
        for entry in history:
            if entry["action"] == "task.completed" and str(entry["details"].get("step", "")).endswith("_council_scoring"):
                entry["details"].pop("data", None)
    return history


@bp.get("/cases/<int:case_id>/comments")
@login_required
def list_comments(case_id):
    """Comments on a case.
    ---
    get:
      tags: [cases]
      summary: List comments
      parameters: [{in: path, name: case_id, required: true, schema: {type: integer}}]
      responses:
        200: {description: "[CommentOutput]"}
    """
    case = get_case(case_id, current_user)
    return CommentOutput(many=True).dump(db.session.scalars(
        select(Comment).where(Comment.case_id == case.id).order_by(Comment.id)))


@bp.post("/cases/<int:case_id>/comments")
@login_required
def create_comment(case_id):
    """Comment on a case (everyone who may see the case).
    ---
    post:
      tags: [cases]
      summary: Add a comment
      parameters: [{in: path, name: case_id, required: true, schema: {type: integer}}]
      requestBody: {content: {application/json: {schema: CommentInput}}}
      responses:
        201: {content: {application/json: {schema: CommentOutput}}}
    """
    case = get_case(case_id, current_user)
    body = json_body(CommentInput())
    comment = add_comment(case, current_user, body["body"])
    db.session.commit()
    return CommentOutput().dump(comment), 201


@bp.put("/cases/<int:case_id>/leading")
@login_required
def select_leading(case_id):
    """Select the case's product as a leading product (sản phẩm chủ lực) of a plan year, or drop it.
    ---
    put:
      tags: [cases]
      summary: Select or drop a leading product (district and provincial OCOP offices)
      description: >
        The district OCOP office selects for its district, the provincial office for the province; the
        dashboard counts the selections of a year against the plan's targets. Selecting twice or dropping
        a product not selected changes nothing.
      parameters: [{in: path, name: case_id, required: true, schema: {type: integer}}]
      requestBody: {content: {application/json: {schema: LeadingInput}}}
      responses:
        200: {content: {application/json: {schema: LeadingOutput}}}
        403: {description: "not the district or provincial OCOP office of the case's product"}
        404: {description: not found or not visible to you}
        422: {description: "a plan year out of range, or no level for someone who selects at both"}
    """
    case = get_case(case_id, current_user)
    body = json_body(LeadingInput())
    set_leading(case, current_user, body["leading"], year=body.get("year"), level=body.get("level"))
    db.session.commit()
    return LeadingOutput().dump({"product_id": case.product_id, "leading": leading_of(case.product)})


@bp.get("/cases/<int:case_id>/attachments")
@login_required
def list_attachments(case_id):
    """Documents of a case's dossier.
    ---
    get:
      tags: [cases]
      summary: List attachments
      parameters: [{in: path, name: case_id, required: true, schema: {type: integer}}]
      responses:
        200: {description: "[AttachmentOutput]"}
    """
    case = get_case(case_id, current_user)
    return AttachmentOutput(many=True).dump(db.session.scalars(
        select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)))


@bp.post("/cases/<int:case_id>/attachments")
@login_required
def upload_attachment(case_id):
    """Attach a document (multipart field `file`), filed under a checklist item (field `item`).
    ---
    post:
      tags: [cases]
      summary: Upload a dossier document
      description: >
        A PDF, image or office file, size-limited, in the field `file`. The field `item` files it under an
        item of the case's checklist (its code, from GET /cases/{id}/checklist); without it the file is
        one of the other documents. A code that is not an item of the case's rule set answers 422
        `invalid_item`.
      parameters: [{in: path, name: case_id, required: true, schema: {type: integer}}]
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, format: binary}
                item: {type: string, maxLength: 50}
      responses:
        201: {content: {application/json: {schema: AttachmentOutput}}}
        413: {description: too large}
        422: {description: "not an accepted kind of document, or not an item of the case's checklist"}
    """
    case = get_case(case_id, current_user)
    form = load_form(AttachmentForm())
    upload = request.files.get("file")
    if upload is None or set(request.files) != {"file"}:
        raise Unprocessable("invalid_file", "Gửi đúng một tệp trong trường 'file' / Send one file in the field 'file'")
    attachment = attachments.store(case, current_user, upload, form.get("item"))
    db.session.commit()
    return AttachmentOutput().dump(attachment), 201


@bp.get("/cases/<int:case_id>/checklist")
@login_required
def case_checklist(case_id):
    """The dossier's checklist: the documents of the case's rule set, the files under each, what is missing.
    ---
    get:
      tags: [cases]
      summary: Dossier checklist
      description: >
        Each item of the case's rule set in order, whether the dossier is incomplete without it for this
        case (`required`; the business registration only for a registered entity, not a cooperative
        group), its files, and `missing` when it is required and has none; `other` holds the files filed
        under no item, `missing` the codes of the missing items.
      parameters: [{in: path, name: case_id, required: true, schema: {type: integer}}]
      responses:
        200: {content: {application/json: {schema: ChecklistOutput}}}
        404: {description: not found or not visible to you}
    """
    return ChecklistOutput().dump(checklist_of(get_case(case_id, current_user)))


@bp.get("/cases/<int:case_id>/attachments/<int:attachment_id>")
@login_required
def download_attachment(case_id, attachment_id):
    """Download a document (only for those who may see the case).
    ---
    get:
      tags: [cases]
      summary: Download an attachment
      parameters:
      - {in: path, name: case_id, required: true, schema: {type: integer}}
      - {in: path, name: attachment_id, required: true, schema: {type: integer}}
      responses:
        200: {description: the file}
        404: {description: not found or not visible to you}
    """
    case = get_case(case_id, current_user)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.case_id != case.id:
        raise NotFound("attachment_not_found", "Không tìm thấy tệp / Attachment not found")
    response = send_file(attachments.path_of(attachment), mimetype=attachment.content_type,
                         as_attachment=True, download_name=attachment.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
