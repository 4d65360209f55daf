"""A report built in the background: what was asked (report, unit, period), by whom, how far the build
has come, and the finished workbook's file. Kept in the database so that its state survives restarts
and every process (web workers, job workers) reads the same one."""
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User
    from ..directory.models import AdministrativeUnit

STATES = ("queued", "running", "done", "failed")


class ReportJob(db.Model):
    __tablename__ = "report_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    report: Mapped[str] = mapped_column(String(30))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))  # None: the whole country
    period_from: Mapped[date]
    period_to: Mapped[date]
    months: Mapped[int]  # the horizon of "expiring" certificates
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    state: Mapped[str] = mapped_column(String(10), default="queued")
    steps_done: Mapped[int] = mapped_column(default=0)
    steps_total: Mapped[int] = mapped_column(default=0)
    storage_name: Mapped[str | None] = mapped_column(String(64))  # the workbook under OCOP_ATTACHMENT_FOLDER/reports
    filename: Mapped[str | None] = mapped_column(String(200))
    size: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    requested_by: Mapped["User"] = relationship()
    unit: Mapped["AdministrativeUnit | None"] = relationship()
