"""Who sits on the council that scores a case: its scoring members, its chair, and those who may
score this case (a member linked to the producing entity may not).

A council is read once per transaction, with its members and their users (`council_of`): the
step that convenes it, the round's result and the chair's task ask for it in one completion.
"""
from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from .. import clock
from ..cases.access import unit_at
from ..directory.models import Council, CouncilMember
from ..extensions import db


def council_of(case, level, on=None):
    """The council that scores this case at this level: the unit's council whose term covers the day
    (today by default), the latest founded if several do; None if the unit has none."""
    key = (level, unit_at(case, level), on or clock.now().date())
    read = _read_this_transaction()
    if key not in read:
        _, unit_id, day = key
        read[key] = db.session.scalars(select(Council).options(
            joinedload(Council.members).joinedload(CouncilMember.user)).where(
            Council.kind == "council", Council.level == level, Council.unit_id == unit_id,
            or_(Council.term_from.is_(None), Council.term_from <= day),
            or_(Council.term_until.is_(None), Council.term_until >= day),
        ).order_by(Council.decision_date.desc().nulls_last(), Council.id.desc())).unique().first()
    return read[key]


def _read_this_transaction():
    """The councils read in the session's current transaction, by (level, unit, day): a new
    transaction starts with none, so a change committed by anyone is read afresh."""
    session = db.session()
    transaction = session.get_transaction() or session.begin()
    held = session.info.get("councils")
    if held is None or held[0] is not transaction:
        held = session.info["councils"] = (transaction, {})
    return held[1]


def scoring_members(council):
    """The user ids of the council's members who score (all but the secretary; the chair scores
    too), in the order they joined."""
    return [member.user_id for member in council.members if member.position != "secretary"]


def council_chair(council):
    """The user id of the council's member in the chair position (None if it has none)."""
    if council is None:
        return None
    return next((member.user_id for member in council.members if member.position == "chair"), None)


CHAIR_LANES = {"district_chair": "district", "province_chair": "province"}  # lane -> level of its council


def chair_for(case, lane):
    """For a chair's lane (`district_chair`, `province_chair`): the user id of the member in the chair
    position of the case's council at that level, who decides the council's rounds and supervises
    what the diagram escalates to the lane. None for other lanes, or when the council has no chair:
    the task then goes to the holders of the lane's role for the unit."""
    level = CHAIR_LANES.get(lane)
    return None if level is None else council_chair(council_of(case, level))


def council_members(case, level):
    """User ids of the members who score for the council of this case at this level."""
    council = council_of(case, level)
    members = [] if council is None else scoring_members(council)
    if not members:
        raise ValueError(f"no {level} council with scoring members for this case: "
                         f"add the council and its members, then retry")
    return members


def members_to_convene(case, level):
    """The members given a sheet when the council convenes for this case: its scoring members but
    those linked to the producing entity. A council with fewer scoring members than
    OCOP_COUNCIL_MIN_MEMBERS does not convene (the case stops with an incident, never a result
    of one member)."""
    members = council_members(case, level)
    fewest = current_app.config["OCOP_COUNCIL_MIN_MEMBERS"]
    if len(members) < fewest:
        raise ValueError(f"the {level} council has {len(members)} scoring member(s), fewer than the "
                         f"{fewest} it needs to convene: add members, then retry")
    linked = set(linked_members(case, council_of(case, level)))
    return [member for member in members if member not in linked]


def linked_members(case, council):
    """The council's scoring members (user ids) who are accounts of the case's producing entity: they may not
    score its product. Read from the members and users read with the council (`council_of`)."""
    return [member.user_id for member in council.members
            if member.position != "secretary" and member.user.entity_id == case.entity_id]
