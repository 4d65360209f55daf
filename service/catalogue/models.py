"""What the public catalogue shows beside the certificates: a product's photo, the points of sale and the
fairs where certified products are sold or shown."""
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..directory.models import AdministrativeUnit, Product

point_of_sale_products = Table(
    "point_of_sale_products", db.metadata,
    Column("point_of_sale_id", ForeignKey("points_of_sale.id", ondelete="CASCADE"), primary_key=True),
    Column("product_id", ForeignKey("products.id"), primary_key=True, index=True))

fair_products = Table(
    "fair_products", db.metadata,
    Column("fair_id", ForeignKey("fairs.id", ondelete="CASCADE"), primary_key=True),
    Column("product_id", ForeignKey("products.id"), primary_key=True, index=True))


class ProductPhoto(db.Model):
    """The photo of a product the catalogue shows (one per product; a new upload replaces it)."""

    __tablename__ = "product_photos"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    storage_name: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=clock.now)


class PointOfSale(db.Model):
    """An OCOP point of sale (điểm bán hàng OCOP, seed plan II.7.1): a tourist site, market, supermarket,
    bus station, hotel, restaurant or shop in a unit, with the certified products it sells."""

    __tablename__ = "points_of_sale"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30))  # a key of catalogue.operations.POINT_KINDS
    address: Mapped[str] = mapped_column(String(500))
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(50))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    unit: Mapped["AdministrativeUnit"] = relationship()
    products: Mapped[list["Product"]] = relationship(secondary=point_of_sale_products, order_by="Product.name")


class Fair(db.Model):
    """A fair or trade event (hội chợ, seed plan II.7.2) from `starts_on` to `ends_on` at a place, registered
    by the unit's office, with the certified products shown there."""

    __tablename__ = "fairs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(500))
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    unit: Mapped["AdministrativeUnit"] = relationship()
    products: Mapped[list["Product"]] = relationship(secondary=fair_products, order_by="Product.name")
