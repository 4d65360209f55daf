"""An incident: an engine step of a case that failed, kept until an administrator retries it."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .. import clock
from ..extensions import db


class Incident(db.Model):
    """An engine step that failed; `action` and `payload` describe the attempt so that it can be retried."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    human_task_id: Mapped[int | None] = mapped_column(ForeignKey("human_tasks.id"))
    action: Mapped[str] = mapped_column(String(20))  # start|complete|timers
    payload: Mapped[dict | None]
    element_id: Mapped[str | None] = mapped_column(String(200))
    message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
