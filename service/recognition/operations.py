"""What the offices do with approved results: record them as recognitions that wait, prepare a
recognition decision covering a batch of them, edit it while it is a draft, publish it. Publishing
issues each recognition's certificate, numbered from the issuer's counter, dated on the decision and
valid 36 months from it; a certificate of a re-evaluation supersedes the product's earlier one then.
Every operation works in the caller's transaction.
"""
from sqlalchemy import and_, false, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from .. import clock
from ..audit.log import record
from ..auth.permissions import holds
from ..cases.listing import local_zone
from ..cases.models import Case, Certificate, CertificateCounter
from ..certificates import lifecycle
from ..errors import Conflict, Forbidden, NotFound, Unprocessable
from ..extensions import db
from ..paging import paginate
from .models import Recognition, RecognitionDecision

CERTIFICATE_MONTHS = 36
LEVELS = ("district", "province", "national")
OFFICES = {"district": "district_officer", "province": "province_officer", "national": "national_officer"}
NOT_OFFICE = ("Chỉ văn phòng OCOP cấp huyện, cấp tỉnh hoặc của Bộ chuẩn bị quyết định công nhận / "
              "Only the district's, the province's or the Ministry's OCOP office prepares recognition decisions")
INVALID = "Dữ liệu gửi lên không hợp lệ / The request is invalid"


def record_recognition(case, level, stars, score, actor, potential_five=False):
    """The approved result of `case` at `level` waits for its decision from now on; once per case and level.
    Looked up without flushing the completion's pending changes (so that the case row and the audit rows are
    still written once, at the end); a recognition added in this transaction is found among the pending rows."""
    with db.session.no_autoflush:
        exists = db.session.scalar(select(Recognition.id).where(Recognition.case_id == case.id,
                                                                Recognition.level == level))
    pending = any(isinstance(row, Recognition) and row.case_id == case.id and row.level == level
                  for row in db.session.new)
    if exists is not None or pending:
        return None
    unit_id = None if level == "national" else getattr(case, f"{level}_id")
    recognition = Recognition(case_id=case.id, product_id=case.product_id, level=level, unit_id=unit_id, stars=stars,
                              score=score, potential_five=potential_five, approved_at=clock.now())
    db.session.add(recognition)
    record("recognition.approved", case=case, user=actor, level=level, stars=stars, potential_five=potential_five)
    return recognition


def offices_of(user):
    """The levels whose recognition decisions this user prepares."""
    return [level for level in LEVELS if any(a.role_code == OFFICES[level] for a in user.role_assignments)]


def _in_jurisdiction(user, level):
    """Criteria on Recognition: of `level`, in a unit this user's office of that level covers."""
    units = {a.unit_id for a in user.role_assignments if a.role_code == OFFICES[level]}
    criteria = [Recognition.level == level]
    if None not in units:
        criteria.append(Recognition.unit_id.in_(units))
    return criteria


def _waiting(user, level=None):
    """Criteria on Recognition: waiting for its decision, of `level` (or any level the user prepares) in the
    user's jurisdiction; None when the user prepares no decision of that level."""
    offices = offices_of(user)
    levels = [one for one in ([level] if level else offices) if one in offices]
    if not levels:
        return None
    return [Recognition.certificate_id.is_(None), or_(*(and_(*_in_jurisdiction(user, one)) for one in levels))]


def waiting_for(user, level=None):
    """The recognitions waiting for a decision in this user's jurisdiction (at `level`, or every level
    the user prepares), oldest first, those already in a draft included; each with its case (producer and units),
    product, decision and certificate, read in the same statements however many they are."""
    criteria = _waiting(user, level)
    if criteria is None:
        return []
    return db.session.scalars(
        select(Recognition).options(joinedload(Recognition.product), joinedload(Recognition.decision),
                                    selectinload(Recognition.certificate),
                                    joinedload(Recognition.case).options(joinedload(Case.entity),
                                                                         joinedload(Case.commune),
                                                                         joinedload(Case.district)))
        .where(*criteria).order_by(Recognition.approved_at, Recognition.id)).all()


def waiting_count_query(user):
    """The SELECT of how many results of this user's jurisdiction wait for a decision and are in none yet (the
    menu's count); None when the user prepares no decision."""
    criteria = _waiting(user)
    if criteria is None:
        return None
    return select(func.count(Recognition.id)).where(*criteria, Recognition.decision_id.is_(None))


def decisions_for(user, page, per_page):
    """A page (`paging.paginate`) of the recognition decisions this user may read (their offices'; administrators
    the country's, some thousands over the years), newest first, each with its recognitions (the page counts them),
    read in the same statements however many they are."""
    query = (select(RecognitionDecision).options(selectinload(RecognitionDecision.recognitions))
             .order_by(RecognitionDecision.decided_on.desc(), RecognitionDecision.id.desc()))
    if not user.has_role("admin"):
        clauses = []
        for level in offices_of(user):
            units = {a.unit_id for a in user.role_assignments if a.role_code == OFFICES[level]}
            clause = RecognitionDecision.level == level
            clauses.append(clause if None in units else and_(clause, RecognitionDecision.unit_id.in_(units)))
        query = query.where(or_(*clauses) if clauses else false())
    return paginate(query, page, per_page)


