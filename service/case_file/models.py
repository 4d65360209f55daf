"""A version of a section of the case file: the section's whole content after one submission."""
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User


class SectionVersion(db.Model):
    """Version `number` (1, 2, ...) of a section: `data` is the section's content as it now stands
    (a revision that changes some fields keeps the others), `answer` the producer's reply to the
    review that asked for it. `human_task_id` is the task whose form submitted it (none for the idea
    submitted with the case)."""

    __tablename__ = "section_versions"
    __table_args__ = (UniqueConstraint("case_id", "section", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    section: Mapped[str] = mapped_column(String(20))
    number: Mapped[int]
    data: Mapped[dict]
    answer: Mapped[str | None] = mapped_column(Text)
    form_name: Mapped[str] = mapped_column(String(100))
    human_task_id: Mapped[int | None] = mapped_column(ForeignKey("human_tasks.id"))
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(default=clock.now)

    submitted_by: Mapped["User"] = relationship()
