"""What the dossier partial (`templates/cases/_dossier.html`) shows of a case: fields, documents,
timeline and comments. The case page and the workspace's task page both render it:

    {% include "cases/_dossier.html" %}   with   render_template(..., **dossier_context(case, user))

`dossier_context` adds one variable, `dossier` (a `Dossier`), so that it never clashes with the
including page's own variables. The caller has loaded the case with `get_case` or `get_task`.
"""
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..audit.models import AuditEntry
from ..auth.models import Role
from ..cases.access import candidate_for
from ..cases.models import Attachment, Case, Certificate, Comment
from ..directory.models import ProductGroup
from ..extensions import db
from ..tasks.models import HumanTask

ENTITY_TYPES = {
    "enterprise": _l("Doanh nghiệp"),
    "cooperative": _l("Hợp tác xã"),
    "cooperative_group": _l("Tổ hợp tác"),
    "household": _l("Hộ sản xuất có đăng ký kinh doanh"),
}
STATUSES = {"active": _l("Đang xử lý"), "completed": _l("Hoàn thành"), "rejected": _l("Bị từ chối"),
            "incident": _l("Đang gặp sự cố")}
# audit action -> what happened, in the timeline's words
ACTIONS = {
    "case.submitted": _l("Gửi ý tưởng sản phẩm"),
    "case.progressed": _l("Hồ sơ chuyển trạng thái"),
    "case.incident": _l("Quy trình gặp sự cố"),
    "incident.retried": _l("Chạy lại bước gặp sự cố"),
    "task.created": _l("Giao nhiệm vụ"),
    "task.claimed": _l("Nhận xử lý"),
    "task.unclaimed": _l("Trả lại nhiệm vụ"),
    "task.completed": _l("Hoàn thành"),
    "task.cancelled": _l("Huỷ nhiệm vụ"),
    "task.escalated": _l("Quá hạn, báo lên cấp trên"),
    "task.reassigned": _l("Giao lại nhiệm vụ"),
    "comment.added": _l("Thêm ý kiến"),
    "attachment.added": _l("Tải lên tài liệu"),
    "certificate.issued": _l("Cấp giấy chứng nhận"),
}


@dataclass
class TimelineEntry:
    at: object  # datetime
    who: str | None  # full name; None: the system (timers, the engine)
    what: str
    step: str | None = None  # the task's title, "Tiếng Việt / English"
    role: Role | None = None  # the role a task was escalated to
    note: str | None = None  # a reason, a file name, a certificate number, a product


@dataclass
class Dossier:
    case: Case
    product_group: ProductGroup | None
    product_subgroup: ProductGroup | None
    entity_type: str
    status: str
    certificates: list
    attachments: list
    timeline: list
    comments: list
    may_upload: bool
    upload_url: str
    max_upload_bytes: int
    comment_url: str


def history_of(case):
    """The case's audit entries, oldest first (the query of GET /api/v1/cases/<id>/history)."""
    return db.session.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id).order_by(AuditEntry.id)).all()


def timeline_of(case):
    """The case's history as the timeline shows it: who did what, to which step, when."""
    tasks = {task.id: task for task in db.session.scalars(select(HumanTask).where(HumanTask.case_id == case.id))}
    roles = {role.code: role for role in db.session.scalars(select(Role))}
    entries = []
    for entry in history_of(case):
        details = entry.details or {}
        if entry.action == "case.progressed" and (details.get("after") or {}).get("status") == "active":
            continue  # the task entries around it already say which step the case moved to
        task = tasks.get(details.get("task_id"))
        item = TimelineEntry(at=entry.created_at, who=entry.user.full_name if entry.user else None,
                             what=ACTIONS.get(entry.action, entry.action), step=task.title if task else None)
        if entry.action == "task.completed":
            item.note = (details.get("data") or {}).get("reason")
        elif entry.action == "task.escalated":
            item.role = roles.get(details.get("escalated_to"))
        elif entry.action == "attachment.added":
            item.note = details.get("filename")
        elif entry.action == "certificate.issued":
            item.note = details.get("number")
        elif entry.action == "case.submitted":
            item.note = details.get("product")
        elif entry.action == "case.progressed":
            item.note = STATUSES.get(details["after"].get("status"))
        entries.append(item)
    return entries


def may_upload(case, user):
    """Documents are added while the case runs, by its producer or by someone with a task on it."""
    if case.status != "active":
        return False
    if user.has_role("producer") and user.entity_id == case.entity_id:
        return True
    return any(candidate_for(user, task, case) for task in case.open_tasks)


def _group(rule_set, code):
    if not code:
        return None
    return db.session.scalar(select(ProductGroup).where(ProductGroup.rule_set == rule_set, ProductGroup.code == code))


def dossier_context(case, user):
    """{"dossier": Dossier} for `{% include "cases/_dossier.html" %}`, as `user` may see it."""
    rule_set = case.process_model.rule_set
    return {"dossier": Dossier(
        case=case,
        product_group=_group(rule_set, case.product.group_code),
        product_subgroup=_group(rule_set, case.product.subgroup_code),
        entity_type=ENTITY_TYPES.get(case.entity.entity_type, case.entity.entity_type),
        status=STATUSES.get(case.status, case.status),
        certificates=db.session.scalars(select(Certificate).where(Certificate.case_id == case.id)
                                        .order_by(Certificate.id)).all(),
        attachments=db.session.scalars(select(Attachment).where(Attachment.case_id == case.id)
                                       .order_by(Attachment.id)).all(),
        timeline=timeline_of(case),
        comments=db.session.scalars(select(Comment).where(Comment.case_id == case.id).order_by(Comment.id)).all(),
        may_upload=may_upload(case, user),
        upload_url=url_for("cases.upload_attachment", case_id=case.id),
        max_upload_bytes=current_app.config["OCOP_MAX_ATTACHMENT_BYTES"],
        comment_url=url_for("portal.comment", case_id=case.id),
    )}
