"""My notifications: the list, opening one (it is then read), marking one or all as read."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select, update

from .. import clock
from ..extensions import db
from ..paging import paginate
from . import bp
from .messages import text, title
from .models import Notification
from .queries import unread_count

PER_PAGE = 30


def _mine(notification_id):
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    return notification


def target_of(notification):
    """The page a notification leads to: its task, else its case; a registration, the pending registrations."""
    if notification.kind == "registration":
        return url_for("portal.registrations")
    if "task_id" in notification.params:
        return url_for("workspace.task", task_id=notification.params["task_id"])
    return url_for("portal.case", case_id=notification.case_id)


@bp.get("")
@login_required
def index():
    pagination = paginate(
        select(Notification).where(Notification.user_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()),
        page=request.args.get("page", 1, type=int), per_page=PER_PAGE)
    items = [{"notification": row, "title": title(row), "text": text(row)} for row in pagination.items]
    return render_template("notifications/index.html", items=items, page=pagination.page, more=pagination.has_next,
                           unread=unread_count(current_user))


@bp.post("/<int:notification_id>/open")
@login_required
def open_notification(notification_id):
    notification = _mine(notification_id)
    notification.read_at = notification.read_at or clock.now()
    db.session.commit()
    return redirect(target_of(notification))


@bp.post("/<int:notification_id>/read")
@login_required
def mark_read(notification_id):
    notification = _mine(notification_id)
    notification.read_at = notification.read_at or clock.now()
    db.session.commit()
    return redirect(url_for(".index", page=request.form.get("page", 1, type=int)))


@bp.post("/read")
@login_required
def mark_all_read():
    db.session.execute(update(Notification).where(Notification.user_id == current_user.id,
                                                  Notification.read_at.is_(None)).values(read_at=clock.now()))
    db.session.commit()
    flash(_("Đã đánh dấu tất cả thông báo là đã đọc."), "success")
    return redirect(url_for(".index"))
