"""The document library: the public page and downloads, the office's upload form, and the API."""
from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from marshmallow import Schema, ValidationError, fields, validate

from ..bodies import load_form, query_args
from ..cases.attachments import path_of
from ..cases.schemas import Page
from ..directory.offices import units_to_choose
from ..errors import ServiceError, Unprocessable
from ..extensions import db
from ..paging import page_body
from ..web.caching import cacheable
from .operations import KINDS, documents, get_document, may_publish, publish, withdraw

bp = Blueprint("library", __name__, template_folder="templates")
PER_PAGE = 50


class DocumentInput(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=500))
    number = fields.String(load_default=None, validate=validate.Length(max=100))
    issued_on = fields.Date(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(tuple(KINDS)))
    unit_id = fields.Integer(required=True, metadata={"description": "the issuing province or district"})


class DocumentQuery(Page):
    kind = fields.String(validate=validate.OneOf(tuple(KINDS), error=f"Một trong {', '.join(KINDS)} / "
                                                                     f"One of {', '.join(KINDS)}"))


class DocumentOutput(Schema):
    id = fields.Integer()
    title = fields.String()
    number = fields.String(allow_none=True)
    issued_on = fields.Date()
    kind = fields.String()
    unit = fields.Function(lambda document: {"id": document.unit.id, "name": document.unit.name})
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()
    download_url = fields.Function(lambda document: url_for("library.download", document_id=document.id,
                                                            _external=True))


def _upload():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={"file": ["Bắt buộc / Required"]})
    return upload


@bp.get("/api/v1/public/documents")
def list_documents():
    """The programme's texts, newest first (public).
    ---
    get:
      tags: [library]
      security: []
      parameters: [{in: query, schema: DocumentQuery}]
      responses:
        200: {description: "{items: [DocumentOutput], total, page, per_page, count_limit}"}
        422: {description: "an unknown kind, a bad page or page size"}
    """
    args = query_args(DocumentQuery())
    found = documents(args["page"], args["per_page"], args.get("kind"))
    return cacheable(page_body(found, DocumentOutput(many=True).dump(found.items)))


@bp.post("/api/v1/documents")
@login_required
def create_document():
    """Publish a text in the library (the OCOP office of the province or district, administrators).
    ---
    post:
      tags: [library]
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [title, issued_on, kind, unit_id, file]
              properties:
                title: {type: string}
                number: {type: string}
                issued_on: {type: string, format: date}
                kind: {type: string, enum: [decision, plan, guide, form, other]}
                unit_id: {type: integer}
                file: {type: string, format: binary}
      responses:
        201: {content: {application/json: {schema: DocumentOutput}}}
        403: {description: not the office of this unit}
        422: {description: "a missing or invalid field, or a file that is not PDF, image or office document"}
    """
    document = publish(current_user, load_form(DocumentInput()), _upload())
    db.session.commit()
    return DocumentOutput().dump(document), 201


@bp.delete("/api/v1/documents/<int:document_id>")
@login_required
def delete_document(document_id):
    """Remove a text from the library (the office of its unit).
    ---
    delete:
      tags: [library]
      responses:
        204: {description: removed}
        403: {description: not the office of this unit}
        404: {description: no such document}
    """
    withdraw(current_user, get_document(document_id))
    db.session.commit()
    return "", 204


@bp.get("/library/<int:document_id>/file")
def download(document_id):
    """A text's file, for anyone."""
    document = get_document(document_id)
    return send_file(path_of(document), mimetype=document.content_type, as_attachment=True,
                     download_name=document.filename, etag=document.sha256, max_age=86400, conditional=True)


@bp.route("/library", methods=["GET", "POST"])
def index():
    """The library for everyone; the office's upload form under it."""
    values, errors = {}, {}
    if request.method == "POST":
        if not may_publish(current_user):
            abort(403)
        values = {name: value for name, value in request.form.items() if name != "csrf_token"}
        try:
            publish(current_user, DocumentInput().load(values), _upload())
        except ValidationError as error:
            errors = error.messages
        except ServiceError as error:
            if error.status == 403:
                raise
            errors = error.details if isinstance(error.details, dict) and "detected" not in error.details \
                else {"file": [error.message]}
        if errors:
            db.session.rollback()
        else:
            db.session.commit()
            flash(_("Đã đăng văn bản."), "success")
            return redirect(url_for("library.index"))
    kind = request.args.get("kind")
    if kind is not None and kind not in KINDS:
        abort(404)
    units, provinces, province, province_errors = [], [], None, {}
    if may_publish(current_user):
        units, provinces, province, province_errors = units_to_choose(("province", "district"))
    found = documents(request.args.get("page", 1, type=int), PER_PAGE, kind)
    if found.page > max(found.pages, 1):
        abort(404)
    body = render_template("library/index.html", found=found, kinds=KINDS, kind=kind, units=units, values=values,
                           errors=errors, publisher=may_publish(current_user), provinces=provinces, province=province,
                           province_errors=province_errors)
    if errors or province_errors:
        return body, 422 if errors else 404
    return cacheable(body)
