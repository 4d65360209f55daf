"""A case is one product's way through a process version, from idea to certificate or rejection.

`criteria_sheet_id` is the criteria sheet it is scored on, kept when it enters evaluation
(service/criteria/).

The running workflow's saved state lives in `WorkflowState`, a table of its own, so that
listing and filtering cases never loads it; `Case.workflow_state` reaches it (the completion
reads it in its one locked read, `tasks.operations.get_task`). `Case.version_id` counts updates: SQLAlchemy
checks it on every UPDATE (optimistic locking) and a lost race raises StaleDataError (409).
"""
import secrets
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, event, false, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..directory.models import trigram_index
from ..extensions import db
from ..tasks.models import CouncilScore, HumanTask

if TYPE_CHECKING:
    from ..auth.models import User
    from ..criteria.models import CriteriaSheet
    from ..directory.models import AdministrativeUnit, ProducingEntity, Product
    from ..incidents.models import Incident
    from ..process_models.models import ProcessModel


class Case(db.Model):
    """`submission_key` is the submitter's idempotency key (API header or the web form's one-time
    token) with a digest of what was submitted: a retry with the same key gets this case back.
    `previous_certificate_id` makes it the re-evaluation of that certificate (opened by `flask ocop
    timers` before it expires); unique, so a certificate is re-evaluated once however many runners
    open it."""

    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("created_by_id", "submission_key"),
                      Index("ix_cases_created_at", "created_at", "id"),  # the case list's default order
                      trigram_index("ix_cases_reference_trigrams", "reference"))

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("producing_entities.id"), index=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    province_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    process_model_id: Mapped[int] = mapped_column(ForeignKey("process_models.id"))
    status: Mapped[str] = mapped_column(String(20), index=True)  # active|completed|rejected|incident
    current_step: Mapped[str | None] = mapped_column(String(100))
    current_step_title: Mapped[str | None] = mapped_column(String(300))
    score: Mapped[float | None]
    stars: Mapped[int | None]
    outcome: Mapped[dict | None]
    next_timer_at: Mapped[datetime | None] = mapped_column(index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now)
    completed_at: Mapped[datetime | None]
    submission_key: Mapped[str | None] = mapped_column(String(100))
    submission_digest: Mapped[str | None] = mapped_column(String(64))
    previous_certificate_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificates.id", use_alter=True, ondelete="SET NULL"), unique=True)
    criteria_sheet_id: Mapped[int | None] = mapped_column(ForeignKey("criteria_sheets.id"))
    imported: Mapped[bool] = mapped_column(default=False, server_default=false())
    version_id: Mapped[int] = mapped_column()

    __mapper_args__ = {"version_id_col": version_id}

    product: Mapped["Product"] = relationship()
    entity: Mapped["ProducingEntity"] = relationship()
    commune: Mapped["AdministrativeUnit"] = relationship(foreign_keys=[commune_id])
    district: Mapped["AdministrativeUnit | None"] = relationship(foreign_keys=[district_id])
    province: Mapped["AdministrativeUnit"] = relationship(foreign_keys=[province_id])
    process_model: Mapped["ProcessModel"] = relationship()
    created_by: Mapped["User"] = relationship()
    criteria_sheet: Mapped["CriteriaSheet | None"] = relationship()
    certificates: Mapped[list["Certificate"]] = relationship(back_populates="case", order_by="Certificate.id",
                                                             foreign_keys="Certificate.case_id")
    previous_certificate: Mapped["Certificate | None"] = relationship(foreign_keys=[previous_certificate_id])
    council_scores: Mapped[list["CouncilScore"]] = relationship(order_by="CouncilScore.id")
    incidents: Mapped[list["Incident"]] = relationship(order_by="Incident.id")
    workflow_state: Mapped["WorkflowState | None"] = relationship()

    @property
    def open_tasks(self):
        """The case's open human tasks, in order, from the tasks table. The session keeps them until it writes
        anything (a flush) or its transaction ends, and reads them afresh while it holds changes not yet written:
        the helpers of one page or answer read them once, and never a list their own changes made stale."""
        session = db.session()
        kept = session.info.get(OPEN_TASKS, {})
        if self.id in kept and not (session.new or session.dirty or session.deleted):
            return list(kept[self.id])
        rows = session.scalars(select(HumanTask).where(HumanTask.case_id == self.id, HumanTask.status == "open")
                               .order_by(HumanTask.id)).all()
        session.info.setdefault(OPEN_TASKS, {})[self.id] = rows  # after the read: its autoflush forgets them
        return list(rows)

    @property
    def overdue(self):
        return any(task.overdue for task in self.open_tasks)

    def __repr__(self):
        return f"<Case {self.reference}>"


OPEN_TASKS = "ocop_open_tasks"  # session.info: {case id: its open task rows} (`Case.open_tasks`)


def forget_open_tasks(session, transaction):
    session.info.pop(OPEN_TASKS, None)


def listen():
    """Forget the open tasks a session keeps when any of its transactions ends: a commit, a rollback, and each
    flush, which SQLAlchemy runs in a transaction of its own inside the session's (once, however many
    applications there are)."""
    if not event.contains(db.session, "after_transaction_end", forget_open_tasks):
        event.listen(db.session, "after_transaction_end", forget_open_tasks)


class WorkflowState(db.Model):
    """The engine's saved instance of a case (JSON text), with the format it was written in."""

    __tablename__ = "workflow_states"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    format_version: Mapped[int]
    state: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now)


class Certificate(db.Model):
    """An OCOP certificate (3-5 stars), valid 36 months; its status (`certificates.lifecycle.status_of`)
    is valid, expired, revoked or superseded.

    `token` is the random part of its public verification address (/verify/<token>), which the QR
    code of the PDF carries: numbers follow each other, tokens cannot be guessed. A revocation keeps
    the decision (number, date) and the reason; `superseded_by` is the certificate of a later case of
    the same product (a re-evaluation) that replaced it.
    """

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    token: Mapped[str] = mapped_column(String(32), unique=True, default=lambda: secrets.token_urlsafe(16))
    level: Mapped[str] = mapped_column(String(20))  # district|province|national
    stars: Mapped[int]
    score: Mapped[float | None]
    issued_on: Mapped[date]
    valid_until: Mapped[date]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revocation_decision: Mapped[str | None] = mapped_column(String(100))
    revocation_date: Mapped[date | None]
    revocation_reason: Mapped[str | None] = mapped_column(Text)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))

    case: Mapped[Case] = relationship(back_populates="certificates", foreign_keys=[case_id])
    product: Mapped["Product"] = relationship()
    revoked_by: Mapped["User | None"] = relationship()
    superseded_by: Mapped["Certificate | None"] = relationship(remote_side=[id])


class CertificateCounter(db.Model):
    """The last certificate number an issuer (province code, or QG for the Ministry) gave in a year.

    Taken by an upsert that holds the row until the transaction ends, so two certificates issued
    at once get consecutive numbers, never the same one, and a rolled-back issue gives its
    number back.
    """

    __tablename__ = "certificate_counters"

    issuer: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_number: Mapped[int]


class Attachment(db.Model):
    """A dossier document, filed under an item of the case's checklist (a DocumentRequirement code of the
    case's rule set) or none; the bytes are in OCOP_ATTACHMENT_FOLDER under `storage_name`."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_name: Mapped[str] = mapped_column(String(64))
    requirement_code: Mapped[str | None] = mapped_column(String(50))  # its checklist item; None: other documents
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    uploaded_by: Mapped["User"] = relationship()


class Comment(db.Model):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    author: Mapped["User"] = relationship()

