"""The survey's inventory: recorded and worked through by the OCOP office of the district (or the province)."""
from sqlalchemy import func, select
from sqlalchemy.orm import aliased, joinedload

from .. import clock
from ..audit.log import record
from ..auth.permissions import managed, manages
from ..cases.access import get_case, visible_cases
from ..cases.models import Case
from ..directory.choices import within
from ..directory.models import AdministrativeUnit
from ..errors import Conflict, Forbidden, NotFound, Unprocessable
from ..extensions import db
from ..paging import paginate
from .models import SurveyItem

STATUSES = ("potential", "contacted", "dropped", "case")
NOT_OFFICE = ("Chỉ cơ quan thường trực OCOP huyện, tỉnh của xã này / "
              "Only the district or provincial OCOP office of this commune")


def _commune(commune_id, user):
    commune = db.session.get(AdministrativeUnit, commune_id)
    if commune is None or commune.level != "commune":
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={"commune_id": ["Không có xã này / No such commune"]})
    if not manages(user, commune):
        raise Forbidden("not_unit_office", NOT_OFFICE)
    return commune


def get_item(item_id, user):
    """The survey row, if the user runs the programme for its commune; 404 otherwise."""
    item = db.session.get(SurveyItem, item_id)
    if item is None or not manages(user, item.commune):
        raise NotFound("survey_item_not_found", "Không tìm thấy sản phẩm khảo sát / Survey item not found")
    return item


def matching(user, province_id=None, district_id=None, commune_id=None, status=None):
    """The clauses of the rows the user sees (the districts they run the programme for: `managed`, tested on the
    row's district, which the list's index begins with), filtered."""
    clauses = [managed(user, SurveyItem.district_id)]
    if province_id:
        clauses.append(within(SurveyItem.district_id, [province_id]))
    if district_id:
        clauses.append(SurveyItem.district_id == district_id)
    if commune_id:
        clauses.append(SurveyItem.commune_id == commune_id)
    if status:
        clauses.append(SurveyItem.status == status)
    return clauses


def survey_page(user, page, per_page, **filters):
    """A page of the `matching` rows by district, producer and id (a `paging.paginate` pagination: a country's
    survey holds tens of thousands), each with its commune, district and case, read in the same statements
    whatever the page's size."""
    return paginate(select(SurveyItem).options(joinedload(SurveyItem.commune), joinedload(SurveyItem.district),
                                               joinedload(SurveyItem.case))
                    .where(*matching(user, **filters))
                    .order_by(SurveyItem.district_id, SurveyItem.producer_name, SurveyItem.id), page, per_page)


def counts(user, by="district", **filters):
    """{name of the district (or, `by="province"`, of the province): {status: count, "products": n, "producers": n}}
    of the `matching` rows, counted by the database; producers are told apart by their name, trimmed and in lower
    case."""
    unit = AdministrativeUnit
    joined = (select().select_from(SurveyItem).join(unit, unit.id == SurveyItem.district_id)
              .where(*matching(user, **filters)))
    if by == "province":
        province = aliased(AdministrativeUnit)
        joined, unit = joined.join(province, province.id == AdministrativeUnit.parent_id), province
    found = {}
    for name, status, number in db.session.execute(
            joined.add_columns(unit.name, SurveyItem.status, func.count()).group_by(unit.name, SurveyItem.status)
            .order_by(unit.name)):
        tally = found.setdefault(name, {status: 0 for status in STATUSES} | {"products": 0, "producers": 0})
        tally[status] = number
        tally["products"] += number
    producer = func.lower(func.trim(SurveyItem.producer_name))
    for name, producers in db.session.execute(
            joined.add_columns(unit.name, func.count(func.distinct(producer))).group_by(unit.name)):
        found[name]["producers"] = producers
    return found


def add_item(user, values):
    commune = _commune(values["commune_id"], user)
    item = SurveyItem(**values, district_id=commune.district.id, status="potential", created_by_id=user.id,
                      created_at=clock.now())
    db.session.add(item)
    db.session.flush()
    record("survey.item_added", user=user, survey_item_id=item.id, product=item.product_name,
           producer=item.producer_name)
    return item


def set_status(item, user, status, note=None):
    """potential, contacted or dropped; a row that became a case stays so."""
    if item.case_id is not None:
        raise Conflict("survey_item_is_case", "Sản phẩm khảo sát đã thành hồ sơ / The survey item is already a case")
    item.status = status
    if note is not None:
        item.note = note
    record("survey.item_status", user=user, survey_item_id=item.id, status=status)
    db.session.flush()
    return item


def start_case(item, user, case_id):
    """The potential product became a case: its producer registered the idea. The case must lie in the same
    district and be visible to the user, and no other row may hold it."""
    if item.case_id is not None:
        raise Conflict("survey_item_is_case", "Sản phẩm khảo sát đã thành hồ sơ / The survey item is already a case")
    case = get_case(case_id, user)
    if case.district_id != item.district_id:
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={"case_id": ["Hồ sơ ở huyện khác / The case is in another district"]})
    if db.session.scalar(select(SurveyItem.id).where(SurveyItem.case_id == case.id)) is not None:
        raise Conflict("case_already_linked", "Hồ sơ đã gắn với sản phẩm khảo sát khác / The case is already linked "
                                              "to another survey item")
    item.case_id, item.status = case.id, "case"
    db.session.flush()
    record("survey.item_became_case", case=case, user=user, survey_item_id=item.id, product=item.product_name)
    return item


def linkable_cases(user, items):
    """{commune id: [case]} the cases of the rows' communes, visible to the user, that no survey row holds yet:
    what "start case" may link a row to, each with its product and entity. Whether a row holds a case is asked of
    each case (the rows' index of cases), not of every linked row of the country."""
    communes = {item.commune_id for item in items if item.case_id is None}
    if not communes:
        return {}
    linked = select(SurveyItem.id).where(SurveyItem.case_id == Case.id).exists()
    cases = db.session.scalars(select(Case).options(joinedload(Case.product), joinedload(Case.entity))
                               .where(visible_cases(user), Case.commune_id.in_(communes), ~linked,
                                      Case.imported.is_(False))
                               .order_by(Case.id.desc())).all()
    found = {}
    for case in cases:
        found.setdefault(case.commune_id, []).append(case)
    return found
