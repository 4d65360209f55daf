"""Certificate endpoints: the PDF and the revocation (for those who may see the case), and the
public verification answer (no sign-in)."""
from flask import Blueprint, Response
from flask_login import current_user, login_required

from ..bodies import json_body
from ..extensions import db
from .document import certificate_pdf as render_pdf
from .lifecycle import by_token, get_certificate, revoke
from .schemas import CertificateOutput, PublicCertificate, RevocationInput

bp = Blueprint("certificates", __name__, url_prefix="/api/v1")


def pdf_response(certificate):
    response = Response(render_pdf(certificate), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{certificate.number}.pdf"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/certificates/<int:certificate_id>.pdf")
@login_required
def certificate_pdf(certificate_id):
    """The certificate as a PDF, with a QR code to its public verification page.
    ---
    get:
      tags: [certificates]
      summary: Download a certificate (PDF)
      description: For those who may see the certificate's case. It states the status on the day it is made.
      responses:
        200: {description: the PDF, content: {application/pdf: {schema: {type: string, format: binary}}}}
        404: {description: not found or not visible to you}
    """
    return pdf_response(get_certificate(certificate_id, current_user))


@bp.post("/certificates/<int:certificate_id>/revoke")
@login_required
def revoke_certificate(certificate_id):
    """Revoke a certificate by a decision (number, date) with its reason.
    ---
    post:
      tags: [certificates]
      summary: Revoke a certificate (administrators, the issuing office)
      description: >
        The province's OCOP office revokes its province's certificates, the Ministry's office national
        ones, administrators any. The decision date is neither before the issue nor in the future.
      requestBody: {content: {application/json: {schema: RevocationInput}}}
      responses:
        200: {content: {application/json: {schema: CertificateOutput}}}
        403: {description: you may see the certificate but not revoke it}
        404: {description: not found or not visible to you}
        409: {description: already revoked}
        422: {description: a missing or invalid field}
    """
    certificate = get_certificate(certificate_id, current_user)
    body = json_body(RevocationInput())
    revoke(certificate, current_user, body["decision"], body["decision_date"], body["reason"])
    db.session.commit()
    return CertificateOutput().dump(certificate)


@bp.get("/public/certificates/<token>")
def verify_certificate(token):
    """Verify a certificate by the token of its QR code: no sign-in.
    ---
    get:
      tags: [certificates]
      summary: Verify a certificate (public)
      description: The product, the producer, the stars, the validity and today's status.
      security: []
      responses:
        200: {content: {application/json: {schema: PublicCertificate}}}
        404: {description: no certificate has this token}
    """
    return PublicCertificate().dump(by_token(token))
