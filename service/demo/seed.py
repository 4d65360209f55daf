"""Loading the demo data. Running a function again adds what is missing and brings existing rows
back in line with service/demo/data.py; passwords of existing accounts are left alone.

The functions add to the session and flush; the caller commits.
"""
from sqlalchemy import select

from ..auth.models import Role, RoleAssignment, User
from ..criteria.operations import seed_bundled_sheets
from ..directory.groups import seed_classification
from ..directory.models import (AdministrativeUnit, Council, CouncilMember, DocumentRequirement, ProducingEntity,
                                Product, ProductGroup)
from ..extensions import db
from ..plan.models import PlanTarget
from ..process_models.models import RuleSetAdoption
from . import data


def _upsert(model, key, **values):
    """The row of `model` matching the columns in `key`, created if missing, updated with `values`."""
    row = db.session.scalar(select(model).filter_by(**key))
    if row is None:
        row = model(**key, **values)
        db.session.add(row)
    else:
        for name, value in values.items():
            setattr(row, name, value)
    db.session.flush()
    return row


def find_unit(path):
    """A demo unit by name: the province ("Lai Châu"), a district ("Tam Đường") or "Tam Đường/Bình Lư"."""
    province = db.session.scalar(select(AdministrativeUnit).filter_by(level="province", name=data.PROVINCE["name"]))
    if path == province.name:
        return province
    district_name, _, commune_name = path.partition("/")
    district = db.session.scalar(select(AdministrativeUnit).filter_by(level="district", name=district_name,
                                                                      parent_id=province.id))
    if not commune_name:
        return district
    return db.session.scalar(select(AdministrativeUnit).filter_by(level="commune", name=commune_name,
                                                                  parent_id=district.id))


def find_user(username):
    return db.session.scalar(select(User).filter_by(username=username))


def seed_reference_data():
    """Lai Châu's units and the rule set it applies (1048, the 2019 rules, from its 2020 plan), the roles, the
    product groups of every rule set, the dossier checklists of every rule set, the bundled
    criteria sheets (service/criteria/data/), the real producers and their products, and the targets of the
    province's yearly plans (2020)."""
    province = _upsert(AdministrativeUnit, {"level": "province", "name": data.PROVINCE["name"], "parent_id": None},
                       code=data.PROVINCE["code"])
    for code, name in data.DISTRICTS.items():
        _upsert(AdministrativeUnit, {"level": "district", "name": name, "parent_id": province.id}, code=code)
    for district_name, communes in data.COMMUNES.items():
        district = find_unit(district_name)
        for name in communes:
            _upsert(AdministrativeUnit, {"level": "commune", "name": name, "parent_id": district.id})

    rule_set, effective_from, decision = data.RULE_SET_ADOPTION
    _upsert(RuleSetAdoption, {"province_id": province.id, "effective_from": effective_from}, rule_set=rule_set,
            decision=decision)

    for code, name_vi, name_en, level in data.ROLES:
        _upsert(Role, {"code": code}, name_vi=name_vi, name_en=name_en, level=level)

    for code, name_vi, name_en, subgroups in data.PRODUCT_GROUPS_2019:
        group = _upsert(ProductGroup, {"rule_set": "2019", "code": code}, name_vi=name_vi, name_en=name_en,
                        parent_id=None)
        for sub_code, sub_vi, sub_en in subgroups:
            _upsert(ProductGroup, {"rule_set": "2019", "code": sub_code}, name_vi=sub_vi, name_en=sub_en,
                    parent_id=group.id)
    seed_classification()
    seed_bundled_sheets()

    for rule_set, items in data.DOSSIER_CHECKLISTS.items():
        for position, (code, name_vi, name_en, required, condition) in enumerate(items, start=1):
            _upsert(DocumentRequirement, {"rule_set": rule_set, "code": code}, name_vi=name_vi, name_en=name_en,
                    required=required, condition=condition, position=position)

    for name, entity_type, district_name, commune_name, products in data.ENTITIES:
        commune = find_unit(f"{district_name}/{commune_name}")
        entity = _upsert(ProducingEntity, {"name": name, "commune_id": commune.id}, entity_type=entity_type)
        for product_name, group_code, subgroup_code in products:
            _upsert(Product, {"entity_id": entity.id, "name": product_name},
                    group_code=group_code, subgroup_code=subgroup_code)

    districts = [find_unit(name) for name in data.DISTRICTS.values()]
    for year, targets in data.PLAN_TARGETS.items():
        for level, units in (("province", [province]), ("district", districts)):
            for unit in units:
                for measure, value, source in targets[level]:
                    _upsert(PlanTarget, {"year": year, "unit_id": unit.id, "measure": measure}, value=value,
                            source=source)


def seed_demo_accounts():
    """The demo accounts (password "demo"), their roles, and the councils with their members."""
    for username, full_name, role_code, unit_path, entity_name in data.ACCOUNTS:
        entity = db.session.scalar(select(ProducingEntity).filter_by(name=entity_name)) if entity_name else None
        user = find_user(username)
        if user is None:
            user = User(username=username)
            user.set_password(data.DEMO_PASSWORD)
            db.session.add(user)
        user.full_name, user.is_demo, user.is_active = full_name, True, True
        user.entity_id = entity.id if entity is not None else None
        db.session.flush()
        unit_id = find_unit(unit_path).id if unit_path else None
        _upsert(RoleAssignment, {"user_id": user.id, "role_code": role_code, "unit_id": unit_id})

    for level, unit_path, name, founded in data.COUNCILS:
        unit_id = find_unit(unit_path).id if unit_path else None
        number, day = founded or (None, None)
        council = _upsert(Council, {"level": level, "unit_id": unit_id}, name=name, decision_number=number,
                          decision_date=day, term_from=day)
        for username, position in data.COUNCIL_MEMBERS[level]:
            _upsert(CouncilMember, {"council_id": council.id, "user_id": find_user(username).id}, position=position)
