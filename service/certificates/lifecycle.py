"""A certificate's status and what changes it.

A certificate is valid from its issue until `valid_until` (36 months, included); after that it is
expired. A revocation (a decision's number and date, and the reason) ends it at once, and a
certificate from a later case of the same product (a re-evaluation) supersedes it. The status is
computed from the case clock, never stored, so it is right on every page and answer the day it changes.
"""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import clock
from ..audit.log import record
from ..auth.permissions import holds
from ..cases.access import get_case
from ..cases.listing import local_zone
from ..cases.models import Case, Certificate
from ..errors import Conflict, Forbidden, NotFound, Unprocessable
from ..extensions import db

STATUSES = {"valid": _l("Còn hiệu lực"), "expired": _l("Hết hiệu lực"), "revoked": _l("Đã thu hồi"),
            "superseded": _l("Đã được thay thế")}
REEVALUATION_NOTICE_MONTHS = 6


def today():
    """Today's date in Vietnam, by the case clock."""
    return clock.now().astimezone(local_zone()).date()


def status_of(certificate, on=None):
    """valid | expired | revoked | superseded, on a day (today by default)."""
    if certificate.revoked_at is not None:
        return "revoked"
    if certificate.superseded_by_id is not None:
        return "superseded"
    if (on or today()) > certificate.valid_until:
        return "expired"
    return "valid"


def verify_url(certificate):
    """The public address of the certificate's verification page, which its QR code carries."""
    return f"{current_app.config['OCOP_BASE_URL'].rstrip('/')}/verify/{certificate.token}"


def get_certificate(certificate_id, user):
    """The certificate, if this user may see its case; 404 otherwise."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None:
        raise NotFound("certificate_not_found", "Không tìm thấy giấy chứng nhận / Certificate not found")
    get_case(certificate.case_id, user)
    return certificate


def by_token(token):
    """The certificate with this verification token (anyone may look it up); 404 otherwise."""
    certificate = db.session.scalar(select(Certificate).where(Certificate.token == token))
    if certificate is None:
        raise NotFound("certificate_not_found", "Không tìm thấy giấy chứng nhận / Certificate not found")
    return certificate


def may_revoke(user, certificate):
    """Administrators; the Ministry's office for a national certificate, the province's office of the
    case's province for the others."""
    if user.has_role("admin"):
        return True
    if certificate.level == "national":
        return holds(user, "national_officer", None)
    return holds(user, "province_officer", certificate.case.province_id)


def revoke(certificate, user, decision, decided_on, reason):
    """Revoke a certificate by a decision (number, date) for a reason, in the caller's transaction."""
    if not may_revoke(user, certificate):
        raise Forbidden("not_revoker", "Chỉ quản trị viên hoặc cơ quan cấp giấy được thu hồi giấy chứng nhận / "
                                       "Only an administrator or the issuing office may revoke a certificate")
    if certificate.revoked_at is not None:
        raise Conflict("already_revoked", "Giấy chứng nhận này đã bị thu hồi / This certificate is already revoked")
    problems = {}
    if decided_on < certificate.issued_on:
        problems["decision_date"] = ["Quyết định thu hồi không thể trước ngày cấp / "
                                     "A revocation cannot be dated before the certificate was issued"]
    elif decided_on > today():
        problems["decision_date"] = ["Ngày quyết định không thể ở tương lai / The decision date cannot be in the future"]
    if problems:
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid", details=problems)
    certificate.revoked_at, certificate.revoked_by_id = clock.now(), user.id
    certificate.revocation_decision, certificate.revocation_date = decision, decided_on
    certificate.revocation_reason = reason
    record("certificate.revoked", case=certificate.case, user=user, number=certificate.number, decision=decision,
           decision_date=decided_on.isoformat(), reason=reason)
    return certificate


def supersede_earlier(certificate, actor):
    """The product's certificates from earlier cases that are not revoked or superseded yet are
    superseded by `certificate` (a re-evaluation's outcome). A case's own certificates stand
    together: a provincial 4★ and the national 5★ of the same referral."""
    earlier = db.session.scalars(select(Certificate).where(
        Certificate.product_id == certificate.product_id, Certificate.case_id != certificate.case_id,
        Certificate.id != certificate.id, Certificate.revoked_at.is_(None), Certificate.superseded_by_id.is_(None)))
    for old in earlier:
        old.superseded_by_id = certificate.id
        record("certificate.superseded", case=old.case, user=actor, number=old.number, by=certificate.number)


def due_for_reevaluation(on=None):
    """A query of the certificates whose re-evaluation is due (on a day, today by default): in force,
    expiring within six months, and not re-evaluated yet."""
    day = on or today()
    return (select(Certificate)
            .where(Certificate.revoked_at.is_(None), Certificate.superseded_by_id.is_(None),
                   Certificate.valid_until >= day,
                   Certificate.valid_until <= add_months(day, REEVALUATION_NOTICE_MONTHS),
                   Certificate.id.not_in(select(Case.previous_certificate_id)
                                         .where(Case.previous_certificate_id.is_not(None))))
            .order_by(Certificate.valid_until, Certificate.id))


def add_months(day, months):
    """The same day `months` later (or earlier), the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
