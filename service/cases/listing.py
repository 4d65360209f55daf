"""The case list: the one query behind `GET /api/v1/cases`, the `/cases` page and its Excel file.

`case_list(user, filters, sort, order)` is a SELECT of the cases this user may see
(`visible_cases`), narrowed by the filters of `CaseQuery` and sorted by a whitelisted column
with the case id as the tie-breaker; the product, the producing entity and the units come in
the same query. Callers page it with `db.paginate` or cap it for the export.
"""
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import aliased, contains_eager, joinedload, selectinload

from .. import clock
from ..directory.choices import province_choices, within
from ..directory.models import AdministrativeUnit, ProducingEntity, Product
from ..extensions import db
from ..paging import COUNT_LIMIT
from .access import role_levels, visible_cases
from .models import Case

SORTS = {
    "reference": Case.reference,
    "product": Product.name,
    "producer": ProducingEntity.name,
    "district": AdministrativeUnit.name,  # the case's district, the one unit joined
    "step": Case.current_step_title,
    "status": Case.status,
    "stars": Case.stars,
    "submitted": Case.created_at,
    "updated": Case.updated_at,
}
EMPTY_LAST = {"district", "step", "stars"}  # the sorts whose value may be missing; the others are read in index order
ORDERS = ("asc", "desc")
DEFAULT_SORT, DEFAULT_ORDER = "submitted", "desc"
SEARCH_LIMIT = COUNT_LIMIT  # a search matching at most this many cases lists them by id (`matching_cases`)
FILTERS = ("q", "status", "province_id", "district_id", "commune_id", "step", "product_group", "stars", "year")


def local_zone():
    """The time zone of the programme's dates (BABEL_DEFAULT_TIMEZONE): a year runs from its 1 January there."""
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def case_list(user, filters, sort=DEFAULT_SORT, order=DEFAULT_ORDER):
    """The cases `user` may see matching `filters` (the keys of FILTERS; absent keys filter nothing),
    sorted by `sort` (a key of SORTS) ascending or descending, cases without a value last."""
    statement = (select(Case).join(Case.product).join(Case.entity).outerjoin(Case.district)
                 .options(contains_eager(Case.product), contains_eager(Case.entity), contains_eager(Case.district),
                          joinedload(Case.commune), selectinload(Case.certificates),
                          selectinload(Case.recognitions))
                 .where(visible_cases(user)))
    if filters.get("q"):
        statement = statement.where(matching_cases(filters["q"]))
    for name in ("status", "province_id", "district_id", "commune_id", "stars"):
        if filters.get(name) is not None:
            statement = statement.where(getattr(Case, name) == filters[name])
    if filters.get("step"):
        statement = statement.where(Case.current_step == filters["step"])
    if filters.get("product_group"):
        statement = statement.where(Product.group_code == filters["product_group"])
    if filters.get("year"):
        zone = local_zone()
        statement = statement.where(Case.created_at >= datetime(filters["year"], 1, 1, tzinfo=zone),
                                    Case.created_at < datetime(filters["year"] + 1, 1, 1, tzinfo=zone))
    column = SORTS[sort]
    direction = (lambda c: c.desc()) if order == "desc" else (lambda c: c.asc())
    empty_last = (column.is_(None),) if sort in EMPTY_LAST else ()
    return statement.order_by(*empty_last, direction(column), direction(Case.id))


def matching_cases(text):
    """The clause of a search (`q`): the case's reference, product or producer contains `text`, whatever the case of
    its letters ("%" and "_" searched as themselves).

    Matching every row of a list against three columns reads every case the user may see whenever few match (352
    ms at 100,000 cases on SQLite). So the cases that match are first looked up in each column, each read on
    PostgreSQL through a trigram index (migration 0028_casesearch) and then the cases by their product's or
    producer's index: when they are at most SEARCH_LIMIT, the list takes those cases by id. A search matching more
    (a word most products share) reads the list in its order instead and stops at its page and at the count's
    limit, as an unfiltered list does."""
    def contains(column):
        return column.icontains(text, autoescape=True)

    found = db.session.scalars(union_all(
        select(Case.id).where(contains(Case.reference)),
        select(Case.id).where(Case.product_id.in_(select(Product.id).where(contains(Product.name)))),
        select(Case.id).where(Case.entity_id.in_(select(ProducingEntity.id).where(contains(ProducingEntity.name)))))
        .limit(SEARCH_LIMIT + 1)).all()
    if len(found) <= SEARCH_LIMIT:
        return Case.id.in_(set(found))
    return or_(contains(Case.reference), contains(Product.name), contains(ProducingEntity.name))


def submission_years(user):
    """The years in which cases this user may see were submitted, from the first to this year, newest first."""
    first = db.session.scalar(select(func.min(Case.created_at)).where(visible_cases(user)))
    if first is None:
        return []
    zone = local_zone()
    first_year = first.astimezone(zone).year
    this_year = max(clock.now().astimezone(zone).year, first_year)
    return list(range(this_year, first_year - 1, -1))


