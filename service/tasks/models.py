"""Human tasks: the engine's waiting user tasks, mirrored as rows the inbox can query by index.

A task is for the role of its lane within `unit_id` (the case's commune, district or
province), or for one named person (`assignee_id`, a council member). `version_id` counts
updates for optimistic locking, as on Case.
"""
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User
    from ..cases.models import Case
    from ..criteria.models import CriteriaSheet


INBOX_ORDER = (text("(due_at IS NULL)"), "due_at", "id")
UNASSIGNED = text("assignee_id IS NULL")


class HumanTask(db.Model):
    __tablename__ = "human_tasks"
    __table_args__ = (
        UniqueConstraint("case_id", "workflow_task_id"),
        # one index per branch of the inbox's tabs (service/tasks/inbox.py): the columns the branch compares, the
        # inbox's order (overdue first, then by due date, tasks without one last), then the columns it tests for
        # NULL (PostgreSQL reads no order past an IS NULL), so that a page is read in order and a count from the
        # index alone; a lane's tasks are those given to nobody in particular, so their index holds only those (a
        # council member's lane, whose tasks are each given to a member, has none to read)
        Index("ix_human_tasks_inbox_lane", "status", "lane", "unit_id", *INBOX_ORDER, "claimed_by_id",
              sqlite_where=UNASSIGNED, postgresql_where=UNASSIGNED),
        Index("ix_human_tasks_inbox_assignee", "status", "assignee_id", *INBOX_ORDER, "claimed_by_id"),
        Index("ix_human_tasks_inbox_claimed", "status", "claimed_by_id", *INBOX_ORDER),
        Index("ix_human_tasks_inbox_escalated", "status", "escalated_to", "escalated_unit_id", *INBOX_ORDER,
              "claimed_by_id"),
        Index("ix_human_tasks_inbox_order", "status", *INBOX_ORDER),
        # the cases someone sees through their tasks (given to them, or of a national lane), and those cases' tasks
        # (service/cases/access.py, the inbox's "all I can see")
        Index("ix_human_tasks_assignee_case", "assignee_id", "case_id"),
        Index("ix_human_tasks_lane_case", "lane", "case_id"),
        Index("ix_human_tasks_case_status", "case_id", "status", "assignee_id", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    workflow_task_id: Mapped[str] = mapped_column(String(36))
    step: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300))
    lane: Mapped[str] = mapped_column(String(40))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open|completed|cancelled
    form_name: Mapped[str | None] = mapped_column(String(100))
    due_at: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
    escalated_to: Mapped[str | None] = mapped_column(String(40))
    # the unit the supervisor's role acts for on the case (as unit_id for the lane), for the inbox's index
    escalated_unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    completed_at: Mapped[datetime | None]
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_data: Mapped[dict | None]
    version_id: Mapped[int] = mapped_column()

    __mapper_args__ = {"version_id_col": version_id}

    case: Mapped["Case"] = relationship()
    assignee: Mapped["User | None"] = relationship(foreign_keys=[assignee_id])
    claimed_by: Mapped["User | None"] = relationship(foreign_keys=[claimed_by_id])
    completed_by: Mapped["User | None"] = relationship(foreign_keys=[completed_by_id])

    @property
    def overdue(self):
        return self.status == "open" and self.due_at is not None and self.due_at < clock.now()


class CouncilScore(db.Model):
    """One council member's score sheet for a case at one level: the sums of parts A, B, C of its criteria
    sheet (`sheet_id`), their total, and whether a mandatory criterion failed (`not_achieved`, "không đạt")."""

    __tablename__ = "council_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    human_task_id: Mapped[int] = mapped_column(ForeignKey("human_tasks.id"), unique=True)
    level: Mapped[str] = mapped_column(String(20))
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    part_a: Mapped[float]
    part_b: Mapped[float]
    part_c: Mapped[float]
    total: Mapped[float]
    sheet_id: Mapped[int | None] = mapped_column(ForeignKey("criteria_sheets.id"))
    not_achieved: Mapped[bool] = mapped_column(default=False)
    remarks: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    member: Mapped["User"] = relationship()
    sheet: Mapped["CriteriaSheet | None"] = relationship()
