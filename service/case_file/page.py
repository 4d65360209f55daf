"""What the case file partial (`templates/case_file/_case_file.html`) shows of a case: the product
and entity, the sections with their versions and reviews, documents, timeline and comments. The
case page and the workspace's task page both render it:

    {% include "case_file/_case_file.html" %}   with   render_template(..., **case_file_context(case, user))

`case_file_context` adds one variable, `case_file` (a `CaseFile`), so that it never clashes with
the including page's own variables. The caller has loaded the case with `get_case` or `get_task`.

A task page first shows what the task is about (`under_review`): the section it fills or judges
at its current version, what changed since the section was last judged, the producer's answer,
and the earlier decisions (a council chair also sees the round's sheets: workspace/scoring.py).
"""
from dataclasses import dataclass, field

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..audit.models import AuditEntry
from ..audit.words import action_label
from ..auth.models import User, roles_by_code
from ..tasks.access import candidate_for
from ..cases.checklist import Checklist, checklist_of
from ..cases.models import Case, Certificate, Comment
from ..cases.summary import current_stage, summary_of
from ..councils.minutes import minutes_of
from ..criteria.forms import SELF_ASSESSMENT, SELF_ASSESSMENT_TITLE
from ..directory.choices import with_choices
from ..directory.models import ProductGroup
from ..extensions import db
from ..process_models.operations import bundle_of
from ..process_models.stages import STAGE_ORDER, STAGES, stage_of
from ..tasks.models import HumanTask
from ..tasks.queries import RETURN_DECISIONS
from ..web.i18n import bilingual, local_number
from .operations import (changed_fields, names_who_did, reviews, section_filled_by, section_reviewed_by,
                         version_judged, versions)
from .sections import ANSWER_FIELD, SECTION_TITLES, SECTIONS

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
                   "certificate.issued", "certificate.superseded", "case.reevaluation_opened"}


@dataclass
class TimelineEntry:
    at: object  # datetime
    who: str | None  # full name; None: the process (the engine, timers)
    what: str  # what happened, or the completed step's title ("Tiếng Việt / English")
    step: str | None = None  # the task's title, "Tiếng Việt / English"
    to: str | None = None  # whom a task went to, or the decision taken ("Tiếng Việt / English")
    note: str | None = None  # a reason, a file name, a certificate number, a product
    url: str | None = None  # the completed task's page, for those who may open it


@dataclass
class TimelineGroup:
    stage: str
    label: str
    entries: list
    open: bool = False


@dataclass
class ShownField:
    name: str
    title: str  # "Tiếng Việt / English"
    value: str
    before: str | None = None  # the value at the version last judged, when it changed


@dataclass
class VersionView:
    section: str
    number: int
    submitted_by: str
    submitted_at: object  # datetime
    answer: str | None
    fields: list  # [ShownField]
    changed: list  # names of the fields changed from the version before
    url: str


@dataclass
class ReviewView:
    task_id: int
    title: str  # the reviewing task's title, "Tiếng Việt / English"
    who: str
    at: object  # datetime
    decision: str | None  # the decision's title, "Tiếng Việt / English"
    reason: str | None
    version_number: int | None
    returned: bool  # the decision sent the section back to the producer


@dataclass
class SectionView:
    code: str
    title: str
    current: VersionView
    versions: list  # [VersionView], oldest first, the current one last
    reviews: list  # [ReviewView], oldest first


@dataclass
class UnderReview:
    """What a task is about, shown above its form."""

    section: SectionView
    version: VersionView  # the version the task sees: the current one, or for a done task the one it saw
    judged_number: int | None  # the version the last review judged
    changes: list  # [ShownField] changed since that version, with `before`
    answer: str | None  # the producer's answer, when the current version is newer than the last review
    decisions: list  # [ReviewView] of this section before the task
    others: list = field(default_factory=list)  # the case file's other sections


@dataclass
class CaseFile:
    case: Case
    product_group: ProductGroup | None
    product_subgroup: ProductGroup | None
    entity_type: str
    status: str
    summary: str  # where the case stands, in words (cases.summary.summary_of)
    sections: list  # [SectionView] in the programme's order
    certificates: list
    checklist: Checklist  # the documents by item of the rule set, what is missing
    minutes: list  # the councils' minutes the user may read (councils.minutes.minutes_of)
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


