"""Bodies of the certificate endpoints: a certificate as a case shows it, as anyone may verify it,
and a revocation."""
from flask import url_for
from marshmallow import Schema, fields, validate

from .lifecycle import status_of, verify_url


class Revocation(Schema):
    decision = fields.String(attribute="revocation_decision")
    decision_date = fields.Date(attribute="revocation_date")
    reason = fields.String(attribute="revocation_reason")


def _revocation(certificate):
    return Revocation().dump(certificate) if certificate.revoked_at is not None else None


def _superseded_by(certificate):
    return certificate.superseded_by.number if certificate.superseded_by is not None else None


class Decision(Schema):
    number = fields.String()
    decided_on = fields.Date()
    signer_name = fields.String()
    signer_title = fields.String()


def _decision(certificate):
    recognition = certificate.recognition
    return Decision().dump(recognition.decision) if recognition is not None else None


def _potential_five(certificate):
    return certificate.recognition is not None and certificate.recognition.potential_five


DECISION = {"description": "the recognition decision it was issued from {number, decided_on, signer_name, "
                           "signer_title}; none for a certificate issued before decisions were kept"}
POTENTIAL_FIVE = {"description": "a province's 4 stars of a product referred to the Ministry (tiềm năng 5 sao)"}


class CertificateOutput(Schema):
    id = fields.Integer()
    number = fields.String()
    level = fields.String()
    stars = fields.Integer()
    score = fields.Float(allow_none=True)
    issued_on = fields.Date()
    valid_until = fields.Date()
    status = fields.Function(status_of, metadata={"description": "valid, expired, revoked or superseded (today)"})
    revocation = fields.Function(_revocation, allow_none=True,
                                 metadata={"description": "{decision, decision_date, reason} of a revoked certificate"})
    superseded_by = fields.Function(_superseded_by, allow_none=True,
                                    metadata={"description": "the number of the certificate that replaced it"})
    potential_five = fields.Function(_potential_five, metadata=POTENTIAL_FIVE)
    decision = fields.Function(_decision, allow_none=True, metadata=DECISION)
    pdf_url = fields.Function(lambda certificate: url_for("certificates.certificate_pdf",
                                                          certificate_id=certificate.id))
    verify_url = fields.Function(verify_url, metadata={"description": "its public verification page (the QR code)"})


class PublicCertificate(Schema):
    """What anyone holding the verification address learns: the product, the producer, the
    recognition and whether it is in force. No case, no people."""

    number = fields.String()
    product = fields.String(attribute="product.name")
    producer = fields.String(attribute="case.entity.name")
    commune = fields.String(attribute="case.commune.name")
    district = fields.Function(lambda certificate: certificate.case.district.name if certificate.case.district
                               else None, allow_none=True)
    province = fields.String(attribute="case.province.name")
    level = fields.String()
    stars = fields.Integer()
    issued_on = fields.Date()
    valid_until = fields.Date()
    status = fields.Function(status_of, metadata={"description": "valid, expired, revoked or superseded (today)"})
    revocation = fields.Function(_revocation, allow_none=True)
    superseded_by = fields.Function(_superseded_by, allow_none=True)
    potential_five = fields.Function(_potential_five, metadata=POTENTIAL_FIVE)
    decision = fields.Function(_decision, allow_none=True, metadata=DECISION)


class RevocationInput(Schema):
    decision = fields.String(required=True, validate=validate.Length(min=1, max=100),
                             metadata={"description": "number of the revocation decision, e.g. 123/QĐ-UBND"})
    decision_date = fields.Date(required=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))
