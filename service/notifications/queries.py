"""What the top bar asks of every page: the signed-in user's unread count (one indexed COUNT)."""
from sqlalchemy import func, select

from ..extensions import db
from .models import Notification


def unread_count(user):
    return db.session.scalar(select(func.count()).select_from(Notification)
                             .where(Notification.user_id == user.id, Notification.read_at.is_(None)))