def timeline_of(case, user):
    """The case's history as the timeline shows it to `user`, [TimelineGroup] by stage: who did
    what, to which step, when. An entry without a step of its own (a comment, a document) belongs to
    the stage the case was in. A producer sees which council acted, not which member."""
    tasks = {task.id: task for task in db.session.scalars(select(HumanTask).where(HumanTask.case_id == case.id))}
    roles = roles_by_code()
    bundle = bundle_of(case.process_model)
    groups, stage = {}, "idea"
    for entry in history_of(case):
        details = entry.details or {}
        after = details.get("after") or {}
        if entry.action == "case.progressed" and after.get("status") not in ("completed", "rejected"):
            continue  # the task entries around it already say which step the case moved to
        task = tasks.get(details.get("task_id"))
        who = None if entry.action in PROCESS_ACTIONS or entry.user is None else entry.user.full_name
        if who and task is not None and not names_who_did(task, user):
            who = bilingual(_role_name(roles[task.lane])) if task.lane in roles else task.lane
        item = TimelineEntry(at=entry.created_at, who=who, what=action_label(entry.action),
                             step=task.title if task else None)
        if entry.action == "task.completed":
            data = details.get("data") or {}
            item.what, item.step = task.title if task else item.what, None
            item.to, item.note = _decision_title(bundle, task, data), data.get("reason")
            if task is not None and (task.assignee_id in (None, user.id) or user.has_role("admin")):
                item.url = url_for("workspace.task", task_id=task.id)
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
        elif entry.action in ("certificate.issued", "certificate.superseded"):
            item.note = details.get("number")
        elif entry.action == "certificate.revoked":
            item.note = f"{details.get('number')}: {details.get('decision')}, {details.get('reason')}"
        elif entry.action == "case.reevaluation_opened":
            item.note = details.get("certificate")
        elif entry.action == "case.submitted":
            item.note = details.get("product")
        elif entry.action == "case.progressed":
            item.note = summary_of(case)
        if entry.action in ("case.progressed", "certificate.issued", "certificate.revoked", "certificate.superseded"):
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


def case_file_context(case, user):
    """{"case_file": CaseFile} for `{% include "case_file/_case_file.html" %}`, as `user` may see it."""
    rule_set = case.process_model.rule_set
    return {"case_file": CaseFile(
        case=case,
        product_group=_group(rule_set, case.product.group_code),
        product_subgroup=_group(rule_set, case.product.subgroup_code),
        entity_type=ENTITY_TYPES.get(case.entity.entity_type, case.entity.entity_type),
        status=STATUSES.get(case.status, case.status),
        summary=summary_of(case),
        sections=sections_of(case, user),
        certificates=db.session.scalars(select(Certificate).where(Certificate.case_id == case.id)
                                        .order_by(Certificate.id)).all(),
        checklist=checklist_of(case),
        minutes=minutes_of(case, user),
        timeline=timeline_of(case, user),
        comments=db.session.scalars(select(Comment).where(Comment.case_id == case.id).order_by(Comment.id)).all(),
        may_upload=may_upload(case, user),
        upload_url=url_for("cases.upload_attachment", case_id=case.id),
        max_upload_bytes=current_app.config["OCOP_MAX_ATTACHMENT_BYTES"],
        comment_url=url_for("portal.comment", case_id=case.id),
    )}


# The sections, their versions and reviews -----------------------------------------------------

def _field_specs(bundle, case):
    """{section: {field: spec}} of the forms that fill each section, with the directory's choices (the
    products of the case's entity and the communes of its province among them)."""
    specs = {}
    for schema in bundle.forms.values():
        section = section_filled_by(schema)
        if section is not None:
            for name, spec in with_choices(schema, case.process_model.rule_set, case.entity,
                                           case.province)["properties"].items():
                specs.setdefault(section, {}).setdefault(name, spec)
    return specs


def _shown(value, spec):
    """A field's value as the page shows it, in the page's language."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    titles = spec.get("x-enum-titles") or {}
    if str(value) in titles:
        return bilingual(titles[str(value)])
    if isinstance(value, (int, float)):
        return local_number(value)
    return str(value)


def self_assessment_line(assessment):
    """The producer's self-assessment as a line: its parts and total ("A 30 · B 20 · C 22,5 · 72,5 điểm")."""
    parts = " · ".join(f"{name.removeprefix('part_').upper()} {local_number(value)}"
                       for name, value in assessment.items() if name.startswith("part_"))
    return _("%(parts)s · tổng %(total)s điểm", parts=parts, total=local_number(assessment["total"]))