def may_prepare(user, decision):
    return holds(user, OFFICES[decision.level], decision.unit_id)


def get_decision(decision_id, user):
    """The decision, if this user may read it (the office of its level and unit, administrators); 404 otherwise."""
    decision = db.session.get(RecognitionDecision, decision_id)
    if decision is None or not (user.has_role("admin") or may_prepare(user, decision)):
        raise NotFound("decision_not_found", "Không tìm thấy quyết định công nhận / Recognition decision not found")
    return decision


def _level_for(user, level):
    offices = offices_of(user)
    if not offices:
        raise Forbidden("not_recognition_office", NOT_OFFICE)
    if level is None:
        if len(offices) > 1:
            raise Unprocessable("invalid_request", INVALID, details={"level": [
                "Chọn cấp của quyết định / Choose the decision's level"]})
        return offices[0]
    if level not in offices:
        raise Forbidden("not_recognition_office", NOT_OFFICE)
    return level


def issuer_of(level, unit):
    """The issuing unit's code in decision and certificate numbers: QG for the Ministry, the province's
    code, the province's and the district's codes for a district."""
    if level == "national":
        return "QG"
    province = unit if unit.level == "province" else unit.parent
    code = province.code or str(province.id)
    return code if level == "province" else f"{code}-{unit.code or unit.id}"


def _check_fields(fields, recognitions):
    problems = {}
    if fields["decided_on"] > lifecycle.today():
        problems["decided_on"] = ["Ngày quyết định không thể ở tương lai / The decision date cannot be in the future"]
    else:
        approved = max((r.approved_at.astimezone(local_zone()).date() for r in recognitions), default=None)
        if approved is not None and fields["decided_on"] < approved:
            problems["decided_on"] = [f"Ngày quyết định không thể trước ngày kết quả được phê duyệt ({approved:%d/%m/%Y})"
                                      " / The decision cannot be dated before the result was approved "
                                      f"({approved.isoformat()})"]
    if problems:
        raise Unprocessable("invalid_request", INVALID, details=problems)


def _recognitions(user, level, case_ids, decision=None):
    """The waiting recognitions at `level` of these cases in the user's jurisdiction, free or in `decision`;
    422 naming each case that is not one, 409 for one in another decision."""
    case_ids = list(dict.fromkeys(case_ids))
    found = {r.case_id: r for r in db.session.scalars(select(Recognition).where(
        Recognition.case_id.in_(case_ids), Recognition.certificate_id.is_(None), *_in_jurisdiction(user, level)))}
    missing = [case_id for case_id in case_ids if case_id not in found]
    if missing:
        raise Unprocessable("not_waiting", "Hồ sơ không có kết quả chờ công nhận ở cấp này trong địa bàn của bạn / "
                            "These cases have no result waiting for recognition at this level in your jurisdiction",
                            details={"case_ids": missing})
    taken = [r for r in found.values() if r.decision_id is not None and (decision is None or r.decision_id != decision.id)]
    if taken:
        raise Conflict("in_another_decision", "Hồ sơ đã có trong một quyết định khác / These cases are already in "
                       "another decision", details={"case_ids": sorted(r.case_id for r in taken),
                                                    "decisions": sorted({r.decision.number for r in taken})})
    units = {r.unit_id for r in found.values()}
    if len(units) > 1:
        raise Unprocessable("several_units", "Một quyết định chỉ công nhận sản phẩm của một đơn vị / A decision "
                            "recognises the products of one unit only", details={"case_ids": sorted(case_ids)})
    return [found[case_id] for case_id in case_ids]


def _take(decision, recognitions):
    """Put the recognitions in the decision, unless another decision took one meanwhile (409)."""
    ids = [r.id for r in recognitions]
    db.session.execute(update(Recognition).where(Recognition.decision_id == decision.id, Recognition.id.not_in(ids))
                       .values(decision_id=None).execution_options(synchronize_session=False))
    taken = db.session.execute(update(Recognition).where(
        Recognition.id.in_(ids), or_(Recognition.decision_id.is_(None), Recognition.decision_id == decision.id))
        .values(decision_id=decision.id).execution_options(synchronize_session=False)).rowcount
    if taken != len(ids):
        raise Conflict("in_another_decision", "Hồ sơ đã có trong một quyết định khác / These cases are already in "
                       "another decision")
    db.session.expire_all()


def _flush_number(decision):
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as error:
        raise Unprocessable("invalid_request", INVALID, details={"number": [
            f"Số quyết định {decision.number} đã được dùng / Decision number {decision.number} is already used"]}) from error


