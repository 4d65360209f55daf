"""The choices the directory gives to forms, filled into their JSON Schema where a field asks for them.

A form field named `product_group`, `product_subgroup`, `commune_id` or `product_id` takes its values
from the directory, not from the form: the product groups of the case's rule set (top-level groups,
then their sub-groups), the communes (those of the province whose rules the form follows; in a directory of
several provinces, the pages and the API ask for the province first, `chosen_province`), and the producing
entity's own products (a registration for an existing product; none without an entity). `with_choices` fills
them into a copy of the form's schema as `enum` with `x-enum-titles` ({value: "Tiếng Việt / English"});
`product_id` also carries `x-product-fields` ({id: {product_name, product_group, product_subgroup,
description}}), the values the product's fields default to when it is chosen. That schema is what the API
publishes and what the web page renders (`SchemaForm`). Submitted data is validated against the same schema
(`validate_with_choices`, which also checks that the sub-group belongs to the group), except that a commune
or a product is looked up by its id rather than listed: a country has some ten thousand communes and an
entity may register any number of products, and a submission should not read them all.
"""
from sqlalchemy import or_, select, true

from ..errors import Unprocessable
from ..extensions import db
from ..database import database_id
from ..forms.validation import validate_form_data
from .models import AdministrativeUnit, Product, ProductGroup

FIELDS = ("product_group", "product_subgroup", "commune_id", "product_id")
NO_SUCH_PROVINCE = "Không có tỉnh này trong danh mục / No such province in the directory"
LOOKED_UP = ("commune_id", "product_id")  # validated by looking the submitted id up, not by listing the choices


def province_choices():
    """[(id, name)] of the directory's provinces (the units without a parent, read by the index of parents), by
    name: what a page asks to choose from before it lists a province's units, when the directory holds several."""
    return db.session.execute(select(AdministrativeUnit.id, AdministrativeUnit.name)
                              .where(AdministrativeUnit.parent_id.is_(None), AdministrativeUnit.level == "province")
                              .order_by(AdministrativeUnit.name)).all()


def within(column, unit_ids):
    """The clause that `column` (of units' ids) holds one of the units `unit_ids` or a unit below one of them (a
    province's districts and communes, a district's communes): lookups in the index of parents, not a pass over
    every unit of the directory."""
    children = select(AdministrativeUnit.id).where(AdministrativeUnit.parent_id.in_(unit_ids))
    below = select(AdministrativeUnit.id).where(or_(AdministrativeUnit.parent_id.in_(unit_ids),
                                                    AdministrativeUnit.parent_id.in_(children)))
    return or_(column.in_(unit_ids), column.in_(below))


def within_province(column, province):
    """`within` the province, or no condition when `province` is None (the whole directory)."""
    return true() if province is None else within(column, [province.id])


def chosen_province(asked):
    """(province, provinces, errors) of a page that lists units of one province, `asked` being its `province_id`
    query argument. In a directory of several provinces: the provinces to choose from ([(id, name)]) and the one
    `asked` names (None until one is chosen, with an error when `asked` names none). Otherwise nothing to choose:
    the directory's only province (None when it has none)."""
    provinces = province_choices()
    if len(provinces) < 2:
        return (db.session.get(AdministrativeUnit, provinces[0][0]) if provinces else None), [], {}
    asked = asked.strip()
    if asked and asked not in {str(unit_id) for unit_id, _ in provinces}:
        return None, provinces, {"province_id": [NO_SUCH_PROVINCE]}
    return (db.session.get(AdministrativeUnit, int(asked)) if asked else None), provinces, {}


def commune_choices(province=None, commune_id=None):
    """[(id, "Commune, District")] of the communes of `province` (its districts' and its own), or of every commune
    without one, by district; with `commune_id`, that commune's alone (none when it is not a commune)."""
    district = db.aliased(AdministrativeUnit)
    statement = (select(AdministrativeUnit.id, AdministrativeUnit.name, district.name)
                 .join(district, district.id == AdministrativeUnit.parent_id)
                 .where(AdministrativeUnit.level == "commune").order_by(district.name, AdministrativeUnit.name))
    if province is not None:
        statement = statement.where(or_(district.id == province.id, district.parent_id == province.id))
    if commune_id is not None:
        statement = statement.where(AdministrativeUnit.id == commune_id)
    return [(unit_id, f"{name}, {district_name}") for unit_id, name, district_name in db.session.execute(statement)]


