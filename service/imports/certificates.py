"""One row of the certificates' template: a product certified before the system existed becomes an imported
case (completed, no workflow), its recognition in the imported, published decision, and its certificate,
which from then on lives the life of every certificate (valid, expired, revoked, superseded; re-evaluated by
`flask ocop timers` six months before it expires).

Natural keys, so that a re-run creates nothing twice: the certificate by its number (a number already
imported is skipped), the entity by its tax code or by its name in the commune, the product by its
entity and name, the decision by its issuer and number."""
import secrets
from datetime import datetime, time

from sqlalchemy import select

from .. import clock
from ..audit.log import record
from ..cases.listing import local_zone
from ..cases.models import Case, Certificate
from ..certificates import lifecycle
from ..directory.models import ProducingEntity, Product, ProductGroup
from ..extensions import db
from ..recognition.models import Recognition, RecognitionDecision
from ..recognition.operations import CERTIFICATE_MONTHS, issuer_of
from .places import same
from .template import ENTITY_TYPES, LEVELS, Cells, RowRefused

IMPORTED = "Nhập từ hồ sơ trước khi có hệ thống / Imported from the records kept before the system"


def _read(row, places, rule_set):
    cells = Cells("certificates", row)
    values = {
        "number": cells.text("number", 40), "level": cells.choice("level", LEVELS),
        "stars": cells.number("stars", 3, 5, whole=True), "score": cells.number("score", 0, 100),
        "decision_number": cells.text("decision_number", 100), "decided_on": cells.day("decided_on"),
        "valid_until": cells.day("valid_until"), "signer_name": cells.text("signer_name", 200),
        "signer_title": cells.text("signer_title", 200), "product_name": cells.text("product_name"),
        "subgroup_code": cells.text("subgroup_code", 50), "producer_name": cells.text("producer_name"),
        "entity_type": cells.choice("entity_type", ENTITY_TYPES), "tax_code": cells.text("tax_code", 50),
        "commune": places.commune_of(cells)}
    if values["subgroup_code"]:
        subgroup = db.session.scalar(select(ProductGroup).where(
            ProductGroup.rule_set == rule_set, ProductGroup.code == values["subgroup_code"],
            ProductGroup.parent_id.is_not(None)))
        if subgroup is None:
            cells.refuse("subgroup_code", f"Không có phân nhóm sản phẩm này trong bộ quy định {rule_set} / No such "
                                          f"product sub-group in the {rule_set} rule set")
        else:
            values["group_code"] = subgroup.parent.code
    if values["level"] and values["stars"] and (values["level"] == "national") != (values["stars"] == 5):
        cells.refuse("stars", "5 sao do Trung ương công nhận, 3-4 sao do tỉnh hoặc huyện / 5 stars are recognised "
                              "nationally, 3-4 stars by the province or the district")
    decided_on = values["decided_on"]
    if decided_on and decided_on > lifecycle.today():
        cells.refuse("decided_on", "Ngày quyết định không thể ở tương lai / The decision date cannot be in the future")
    if decided_on and values["valid_until"] and values["valid_until"] <= decided_on:
        cells.refuse("valid_until", "Hiệu lực phải kết thúc sau ngày quyết định / The validity must end after the "
                                    "decision date")
    if cells.problems:
        raise RowRefused(cells.problems)
    return values


def _entity(values):
    commune = values["commune"]
    if values["tax_code"]:
        entity = db.session.scalar(select(ProducingEntity).where(
            ProducingEntity.business_registration_no == values["tax_code"]).order_by(ProducingEntity.id).limit(1))
    else:
        entity = next((entity for entity in db.session.scalars(select(ProducingEntity).where(
            ProducingEntity.commune_id == commune.id).order_by(ProducingEntity.id))
            if same(entity.name, values["producer_name"])), None)
    if entity is None:
        entity = ProducingEntity(name=values["producer_name"], entity_type=values["entity_type"],
                                 commune_id=commune.id, business_registration_no=values["tax_code"],
                                 created_at=clock.now())
        db.session.add(entity)
        db.session.flush()
    return entity


def _product(entity, values):
    product = next((product for product in db.session.scalars(select(Product).where(Product.entity_id == entity.id)
                                                              .order_by(Product.id))
                    if same(product.name, values["product_name"])), None)
    if product is None:
        product = Product(entity_id=entity.id, name=values["product_name"], group_code=values["group_code"],
                          subgroup_code=values["subgroup_code"], created_at=clock.now())
        db.session.add(product)
        db.session.flush()
    return product


