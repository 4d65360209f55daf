"""Stored process versions: the files of a diagram bundle, immutable once deployed."""
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User


class ProcessModel(db.Model):
    """Version `version` of the process `key` (e.g. ocop_cycle), running BPMN process `process_id`."""

    __tablename__ = "process_models"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100))
    version: Mapped[int]
    rule_set: Mapped[str] = mapped_column(String(10))
    process_id: Mapped[str] = mapped_column(String(200))
    checksum: Mapped[str] = mapped_column(String(64))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    created_by: Mapped["User | None"] = relationship()
    files: Mapped[list["ProcessModelFile"]] = relationship(
        back_populates="process_model", cascade="all, delete-orphan", order_by="ProcessModelFile.name")


class ProcessModelFile(db.Model):
    """One file of a version, by its path inside the bundle ("ocop_cycle.bpmn", "forms/x.schema.json")."""

    __tablename__ = "process_model_files"
    __table_args__ = (UniqueConstraint("process_model_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_model_id: Mapped[int] = mapped_column(ForeignKey("process_models.id"))
    name: Mapped[str] = mapped_column(String(300))
    content: Mapped[bytes] = mapped_column(LargeBinary)

    process_model: Mapped[ProcessModel] = relationship(back_populates="files")
