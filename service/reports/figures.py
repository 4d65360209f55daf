"""The reports' tables: each an aggregate query (one GROUP BY, no loop over cases) for a Scope (a unit
and a period, service/reports/scope.py), as a `Table` that the API, the page and the workbook all render.

What is counted:
- a *recognition* is a certificate issued within the period (`issued_on`) and not revoked by the
  period's last day (a revocation decision dated later leaves the period's figure as it was, so a
  past period's report does not change); one per certificate, by its `level` and `stars`, so a
  referral recognised 4★ by the province and 5★ by the Ministry counts once at each level;
- a *potential 5★* is a case the province recognised 4★ "tiềm năng 5 sao" that still waits (today) for
  the national outcome (service/recognition/standing.py, the dashboard's rule): its 4★ certificate of the
  period is counted under 4★, and again on a row "of which" below the total;
- an approved result *waits for its decision* at the period's end when it was approved by then and its
  recognition decision was not dated within it (service/recognition/);
- an entity *takes part* with a case submitted within the period, in the unit;
- an *evaluation in progress* is a case submitted within the period that still runs, by the step
  it waits at;
- a certificate is *expiring* when it is valid on the report's reference day (the period's last day,
  today for a period not over) and ends within `months` after it; *expired* when its last valid day
  fell within the period and before today, neither revoked nor replaced; *revoked* when the decision
  is dated within the period.
- *support* is the support recorded for the producers of the unit's cases (service/support/), given within
  the period, in VND, by source and kind and by unit;
- *training coverage* (the programme report) is service/training/'s coverage on the report's reference
  day, for the unit's province or district, or every province.
Every figure is limited to the cases of the scope's unit and broken down by the units below it.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, exists, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from .. import clock
from ..case_file.page import ENTITY_TYPES
from ..cases.models import Case, Certificate
from ..cases.operations import RUNNING
from ..certificates.lifecycle import STATUSES, add_months, status_of, today
from ..directory.models import ProducingEntity, Product, ProductGroup
from ..extensions import db
from ..process_models.stages import STAGE_ORDER, STAGES, STEP_STAGES
from ..recognition.models import Recognition
from ..recognition.standing import potential_five
from ..support.models import SupportRecord
from ..support.operations import KINDS, SOURCES
from ..tasks.models import HumanTask
from ..training.coverage import coverage, coverage_by_province
from ..web.i18n import bilingual, current_language

STARS = (3, 4, 5)
LEVELS = {"district": _l("Cấp huyện"), "province": _l("Cấp tỉnh"), "national": _l("Cấp Trung ương")}


@dataclass
class Table:
    """A table of a report: a first column of row labels, value columns (key, header), rows, and the
    totals of the value columns (None for a list). `extra` rows follow the totals and are not in them;
    `chart` asks the page for a bar chart of the value columns."""

    key: str
    title: str
    sheet: str  # the workbook's sheet name (at most 31 characters)
    label: str
    columns: list
    rows: list = field(default_factory=list)
    totals: bool = True
    extra: list = field(default_factory=list)
    chart: bool = False
    note: str | None = None

    def total(self):
        if not self.totals:
            return None
        return {key: sum(row.get(key) or 0 for row in self.rows) for key, _header in self.columns}

    def as_json(self):
        def plain(value):
            return value.isoformat() if isinstance(value, date) else value
        return {"key": self.key, "title": self.title, "label": self.label,
                "columns": [{"key": key, "title": header} for key, header in self.columns],
                "rows": [{name: plain(value) for name, value in row.items()} for row in self.rows],
                "total": self.total(), "extra": self.extra, "note": self.note}


def _level_name(level):
    return str(LEVELS.get(level, level))


def _star_columns():
    return [*((f"stars_{stars}", f"{stars}★") for stars in STARS), ("total", _("Tổng cộng"))]


def _star_rows(counts, keys, labels):
    """Rows per key with a column per stars and the total, from {(key, stars): count}."""
    rows = []
    for key in keys:
        row = {"label": labels[key], **{f"stars_{stars}": counts.get((key, stars), 0) for stars in STARS}}
        row["total"] = sum(count for (found, _stars), count in counts.items() if found == key)
        rows.append(row)
    return rows


def _recognised(scope):
    """Criteria on Certificate joined to Case: issued in the period, not revoked by its end, in the unit."""
    return [Certificate.issued_on >= scope.start, Certificate.issued_on <= scope.end,
            or_(Certificate.revoked_at.is_(None), Certificate.revocation_date > scope.end), scope.cases()]


def _certificates_per(column, criteria, *joins):
    query = select(column, Certificate.stars, func.count(Certificate.id)).select_from(Certificate).join(
        Certificate.case)
    for target, condition in joins:
        query = query.join(target, condition)
    return {(key, stars): count for key, stars, count in db.session.execute(
        query.where(*criteria).group_by(column, Certificate.stars)).all()}


def _potential_five(scope):
    """Of the period's certificates: the province's 4★ of a potential 5★, still waiting for the national outcome."""
    return db.session.scalar(
        select(func.count(Certificate.id)).select_from(Certificate).join(Certificate.case)
        .join(Recognition, Recognition.certificate_id == Certificate.id)
        .where(*_recognised(scope), Recognition.potential_five, *potential_five()))


def _part_labels(scope):
    parts = scope.parts()
    return [part.id for part in parts], {part.id: part.name for part in parts}


def _group_names():
    """The top-level product groups' names, in the report's language."""
    names = {}
    column = ProductGroup.name_en if current_language() == "en" else ProductGroup.name_vi
    for code, name in db.session.execute(select(ProductGroup.code, column)
                                         .where(ProductGroup.parent_id.is_(None)).order_by(ProductGroup.id)):
        names.setdefault(code, name)
    return names


def recognitions_by_stars(scope):
    counts = _certificates_per(Certificate.level, _recognised(scope))
    levels = [level for level in LEVELS if level != "district" or any(key == level for key, _s in counts)]
    columns = [*((level, _level_name(level)) for level in levels), ("total", _("Tổng cộng"))]
    rows = [{"label": f"{stars}★", **{level: counts.get((level, stars), 0) for level in levels},
             "total": sum(counts.get((level, stars), 0) for level in levels)} for stars in STARS]
    potential = _potential_five(scope)
    return Table("recognitions_by_stars", _("Sản phẩm được công nhận theo hạng sao và cấp công nhận"),
                 _("CN theo sao"), _("Hạng sao"), columns, rows, chart=True,
                 extra=[{"label": _("Trong đó: 4★ tiềm năng 5★, đang chờ kết quả Trung ương"),
                         "province": potential, "total": potential}],
                 note=_("Mỗi giấy chứng nhận cấp trong kỳ, chưa bị thu hồi đến hết kỳ, tính một lần ở cấp đã "
                        "cấp."))


def awaiting_decision(scope):
    """Approved results waiting for their recognition decision at the period's end, by level and stars."""
    criteria = [scope.cases(), Recognition.approved_at < scope.ends(),
                or_(Recognition.certificate_id.is_(None), Certificate.issued_on > scope.end)]
    query = (select(Recognition.level, Recognition.stars, Recognition.potential_five, func.count(Recognition.id))
             .select_from(Recognition).join(Case, Case.id == Recognition.case_id)
             .outerjoin(Certificate, Certificate.id == Recognition.certificate_id).where(*criteria)
             .group_by(Recognition.level, Recognition.stars, Recognition.potential_five))
    counts, potential = {}, 0
    for level, stars, five, count in db.session.execute(query).all():
        counts[(level, stars)] = counts.get((level, stars), 0) + count
        potential += count if five else 0
    return Table("awaiting_decision", _("Kết quả chờ quyết định công nhận"), _("Chờ công nhận"),
                 _("Cấp công nhận"), _star_columns(),
                 _star_rows(counts, list(LEVELS), {level: _level_name(level) for level in LEVELS}),
                 extra=[{"label": _("Trong đó: 4★ tiềm năng 5★"), "stars_4": potential, "total": potential}],
                 note=_("Kết quả được phê duyệt đến hết kỳ mà đến hết kỳ chưa có quyết định công nhận; không "
                        "tính vào sản phẩm được công nhận."))


