"""Bodies of the recognition endpoints: a waiting result, a decision (draft or published) and its input."""
from flask import url_for
from marshmallow import Schema, fields, validate

TEXT = validate.Regexp(r"\s*\S", error="Không được để trống / Must not be blank")

from ..certificates.schemas import CertificateOutput

LEVEL = validate.OneOf(("district", "province", "national"))


class DecisionReference(Schema):
    """A decision as a certificate or a recognition names it."""

    id = fields.Integer()
    number = fields.String()
    decided_on = fields.Date()
    signer_name = fields.String()
    signer_title = fields.String()
    level = fields.String()
    published = fields.Boolean()


class RecognitionOutput(Schema):
    """An approved result: waiting for its decision (`decision` a draft or none) or recognised by it."""

    id = fields.Integer()
    case_id = fields.Integer()
    reference = fields.String(attribute="case.reference")
    product = fields.String(attribute="product.name")
    producer = fields.String(attribute="case.entity.name")
    commune = fields.String(attribute="case.commune.name")
    district = fields.Function(lambda r: r.case.district.name if r.case.district else None, allow_none=True)
    level = fields.String()
    stars = fields.Integer()
    score = fields.Float(allow_none=True)
    potential_five = fields.Boolean(metadata={"description": "the province's 4★ of a ≥90 score, referred to the Ministry"})
    approved_at = fields.DateTime()
    waiting = fields.Boolean(metadata={"description": "true until its decision is published"})
    decision = fields.Nested(DecisionReference, allow_none=True)
    certificate = fields.Nested(CertificateOutput, allow_none=True)


class DecisionOutput(DecisionReference):
    issuer = fields.String(metadata={"description": "the issuing unit's code in the certificates' numbers"})
    unit = fields.Function(lambda d: d.unit.name if d.unit else None, allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    published_at = fields.DateTime(allow_none=True)
    recognitions = fields.List(fields.Nested(RecognitionOutput(exclude=("decision",))))
    certificates = fields.List(fields.Nested(CertificateOutput))
    url = fields.Function(lambda d: url_for("recognition.show_decision", decision_id=d.id))


class DecisionInput(Schema):
    number = fields.String(required=True, validate=[validate.Length(min=1, max=100), TEXT],
                           metadata={"description": "the decision's number, e.g. 1234/QĐ-UBND"})
    decided_on = fields.Date(required=True, metadata={"description": "the decision's date, not in the future"})
    signer_name = fields.String(required=True, validate=[validate.Length(min=1, max=200), TEXT])
    signer_title = fields.String(required=True, validate=[validate.Length(min=1, max=200), TEXT],
                                 metadata={"description": "e.g. KT. CHỦ TỊCH, PHÓ CHỦ TỊCH"})
    case_ids = fields.List(fields.Integer(strict=True, validate=validate.Range(min=1, max=2**63 - 1)), required=True,
                           validate=validate.Length(min=1, max=500),
                           metadata={"description": "the cases whose waiting results the decision recognises"})
    level = fields.String(validate=LEVEL, metadata={
        "description": "the decision's level, needed only by someone in several offices (creation only)"})


class WaitingQuery(Schema):
    level = fields.String(validate=LEVEL)
