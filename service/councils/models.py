"""The minutes a council's concluded round leaves in the case file (`minutes.py`)."""
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..directory.models import Council
from ..extensions import db


class CouncilMinutes(db.Model):
    """The minutes of a council's round on a case, recorded when its chair approved the result
    (`human_task_id`, the chair's decision): a document of the dossier that goes on to the next level.
    The approval keeps what they record (`proceedings`, `minutes.proceedings_of`); a job writes the PDF
    after the commit (`content`, `size`, `sha256`, `written_at`: empty until then, "being prepared")."""

    __tablename__ = "council_minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    level: Mapped[str] = mapped_column(String(20))
    council_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id"))
    human_task_id: Mapped[int] = mapped_column(ForeignKey("human_tasks.id"), unique=True)
    filename: Mapped[str] = mapped_column(String(255))
    proceedings: Mapped[dict | None]
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    size: Mapped[int | None]
    sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    written_at: Mapped[datetime | None]

    council: Mapped[Council | None] = relationship()