def recognitions_by_group(scope):
    names = _group_names()
    counts = _certificates_per(Product.group_code, _recognised(scope),
                               (Product, Product.id == Certificate.product_id))
    codes = [code for code in names if any(key == code for key, _s in counts)]
    codes += sorted({key for key, _s in counts} - set(codes))
    return Table("recognitions_by_group", _("Sản phẩm được công nhận theo nhóm sản phẩm"), _("CN theo nhóm"),
                 _("Nhóm sản phẩm"), _star_columns(), _star_rows(counts, codes, {**{c: c for c in codes}, **names}),
                 chart=True)


def recognitions_by_unit(scope):
    keys, labels = _part_labels(scope)
    counts = _certificates_per(scope.breakdown_column, _recognised(scope))
    return Table("recognitions_by_unit", _("Sản phẩm được công nhận theo đơn vị"), _("CN theo đơn vị"),
                 _unit_header(scope), _star_columns(), _star_rows(counts, keys, labels), chart=True)


def recognitions_by_entity_type(scope):
    counts = _certificates_per(ProducingEntity.entity_type, _recognised(scope),
                               (ProducingEntity, ProducingEntity.id == Case.entity_id))
    labels = {code: str(name) for code, name in ENTITY_TYPES.items()}
    return Table("recognitions_by_entity_type", _("Sản phẩm được công nhận theo loại hình chủ thể"),
                 _("CN theo chủ thể"), _("Loại hình chủ thể"), _star_columns(),
                 _star_rows(counts, list(labels), labels), chart=True)


