"""A report built in the background: what was asked (report, unit, period), by whom, how far the build
has come, and the finished workbook's file. Kept in the database so that its state survives restarts
and every process (web workers, job workers) reads the same one."""
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..jobs import JOB_STATES, TrackedJob

if TYPE_CHECKING:
    from ..auth.models import User
    from ..directory.models import AdministrativeUnit

STATES = JOB_STATES


class ReportJob(TrackedJob, db.Model):
    __tablename__ = "report_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    report: Mapped[str] = mapped_column(String(30))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))  # None: the whole country
    period_from: Mapped[date]
    period_to: Mapped[date]
    months: Mapped[int]  # the horizon of "expiring" certificates
    storage_name: Mapped[str | None] = mapped_column(String(64))  # the workbook under OCOP_ATTACHMENT_FOLDER/reports
    filename: Mapped[str | None] = mapped_column(String(200))
    size: Mapped[int | None]

    requested_by: Mapped["User"] = relationship()
    unit: Mapped["AdministrativeUnit | None"] = relationship()
