"""What the dossier partial (`templates/cases/_dossier.html`) shows of a case: fields, documents (the
checklist, `templates/cases/_checklist.html`), timeline and comments. The case page and the workspace's
task page both render it:

    {% include "cases/_dossier.html" %}   with   render_template(..., **dossier_context(case, user))

`dossier_context` adds one variable, `dossier` (a `Dossier`), so that it never clashes with the
including page's own variables. The caller has loaded the case with `get_case` or `get_task`.
"""
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..audit.models import AuditEntry
from ..audit.words import action_label
from ..auth.models import Role, User
from ..cases.access import candidate_for
from ..cases.checklist import Checklist, checklist_of
from ..cases.models import Case, Certificate, Comment
from ..cases.summary import current_stage, summary_of
from ..directory.models import ProductGroup
from ..extensions import db
from ..process_models.operations import bundle_of
from ..process_models.stages import STAGE_ORDER, STAGES, stage_of
from ..tasks.models import HumanTask

ENTITY_TYPES = {
    "enterprise": _l("Doanh nghiệp"),
    "cooperative": _l("Hợp tác xã"),
    "cooperative_group": _l("Tổ hợp tác"),
    "household": _l("Hộ sản xuất có đăng ký kinh doanh"),
}
STATUSES = {"active": _l("Đang xử lý"), "completed": _l("Hoàn thành"), "rejected": _l("Bị từ chối"),
            "incident": _l("Đang gặp sự cố")}
# What the process does by itself, in the transaction of whoever moved the case: the timeline
# credits it to the process, not to the person who completed the step before.
PROCESS_ACTIONS = {"task.created", "task.cancelled", "task.escalated", "case.progressed", "case.incident",
                   "certificate.issued"}


@dataclass
class TimelineEntry:
    at: object  # datetime
    who: str | None  # full name; None: the process (the engine, timers)
    what: str  # what happened, or the completed step's title ("Tiếng Việt / English")
    step: str | None = None  # the task's title, "Tiếng Việt / English"
    to: str | None = None  # whom a task went to, or the decision taken ("Tiếng Việt / English")
    note: str | None = None  # a reason, a file name, a certificate number, a product


@dataclass
class TimelineGroup:
    stage: str
    label: str
    entries: list
    open: bool = False


@dataclass
class Dossier:
    case: Case
    product_group: ProductGroup | None
    product_subgroup: ProductGroup | None
    entity_type: str
    status: str
    summary: str  # where the case stands, in words (cases.summary.summary_of)
    certificates: list
    checklist: Checklist  # the documents by item of the rule set, what is missing
    timeline: list  # [TimelineGroup]
    comments: list
    may_upload: bool
    upload_url: str
    max_upload_bytes: int
    comment_url: str


def history_of(case):
    """The case's audit entries, oldest first (the query of GET /api/v1/cases/<id>/history)."""
    return db.session.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id).order_by(AuditEntry.id)).all()


def _role_name(role):
    return f"{role.name_vi} / {role.name_en}"


def _decision_title(bundle, task, data):
    """The title of the decision a completed task's form took ("Chuyển lên huyện / Forward to the
    district"), from the form's own choices; None when the form takes no decision."""
    decision = data.get("decision")
    if decision is None or task is None or not task.form_name:
        return None
    titles = (bundle.form(task.form_name) or {}).get("properties", {}).get("decision", {}).get("x-enum-titles", {})
    return titles.get(decision, decision)


def timeline_of(case):
    """The case's history as the timeline shows it, [TimelineGroup] by stage: who did what, to
    which step, when. An entry without a step of its own (a comment, a document) belongs to the
    stage the case was in."""
    tasks = {task.id: task for task in db.session.scalars(select(HumanTask).where(HumanTask.case_id == case.id))}
    roles = {role.code: role for role in db.session.scalars(select(Role))}
    bundle = bundle_of(case.process_model)
    groups, stage = {}, "idea"
    for entry in history_of(case):
        details = entry.details or {}
        after = details.get("after") or {}
        if entry.action == "case.progressed" and after.get("status") not in ("completed", "rejected"):
            continue  # the task entries around it already say which step the case moved to
        task = tasks.get(details.get("task_id"))
        who = None if entry.action in PROCESS_ACTIONS or entry.user is None else entry.user.full_name
        item = TimelineEntry(at=entry.created_at, who=who, what=action_label(entry.action),
                             step=task.title if task else None)
        if entry.action == "task.completed":
            data = details.get("data") or {}
            item.what, item.step = task.title if task else item.what, None
            item.to, item.note = _decision_title(bundle, task, data), data.get("reason")
        elif entry.action == "task.created" and task is not None:
            role = roles.get(task.lane)
            item.to = _role_name(role) if role else task.lane
        elif entry.action == "task.escalated":
            role = roles.get(details.get("escalated_to"))
            item.to = _role_name(role) if role else details.get("escalated_to")
        elif entry.action == "task.reassigned":
            assignee = db.session.get(User, after["claimed_by_id"]) if after.get("claimed_by_id") else None
            item.to = assignee.full_name if assignee else None
        elif entry.action == "attachment.added":
            item.note = details.get("filename")
        elif entry.action == "certificate.issued":
            item.note = details.get("number")
        elif entry.action == "case.submitted":
            item.note = details.get("product")
        elif entry.action == "case.progressed":
            item.note = summary_of(case)
        if entry.action in ("case.progressed", "certificate.issued"):
            stage = "result"
        elif task is not None:
            stage = stage_of(task.step, task.lane) or stage
        groups.setdefault(stage, []).append(item)
    now = current_stage(case) if case.status in ("active", "incident") else None
    ordered = [TimelineGroup(stage=code, label=str(STAGES[code]), entries=groups[code])
               for code in STAGE_ORDER if code in groups]
    if ordered:
        opened = next((group for group in ordered if group.stage == now), ordered[-1])
        opened.open = True
    return ordered


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
        summary=summary_of(case),
        certificates=db.session.scalars(select(Certificate).where(Certificate.case_id == case.id)
                                        .order_by(Certificate.id)).all(),
        checklist=checklist_of(case),
        timeline=timeline_of(case),
        comments=db.session.scalars(select(Comment).where(Comment.case_id == case.id).order_by(Comment.id)).all(),
        may_upload=may_upload(case, user),
        upload_url=url_for("cases.upload_attachment", case_id=case.id),
        max_upload_bytes=current_app.config["OCOP_MAX_ATTACHMENT_BYTES"],
        comment_url=url_for("portal.comment", case_id=case.id),
    )}