def _unit_header(scope):
    return {"province": _("Tỉnh, thành phố"), "district": _("Huyện, thành phố"),
            "commune": _("Xã, phường, thị trấn")}[scope.breakdown_level]


def _certificate_row(certificate, kind=None):
    case = certificate.case
    row = {"label": certificate.number, "product": certificate.product.name, "entity": case.entity.name,
           "unit": (case.district or case.province).name, "level": _level_name(certificate.level),
           "stars": certificate.stars, "issued_on": certificate.issued_on, "valid_until": certificate.valid_until,
           "status": str(STATUSES[status_of(certificate)])}
    if kind is not None:
        row = {"kind": kind, **row, "decision": certificate.revocation_decision,
               "decided_on": certificate.revocation_date, "reason": certificate.revocation_reason}
    return row


CERTIFICATE_COLUMNS = ("product", "entity", "unit", "level", "stars", "issued_on", "valid_until", "status")


def _certificate_headers():
    return {"product": _("Sản phẩm"), "entity": _("Chủ thể"), "unit": _("Huyện (tỉnh)"), "level": _("Cấp"),
            "stars": _("Hạng sao"), "issued_on": _("Ngày cấp"), "valid_until": _("Hiệu lực đến"),
            "status": _("Tình trạng hôm nay"), "kind": _("Loại"), "decision": _("Quyết định thu hồi"),
            "decided_on": _("Ngày quyết định"), "reason": _("Lý do")}


def _certificates(criteria):
    """The certificates that meet `criteria`, each with its product and its case's entity and units, read in the
    same statements whatever their number (a province's list over a period runs to hundreds)."""
    return db.session.scalars(
        select(Certificate).join(Certificate.case)
        .options(joinedload(Certificate.product),
                 contains_eager(Certificate.case).options(joinedload(Case.entity), joinedload(Case.district),
                                                          joinedload(Case.province)))
        .where(*criteria).order_by(Certificate.issued_on, Certificate.number)).all()


def recognitions_list(scope):
    headers = _certificate_headers()
    return Table("recognitions_list", _("Danh sách giấy chứng nhận cấp trong kỳ"), _("DS công nhận"),
                 _("Số giấy chứng nhận"), [(key, headers[key]) for key in CERTIFICATE_COLUMNS],
                 [_certificate_row(certificate) for certificate in _certificates(_recognised(scope))], totals=False)


def _submitted(scope):
    return [scope.cases(), Case.created_at >= scope.begins(), Case.created_at < scope.ends()]


def entities_by_type(scope):
    taking_part = dict(db.session.execute(
        select(ProducingEntity.entity_type, func.count(distinct(Case.entity_id))).select_from(Case)
        .join(ProducingEntity, ProducingEntity.id == Case.entity_id).where(*_submitted(scope))
        .group_by(ProducingEntity.entity_type)).all())
    recognised = dict(db.session.execute(
        select(ProducingEntity.entity_type, func.count(distinct(Case.entity_id))).select_from(Certificate)
        .join(Certificate.case).join(ProducingEntity, ProducingEntity.id == Case.entity_id)
        .where(*_recognised(scope)).group_by(ProducingEntity.entity_type)).all())
    rows = [{"label": str(name), "taking_part": taking_part.get(code, 0), "recognised": recognised.get(code, 0)}
            for code, name in ENTITY_TYPES.items()]
    return Table("entities_by_type", _("Chủ thể theo loại hình"), _("Chủ thể theo loại hình"),
                 _("Loại hình chủ thể"),
                 [("taking_part", _("Có hồ sơ gửi trong kỳ")), ("recognised", _("Có sản phẩm được công nhận"))],
                 rows, chart=True)


