"""What people do with cases: submit a product idea, comment on it."""
from flask import current_app
from sqlalchemy import select

from .. import clock
from ..audit.log import record
from ..directory.models import AdministrativeUnit, ProducingEntity, Product, ProductGroup
from ..errors import Forbidden, Unprocessable
from ..extensions import db
from ..forms import validate_form_data
from ..process_models.operations import DEFAULT_KEY, bundle_of, latest_version
from .models import Case, Comment
from .progress import begin


def _idea_problems(idea, rule_set):
    problems = {}
    group = db.session.scalar(select(ProductGroup).where(
        ProductGroup.rule_set == rule_set, ProductGroup.code == idea["product_group"], ProductGroup.parent_id.is_(None)))
    if group is None:
        problems["product_group"] = ["Nhóm sản phẩm không tồn tại / Unknown product group"]
    elif idea.get("product_subgroup"):
        subgroup = db.session.scalar(select(ProductGroup).where(
            ProductGroup.rule_set == rule_set, ProductGroup.code == idea["product_subgroup"]))
        if subgroup is None or subgroup.parent_id != group.id:
            problems["product_subgroup"] = ["Phân nhóm không thuộc nhóm sản phẩm đã chọn / "
                                            "The sub-group is not part of the chosen product group"]
    commune = db.session.get(AdministrativeUnit, idea["commune_id"])
    if commune is None or commune.level != "commune":
        problems["commune_id"] = ["Xã không tồn tại / Unknown commune"]
    return problems, commune


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


def submit_idea(user, data, key=DEFAULT_KEY):
    """A producer submits a product idea: product, case and workflow, on the latest process version."""
    if not user.has_role("producer"):
        raise Forbidden("producers_only", "Chỉ chủ thể sản xuất được gửi ý tưởng sản phẩm / "
                                          "Only producers submit product ideas")
    model = latest_version(key)
    if model is None:
        raise Unprocessable("no_process_model", "Chưa có quy trình nào được triển khai / No process is deployed")
    bundle = bundle_of(model)
    idea = validate_form_data(bundle.form(bundle.start_form), data or {})
    problems, commune = _idea_problems(idea, model.rule_set)
    if problems:
        raise Unprocessable("invalid_form", "Dữ liệu biểu mẫu không hợp lệ / The form data is invalid",
                            details=problems)
    district = commune.parent if commune.parent.level == "district" else None
    province = (district or commune).parent
    entity = _producing_entity(user, idea, commune)
    now = clock.now()
    product = Product(entity=entity, name=idea["product_name"], group_code=idea["product_group"],
                      subgroup_code=idea.get("product_subgroup"), description=idea.get("description"),
                      created_at=now)
    case = Case(product=product, entity=entity, commune_id=commune.id, district_id=district.id if district else None,
                province_id=province.id, process_model=model, status="active", created_by_id=user.id,
                created_at=now, updated_at=now, reference=f"pending-{now.timestamp()}-{user.id}")
    db.session.add(case)
    db.session.flush()
    case.reference = f"OCOP-{province.code or province.id}-{now.year}-{case.id:06d}"
    record("case.submitted", case=case, user=user, product=product.name, process_model_id=model.id,
           version=model.version)
    # The submission is kept even if the engine then fails: the case waits as an incident
    # that an administrator retries, instead of the producer's idea being lost.
    db.session.commit()
    begin(case, start_data(case, idea), user)
    return case


def start_data(case, idea):
    return {
        "idea": idea,
        "case": {"id": case.id, "reference": case.reference, "commune_id": case.commune_id,
                 "district_id": case.district_id, "province_id": case.province_id},
        "review_sla": current_app.config["OCOP_REVIEW_SLA"],
        "max_returns": current_app.config["OCOP_MAX_RETURNS"],
    }


def add_comment(case, user, body):
    comment = Comment(case_id=case.id, author_id=user.id, body=body, created_at=clock.now())
    db.session.add(comment)
    db.session.flush()
    record("comment.added", case=case, user=user, comment_id=comment.id)
    return comment

