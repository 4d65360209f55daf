"""Stored process versions: the files of a diagram bundle, immutable once deployed."""
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User
    from ..directory.models import AdministrativeUnit


class ProcessModel(db.Model):
    """Version `version` of the process `key` (e.g. ocop_cycle) under rule set `rule_set`, running BPMN
    process `process_id`, in force from `effective_from` (the day its rule set's decision took effect, or
    the day an administrator gave it). Versions are numbered per key and rule set."""

    __tablename__ = "process_models"
    __table_args__ = (UniqueConstraint("key", "rule_set", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100))
    version: Mapped[int]
    rule_set: Mapped[str] = mapped_column(String(10))
    process_id: Mapped[str] = mapped_column(String(200))
    checksum: Mapped[str] = mapped_column(String(64))
    effective_from: Mapped[date | None]
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


class RuleSetAdoption(db.Model):
    """A province applies rule set `rule_set` to the ideas submitted from `effective_from` on, until its next
    adoption (`decision`: the province's text that says so, e.g. its yearly OCOP plan)."""

    __tablename__ = "rule_set_adoptions"
    __table_args__ = (UniqueConstraint("province_id", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    province_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    rule_set: Mapped[str] = mapped_column(String(10))
    effective_from: Mapped[date]
    decision: Mapped[str | None] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    province: Mapped["AdministrativeUnit"] = relationship()
    created_by: Mapped["User | None"] = relationship()
