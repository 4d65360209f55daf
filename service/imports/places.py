"""Where a row lies: its district and commune by name (or code), within what the importer runs."""
from sqlalchemy import select

from ..auth.permissions import managed
from ..directory.models import AdministrativeUnit
from ..extensions import db

OUTSIDE = "Ngoài phạm vi quản lý của bạn / Outside your jurisdiction"


def _key(name):
    """A name with its letter case and spacing set aside (in Python: SQLite lowers ASCII letters only)."""
    return " ".join(name.split()).casefold()


def same(one, other):
    """Two names alike, letter case and spacing aside."""
    return _key(one) == _key(other)


class Places:
    """Where the rows of one import lie, within what `user` runs. The directory's districts are read once, by name
    (case and spacing aside) and by code, with those the importer runs (`managed`): read again for every row, a
    country's seven hundred districts cost some 7 ms a row, 35 s for a file of 5,000 rows. Ids are kept, not units:
    the import commits after each row, which expires the session's objects."""

    def __init__(self, user):
        self._by_name, self._by_code = {}, {}
        for unit_id, name, code in db.session.execute(
                select(AdministrativeUnit.id, AdministrativeUnit.name, AdministrativeUnit.code)
                .where(AdministrativeUnit.level == "district")):
            self._by_name.setdefault(_key(name), set()).add(unit_id)
            if code:
                self._by_code.setdefault(code, set()).add(unit_id)
        self._runs = set(db.session.scalars(select(AdministrativeUnit.id).where(
            AdministrativeUnit.level == "district", managed(user, AdministrativeUnit.id))))

    def commune_of(self, cells):
        """The row's commune, if the user runs the programme there; each problem noted on its column."""
        district_name, commune_name = cells.text("district", 200), cells.text("commune", 200)
        if district_name is None or commune_name is None:
            return None
        districts = self._by_name.get(_key(district_name), set()) | self._by_code.get(district_name, set())
        if not districts:
            cells.refuse("district", "Không có huyện này / No such district")
            return None
        mine = districts & self._runs
        if not mine:
            cells.refuse("district", OUTSIDE)
            return None
        communes = [commune for commune in db.session.scalars(
                        select(AdministrativeUnit).where(AdministrativeUnit.level == "commune",
                                                         AdministrativeUnit.parent_id.in_(mine)))
                    if same(commune.name, commune_name) or commune.code == commune_name]
        if len(communes) != 1:
            cells.refuse("commune", "Không có xã này trong huyện / No such commune in the district")
            return None
        return communes[0]


def district_names(user):
    """The names of the districts the user runs the programme in, for the template's list."""
    return db.session.scalars(select(AdministrativeUnit.name).where(AdministrativeUnit.level == "district",
                                                                    managed(user, AdministrativeUnit.id))
                              .order_by(AdministrativeUnit.name)).all()
