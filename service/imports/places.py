"""Where a row lies: its district and commune by name (or code), within what the importer runs."""
from sqlalchemy import select

from ..auth.permissions import manages
from ..directory.models import AdministrativeUnit
from ..extensions import db

OUTSIDE = "Ngoài phạm vi quản lý của bạn / Outside your jurisdiction"


def same(one, other):
    """Two names alike, letter case and spacing aside (in Python: SQLite lowers ASCII letters only)."""
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def _named(level, name, parent_id=None):
    query = select(AdministrativeUnit).where(AdministrativeUnit.level == level)
    if parent_id is not None:
        query = query.where(AdministrativeUnit.parent_id == parent_id)
    return [unit for unit in db.session.scalars(query.order_by(AdministrativeUnit.id))
            if same(unit.name, name) or unit.code == name]


def commune_of(cells, user):
    """The row's commune, if the user runs the programme there; each problem noted on its column."""
    district_name, commune_name = cells.text("district", 200), cells.text("commune", 200)
    if district_name is None or commune_name is None:
        return None
    districts = _named("district", district_name)
    if not districts:
        cells.refuse("district", "Không có huyện này / No such district")
        return None
    mine = [district for district in districts if manages(user, district)]
    if not mine:
        cells.refuse("district", OUTSIDE)
        return None
    communes = [commune for district in mine for commune in _named("commune", commune_name, district.id)]
    if len(communes) != 1:
        cells.refuse("commune", "Không có xã này trong huyện / No such commune in the district")
        return None
    return communes[0]


def district_names(user):
    """The names of the districts the user runs the programme in, for the template's list."""
    districts = db.session.scalars(select(AdministrativeUnit).where(AdministrativeUnit.level == "district")
                                   .order_by(AdministrativeUnit.name)).all()
    return [district.name for district in districts if manages(user, district)]
