"""Recording a training session with its attendees: the OCOP office of the organising unit."""
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from .. import clock
from ..audit.log import record
from ..auth.models import User
from ..auth.permissions import managed
from ..catalogue.operations import unit_managed
from ..directory.choices import within_province
from ..directory.models import ProducingEntity
from ..errors import Unprocessable
from ..extensions import db
from ..paging import paginate
from .models import TrainingAttendee, TrainingSession


def _attendees(items):
    """TrainingAttendee rows from [{"user_id"} | {"entity_id", "name"}], every user and entity known, none twice."""
    user_ids = [item["user_id"] for item in items if item.get("user_id") is not None]
    entity_ids = [item["entity_id"] for item in items if item.get("entity_id") is not None]
    known_users = set(db.session.scalars(select(User.id).where(User.id.in_(user_ids))))
    known_entities = set(db.session.scalars(select(ProducingEntity.id).where(ProducingEntity.id.in_(entity_ids))))
    problems = {}
    for index, item in enumerate(items):
        if (item.get("user_id") is None) == (item.get("entity_id") is None):
            problems[str(index)] = ["Một người dùng hoặc một chủ thể / A user or an entity"]
        elif item.get("user_id") is not None and item["user_id"] not in known_users:
            problems[str(index)] = ["Không có người dùng này / No such user"]
        elif item.get("entity_id") is not None and item["entity_id"] not in known_entities:
            problems[str(index)] = ["Không có chủ thể này / No such entity"]
    if len(set(user_ids)) < len(user_ids) or len(set(entity_ids)) < len(entity_ids):
        problems["attendees"] = ["Một người được ghi hai lần / Someone is listed twice"]
    if problems:
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={"attendees": problems})
    return [TrainingAttendee(user_id=item.get("user_id"), entity_id=item.get("entity_id"), name=item.get("name"))
            for item in items]


def record_session(user, values):
    """Record a session held by a unit (the office of its district or province) and who attended it."""
    unit_managed(values["unit_id"], user)
    attendees = _attendees(values.pop("attendees"))
    session = TrainingSession(**values, attendees=attendees, created_by_id=user.id, created_at=clock.now())
    db.session.add(session)
    db.session.flush()
    record("training.recorded", user=user, session_id=session.id, topic=session.topic,
           held_on=session.held_on.isoformat(), attendees=len(attendees))
    return session


def sessions_for(user, page, per_page, province=None):
    """A page of the training sessions of the units the user runs the programme for (`managed`; with `province`,
    within it), newest first (a `paging.paginate` pagination: a province's sessions over the years), each with its
    unit and attendees (their accounts and entities), read in the same statements whatever the page's size."""
    attendees = selectinload(TrainingSession.attendees)
    return paginate(
        select(TrainingSession).options(joinedload(TrainingSession.unit),
                                        attendees.joinedload(TrainingAttendee.user),
                                        attendees.joinedload(TrainingAttendee.entity))
        .where(managed(user, TrainingSession.unit_id),
               within_province(TrainingSession.unit_id, province))
        .order_by(TrainingSession.held_on.desc(), TrainingSession.id.desc()), page, per_page)