def _group_choices(rule_set):
    """{"product_group": [(code, title)], "product_subgroup": [(code, "Sector › … › Set" title)]}: the sectors
    and the sets (the rule set's groups without groups under them; 2023 and 2025 have a level between)."""
    groups = db.session.scalars(select(ProductGroup).where(ProductGroup.rule_set == rule_set)
                                .order_by(ProductGroup.id)).all()
    by_id = {group.id: group for group in groups}
    parents = {group.parent_id for group in groups}

    def path(group):
        return path(by_id[group.parent_id]) + [group] if group.parent_id is not None else [group]

    return {
        "product_group": [(group.code, f"{group.name_vi} / {group.name_en}")
                          for group in groups if group.parent_id is None],
        "product_subgroup": [(group.code, " › ".join(step.name_vi for step in path(group)) + " / "
                              + " › ".join(step.name_en for step in path(group)))
                             for group in groups if group.parent_id is not None and group.id not in parents],
    }


def entity_products(entity):
    """The entity's products, oldest first (none without an entity)."""
    if entity is None:
        return []
    return db.session.scalars(select(Product).where(Product.entity_id == entity.id).order_by(Product.id)).all()


def product_fields(product):
    """The start form's product fields as an existing product gives them."""
    return {"product_name": product.name, "product_group": product.group_code,
            "product_subgroup": product.subgroup_code, "description": product.description}


def with_choices(schema, rule_set, entity=None, province=None):
    """A copy of the form's JSON Schema with the directory's choices of its fields (FIELDS) as `enum` and
    `x-enum-titles` (`product_id`: the products of `entity`; `commune_id`: the communes of `province`, or every
    commune in a directory without provinces); the schema itself when it has none of these fields."""
    properties = schema["properties"]
    wanted = [name for name in FIELDS if name in properties]
    if not wanted:
        return schema
    choices = _group_choices(rule_set) if {"product_group", "product_subgroup"} & set(wanted) else {}
    if "commune_id" in wanted:
        choices["commune_id"] = commune_choices(province)
    products = entity_products(entity) if "product_id" in wanted else []
    choices["product_id"] = [(product.id, product.name) for product in products]
    filled = _filled(properties, wanted, choices)
    if "product_id" in wanted:
        filled["product_id"]["x-product-fields"] = {str(product.id): product_fields(product) for product in products}
    return {**schema, "properties": filled}


def _filled(properties, names, choices):
    """The properties with the fields `names` given their choices ({name: [(value, title)]})."""
    filled = dict(properties)
    for name in names:
        filled[name] = {**properties[name], "enum": [value for value, _ in choices[name]],
                        "x-enum-titles": {str(value): title for value, title in choices[name]}}
    return filled


def _is_choice(name, value, entity):
    """Whether `value` is one of the choices of the looked-up field `name` (LOOKED_UP): a commune of the
    directory, or a product of `entity`; one statement, whatever their number. A whole number may be written
    with a fraction part (5.0), as the form's validation allows."""
    value = database_id(value)
    if value is None:
        return False
    if name == "commune_id":
        return bool(commune_choices(commune_id=value))
    if entity is None:
        return False
    return db.session.scalar(select(Product.id).where(Product.id == value, Product.entity_id == entity.id)) is not None


def validate_with_choices(schema, rule_set, data, group=None, entity=None):
    """`data` validated against the form with its choices (`validate_form_data`; `product_id` among the
    products of `entity`), and its sub-group checked against its group (or, when the form leaves the
    group out, against `group`, the product's own). The groups are listed as `with_choices` lists them; a
    commune or a product is looked up (`_is_choice`): its field's choices are the submitted id when it is one,
    none otherwise."""
    properties = schema["properties"]
    listed = [name for name in FIELDS if name in properties and name not in LOOKED_UP]
    if listed:
        schema = {**schema, "properties": _filled(properties, listed, _group_choices(rule_set))}
    looked_up = [name for name in LOOKED_UP if name in properties and isinstance(data, dict) and name in data]
    if looked_up:
        given = {name: [(data[name], "")] if _is_choice(name, data[name], entity) else [] for name in looked_up}
        schema = {**schema, "properties": _filled(schema["properties"], looked_up, given)}
    values = validate_form_data(schema, data)
    subgroup, group = values.get("product_subgroup"), values.get("product_group") or group
    if subgroup and group:
        sector = db.session.scalar(select(ProductGroup).where(ProductGroup.rule_set == rule_set,
                                                              ProductGroup.code == subgroup))
        while sector is not None and sector.parent is not None:
            sector = sector.parent
        if sector is None or sector.code == subgroup or sector.code != group:
            raise Unprocessable("invalid_form", "Dữ liệu biểu mẫu không hợp lệ / The form data is invalid",
                                details={"product_subgroup": ["Phân nhóm không thuộc nhóm sản phẩm đã chọn / "
                                                              "The sub-group is not part of the chosen product group"]})
    return values
