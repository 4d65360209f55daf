"""Support given to a producer while it carries out its business plan (seed plan II.4, III): training,
advice, a loan or funds, with the amount and its source."""
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User


class SupportRecord(db.Model):
    __tablename__ = "support_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("producing_entities.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # a key of support.operations.KINDS
    source: Mapped[str] = mapped_column(String(30))  # a key of support.operations.SOURCES
    amount_vnd: Mapped[int] = mapped_column(BigInteger)
    given_on: Mapped[date]
    description: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)

    recorded_by: Mapped["User"] = relationship()
