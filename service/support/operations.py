"""Recording support to a case's producer: the commune officer, the district or provincial OCOP office of the
case, or an administrator. Whoever sees the case reads it."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import clock
from ..audit.log import record
from ..auth.permissions import holds
from ..certificates.lifecycle import today
from ..errors import Forbidden, Unprocessable
from ..extensions import db
from .models import SupportRecord

KINDS = {"training": _l("Đào tạo, tập huấn"), "advice": _l("Tư vấn"), "loan": _l("Vay vốn"),
         "fund": _l("Hỗ trợ kinh phí"), "other": _l("Hỗ trợ khác")}
SOURCES = {"central_budget": _l("Ngân sách trung ương"), "province_budget": _l("Ngân sách tỉnh"),
           "district_budget": _l("Ngân sách huyện"), "commune_budget": _l("Ngân sách xã"),
           "ntm_programme": _l("Chương trình MTQG xây dựng nông thôn mới"), "credit": _l("Tín dụng, ngân hàng"),
           "enterprise": _l("Doanh nghiệp, tổ chức"), "other": _l("Nguồn khác")}
RECORDERS = {"commune_officer": "commune_id", "district_officer": "district_id", "province_officer": "province_id"}


def may_record(user, case):
    return user.has_role("admin") or any(
        getattr(case, column) is not None and holds(user, role, getattr(case, column))
        for role, column in RECORDERS.items())


def record_support(case, user, values):
    """Record support given to the case's entity (kind, source, amount in VND, date, description)."""
    if not may_record(user, case):
        raise Forbidden("not_case_official", "Chỉ cán bộ OCOP xã, huyện, tỉnh của hồ sơ ghi nhận hỗ trợ / "
                                             "Only the case's commune, district or provincial OCOP officials record "
                                             "support")
    if values["given_on"] > today():
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={"given_on": ["Không thể ở tương lai / Cannot be in the future"]})
    support = SupportRecord(case_id=case.id, entity_id=case.entity_id, recorded_by_id=user.id,
                            recorded_at=clock.now(), **values)
    db.session.add(support)
    db.session.flush()
    record("support.recorded", case=case, user=user, support_id=support.id, kind=support.kind,
           source=support.source, amount_vnd=support.amount_vnd)
    return support


def support_of(case):
    """(records newest first, {"total": amount, "by_source": {source: amount}}) of the case, in whole VND (PostgreSQL
    sums a BIGINT as NUMERIC)."""
    records = db.session.scalars(select(SupportRecord).where(SupportRecord.case_id == case.id)
                                 .order_by(SupportRecord.given_on.desc(), SupportRecord.id.desc())).all()
    by_source = {source: int(amount) for source, amount in db.session.execute(
        select(SupportRecord.source, func.sum(SupportRecord.amount_vnd))
        .where(SupportRecord.case_id == case.id).group_by(SupportRecord.source))}
    return records, {"total": sum(by_source.values()), "by_source": by_source}


def entity_total(entity_id):
    """The support the entity received over all its cases, in VND."""
    return int(db.session.scalar(select(func.coalesce(func.sum(SupportRecord.amount_vnd), 0))
                                 .where(SupportRecord.entity_id == entity_id)))
