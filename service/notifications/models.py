"""A notification: one thing that concerns one user, in the words of `kind` with its `params`.

The text is not stored: `messages.text(notification)` writes it in the reader's language.
`mailed_at`: when a worker took it to e-mail (`mail.send_notification`); empty while not mailed.
"""
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..cases.models import Case


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(30))  # messages.TITLES
    params: Mapped[dict]
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    read_at: Mapped[datetime | None]
    mailed_at: Mapped[datetime | None]

    case: Mapped["Case | None"] = relationship()
