"""The programme's figures for a plan year, counted by the database (one aggregate query each, no loop
over cases), against the plan's targets stored per year and unit (service/plan/).

What counts, after the Lai Châu 2020 plan (sections I.1 and II.6):
- a product is *recognised* (công nhận) in a year when it holds a certificate valid on the year's
  reference day (today for this year, so an expired certificate no longer counts; 31 December for a
  past year, the standing the year ended with): issued by then, not expired (`valid_until`), neither
  revoked nor superseded by a re-evaluation's certificate by then (service/certificates/). A product
  is counted once, at its highest valid stars; per level (district, province, national) it is counted
  at each level that recognised it;
- a rating is *in progress* while the case that a council rated runs on (its stars may still change) or
  while its approved result waits for the recognition decision (service/recognition/); a *potential 5★*
  is a running case the province recognised 4★ "tiềm năng 5 sao" (a ≥90 score referred to the Ministry),
  not yet decided nationally (service/recognition/standing.py, as the reports count it): both are apart
  from recognitions and never counted as such;
- a product is *evaluated* in the year when a council scored it then, at any level; a rating below
  3★ that ended the case is *rated, not recognised*;
- an enterprise or cooperative *takes part* with a case submitted in the year;
- *leading products* are those the district or the province selected for the plan year.
A product with several cases counts once. Cases and their steps are counted by the year of submission.
"""
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, distinct, exists, func, or_, select

from .. import clock
from ..cases.listing import local_zone
from ..cases.models import Case, Certificate
from ..cases.operations import RUNNING
from ..directory.models import AdministrativeUnit, ProducingEntity
from ..extensions import db
from ..plan.models import LeadingProduct, PlanTarget
from ..plan.operations import this_year
from ..recognition.models import Recognition
from ..recognition.standing import potential_five
from ..tasks.models import CouncilScore

TAKING_PART = ("enterprise", "cooperative")
STARS = range(1, 6)
LEVELS = ("district", "province", "national")


def years():
    """The years the dashboard offers, newest first: this year, the plans' years, the years of submission."""
    zone = local_zone()
    first = db.session.scalar(select(func.min(Case.created_at)))
    found = {this_year(), *db.session.scalars(select(PlanTarget.year).distinct())}
    if first is not None:
        found.update(range(first.astimezone(zone).year, this_year() + 1))
    return sorted(found, reverse=True)


def reference_day(year):
    """The day a year's recognitions must be valid on: today for this year, the year's last day for a past one."""
    return min(clock.now().astimezone(local_zone()).date(), date(year, 12, 31))


def _between(column, year):
    zone = local_zone()
    return and_(column >= datetime(year, 1, 1, tzinfo=zone), column < datetime(year + 1, 1, 1, tzinfo=zone))


def _valid_certificates(year):
    """Criteria on Certificate: valid on the year's reference day: issued by then, not expired, not revoked
    and not replaced by a re-evaluation's certificate by the end of that day."""
    day = reference_day(year)
    day_ends = datetime.combine(day + timedelta(days=1), time(), tzinfo=local_zone())
    replacement = db.aliased(Certificate)
    return [Certificate.issued_on <= day, Certificate.valid_until >= day,
            or_(Certificate.revoked_at.is_(None), Certificate.revoked_at >= day_ends),
            ~exists().where(replacement.id == Certificate.superseded_by_id, replacement.issued_on <= day)]


def _rated_in(year):
    """Criteria on Case: a council scored it in the year."""
    return Case.id.in_(select(CouncilScore.case_id).where(_between(CouncilScore.created_at, year)))


def _awaiting_decision():
    """Criteria on Case: ended with an approved result that waits for its recognition decision."""
    return and_(Case.status == "completed",
                Case.id.in_(select(Recognition.case_id).where(Recognition.certificate_id.is_(None))))


def _in_progress(year):
    """Criteria on Case: rated in the year, still running (not a potential 5★) or waiting for its decision."""
    return [_rated_in(year), Case.stars.is_not(None),
            or_(and_(Case.status.in_(RUNNING), ~and_(*potential_five())), _awaiting_decision())]


def _per(column, *criteria, counted=Case.product_id, joins=()):
    query = select(column, func.count(distinct(counted))).select_from(Case)
    for target in joins:
        query = query.join(target)
    return dict(db.session.execute(query.where(*criteria).group_by(column)).all())


def _recognised_per(column, year, *criteria, minimum=3):
    """{column value: products with a valid certificate of at least `minimum` stars}, of the cases of `criteria`."""
    return dict(db.session.execute(
        select(column, func.count(distinct(Certificate.product_id))).select_from(Certificate).join(Certificate.case)
        .where(*_valid_certificates(year), Certificate.stars >= minimum, *criteria).group_by(column)).all())


def _leading(year, level, *criteria):
    return dict(db.session.execute(
        select(LeadingProduct.unit_id, func.count(distinct(LeadingProduct.product_id)))
        .where(LeadingProduct.year == year, LeadingProduct.level == level, *criteria)
        .group_by(LeadingProduct.unit_id)).all())


