"""The official product classification of the 2023 and 2025 rule sets (data/classification.json, with its
sources): sector → group → set, each set with its responsible ministry, loaded as `ProductGroup` rows; and
how a product's 2019 groups carry over to a later rule set when it is re-evaluated."""
import json
from pathlib import Path

from sqlalchemy import select

from ..extensions import db
from .models import ProductGroup

CLASSIFICATION = json.loads((Path(__file__).parent / "data" / "classification.json").read_text(encoding="utf-8"))


def _load(rule_set, node, parent):
    group = db.session.scalar(select(ProductGroup).filter_by(rule_set=rule_set, code=node["code"]))
    if group is None:
        group = ProductGroup(rule_set=rule_set, code=node["code"])
        db.session.add(group)
    group.name_vi, group.name_en = node["name_vi"], node["name_en"]
    group.ministry, group.parent = node.get("ministry"), parent
    db.session.flush()
    for child in node.get("children", []):
        _load(rule_set, child, group)


def seed_classification():
    """Add or bring up to date the product groups of every rule set in the data file."""
    for rule_set, sectors in CLASSIFICATION["rule_sets"].items():
        for sector in sectors:
            _load(rule_set, sector, None)


def _sector_of(rule_set, code):
    group = db.session.scalar(select(ProductGroup).filter_by(rule_set=rule_set, code=code))
    while group is not None and group.parent is not None:
        group = group.parent
    return group.code if group is not None else None


def carried_over(from_rule_set, to_rule_set, group_code, subgroup_code):
    """(group, sub-group) of a product under `to_rule_set`: unchanged within a rule set; a 2019 sub-group
    mapped to its set in the later classification (sector from the set); (None, None) when unknown."""
    if from_rule_set == to_rule_set:
        return group_code, subgroup_code
    subgroup = CLASSIFICATION["carried_over"].get(from_rule_set, {}).get(subgroup_code or "")
    if subgroup is None:
        return None, None
    return _sector_of(to_rule_set, subgroup), subgroup
