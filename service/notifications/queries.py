"""What the top bar asks of every page: the signed-in user's unread count (one indexed COUNT, read with the
top bar's other counts in one statement, service/web/navigation.py)."""
from sqlalchemy import func, select

from ..extensions import db
from .models import Notification


def unread_count_query(user):
    return select(func.count()).select_from(Notification).where(Notification.user_id == user.id,
                                                                Notification.read_at.is_(None))


def unread_count(user):
    return db.session.scalar(unread_count_query(user))