def entities_by_unit(scope):
    keys, labels = _part_labels(scope)
    counts = {(unit, kind): count for unit, kind, count in db.session.execute(
        select(scope.breakdown_column, ProducingEntity.entity_type, func.count(distinct(Case.entity_id)))
        .select_from(Case).join(ProducingEntity, ProducingEntity.id == Case.entity_id).where(*_submitted(scope))
        .group_by(scope.breakdown_column, ProducingEntity.entity_type)).all()}
    totals = dict(db.session.execute(
        select(scope.breakdown_column, func.count(distinct(Case.entity_id))).where(*_submitted(scope))
        .group_by(scope.breakdown_column)).all())
    rows = [{"label": labels[key], **{code: counts.get((key, code), 0) for code in ENTITY_TYPES},
             "total": totals.get(key, 0)} for key in keys]
    return Table("entities_by_unit", _("Chủ thể có hồ sơ gửi trong kỳ theo đơn vị"), _("Chủ thể theo đơn vị"),
                 _unit_header(scope),
                 [*((code, str(name)) for code, name in ENTITY_TYPES.items()), ("total", _("Tổng cộng"))], rows,
                 chart=True)


def _running(scope):
    return [*_submitted(scope), Case.status.in_(RUNNING)]


def evaluations_by_step(scope):
    # asked of each case through the index of its tasks, not of every open task of the country
    overdue = select(HumanTask.id).where(HumanTask.case_id == Case.id, HumanTask.status == "open",
                                         HumanTask.due_at < clock.now()).exists()
    found = db.session.execute(
        select(Case.current_step, Case.current_step_title, func.count(Case.id), func.count(Case.id).filter(overdue))
        .where(*_running(scope)).group_by(Case.current_step, Case.current_step_title)).all()
    order = {step: index for index, step in enumerate(STEP_STAGES)}
    found = sorted(found, key=lambda row: (order.get(row[0], len(order)), row[1] or ""))
    rows = [{"label": bilingual(title) or step or _("Đang gặp sự cố"), "cases": count, "overdue": late}
            for step, title, count, late in found]
    return Table("evaluations_by_step", _("Hồ sơ đang đánh giá theo bước"), _("Đang đánh giá theo bước"),
                 _("Bước"), [("cases", _("Số hồ sơ")), ("overdue", _("Trong đó quá hạn"))], rows, chart=True,
                 note=_("Hồ sơ gửi trong kỳ, đến nay vẫn đang xử lý, theo bước đang chờ."))


def evaluations_by_unit(scope):
    keys, labels = _part_labels(scope)
    counts = {}
    for unit, step, count in db.session.execute(
            select(scope.breakdown_column, Case.current_step, func.count(Case.id)).where(*_running(scope))
            .group_by(scope.breakdown_column, Case.current_step)).all():
        stage = STEP_STAGES.get(step, "other")
        counts[(unit, stage)] = counts.get((unit, stage), 0) + count
    stages = [stage for stage in STAGE_ORDER if stage != "result"]
    columns = [*((stage, str(STAGES[stage])) for stage in stages)]
    if any(stage == "other" for _unit, stage in counts):
        columns.append(("other", _("Bước khác")))
    rows = [{"label": labels[key], **{stage: counts.get((key, stage), 0) for stage, _h in columns}} for key in keys]
    for row in rows:
        row["total"] = sum(row[stage] for stage, _h in columns)
    return Table("evaluations_by_unit", _("Hồ sơ đang đánh giá theo đơn vị và giai đoạn"),
                 _("Đang đánh giá theo đơn vị"), _unit_header(scope), [*columns, ("total", _("Tổng cộng"))], rows,
                 chart=True)


def _valid_on(day):
    """Criteria on Certificate: valid on `day` (issued, not ended, neither revoked nor replaced by then)."""
    replacement = db.aliased(Certificate)
    return [Certificate.issued_on <= day, Certificate.valid_until >= day,
            or_(Certificate.revoked_at.is_(None), Certificate.revocation_date > day),
            ~exists().where(replacement.id == Certificate.superseded_by_id, replacement.issued_on <= day)]


