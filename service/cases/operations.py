"""What people do with cases: submit a product idea, comment on it; a certificate's re-evaluation opens one."""
import hashlib
import json
import re

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import clock
from ..audit.log import record
from ..case_file.operations import record_version, section_filled_by
from ..certificates.lifecycle import today
from ..database import database_id
from ..directory.choices import chosen_province, product_fields, validate_with_choices, with_choices
from ..directory.groups import carried_over
from ..directory.models import AdministrativeUnit, ProducingEntity, Product
from ..errors import Forbidden, ServiceError, Unprocessable
from ..extensions import db
from ..process_models.operations import DEFAULT_KEY, bundle_of
from ..process_models.rule_sets import version_in_force
from .models import Case, Comment
from .progress import begin

SUBMISSION_KEY = re.compile(r"[\x21-\x7e]{1,100}")
RUNNING = ("active", "incident")  # a case of these statuses is still under way


def entity_values(user):
    """The start form's entity fields as the producer's registered entity gives them (none without one)."""
    entity = user.entity
    if entity is None:
        return {}
    return {"entity_name": entity.name, "entity_type": entity.entity_type, "commune_id": entity.commune_id}


def province_of(unit):
    """The province of a unit (itself for a province), or None."""
    while unit is not None and unit.level != "province":
        unit = unit.parent
    return unit


def start_province(user, commune=None, province_id=None):
    """The province whose rule set a new idea follows: the one asked for, else that of the commune given or of
    the producer's entity, else the directory's only province; None when it cannot tell."""
    if province_id is not None:
        return province_of(db.session.get(AdministrativeUnit, province_id))
    if commune is not None:
        return province_of(commune)
    if user.entity is not None:
        return province_of(user.entity.commune)
    return chosen_province("")[0]  # with nothing asked: the directory's only province, if it has just one


def start_version(user, key=DEFAULT_KEY, commune=None, province_id=None):
    """The version a producer's idea submitted today starts on: the latest active version of the rule
    set in force today in the idea's province (`process_models.rule_sets`)."""
    province = start_province(user, commune, province_id)
    return version_in_force(key, province.id if province is not None else None, today())


def start_form(model, user, province=None):
    """The start form of a process version as this user fills it in, for the API and the page alike: the
    directory's choices filled in (the communes of `province`, the one whose rules the version follows, or every
    commune in a directory without provinces; the entity's existing products; no such field without one), and the fields
    their registered entity gives (`entity_values`) with its values as defaults and not required."""
    bundle = bundle_of(model)
    schema = with_choices(bundle.form(bundle.start_form), model.rule_set, user.entity, province)
    if "product_id" in schema["properties"] and not schema["properties"]["product_id"]["enum"]:
        schema = {**schema, "properties": {name: spec for name, spec in schema["properties"].items()
                                           if name != "product_id"}}
    given = {name: value for name, value in entity_values(user).items() if name in schema["properties"]}
    if not given:
        return schema
    properties = {name: {**spec, "default": given[name]} if name in given else spec
                  for name, spec in schema["properties"].items()}
    return {**schema, "properties": properties,
            "required": [name for name in schema.get("required", []) if name not in given]}


def _named_commune(data):
    """The unit the idea's `commune_id` names, its district and province loaded with it, or None (an id that cannot
    be one is left to the form's validation, which also checks that the unit is a commune)."""
    commune_id = database_id((data or {}).get("commune_id"))
    return db.session.get(AdministrativeUnit, commune_id) if commune_id is not None else None


def _producing_entity(user, idea, commune):
    """The producer's entity: their registered one, or a new one from the idea form."""
    if user.entity is not None:
        if user.entity.commune_id != commune.id:
            raise Unprocessable("invalid_form", "Dữ liệu biểu mẫu không hợp lệ / The form data is invalid",
                                details={"commune_id": [f"Chủ thể của bạn đăng ký tại {user.entity.commune.name} / "
                                                        f"Your entity is registered in {user.entity.commune.name}"]})
        return user.entity
    entity = ProducingEntity(name=idea["entity_name"], entity_type=idea["entity_type"], commune_id=commune.id,
                             created_at=clock.now())
    db.session.add(entity)
    user.entity = entity
    return entity


