"""Recognitions and the decisions that grant them.

An approved result (a case's outcome "certified" at a level, or the province's 4★ "potential 5★"
recognition of a ≥90 score) is a `Recognition` that waits for a `RecognitionDecision` of the
competent authority: the district's or the province's People's Committee, or the Ministry for 5★.
The office of that level prepares the decision (number, date, signer, the recognitions it covers) as
a draft, which it may edit, then publishes it; at publication each recognition gets its certificate,
dated on the decision. A recognition is in one decision only (`decision_id`).
"""
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint, false, select
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from .. import clock
from ..cases.models import Certificate
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User
    from ..cases.models import Case
    from ..directory.models import AdministrativeUnit, Product


class RecognitionDecision(db.Model):
    """A recognition decision (quyết định công nhận) of one issuing unit (`issuer`: the province's code,
    the province's and the district's codes, or QG for the Ministry; `unit_id` the district or
    province, none for the Ministry). A draft (`published_at` empty) may be edited; a published one
    cannot. `version_id` counts updates: two publications at once, one wins. `imported`: a decision taken
    before the system existed, brought in published with its certificates by the import (service/imports/);
    its signer is empty when the file gave none."""

    __tablename__ = "recognition_decisions"
    __table_args__ = (UniqueConstraint("issuer", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(20))  # district|province|national
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    issuer: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(100))
    decided_on: Mapped[date]
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_title: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now)
    published_at: Mapped[datetime | None]
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    imported: Mapped[bool] = mapped_column(default=False, server_default=false())
    version_id: Mapped[int] = mapped_column()

    __mapper_args__ = {"version_id_col": version_id}

    unit: Mapped["AdministrativeUnit | None"] = relationship()
    created_by: Mapped["User"] = relationship(foreign_keys=[created_by_id])
    published_by: Mapped["User | None"] = relationship(foreign_keys=[published_by_id])
    recognitions: Mapped[list["Recognition"]] = relationship(back_populates="decision", order_by="Recognition.id")

    @property
    def published(self):
        return self.published_at is not None

    @property
    def certificates(self):
        return [recognition.certificate for recognition in self.recognitions if recognition.certificate is not None]


class Recognition(db.Model):
    """An approved result of a case at a level (`unit_id`: the district or province whose People's
    Committee decides, none for the Ministry), waiting for its decision until the decision is
    published, then holding its certificate. `potential_five`: the province's 4★ of a ≥90 score,
    referred to the Ministry. One per case and level."""

    __tablename__ = "recognitions"
    __table_args__ = (UniqueConstraint("case_id", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    level: Mapped[str] = mapped_column(String(20))  # district|province|national
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    stars: Mapped[int]
    score: Mapped[float | None]
    potential_five: Mapped[bool] = mapped_column(default=False)
    approved_at: Mapped[datetime] = mapped_column(default=clock.now)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("recognition_decisions.id"), index=True)
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), unique=True)

    case: Mapped["Case"] = relationship(backref=backref("recognitions", order_by="Recognition.id"))
    product: Mapped["Product"] = relationship()
    decision: Mapped[RecognitionDecision | None] = relationship(back_populates="recognitions")
    certificate: Mapped[Certificate | None] = relationship(backref=backref("recognition", uselist=False))

    @property
    def waiting(self):
        """Approved, its decision not published yet."""
        return self.certificate_id is None


def waiting_recognition(case):
    """The case's recognition that waits for its decision, if any (the latest)."""
    return db.session.scalar(select(Recognition).where(Recognition.case_id == case.id,
                                                       Recognition.certificate_id.is_(None))
                             .order_by(Recognition.id.desc()).limit(1))