def _jurisdiction(user):
    """(covered, everything): the ids of the units the user's roles hold (their commune, district or province;
    a producer's entity's commune), and whether they see every unit (administrators and national roles)."""
    levels = role_levels()
    covered, everything = set(), user.has_role("admin")
    for assignment in user.role_assignments:
        level = levels.get(assignment.role_code)
        if level == "national":
            everything = True
        elif level in ("commune", "district", "province") and assignment.unit_id is not None:
            covered.add(assignment.unit_id)
    if user.entity is not None and user.has_role("producer"):
        covered.add(user.entity.commune_id)
    return covered, everything


def _districts(covered, everything, province_id=None):
    """The districts of a jurisdiction (`_jurisdiction`), with their province, by name: those it holds, those of
    its provinces and those of its communes; with `province_id`, those of that province only."""
    districts = (select(AdministrativeUnit).options(joinedload(AdministrativeUnit.parent))
                 .where(AdministrativeUnit.level == "district").order_by(AdministrativeUnit.name))
    if province_id is not None:
        districts = districts.where(AdministrativeUnit.parent_id == province_id)
    if not everything:
        commune = aliased(AdministrativeUnit)
        districts = districts.where(or_(AdministrativeUnit.id.in_(covered), AdministrativeUnit.parent_id.in_(covered),
                                        AdministrativeUnit.id.in_(select(commune.parent_id)
                                                                  .where(commune.id.in_(covered)))))
    return db.session.scalars(districts).all()


class FilterUnits(NamedTuple):
    """What a filter form offers of the directory, and the unit filters it applies."""
    provinces: list  # [(id, name)], chosen first: only in a national view of a directory of several provinces
    districts: list  # units with their province (`parent`), by name
    communes: list  # units with their district (`parent`), by district and name
    filters: dict  # the filters given, a national view's units kept only within the unit chosen above them


def _chosen_units(filters):
    """The filters with the province, district and commune of a national view made to agree: a unit below one
    chosen gives the province (and district) it lies in, and a district or commune outside the province (or
    district) chosen is dropped, since a form without script sends the district chosen before with the province
    chosen since."""
    commune = db.session.get(AdministrativeUnit, filters["commune_id"]) if filters.get("commune_id") else None
    district = (db.session.get(AdministrativeUnit, filters["district_id"]) if filters.get("district_id")
                else commune.parent if commune is not None else None)
    province_id = filters.get("province_id") or (district.parent_id if district is not None else None)
    if district is not None and district.parent_id != province_id:
        district = None
    if commune is not None and (district is None or commune.parent_id != district.id):
        commune = None
    units = {"province_id": province_id, "district_id": district and district.id, "commune_id": commune and commune.id}
    return {**{name: value for name, value in filters.items() if name not in units},
            **{name: value for name, value in units.items() if value is not None}}


def districts_within(user, filters):
    """`FilterUnits` of a form that filters by district (no communes): the districts within the user's
    jurisdiction (`_jurisdiction`). Administrators and national roles see every district, but in a directory of
    several provinces they choose the province first (a country has some seven hundred districts): the provinces,
    then the districts of the province chosen (`filters["province_id"]`, else that of the district or commune
    chosen), none before one is."""
    return _districts_within(*_jurisdiction(user), filters)


def _districts_within(covered, everything, filters):
    return districts_to_choose(lambda province_id=None: _districts(covered, everything, province_id), filters,
                               national=everything)


def districts_to_choose(districts_of, filters, national=True):
    """`FilterUnits` of a form that filters by district, the districts being `districts_of(province_id=None)`'s (a
    province's, or all): a national view (`national`) of a directory of several provinces offers the provinces,
    then the districts of the province chosen (`filters["province_id"]`, else that of the district chosen), none
    before one is; any other view offers `districts_of()`."""
    provinces = province_choices() if national else []
    if len(provinces) < 2:
        return FilterUnits([], districts_of(), [], filters)
    filters = _chosen_units(filters)
    province_id = filters.get("province_id")
    return FilterUnits(provinces, districts_of(province_id) if province_id else [], [], filters)


def units_within(user, filters):
    """`FilterUnits` of a form that filters by district and commune: the districts of `districts_within` and the
    communes within the user's jurisdiction, by district and name: those of their commune, district or province
    (the entity's commune for a producer), every commune for administrators and national roles, but in a directory
    of several provinces only those of the district chosen (else of the chosen commune's district): a country has
    some ten thousand communes, and none are listed before a district is chosen."""
    covered, everything = _jurisdiction(user)
    units = _districts_within(covered, everything, filters)
    parent = aliased(AdministrativeUnit)
    communes = (select(AdministrativeUnit).join(parent, parent.id == AdministrativeUnit.parent_id)
                .options(contains_eager(AdministrativeUnit.parent.of_type(parent)))
                .where(AdministrativeUnit.level == "commune").order_by(parent.name, AdministrativeUnit.name))
    if units.provinces:
        district_id = units.filters.get("district_id")
        communes = db.session.scalars(communes.where(parent.id == district_id)).all() if district_id else []
    elif everything:
        communes = db.session.scalars(communes).all()
    else:
        communes = db.session.scalars(communes.where(within(AdministrativeUnit.id, covered))).all()
    return units._replace(communes=communes)
