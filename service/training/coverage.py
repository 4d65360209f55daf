"""Who is trained, against the plan's 100%: the officials holding an OCOP office role in the province (commune
officers, district and provincial offices) and the producing entities taking part (with a case), whose leader
attended a session held by then. Counted per district (the provincial office under the province itself) and
per role; officials and entities are few (hundreds a province), so the sets are built in Python from three queries,
which read the province's units, officials and entities, each person with whether they attended."""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import RoleAssignment, User
from ..auth.permissions import OFFICIALS, manages
from ..cases.models import Case
from ..directory.choices import within_province
from ..directory.models import AdministrativeUnit, ProducingEntity
from ..errors import Forbidden
from ..extensions import db
from .models import TrainingAttendee, TrainingSession

LEADERS = "producer"
ROLE_NAMES = {"province_officer": _l("Cơ quan thường trực OCOP tỉnh"),
              "district_officer": _l("Cơ quan thường trực OCOP huyện"),
              "commune_officer": _l("Cán bộ OCOP xã"), LEADERS: _l("Lãnh đạo chủ thể sản xuất")}


@dataclass
class Tally:
    trained: set = field(default_factory=set)
    to_train: set = field(default_factory=set)

    def count(self, key, trained):
        self.to_train.add(key)
        if trained:
            self.trained.add(key)

    @property
    def figures(self):
        total = len(self.to_train)
        done = len(self.trained & self.to_train)
        return {"trained": done, "total": total, "percent": round(100 * done / total) if total else None,
                "met": total > 0 and done == total}


def _attended(attendee, on):
    """Whether the person that `attendee` picks out (a condition on TrainingAttendee, correlated with the row of
    the enclosing query) attended a session held by `on`: looked up through the attendee's index for each person
    read, not by reading the whole country's attendances."""
    return select(TrainingAttendee.id).join(TrainingSession).where(attendee, TrainingSession.held_on <= on).exists()


class Units(dict):
    """{id: (level, parent id, name)} of the units read, a country's ten thousand read as rows, not objects."""

    def above(self, unit_id, level):
        """(id, name) of the unit of `level` that unit `unit_id` lies in (itself if of that level), or None."""
        while unit_id is not None and self[unit_id][0] != level:
            unit_id = self[unit_id][1]
        return None if unit_id is None else (unit_id, self[unit_id][2])


def _people(province, on):
    """(units, [(role, unit id, group, key, name, trained)]) of everyone the plan asks to train in the province
    (None: in the whole directory), `group` being "officials" or "leaders" and `trained` whether they attended a
    session held by `on`: the units, role assignments and entities of the province only (`within`), not those of
    a country's directory, unless the whole directory is asked for, each with whether it attended (`_attended`)."""
    units = Units((unit_id, (level, parent_id, name)) for unit_id, level, parent_id, name in db.session.execute(
        select(AdministrativeUnit.id, AdministrativeUnit.level, AdministrativeUnit.parent_id, AdministrativeUnit.name)
        .where(within_province(AdministrativeUnit.id, province))))
    officials = db.session.execute(
        select(RoleAssignment.role_code, RoleAssignment.unit_id, RoleAssignment.user_id, User.full_name,
               _attended(TrainingAttendee.user_id == RoleAssignment.user_id, on)).join(User)
        .where(RoleAssignment.role_code.in_(OFFICIALS), User.is_active.is_(True),
               within_province(RoleAssignment.unit_id, province)))
    people = [(role, unit_id, "officials", ("user", user_id), name, trained)
              for role, unit_id, user_id, name, trained in officials]
    leaders = db.session.execute(
        select(ProducingEntity.id, ProducingEntity.commune_id, ProducingEntity.name,
               _attended(TrainingAttendee.entity_id == ProducingEntity.id, on))
        .where(select(Case.id).where(Case.entity_id == ProducingEntity.id).exists(),
               within_province(ProducingEntity.commune_id, province)))
    people += [(LEADERS, commune_id, "leaders", ("entity", entity_id), name, trained)
               for entity_id, commune_id, name, trained in leaders]
    return units, people


def coverage(province, on):
    """{"districts": [{id, name, officials, leaders}], "province": {officials, leaders}, "roles": {role: figures},
    "untrained": [{role, district, commune, kind, id, name}]} on a day (`commune` None for district and provincial
    officials)."""
    by_district, by_role, untrained = {}, {}, []
    units, people = _people(province, on)
    for role, unit_id, group, key, name, trained in people:
        district_id, district_name = units.above(unit_id, "district") or (None, province.name)
        tallies = by_district.setdefault(district_id, {"name": district_name, "officials": Tally(),
                                                       "leaders": Tally()})
        tallies[group].count(key, trained)
        by_role.setdefault(role, Tally()).count(key, trained)
        if not trained:
            commune = units.above(unit_id, "commune")
            untrained.append({"role": role, "district": district_name if district_id else None,
                              "commune": commune and commune[1], "kind": key[0], "id": key[1], "name": name})
    districts = [{"id": district_id, "name": tallies["name"], "officials": tallies["officials"].figures,
                  "leaders": tallies["leaders"].figures}
                 for district_id, tallies in sorted(by_district.items(), key=lambda item: (item[0] is not None,
                                                                                            item[1]["name"]))]
    return {"districts": districts, "roles": {role: tally.figures for role, tally in by_role.items()},
            "untrained": sorted(untrained, key=lambda person: (person["district"] or "", person["role"],
                                                               person["name"]))}


def coverage_by_province(on):
    """{province id: {"officials": figures, "leaders": figures}} on a day, for every province with someone to
    train: a national report's rows, read in one pass over the directory rather than a coverage per province."""
    by_province = {}
    units, people = _people(None, on)
    for _role, unit_id, group, key, _name, trained in people:
        province_id, _province_name = units.above(unit_id, "province")
        tallies = by_province.setdefault(province_id, {"officials": Tally(), "leaders": Tally()})
        tallies[group].count(key, trained)
    return {province_id: {group: tally.figures for group, tally in tallies.items()}
            for province_id, tallies in by_province.items()}


def offices_districts(user, province):
    """(the whole province?, {district name: district} the user runs) for an OCOP office; 403 for anyone else."""
    districts = {unit.name: unit for unit in db.session.scalars(
        select(AdministrativeUnit).where(AdministrativeUnit.parent_id == province.id))}
    if manages(user, province):
        return True, districts
    own = {name: unit for name, unit in districts.items() if manages(user, unit)}
    if not own:
        raise Forbidden("not_unit_office", "Chỉ cơ quan thường trực OCOP của tỉnh, huyện / "
                                           "Only the province's or a district's OCOP office")
    return False, own


def untrained_for(province, on, reach):
    """Who is still untrained on a day, within an OCOP office's `reach` (`offices_districts`: the whole province, or
    its districts)."""
    whole, districts = reach
    return [person for person in coverage(province, on)["untrained"] if whole or person["district"] in districts]