def _kinds(scope):
    """{kind: criteria on Certificate joined to Case} of the certificate report."""
    day = scope.reference_day()
    return {
        "expiring": [scope.cases(), *_valid_on(day), Certificate.valid_until <= add_months(day, scope.months)],
        "expired": [scope.cases(), Certificate.valid_until >= scope.start - timedelta(days=1),
                    Certificate.valid_until < min(scope.end, today()),
                    Certificate.superseded_by_id.is_(None),
                    or_(Certificate.revoked_at.is_(None), Certificate.revocation_date > Certificate.valid_until)],
        "revoked": [scope.cases(), Certificate.revocation_date >= scope.start,
                    Certificate.revocation_date <= scope.end],
    }


def _kind_names(scope):
    return {"expiring": _("Sắp hết hiệu lực (trong %(months)s tháng)", months=scope.months),
            "expired": _("Hết hiệu lực trong kỳ"), "revoked": _("Bị thu hồi trong kỳ")}


def certificates_by_kind(scope):
    names = _kind_names(scope)
    counts = {(kind, stars): count for kind, criteria in _kinds(scope).items()
              for stars, count in db.session.execute(
                  select(Certificate.stars, func.count(Certificate.id)).select_from(Certificate)
                  .join(Certificate.case).where(*criteria).group_by(Certificate.stars)).all()}
    return Table("certificates_by_kind", _("Giấy chứng nhận sắp hết hiệu lực, hết hiệu lực, bị thu hồi"),
                 _("GCN theo tình trạng"), _("Tình trạng"), _star_columns(), _star_rows(counts, list(names), names),
                 totals=False, chart=True,
                 note=_("Sắp hết hiệu lực: còn hiệu lực ngày %(day)s và hết hạn trong %(months)s tháng sau đó.",
                        day=scope.reference_day().strftime("%d/%m/%Y"), months=scope.months))


def certificates_by_unit(scope):
    keys, labels = _part_labels(scope)
    names = _kind_names(scope)
    counts = {kind: dict(db.session.execute(
        select(scope.breakdown_column, func.count(Certificate.id)).select_from(Certificate).join(Certificate.case)
        .where(*criteria).group_by(scope.breakdown_column)).all()) for kind, criteria in _kinds(scope).items()}
    rows = [{"label": labels[key], **{kind: counts[kind].get(key, 0) for kind in names}} for key in keys]
    return Table("certificates_by_unit", _("Giấy chứng nhận theo đơn vị"), _("GCN theo đơn vị"),
                 _unit_header(scope), list(names.items()), rows, chart=True)


def certificates_list(scope):
    names = _kind_names(scope)
    headers = _certificate_headers()
    rows = [_certificate_row(certificate, names[kind])
            for kind, criteria in _kinds(scope).items() for certificate in _certificates(criteria)]
    keys = ("kind", *CERTIFICATE_COLUMNS, "decision", "decided_on", "reason")
    return Table("certificates_list", _("Danh sách giấy chứng nhận sắp hết hiệu lực, hết hiệu lực, bị thu hồi"),
                 _("DS giấy chứng nhận"), _("Số giấy chứng nhận"), [(key, headers[key]) for key in keys], rows,
                 totals=False)


def _support(column, scope):
    """{(key, kind): amount in whole VND (PostgreSQL sums a BIGINT as NUMERIC)} of the support given in the period."""
    return {(key, kind): int(amount) for key, kind, amount in db.session.execute(
        select(column, SupportRecord.kind, func.sum(SupportRecord.amount_vnd)).select_from(SupportRecord)
        .join(Case, Case.id == SupportRecord.case_id)
        .where(scope.cases(), SupportRecord.given_on >= scope.start, SupportRecord.given_on <= scope.end)
        .group_by(column, SupportRecord.kind)).all()}


def _support_rows(amounts, keys, labels):
    rows = [{"label": labels[key], **{kind: amounts.get((key, kind), 0) for kind in KINDS}} for key in keys]
    for row in rows:
        row["total"] = sum(row[kind] for kind in KINDS)
    return rows


def _kind_columns():
    return [*((kind, str(name)) for kind, name in KINDS.items()), ("total", _("Tổng cộng"))]


def support_by_source(scope):
    labels = {source: str(name) for source, name in SOURCES.items()}
    return Table("support_by_source", _("Hỗ trợ chủ thể theo nguồn và hình thức (đồng)"), _("Hỗ trợ theo nguồn"),
                 _("Nguồn kinh phí"), _kind_columns(),
                 _support_rows(_support(SupportRecord.source, scope), list(SOURCES), labels), chart=True,
                 note=_("Hỗ trợ đã ghi nhận cho chủ thể của các hồ sơ trong đơn vị, cấp trong kỳ; số tiền tính bằng "
                        "đồng."))


