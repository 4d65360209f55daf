"""A plan's targets per year and unit, and the leading products selected for a plan year."""
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User
    from ..directory.models import AdministrativeUnit, Product

# What a plan's targets count (the dashboard's figures): the province's and each district's.
MEASURES = {
    "district": ("leading", "evaluated", "three_stars", "entities"),
    "province": ("leading", "recognised"),
}


class PlanTarget(db.Model):
    """A target of the yearly plan for one unit: at least `value` of `measure` (a key of MEASURES for the
    unit's level) in `year`; `source` names the plan and its section."""

    __tablename__ = "plan_targets"
    __table_args__ = (UniqueConstraint("year", "unit_id", "measure"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    measure: Mapped[str] = mapped_column(String(30))
    value: Mapped[int]
    source: Mapped[str | None] = mapped_column(String(300))

    unit: Mapped["AdministrativeUnit"] = relationship()


class LeadingProduct(db.Model):
    """A product a district (`level` district, its district) or the province (level province) selected as
    one of its leading products of a plan year."""

    __tablename__ = "leading_products"
    __table_args__ = (UniqueConstraint("product_id", "year", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    level: Mapped[str] = mapped_column(String(20))  # district|province
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    selected_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    selected_at: Mapped[datetime] = mapped_column(default=clock.now)

    product: Mapped["Product"] = relationship()
    selected_by: Mapped["User"] = relationship()
