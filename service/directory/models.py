"""Who and where: administrative units, producing entities, their products, product groups, councils,
and the documents a dossier holds under each rule set."""
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User


def trigram_index(name, column):
    """A PostgreSQL index of the substrings of `column` (pg_trgm, migration 0028_casesearch), which serves the case
    list's search (ILIKE '%text%'); SQLite has none."""
    return Index(name, column, postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"}).ddl_if(
        dialect="postgresql")


class AdministrativeUnit(db.Model):
    """A province, a district-level unit (district, town, city) or a commune-level unit."""

    __tablename__ = "administrative_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))  # province|district|commune
    # indexed: a country's directory holds some ten thousand communes, read by their parent (a district's
    # communes, a province's districts; the provinces are the units without a parent)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"), index=True)

    parent: Mapped["AdministrativeUnit | None"] = relationship(remote_side=[id])

    def _ancestor(self, level):
        unit = self
        while unit is not None and unit.level != level:
            unit = unit.parent
        return unit

    @property
    def district(self):
        """The district this unit lies in (itself for a district), or None."""
        return self._ancestor("district")

    @property
    def province(self):
        """The province this unit lies in (itself for a province)."""
        return self._ancestor("province")

    def __repr__(self):
        return f"<AdministrativeUnit {self.level} {self.name}>"


class ProducingEntity(db.Model):
    """A chủ thể OCOP: an enterprise, a cooperative, a cooperative group or a household business."""

    __tablename__ = "producing_entities"
    __table_args__ = (trigram_index("ix_producing_entities_name_trigrams", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    entity_type: Mapped[str] = mapped_column(String(30))  # enterprise|cooperative|cooperative_group|household
    commune_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    business_registration_no: Mapped[str | None] = mapped_column(String(50), index=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    commune: Mapped[AdministrativeUnit] = relationship()
    products: Mapped[list["Product"]] = relationship(back_populates="entity", order_by="Product.id")


class ProductGroup(db.Model):
    """A product sector of a rule set (no parent) or one of its groups or sets (sub-groups); `ministry` is
    the ministry responsible for a set (2023 and 2025 classifications)."""

    __tablename__ = "product_groups"
    __table_args__ = (UniqueConstraint("rule_set", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_set: Mapped[str] = mapped_column(String(10))
    code: Mapped[str] = mapped_column(String(50))
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    ministry: Mapped[str | None] = mapped_column(String(300))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("product_groups.id"))

    parent: Mapped["ProductGroup | None"] = relationship(remote_side=[id])


class DocumentRequirement(db.Model):
    """An item of a rule set's dossier checklist: a document the dossier holds, `required` (the dossier
    is incomplete without it) or supporting. `condition` says when a required item is asked for
    (None: always; "registered_entity": when the entity holds a business registration, which a
    cooperative group does not); `service/cases/checklist.py` reads it."""

    __tablename__ = "document_requirements"
    __table_args__ = (UniqueConstraint("rule_set", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_set: Mapped[str] = mapped_column(String(10))
    code: Mapped[str] = mapped_column(String(50))
    name_vi: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    required: Mapped[bool]
    condition: Mapped[str | None] = mapped_column(String(30))
    position: Mapped[int]


class Council(db.Model):
    """A body of a unit's steering structure (`kind`): its evaluation council ("council", the one that
    scores cases), its steering committee (Ban chỉ đạo, "steering_committee") or its help team (Tổ giúp
    việc, "help_team"); a national body has no unit. Its founding decision (number, date, e.g. Lai
    Châu's 365/QĐ-UBND of 08/04/2020) gives its term; without dates the term is open."""

    __tablename__ = "councils"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), default="council", server_default="council")
    level: Mapped[str] = mapped_column(String(20))  # commune|district|province|national
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))
    name: Mapped[str] = mapped_column(String(300))
    decision_number: Mapped[str | None] = mapped_column(String(50))
    decision_date: Mapped[date | None]
    term_from: Mapped[date | None]
    term_until: Mapped[date | None]

    unit: Mapped[AdministrativeUnit | None] = relationship()
    members: Mapped[list["CouncilMember"]] = relationship(
        back_populates="council", cascade="all, delete-orphan", order_by="CouncilMember.id")


class CouncilMember(db.Model):
    __tablename__ = "council_members"
    __table_args__ = (UniqueConstraint("council_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    position: Mapped[str] = mapped_column(String(20))  # chair|vice_chair|member|secretary

    council: Mapped[Council] = relationship(back_populates="members")
    user: Mapped["User"] = relationship()


class Product(db.Model):
    """A product of an entity; group and sub-group are ProductGroup codes of the case's rule set."""

    __tablename__ = "products"
    __table_args__ = (trigram_index("ix_products_name_trigrams", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("producing_entities.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    group_code: Mapped[str] = mapped_column(String(50))
    subgroup_code: Mapped[str | None] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    entity: Mapped[ProducingEntity] = relationship(back_populates="products")
