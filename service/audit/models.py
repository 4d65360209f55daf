"""Audit entries. They are written once and never changed: the ORM refuses updates and deletes."""
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User
    from ..cases.models import Case


class AuditLogIsAppendOnly(Exception):
    pass


class AuditEntry(db.Model):
    __tablename__ = "audit_log"
    # the audit page's filters by action and by user, newest first (migration 0031_auditfilters)
    __table_args__ = (Index("ix_audit_log_action_created", "action", "created_at", "id"),
                      Index("ix_audit_log_user_created", "user_id", "created_at", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(60))
    details: Mapped[dict]
    created_at: Mapped[datetime] = mapped_column(default=clock.now, index=True)

    case: Mapped["Case | None"] = relationship()
    user: Mapped["User | None"] = relationship()

    subject = None  # not stored: the row a new entry is about, for the notifications written with it


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def refuse_change(mapper, connection, entry):
    raise AuditLogIsAppendOnly(f"audit entry {entry.id} cannot be changed or deleted")
