"""The survey of potential products and their producers (điều tra, khảo sát; seed plan II.5): an inventory
per district that the district works through until each potential product becomes a case."""
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..cases.models import Case
    from ..directory.models import AdministrativeUnit


class SurveyItem(db.Model):
    """A potential product of a producer found by the survey in a commune; `case_id` once it became a case."""

    __tablename__ = "survey_items"
    # the list's order: a page read from the index, a district's rows without sorting the country's; a commune's
    # rows of a year (the import's duplicates)
    __table_args__ = (Index("ix_survey_items_listing", "district_id", "producer_name", "id"),
                      Index("ix_survey_items_commune_year", "commune_id", "year"))

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    district_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    product_name: Mapped[str] = mapped_column(String(300))
    group_code: Mapped[str | None] = mapped_column(String(50))
    producer_name: Mapped[str] = mapped_column(String(300))
    entity_type: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="potential")  # potential|contacted|dropped|case
    note: Mapped[str | None] = mapped_column(Text)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), unique=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    commune: Mapped["AdministrativeUnit"] = relationship(foreign_keys=[commune_id])
    district: Mapped["AdministrativeUnit"] = relationship(foreign_keys=[district_id])
    case: Mapped["Case | None"] = relationship()