def _chosen_product(user, data):
    """The existing product the idea registers (`product_id`), one of the producer's entity's, or None
    for a new product. Another entity's product, or one with a case still running, is refused (422)."""
    product_id = database_id((data or {}).get("product_id"))
    if product_id is None:
        return None  # absent, or no id: the form's validation says so
    product = db.session.get(Product, product_id, with_for_update=True)
    if product is None or user.entity is None or product.entity_id != user.entity.id:
        raise Unprocessable("invalid_form", "Dữ liệu biểu mẫu không hợp lệ / The form data is invalid",
                            details={"product_id": ["Sản phẩm không thuộc chủ thể của bạn / "
                                                    "The product is not one of your entity's"]})
    running = db.session.scalar(select(Case).where(Case.product_id == product.id,
                                                   Case.status.in_(RUNNING)).order_by(Case.id).limit(1))
    if running is not None:
        raise Unprocessable("product_in_progress",
                            f"Sản phẩm “{product.name}” đang có hồ sơ {running.reference} chưa kết thúc: chỉ gửi lại "
                            f"khi hồ sơ đó đã kết thúc / The product “{product.name}” already has case "
                            f"{running.reference} in progress: submit it again once that case has ended",
                            details={"product_id": [f"Đang có hồ sơ {running.reference} chưa kết thúc / "
                                                    f"Case {running.reference} is still in progress"]})
    return product


def submit_idea(user, data, key=DEFAULT_KEY, submission_key=None):
    """A producer submits a product idea: product, case and workflow on the version in force today in the
    province of the idea's commune (`start_version`), in the caller's transaction (nothing is committed here unless the engine fails: then the case
    is kept, waiting as an incident).

    A producer with a registered entity may leave out the entity's fields: they come from the account.
    A registration for an existing product (`product_id`, one of the entity's products without a case
    still running) makes no new product: the case is the product's next evaluation, and the product's
    fields left out come from it.
    With a `submission_key` (the client's Idempotency-Key, the web form's one-time token) a
    retry gets the first case back: returns (case, True) for a new case, (case, False) for the
    case this key already made. The same key with other data is refused.
    """
    digest = None
    if submission_key is not None:
        if not SUBMISSION_KEY.fullmatch(submission_key):
            raise ServiceError(400, "bad_submission_key",
                               "Khoá gửi (Idempotency-Key) phải gồm 1-100 ký tự ASCII nhìn thấy được / "
                               "The Idempotency-Key must be 1-100 visible ASCII characters")
        digest = submission_digest(data)
        earlier = _submitted_with(user, submission_key, digest)
        if earlier is not None:
            return earlier, False
    if not user.has_role("producer"):
        raise Forbidden("producers_only", "Chỉ chủ thể sản xuất được gửi ý tưởng sản phẩm / "
                                          "Only producers submit product ideas")
    named = _named_commune(data)
    model = start_version(user, key, commune=named)
    bundle = bundle_of(model)
    form = bundle.form(bundle.start_form)
    given = {name: value for name, value in entity_values(user).items() if name in form["properties"]}
    existing = _chosen_product(user, data) if "product_id" in form["properties"] else None
    if existing is not None:
        given.update({name: value for name, value in product_fields(existing).items()
                      if name in form["properties"] and value is not None})
    idea = validate_with_choices(form, model.rule_set, {**given, **(data or {})}, entity=user.entity)
    commune = named or db.session.get(AdministrativeUnit, idea["commune_id"])
    district = commune.parent if commune.parent.level == "district" else None
    province = (district or commune).parent
    entity = _producing_entity(user, idea, commune)
    now = clock.now()
    product = existing or Product(entity=entity, name=idea["product_name"], group_code=idea["product_group"],
                                  subgroup_code=idea.get("product_subgroup"), description=idea.get("description"),
                                  created_at=now)
    case = Case(product=product, entity=entity, commune=commune, district=district, province=province,
                process_model=model, status="active", created_by_id=user.id, created_at=now, updated_at=now,
                reference=f"pending-{now.timestamp()}-{user.id}", submission_key=submission_key,
                submission_digest=digest)
    db.session.add(case)
    try:
        db.session.flush()
    except IntegrityError:
        # The same key in flight in another request: its transaction committed first.
        db.session.rollback()
        earlier = _submitted_with(user, submission_key, digest) if submission_key else None
        if earlier is None:
            raise
        return earlier, False
    case.reference = f"OCOP-{province.code or province.id}-{now.year}-{case.id:06d}"
    record("case.submitted", case=case, user=user, product=product.name, process_model_id=model.id,
           version=model.version)
    if section_filled_by(form) is not None:
        record_version(case, section_filled_by(form), bundle.start_form, idea, user, new_case=True)
    begin(case, start_data(case, idea), user)
    return case, True


