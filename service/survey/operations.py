"""The survey's inventory: recorded and worked through by the OCOP office of the district (or the province)."""
from sqlalchemy import select

from .. import clock
from ..audit.log import record
from ..auth.permissions import managed, manages
from ..cases.access import get_case, visible_cases
from ..cases.models import Case
from ..directory.models import AdministrativeUnit
from ..errors import Conflict, Forbidden, NotFound, Unprocessable
from ..extensions import db
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


def visible_items(user, district_id=None, status=None, commune_id=None):
    """The rows of the districts the user runs the programme for."""
    query = (select(SurveyItem).where(managed(user, SurveyItem.commune_id))
             .order_by(SurveyItem.district_id, SurveyItem.producer_name, SurveyItem.id))
    if district_id:
        query = query.where(SurveyItem.district_id == district_id)
    if commune_id:
        query = query.where(SurveyItem.commune_id == commune_id)
    if status:
        query = query.where(SurveyItem.status == status)
    return db.session.scalars(query).all()


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
    what "start case" may link a row to."""
    communes = {item.commune_id for item in items if item.case_id is None}
    if not communes:
        return {}
    linked = select(SurveyItem.case_id).where(SurveyItem.case_id.is_not(None))
    cases = db.session.scalars(select(Case).where(visible_cases(user), Case.commune_id.in_(communes),
                                                    Case.id.not_in(linked), Case.imported.is_(False))
                               .order_by(Case.id.desc())).all()
    found = {}
    for case in cases:
        found.setdefault(case.commune_id, []).append(case)
    return found


def counts(items):
    """{district name: {status: count, "products": n, "producers": n}} of the rows."""
    found = {}
    for item in items:
        tally = found.setdefault(item.district.name, {status: 0 for status in STATUSES} | {"producers": set()})
        tally[item.status] += 1
        tally["producers"].add(item.producer_name.strip().lower())
    return {name: {**{key: value for key, value in tally.items() if key != "producers"},
                   "products": sum(tally[status] for status in STATUSES), "producers": len(tally["producers"])}
            for name, tally in found.items()}


