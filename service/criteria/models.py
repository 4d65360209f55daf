"""A criteria sheet version, its criteria and their options.

`group_codes` lists the product groups and sub-groups of the rule set the sheet applies to; an
empty list makes it the rule set's fallback sheet. `parts` is `[{"code": "A", "title": "...",
"maximum": 35}, ...]`. Versions of one sheet share its `code`; a new version never changes a
case that already holds an older one.
"""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from .. import clock
from ..extensions import db


class CriteriaSheet(db.Model):
    __tablename__ = "criteria_sheets"
    __table_args__ = (UniqueConstraint("rule_set", "code", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_set: Mapped[str] = mapped_column(String(10), index=True)
    code: Mapped[str] = mapped_column(String(60))
    version: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(Text)
    group_codes: Mapped[list] = mapped_column(JSON)
    parts: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    criteria: Mapped[list["Criterion"]] = relationship(order_by="Criterion.position", cascade="all, delete-orphan")

    @property
    def maximum(self):
        return sum(part["maximum"] for part in self.parts)


class Criterion(db.Model):
    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("sheet_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("criteria_sheets.id"), index=True)
    part: Mapped[str] = mapped_column(String(10))
    code: Mapped[str] = mapped_column(String(20))
    text_vi: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    mandatory: Mapped[bool] = mapped_column(default=False)
    bonus: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int]

    options: Mapped[list["CriterionOption"]] = relationship(order_by="CriterionOption.position", lazy="selectin",
                                                            cascade="all, delete-orphan")


# How many criteria a sheet holds, read by a list of sheets in its own statement (`undefer`) rather than by loading
# every sheet's criteria and their options one sheet at a time.
CriteriaSheet.criteria_count = column_property(
    select(func.count(Criterion.id)).where(Criterion.sheet_id == CriteriaSheet.id).scalar_subquery(), deferred=True)


class CriterionOption(db.Model):
    __tablename__ = "criterion_options"

    id: Mapped[int] = mapped_column(primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id"), index=True)
    position: Mapped[int]  # 1, 2, ...: the value a member submits
    text_vi: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    points: Mapped[float]
