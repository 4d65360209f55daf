"""Criteria sheet endpoints: list and read versions, download one (or the empty template) as Excel, upload
a new version from the Excel template (administrators)."""
from flask import Blueprint, Response, request
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import undefer

from ..auth.permissions import require_admin
from ..errors import NotFound, Unprocessable
from ..extensions import db
from .models import CriteriaSheet
from .operations import add_sheet_version, definition_of
from .workbook import MAX_BYTES, read_workbook, write_workbook

bp = Blueprint("criteria", __name__, url_prefix="/api/v1")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _summary(sheet):
    return {"id": sheet.id, "rule_set": sheet.rule_set, "code": sheet.code, "version": sheet.version,
            "title": sheet.title, "source": sheet.source, "group_codes": sheet.group_codes, "parts": sheet.parts,
            "criteria": sheet.criteria_count, "created_at": sheet.created_at.isoformat()}


def _get(sheet_id):
    sheet = db.session.get(CriteriaSheet, sheet_id)
    if sheet is None:
        raise NotFound("criteria_sheet_not_found", "Không tìm thấy phiếu tiêu chí / Criteria sheet not found")
    return sheet


def _xlsx(content, name):
    return Response(content, content_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/criteria-sheets")
@login_required
def list_criteria_sheets():
    """Every criteria sheet version, by rule set, code and version.
    ---
    get:
      tags: [criteria sheets]
      summary: List criteria sheet versions
      responses:
        200: {description: "[{id, rule_set, code, version, title, source, group_codes, parts, criteria}]"}
    """
    sheets = db.session.scalars(select(CriteriaSheet).options(undefer(CriteriaSheet.criteria_count))
                                .order_by(CriteriaSheet.rule_set, CriteriaSheet.code, CriteriaSheet.version))
    return [_summary(sheet) for sheet in sheets]


@bp.get("/criteria-sheets/<int:sheet_id>")
@login_required
def show_criteria_sheet(sheet_id):
    """One criteria sheet version with its parts, criteria and options.
    ---
    get:
      tags: [criteria sheets]
      summary: Show a criteria sheet version
      parameters: [{in: path, name: sheet_id, required: true, schema: {type: integer}}]
      responses:
        200: {description: "the sheet: its summary and its criteria with their options and points"}
    """
    sheet = _get(sheet_id)
    return {**_summary(sheet), "criteria": definition_of(sheet)["criteria"]}


@bp.get("/criteria-sheets/<int:sheet_id>/workbook")
@login_required
def download_criteria_sheet(sheet_id):
    """A criteria sheet version in the Excel template, to edit and upload as a new version.
    ---
    get:
      tags: [criteria sheets]
      summary: Download a criteria sheet as Excel
      parameters: [{in: path, name: sheet_id, required: true, schema: {type: integer}}]
      responses:
        200: {description: the .xlsx file}
    """
    sheet = _get(sheet_id)
    return _xlsx(write_workbook(definition_of(sheet)), f"{sheet.code}-v{sheet.version}.xlsx")


@bp.get("/criteria-sheets/template")
@login_required
def download_criteria_template():
    """The empty Excel template of a criteria sheet.
    ---
    get:
      tags: [criteria sheets]
      summary: Download the empty criteria sheet template
      responses:
        200: {description: the .xlsx file}
    """
    return _xlsx(write_workbook({}), "phieu-tieu-chi.xlsx")


@bp.post("/criteria-sheets")
@login_required
def upload_criteria_sheet():
    """Upload a criteria sheet in the Excel template (administrators), multipart field `file`: a new version
    of the sheet with its code (version 1 if new). Cases already in evaluation keep their sheet.
    ---
    post:
      tags: [criteria sheets]
      summary: Upload a criteria sheet version
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}}}
      responses:
        201: {description: the new version}
        422: {description: "invalid_workbook, or invalid_sheet with details per place: {\\"Tiêu chí!12\\": [messages]}"}
    """
    require_admin(current_user)
    upload = request.files.get("file")
    if upload is None or set(request.files) != {"file"} or request.form:
        raise Unprocessable("no_file", "Gửi tệp Excel trong trường 'file' / Send the Excel file in the field 'file'")
    sheet = add_sheet_version(read_workbook(upload.stream.read(MAX_BYTES + 1)), user=current_user)
    db.session.commit()
    return _summary(sheet), 201
