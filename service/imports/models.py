"""An import of a workbook: what was uploaded, by whom, and how far the job that reads it has come (the state
columns shared with the reports' background builds, `jobs.TrackedJob`), with what each row gave."""
from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import db
from ..jobs import TrackedJob

KINDS = ("certificates", "survey")


class ImportJob(TrackedJob, db.Model):
    """`kind`: certificates (products certified before the system existed) or survey (the survey's potential
    products). The uploaded file lies under OCOP_ATTACHMENT_FOLDER as `storage_name`. `steps_total` is the
    number of data rows; each row is `created` (it brought new records), `skipped` (already there: a re-run)
    or refused, its `problems` listed as {"row", "column", "message": "Tiếng Việt / English"}."""

    __tablename__ = "import_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    filename: Mapped[str] = mapped_column(String(255))
    storage_name: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    created: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    refused: Mapped[int] = mapped_column(default=0)
    problems: Mapped[list] = mapped_column(JSON, default=list)

    requested_by: Mapped[User] = relationship()