def _figure(value, target, in_progress=None):
    return {"value": value, "target": target, "met": None if target is None else value >= target,
            "in_progress": in_progress}


def targets(year, province_id=None):
    """Per province (that of `province_id` alone when given): its districts with each measure's figure and the
    plan's target for the year (None without a plan), and the province-wide figures. With `province_id`, each
    figure counts that province's cases, certificates and leading products only, not the country's."""
    units = select(AdministrativeUnit).where(AdministrativeUnit.level.in_(("province", "district")))
    if province_id is not None:
        units = units.where(or_(AdministrativeUnit.id == province_id, AdministrativeUnit.parent_id == province_id))
    units = db.session.scalars(units.order_by(AdministrativeUnit.code, AdministrativeUnit.name)).all()
    unit_ids = [unit.id for unit in units]
    cases = [] if province_id is None else [Case.province_id == province_id]
    planned = [] if province_id is None else [PlanTarget.unit_id.in_(unit_ids)]
    leading = [] if province_id is None else [LeadingProduct.unit_id.in_(unit_ids)]
    stored = {(unit_id, measure): value for unit_id, measure, value in db.session.execute(
        select(PlanTarget.unit_id, PlanTarget.measure, PlanTarget.value).where(PlanTarget.year == year, *planned))}
    district_figures = {
        "leading": _leading(year, "district", *leading),
        "evaluated": _per(Case.district_id, _rated_in(year), *cases),
        "three_stars": _recognised_per(Case.district_id, year, *cases),
        "entities": _per(Case.district_id, _between(Case.created_at, year),
                         ProducingEntity.entity_type.in_(TAKING_PART), *cases, counted=Case.entity_id,
                         joins=[ProducingEntity]),
    }
    three_stars_rating = _per(Case.district_id, *_in_progress(year), Case.stars >= 3, *cases)
    province_leading = _leading(year, "province", *leading)
    province_recognised = _recognised_per(Case.province_id, year, *cases)
    provinces = []
    for province in (unit for unit in units if unit.level == "province"):
        districts = []
        for unit in (unit for unit in units if unit.parent_id == province.id):
            figures = {name: _figure(figure.get(unit.id, 0), stored.get((unit.id, name)))
                       for name, figure in district_figures.items()}
            figures["three_stars"]["in_progress"] = three_stars_rating.get(unit.id, 0)
            districts.append({"id": unit.id, "name": unit.name, "figures": figures})
        planned = {province.id, *(district["id"] for district in districts)}
        provinces.append({"id": province.id, "name": province.name, "districts": districts,
                          "has_plan": any(unit_id in planned for unit_id, _ in stored),
                          "leading": _figure(province_leading.get(province.id, 0), stored.get((province.id, "leading"))),
                          "recognised": _figure(province_recognised.get(province.id, 0),
                                                stored.get((province.id, "recognised")))})
    return provinces


def cases_by_step(year):
    """[(status, step title or None, count)] of the cases submitted in the year: active ones by the step
    they wait at, the others by status."""
    return db.session.execute(
        select(Case.status, Case.current_step_title, func.count()).where(_between(Case.created_at, year))
        .group_by(Case.status, Case.current_step_title).order_by(func.count().desc())).all()


def products_by_stars(year):
    """{series: {stars: products}} for 1 to 5 stars: recognised (at the highest valid stars), rated and not
    recognised, ratings in progress, potential 5★ (at 5)."""
    best = (select(Certificate.product_id, func.max(Certificate.stars).label("stars"))
            .where(*_valid_certificates(year)).group_by(Certificate.product_id).subquery())
    recognised = dict(db.session.execute(select(best.c.stars, func.count()).group_by(best.c.stars)).all())
    certified = select(Certificate.product_id).where(*_valid_certificates(year))
    rated = _per(Case.stars, _rated_in(year), Case.status == "completed", Case.stars.is_not(None),
                 Case.product_id.not_in(certified), ~_awaiting_decision())
    in_progress = _per(Case.stars, *_in_progress(year))
    potential = db.session.scalar(select(func.count(distinct(Case.product_id))).where(_rated_in(year),
                                                                                      *potential_five()))
    series = {"recognised": recognised, "rated": rated, "in_progress": in_progress, "potential": {5: potential}}
    return {name: {stars: counts.get(stars, 0) for stars in STARS} for name, counts in series.items()}


def recognised_by_level(year):
    """{level: products with a valid certificate of that level}."""
    counts = dict(db.session.execute(
        select(Certificate.level, func.count(distinct(Certificate.product_id))).where(*_valid_certificates(year))
        .group_by(Certificate.level)).all())
    return {level: counts.get(level, 0) for level in LEVELS}


def products_by_district(year, district_ids):
    """{district id: products taking part with a case submitted in the year}, for the districts of `district_ids`."""
    return _per(Case.district_id, Case.district_id.in_(district_ids), _between(Case.created_at, year))


def totals(year):
    """(cases, products, entities) of the cases submitted in the year."""
    return db.session.execute(select(func.count(Case.id), func.count(distinct(Case.product_id)),
                                     func.count(distinct(Case.entity_id))).where(_between(Case.created_at, year))).one()
