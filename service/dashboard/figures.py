"""The programme's figures, counted by the database (one aggregate query each, no loop over cases).

What counts, after the Lai Châu 2020 plan (sections I.1 and II.6):
- a product is *evaluated* once a council has scored its case, at any level;
- a product is *at n stars* by its case's latest rating (`Case.stars`), unless the case was rejected;
- an enterprise or cooperative *takes part* when it has at least one case;
- the province's *3-5 star products* are those the provincial or national council rated 3 to 5 stars.
A product with several cases counts once.
"""
from sqlalchemy import distinct, func, select

from ..cases.models import Case
from ..directory.models import AdministrativeUnit, ProducingEntity
from ..extensions import db
from ..tasks.models import CouncilScore

DISTRICT_TARGETS = {"evaluated": 2, "three_stars": 1, "entities": 1}
PROVINCE_TARGET = 2
TAKING_PART = ("enterprise", "cooperative")
STARS = range(1, 6)


def _scored(*levels):
    scores = select(CouncilScore.case_id)
    return Case.id.in_(scores.where(CouncilScore.level.in_(levels)) if levels else scores)


def _per(column, *criteria, counted=Case.product_id, joins=()):
    query = select(column, func.count(distinct(counted))).select_from(Case)
    for target in joins:
        query = query.join(target)
    return dict(db.session.execute(query.where(*criteria).group_by(column)).all())


def targets():
    """Per province: its districts with each target's figure, and the province-wide figure."""
    evaluated = _per(Case.district_id, _scored())
    three_stars = _per(Case.district_id, Case.stars >= 3, Case.status != "rejected")
    entities = _per(Case.district_id, ProducingEntity.entity_type.in_(TAKING_PART), counted=Case.entity_id,
                    joins=[ProducingEntity])
    province_stars = _per(Case.province_id, Case.stars.between(3, 5), Case.status != "rejected",
                          _scored("province", "national"))
    units = db.session.scalars(select(AdministrativeUnit).where(AdministrativeUnit.level.in_(("province", "district")))
                               .order_by(AdministrativeUnit.code, AdministrativeUnit.name)).all()
    provinces = []
    for province in (unit for unit in units if unit.level == "province"):
        districts = [{"id": unit.id, "name": unit.name, "figures": {
            name: {"value": figure.get(unit.id, 0), "target": DISTRICT_TARGETS[name],
                   "met": figure.get(unit.id, 0) >= DISTRICT_TARGETS[name]}
            for name, figure in (("evaluated", evaluated), ("three_stars", three_stars), ("entities", entities))}}
            for unit in units if unit.parent_id == province.id]
        value = province_stars.get(province.id, 0)
        provinces.append({"name": province.name, "districts": districts,
                          "three_to_five_stars": {"value": value, "target": PROVINCE_TARGET,
                                                  "met": value >= PROVINCE_TARGET}})
    return provinces


def cases_by_step():
    """[(status, step title or None, count)]: active cases by the step they wait at, the others by status."""
    return db.session.execute(
        select(Case.status, Case.current_step_title, func.count())
        .group_by(Case.status, Case.current_step_title).order_by(func.count().desc())).all()


def products_by_stars():
    """{stars: products} for 1 to 5 stars."""
    counts = _per(Case.stars, Case.stars.is_not(None), Case.status != "rejected")
    return {stars: counts.get(stars, 0) for stars in STARS}


def products_by_district():
    """{district id: products taking part}."""
    return _per(Case.district_id, Case.district_id.is_not(None))


def totals():
    return db.session.execute(select(func.count(Case.id), func.count(distinct(Case.product_id)),
                                     func.count(distinct(Case.entity_id)))).one()