def open_reevaluation(certificate, key=DEFAULT_KEY):
    """The re-evaluation of a certificate that expires within six months, opened by `flask ocop timers`:
    a new case of the same product and entity on the version in force today in the case's province
    (a product recognised under 2019 is re-evaluated under the rules its province applies now, its
    groups carried over by `directory.groups.carried_over`), linked to the certificate (`Case.previous_certificate_id`), started with the product's idea as it stands now
    (name, group, sub-group, description) on behalf of whoever submitted the first case. Its
    certificate, when it gets one, supersedes the old one. In the caller's transaction; returns the
    case, or None when another runner's transaction opened it first (the unique link refuses a second).
    """
    previous = certificate.case
    model = version_in_force(key, previous.province_id, today())
    bundle = bundle_of(model)
    form = bundle.form(bundle.start_form)
    product, entity = certificate.product, previous.entity
    group, subgroup = carried_over(previous.process_model.rule_set, model.rule_set, product.group_code,
                                   product.subgroup_code)
    known = {"product_name": product.name, "product_group": group,
             "product_subgroup": subgroup, "description": product.description,
             "entity_name": entity.name, "entity_type": entity.entity_type, "commune_id": previous.commune_id}
    idea = validate_with_choices(form, model.rule_set, {name: value for name, value in known.items()
                                                        if name in form["properties"] and value is not None})
    now = clock.now()
    case = Case(product=product, entity=entity, commune_id=previous.commune_id, district_id=previous.district_id,
                province_id=previous.province_id, process_model=model, status="active",
                created_by_id=previous.created_by_id, created_at=now, updated_at=now,
                reference=f"pending-reevaluation-{certificate.id}", previous_certificate_id=certificate.id)
    db.session.add(case)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return None
    case.reference = f"OCOP-{case.province.code or case.province_id}-{now.year}-{case.id:06d}"
    record("case.reevaluation_opened", case=case, product=product.name, certificate=certificate.number,
           valid_until=certificate.valid_until.isoformat(), process_model_id=model.id, version=model.version)
    if section_filled_by(form) is not None:
        record_version(case, section_filled_by(form), bundle.start_form, idea, previous.created_by,
                       new_case=True)
    begin(case, start_data(case, idea), None)
    return case


def submission_digest(data):
    """A fingerprint of what was submitted, to tell a retry from another submission under the same key."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _submitted_with(user, submission_key, digest):
    case = db.session.scalar(select(Case).where(Case.created_by_id == user.id, Case.submission_key == submission_key))
    if case is not None and case.submission_digest != digest:
        raise Unprocessable("submission_key_reused",
                            "Khoá gửi (Idempotency-Key) này đã được dùng cho một ý tưởng khác / "
                            "This Idempotency-Key was already used for another idea")
    return case


def start_data(case, idea):
    return {
        "idea": idea,
        "case": {"id": case.id, "reference": case.reference, "commune_id": case.commune_id,
                 "district_id": case.district_id, "province_id": case.province_id},
        "review_sla": current_app.config["OCOP_REVIEW_SLA"],
        "max_returns": current_app.config["OCOP_MAX_RETURNS"],
        "max_deferrals": current_app.config["OCOP_MAX_DEFERRALS"],
    }


def add_comment(case, user, body):
    comment = Comment(case_id=case.id, author_id=user.id, body=body, created_at=clock.now())
    db.session.add(comment)
    db.session.flush()
    record("comment.added", case=case, user=user, comment_id=comment.id)
    return comment