def _number_used(issuer, number, decision_id=None):
    query = select(RecognitionDecision.id).where(RecognitionDecision.issuer == issuer, RecognitionDecision.number == number)
    if decision_id is not None:
        query = query.where(RecognitionDecision.id != decision_id)
    if db.session.scalar(query) is not None:
        raise Unprocessable("invalid_request", INVALID, details={"number": [
            f"Số quyết định {number} đã được dùng / Decision number {number} is already used"]})


def create_decision(user, fields, case_ids, level=None):
    """A draft decision of the user's office covering the waiting results of these cases."""
    level = _level_for(user, level)
    recognitions = _recognitions(user, level, case_ids)
    _check_fields(fields, recognitions)
    unit = recognitions[0].case.district if level == "district" else (
        recognitions[0].case.province if level == "province" else None)
    issuer = issuer_of(level, unit)
    _number_used(issuer, fields["number"])
    now = clock.now()
    decision = RecognitionDecision(level=level, unit_id=unit.id if unit else None, issuer=issuer,
                                   created_by_id=user.id, created_at=now, updated_at=now, **fields)
    db.session.add(decision)
    _flush_number(decision)
    _take(decision, recognitions)
    record("recognition.decision_drafted", user=user, decision_id=decision.id, number=decision.number, level=level,
           cases=[r.case_id for r in recognitions])
    return decision


def _draft(decision, user):
    if not may_prepare(user, decision):
        raise Forbidden("not_recognition_office", NOT_OFFICE)
    if decision.published:
        raise Conflict("decision_published", "Quyết định đã ban hành, không sửa được nữa / The decision is published "
                       "and can no longer be changed")


def update_decision(decision, user, fields, case_ids):
    """Change a draft: its number, date, signer and the cases it covers."""
    _draft(decision, user)
    recognitions = _recognitions(user, decision.level, case_ids, decision)
    _check_fields(fields, recognitions)
    if recognitions[0].unit_id != decision.unit_id:
        raise Unprocessable("several_units", "Một quyết định chỉ công nhận sản phẩm của một đơn vị / A decision "
                            "recognises the products of one unit only", details={"case_ids": sorted(case_ids)})
    _number_used(decision.issuer, fields["number"], decision.id)
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.updated_at = clock.now()
    _flush_number(decision)
    _take(decision, recognitions)
    record("recognition.decision_edited", user=user, decision_id=decision.id, number=decision.number,
           cases=[r.case_id for r in recognitions])
    return decision


def publish(decision, user):
    """Publish a draft: each recognition it covers gets its certificate, dated on the decision."""
    _draft(decision, user)
    db.session.refresh(decision, with_for_update=True)
    if decision.published:
        raise Conflict("decision_published", "Quyết định đã ban hành / The decision is already published")
    if not decision.recognitions:
        raise Unprocessable("invalid_request", INVALID, details={"case_ids": [
            "Quyết định chưa có sản phẩm nào / The decision covers no product yet"]})
    _check_fields({"decided_on": decision.decided_on}, decision.recognitions)
    decision.published_at, decision.published_by_id = clock.now(), user.id
    for recognition in sorted(decision.recognitions, key=lambda r: r.case_id):
        _issue_certificate(recognition, decision, user)
    record("recognition.decision_published", user=user, decision_id=decision.id, number=decision.number,
           certificates=[c.number for c in decision.certificates])
    return decision


def _issue_certificate(recognition, decision, actor):
    day = decision.decided_on
    certificate = Certificate(
        case_id=recognition.case_id, product_id=recognition.product_id, level=recognition.level,
        stars=recognition.stars, score=recognition.score,
        number=f"OCOP-{decision.issuer}-{day.year}-{next_certificate_number(decision.issuer, day.year):04d}",
        issued_on=day, valid_until=lifecycle.add_months(day, CERTIFICATE_MONTHS))
    db.session.add(certificate)
    db.session.flush()
    recognition.certificate = certificate
    record("certificate.issued", case=recognition.case, user=actor, number=certificate.number,
           level=certificate.level, stars=certificate.stars, valid_until=certificate.valid_until.isoformat(),
           decision=decision.number, decided_on=day.isoformat(), potential_five=recognition.potential_five)
    lifecycle.supersede_earlier(certificate, actor)


def next_certificate_number(issuer, year):
    """The issuer's next number in that year, from its counter row, which the upsert holds until
    the transaction ends: two certificates issued at once never get the same number."""
    insert = (postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert)
    statement = insert(CertificateCounter).values(issuer=issuer, year=year, last_number=1)
    statement = statement.on_conflict_do_update(
        index_elements=[CertificateCounter.issuer, CertificateCounter.year],
        set_={"last_number": CertificateCounter.last_number + 1},
    ).returning(CertificateCounter.last_number)
    return db.session.execute(statement).scalar_one()

