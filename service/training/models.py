"""Training sessions (seed plan I.1, II.3.2) and who attended them: officials by their account, producers'
leaders by name with their entity."""
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User
    from ..directory.models import AdministrativeUnit, ProducingEntity


class TrainingSession(db.Model):
    """A training session held on a day by a unit (its OCOP office), at a level, on a topic, by a trainer."""

    __tablename__ = "training_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(index=True)
    level: Mapped[str] = mapped_column(String(20))  # province|district|commune
    topic: Mapped[str] = mapped_column(String(500))
    trainer: Mapped[str] = mapped_column(String(300))
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    unit: Mapped["AdministrativeUnit"] = relationship()
    attendees: Mapped[list["TrainingAttendee"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="TrainingAttendee.id")


class TrainingAttendee(db.Model):
    """Who attended: a user (an official), or the named leader of a producing entity."""

    __tablename__ = "training_attendees"
    __table_args__ = (UniqueConstraint("session_id", "user_id"), UniqueConstraint("session_id", "entity_id"),
                      CheckConstraint("(user_id IS NULL) <> (entity_id IS NULL)", name="user_or_entity"))

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("producing_entities.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(200))

    session: Mapped[TrainingSession] = relationship(back_populates="attendees")
    user: Mapped["User | None"] = relationship()
    entity: Mapped["ProducingEntity | None"] = relationship()