def _decision(values, user):
    level, commune = values["level"], values["commune"]
    unit = None if level == "national" else (commune.district if level == "district" else commune.province)
    issuer = issuer_of(level, unit)
    decision = db.session.scalar(select(RecognitionDecision).where(
        RecognitionDecision.issuer == issuer, RecognitionDecision.number == values["decision_number"]))
    if decision is None:
        now = clock.now()
        decision = RecognitionDecision(
            level=level, unit_id=unit.id if unit else None, issuer=issuer, number=values["decision_number"],
            decided_on=values["decided_on"], signer_name=values["signer_name"] or "",
            signer_title=values["signer_title"] or "", created_by_id=user.id, created_at=now, updated_at=now,
            published_at=now, published_by_id=user.id, imported=True)
        db.session.add(decision)
        db.session.flush()
        record("recognition.decision_imported", user=user, decision_id=decision.id, number=decision.number)
    elif not decision.imported:
        raise RowRefused([("decision_number", ("Số quyết định đã có trên hệ thống (không phải quyết định nhập) / "
                                               "The decision number belongs to a decision made in the system"))])
    elif decision.decided_on != values["decided_on"] or decision.level != level:
        raise RowRefused([("decided_on", ("Quyết định này đã được nhập với ngày hoặc cấp khác / This decision "
                                          "was imported with another date or level"))])
    return decision


def _supersede(certificate, product, user):
    """The product's certificates in force stand in the order they were issued: the latest supersedes the others."""
    others = db.session.scalars(select(Certificate).where(
        Certificate.product_id == product.id, Certificate.id != certificate.id, Certificate.revoked_at.is_(None),
        Certificate.superseded_by_id.is_(None))).all()
    later = [other for other in others if other.issued_on > certificate.issued_on]
    if later:
        certificate.superseded_by_id = max(later, key=lambda other: other.issued_on).id
    else:
        lifecycle.supersede_earlier(certificate, user)


def import_row(row, user, model, places):
    """Import one row in the caller's transaction (`places`: where the import's rows lie): "created", or
    "skipped" when its certificate is there already; RowRefused with its problems otherwise."""
    values = _read(row, places, model.rule_set)
    existing = db.session.scalar(select(Certificate).where(Certificate.number == values["number"]))
    if existing is not None:
        if existing.case.imported:
            return "skipped"
        raise RowRefused([("number", ("Số giấy chứng nhận đã được cấp trên hệ thống / The certificate number "
                                      "was issued in the system"))])
    commune = values["commune"]
    entity = _entity(values)
    product = _product(entity, values)
    decision = _decision(values, user)
    now, day = clock.now(), values["decided_on"]
    case = Case(product=product, entity=entity, commune_id=commune.id, district_id=commune.district.id,
                province_id=commune.province.id, process_model=model, status="completed", imported=True,
                score=values["score"], stars=values["stars"], created_by_id=user.id, created_at=now, updated_at=now,
                completed_at=now, reference=f"pending-import-{secrets.token_hex(8)}",
                outcome={"status": "certified", "level": values["level"], "stars": values["stars"],
                         "reason": IMPORTED})
    db.session.add(case)
    db.session.flush()
    case.reference = f"OCOP-{case.province.code or case.province_id}-{day.year}-{case.id:06d}"
    certificate = Certificate(case_id=case.id, product_id=product.id, number=values["number"], level=values["level"],
                              stars=values["stars"], score=values["score"], issued_on=day,
                              valid_until=values["valid_until"] or lifecycle.add_months(day, CERTIFICATE_MONTHS))
    db.session.add(certificate)
    db.session.flush()
    db.session.add(Recognition(case_id=case.id, product_id=product.id, level=values["level"],
                               unit_id=decision.unit_id, stars=values["stars"], score=values["score"],
                               approved_at=datetime.combine(day, time(), local_zone()), decision_id=decision.id,
                               certificate_id=certificate.id))
    record("case.imported", case=case, user=user, product=product.name, entity=entity.name)
    record("certificate.imported", case=case, user=user, number=certificate.number, level=certificate.level,
           stars=certificate.stars, valid_until=certificate.valid_until.isoformat(), decision=decision.number,
           decided_on=day.isoformat())
    _supersede(certificate, product, user)
    return "created"