def _version_view(version, previous, specs):
    fields = [ShownField(name=name, title=bilingual(spec.get("title", name)), value=_shown(version.data.get(name), spec))
              for name, spec in specs.items() if name != ANSWER_FIELD and name in version.data]
    if isinstance(version.data.get(SELF_ASSESSMENT), dict):
        fields.append(ShownField(name=SELF_ASSESSMENT, title=bilingual(SELF_ASSESSMENT_TITLE),
                                 value=self_assessment_line(version.data[SELF_ASSESSMENT])))
    return VersionView(section=version.section, number=version.number, submitted_by=version.submitted_by.full_name,
                       submitted_at=version.submitted_at, answer=version.answer, fields=fields,
                       changed=changed_fields(previous, version),
                       url=url_for("portal.case_file_version", case_id=version.case_id, section=version.section,
                                   number=version.number))


def _reviewer(task, roles, user):
    """Who judged: the person, or for a producer reading a council's judgement, the council's role."""
    if not names_who_did(task, user) or task.completed_by is None:
        role = roles.get(task.lane)
        return bilingual(_role_name(role)) if role else task.lane
    return task.completed_by.full_name


def _review_view(review, bundle, roles, user):
    return ReviewView(task_id=review.task.id, title=review.task.title, who=_reviewer(review.task, roles, user), at=review.task.completed_at,
                      decision=_decision_title(bundle, review.task, review.task.submitted_data or {}),
                      reason=review.reason, version_number=review.version_number,
                      returned=review.decision in RETURN_DECISIONS)


def sections_of(case, user):
    """[SectionView] of the sections the producer has submitted, in the programme's order."""
    bundle = bundle_of(case.process_model)
    specs = _field_specs(bundle, case)
    roles = roles_by_code()
    by_section = {}
    for version in versions(case):
        by_section.setdefault(version.section, []).append(version)
    judged = {}
    for review in reviews(case, bundle):
        if review.decision is not None:
            judged.setdefault(review.section, []).append(_review_view(review, bundle, roles, user))
    views = []
    for section in SECTIONS:
        found = by_section.get(section, [])
        if not found:
            continue
        shown = [_version_view(version, previous, specs.get(section, {}))
                 for previous, version in zip([None, *found], found)]
        views.append(SectionView(code=section, title=str(SECTION_TITLES[section]), current=shown[-1],
                                 versions=shown, reviews=judged.get(section, [])))
    return views


def _changes(older, newer):
    """[ShownField] of `newer`'s fields whose shown value differs from `older`'s, with `before`."""
    before = {shown.name: shown.value for shown in older.fields}
    return [ShownField(name=shown.name, title=shown.title, value=shown.value, before=before.get(shown.name, "—"))
            for shown in newer.fields if before.get(shown.name) != shown.value]


def under_review(task, case, sections):
    """What `task` is about (UnderReview), or None for a task that neither fills nor judges a section;
    `sections` are the case file's (`CaseFile.sections`), of which the task sees the reviews before it."""
    bundle = bundle_of(case.process_model)
    schema = bundle.form(task.form_name) if task.form_name else None
    section = section_reviewed_by(schema) or section_filled_by(schema)
    focus = next((view for view in sections if view.code == section), None)
    if focus is None:
        return None
    # the version the task saw: the latest recorded before it (or by it, for a filling task)
    seen = version_judged(versions(case, section), section, task, including_own=True)
    current = focus.versions[seen - 1]
    decisions = [review for review in focus.reviews if review.task_id < task.id]
    last_judged = decisions[-1].version_number if decisions else None
    newer = last_judged is not None and last_judged < current.number
    return UnderReview(section=focus, version=current, judged_number=last_judged,
                       changes=_changes(focus.versions[last_judged - 1], current) if newer else [],
                       answer=current.answer if newer else None, decisions=decisions,
                       others=[view for view in sections if view.code != section])


def version_context(case, user, section, number):
    """What the page of one version shows: its section, the version, the changes from the version
    before (with `before`), and the reviews that judged it; None when there is no such version."""
    view = next((found for found in sections_of(case, user) if found.code == section), None)
    if view is None or not 1 <= number <= len(view.versions):
        return None
    version = view.versions[number - 1]
    changes = _changes(view.versions[number - 2], version) if number > 1 else []
    return {"section": view, "version": version, "changes": changes,
            "reviews": [review for review in view.reviews if review.version_number == number]}