def support_by_unit(scope):
    keys, labels = _part_labels(scope)
    rows = _support_rows(_support(scope.breakdown_column, scope), keys, labels)
    entities = dict(db.session.execute(
        select(scope.breakdown_column, func.count(distinct(SupportRecord.entity_id))).select_from(SupportRecord)
        .join(Case, Case.id == SupportRecord.case_id)
        .where(scope.cases(), SupportRecord.given_on >= scope.start, SupportRecord.given_on <= scope.end)
        .group_by(scope.breakdown_column)).all())
    for key, row in zip(keys, rows, strict=True):
        row["entities"] = entities.get(key, 0)
    return Table("support_by_unit", _("Hỗ trợ chủ thể theo đơn vị (đồng)"), _("Hỗ trợ theo đơn vị"),
                 _unit_header(scope), [("entities", _("Số chủ thể được hỗ trợ")), *_kind_columns()], rows)


def _coverage_rows(scope, day):
    """[(label, {officials, leaders})] of service/training/'s coverage for the scope's unit on `day`."""
    if scope.unit is None:
        figures = coverage_by_province(day)
        nobody = {"trained": 0, "total": 0}
        return [(province.name, figures.get(province.id, {"officials": nobody, "leaders": nobody}))
                for province in scope.parts()]
    found = coverage(scope.unit.province, day)["districts"]
    if scope.unit.level == "district":
        found = [unit for unit in found if unit["id"] == scope.unit.id]
    return [(unit["name"], unit) for unit in found]


def training_coverage(scope):
    day = scope.reference_day()
    rows = [{"label": label, "officials_trained": figures["officials"]["trained"],
             "officials": figures["officials"]["total"], "leaders_trained": figures["leaders"]["trained"],
             "leaders": figures["leaders"]["total"]} for label, figures in _coverage_rows(scope, day)]

    def percent(done, total):
        return f"{round(100 * done / total)}%" if total else "—"

    officials = (sum(row["officials_trained"] for row in rows), sum(row["officials"] for row in rows))
    leaders = (sum(row["leaders_trained"] for row in rows), sum(row["leaders"] for row in rows))
    return Table("training_coverage", _("Tập huấn: cán bộ OCOP và lãnh đạo chủ thể đã được tập huấn"),
                 _("Tập huấn"), _("Đơn vị"),
                 [("officials_trained", _("Cán bộ đã tập huấn")), ("officials", _("Cán bộ cần tập huấn")),
                  ("leaders_trained", _("Chủ thể đã tập huấn")), ("leaders", _("Chủ thể cần tập huấn"))], rows,
                 chart=True,
                 note=_("Đến ngày %(day)s: cán bộ %(officials)s, lãnh đạo chủ thể %(leaders)s đã được tập huấn "
                        "(kế hoạch: 100%%). Cơ quan thường trực OCOP tỉnh tính ở dòng của tỉnh.",
                        day=day.strftime("%d/%m/%Y"), officials=percent(*officials), leaders=percent(*leaders)))


REPORTS = {
    "recognitions": (_l("Sản phẩm OCOP được công nhận"),
                     (recognitions_by_stars, awaiting_decision, recognitions_by_group, recognitions_by_unit,
                      recognitions_by_entity_type, recognitions_list)),
    "entities": (_l("Chủ thể OCOP"), (entities_by_type, entities_by_unit)),
    "evaluations": (_l("Hồ sơ đang đánh giá"), (evaluations_by_step, evaluations_by_unit)),
    "certificates": (_l("Giấy chứng nhận: sắp hết hiệu lực, hết hiệu lực, bị thu hồi"),
                     (certificates_by_kind, certificates_by_unit, certificates_list)),
    "support": (_l("Hỗ trợ chủ thể OCOP"), (support_by_source, support_by_unit)),
}
REPORTS["programme"] = (_l("Báo cáo tổng hợp Chương trình OCOP"),
                        (*(builder for _title, builders in REPORTS.values() for builder in builders),
                         training_coverage))


def title_of(name):
    return str(REPORTS[name][0])


def tables(name, scope, progress=None):
    """The report's tables for the scope; `progress(done, total)` is called after each table."""
    builders = REPORTS[name][1]
    built = []
    for builder in builders:
        built.append(builder(scope))
        if progress is not None:
            progress(len(built), len(builders))
    return built
