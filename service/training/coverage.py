"""Who is trained, against the plan's 100%: the officials holding an OCOP office role in the province (commune
officers, district and provincial offices) and the producing entities taking part (with a case), whose leader
attended a session held by then. Counted per district (the provincial office under the province itself) and
per role; officials and entities are few (hundreds), so the sets are built in Python from three queries."""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import RoleAssignment, User
from ..auth.permissions import manages
from ..cases.models import Case
from ..directory.choices import within
from ..directory.models import AdministrativeUnit, ProducingEntity
from ..errors import Forbidden
from ..extensions import db
from .models import TrainingAttendee, TrainingSession

OFFICIAL_ROLES = ("commune_officer", "district_officer", "province_officer")
LEADERS = "producer"
ROLE_NAMES = {"province_officer": _l("Cơ quan thường trực OCOP tỉnh"),
              "district_officer": _l("Cơ quan thường trực OCOP huyện"),
              "commune_officer": _l("Cán bộ OCOP xã"), LEADERS: _l("Lãnh đạo chủ thể sản xuất")}


@dataclass
class Tally:
    trained: set = field(default_factory=set)
    to_train: set = field(default_factory=set)

    @property
    def figures(self):
        total = len(self.to_train)
        done = len(self.trained & self.to_train)
        return {"trained": done, "total": total, "percent": round(100 * done / total) if total else None,
                "met": total > 0 and done == total}


def _trained(on):
    rows = db.session.execute(select(TrainingAttendee.user_id, TrainingAttendee.entity_id)
                              .join(TrainingSession).where(TrainingSession.held_on <= on)).all()
    return {user_id for user_id, _ in rows if user_id}, {entity_id for _, entity_id in rows if entity_id}


def _people(province):
    """[(role, district or None, kind, id, name)] of everyone the plan asks to train in the province: the units,
    role assignments and entities of the province only (`within`), not those of a country's directory."""
    units = {unit.id: unit for unit in db.session.scalars(select(AdministrativeUnit)
                                                          .where(within(AdministrativeUnit.id, [province.id])))}
    people = []
    for assignment, name in db.session.execute(
            select(RoleAssignment, User.full_name).join(User)
            .where(RoleAssignment.role_code.in_(OFFICIAL_ROLES), User.is_active.is_(True),
                   within(RoleAssignment.unit_id, [province.id]))):
        people.append((assignment.role_code, units[assignment.unit_id].district, "user", assignment.user_id, name))
    taking_part = select(Case.entity_id)
    for entity in db.session.scalars(select(ProducingEntity).where(ProducingEntity.id.in_(taking_part),
                                                                   within(ProducingEntity.commune_id, [province.id]))):
        people.append((LEADERS, units[entity.commune_id].district, "entity", entity.id, entity.name))
    return people


def coverage(province, on):
    """{"districts": [{id, name, officials, leaders}], "province": {officials, leaders}, "roles": {role: figures},
    "untrained": [{role, district, kind, id, name}]} on a day."""
    trained_users, trained_entities = _trained(on)
    by_district, by_role, untrained = {}, {}, []
    for role, district, kind, person_id, name in _people(province):
        key = (kind, person_id)
        trained = person_id in (trained_users if kind == "user" else trained_entities)
        group = "leaders" if kind == "entity" else "officials"
        tallies = by_district.setdefault(district.id if district else None, {
            "name": district.name if district else province.name, "officials": Tally(), "leaders": Tally()})
        for tally in (tallies[group], by_role.setdefault(role, Tally())):
            tally.to_train.add(key)
            if trained:
                tally.trained.add(key)
        if not trained:
            untrained.append({"role": role, "district": district.name if district else None, "kind": kind,
                              "id": person_id, "name": name})
    districts = [{"id": district_id, "name": tallies["name"], "officials": tallies["officials"].figures,
                  "leaders": tallies["leaders"].figures}
                 for district_id, tallies in sorted(by_district.items(), key=lambda item: (item[0] is not None,
                                                                                            item[1]["name"]))]
    return {"districts": districts, "roles": {role: tally.figures for role, tally in by_role.items()},
            "untrained": sorted(untrained, key=lambda person: (person["district"] or "", person["role"],
                                                               person["name"]))}


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


def untrained_for(user, province, on):
    """Who is still untrained on a day, within the user's district or the whole province (an OCOP office)."""
    whole, districts = offices_districts(user, province)
    return [person for person in coverage(province, on)["untrained"] if whole or person["district"] in districts]
