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
from sqlalchemy import select

from ..auth.permissions import managed
from ..bodies import load_form
from ..cases.attachments import path_of
from ..catalogue.caching import cacheable
from ..directory.models import AdministrativeUnit
from ..errors import ServiceError, Unprocessable
from ..extensions import db
from .operations import KINDS, documents, get_document, may_publish, publish, withdraw

bp = Blueprint("library", __name__, template_folder="templates")


class DocumentInput(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=500))
    number = fields.String(load_default=None, validate=validate.Length(max=100))
    issued_on = fields.Date(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(tuple(KINDS)))
    unit_id = fields.Integer(required=True, metadata={"description": "the issuing province or district"})


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
      parameters: [{in: query, name: kind, schema: {type: string, enum: [decision, plan, guide, form, other]}}]
      responses:
        200: {content: {application/json: {schema: {type: object, properties: {items: {type: array, items: DocumentOutput}}}}}}
    """
    kind = request.args.get("kind")
    if kind is not None and kind not in KINDS:
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={"kind": [f"Một trong {', '.join(KINDS)} / One of {', '.join(KINDS)}"]})
    return cacheable({"items": DocumentOutput(many=True).dump(documents(kind))})


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
    units = []
    if may_publish(current_user):
        units = db.session.scalars(select(AdministrativeUnit).where(
            AdministrativeUnit.level.in_(("province", "district")), managed(current_user, AdministrativeUnit.id))
            .order_by(AdministrativeUnit.id)).all()
    body = render_template("library/index.html", documents=documents(kind), kinds=KINDS, kind=kind, units=units,
                           values=values, errors=errors)
    if errors:
        return body, 422
    return cacheable(body)
