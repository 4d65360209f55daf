"""The programme's own texts (decisions, plans, guides, forms) in the public document library."""
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..directory.models import AdministrativeUnit


class ProgrammeDocument(db.Model):
    """A text the OCOP office of a unit published: title, number, date, kind and its file."""

    __tablename__ = "programme_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    number: Mapped[str | None] = mapped_column(String(100))
    issued_on: Mapped[date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(20))  # a key of library.operations.KINDS
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_name: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=clock.now)

    unit: Mapped["AdministrativeUnit"] = relationship()
