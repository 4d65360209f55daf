"""The inbox and the task page: parse, authorize (the API's helpers), call one operation, render."""
from datetime import date, datetime, time, timedelta, timezone
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import to_utc
from flask_login import current_user, login_required

from ..auth.models import roles_by_code
from ..cases.listing import districts_within
from ..cases.progress import CaseIncident
from ..councils.operations import record_absence
from ..database import database_id
from ..errors import Conflict, Forbidden, Unprocessable
from ..extensions import db
from ..case_file.operations import self_assessment_of
from ..case_file.page import case_file_context, under_review
from ..tasks import operations
from ..tasks.access import candidate_for, entity_task, supervises
from ..tasks.inbox import inbox as inbox_query
from ..tasks.queries import returned_with
from ..forms.rendering import SchemaForm
from ..paging import TAB_COUNT_LIMIT
from ..web.i18n import bilingual
from ..web.security import safe_next
from . import bp, queries
from ..criteria.forms import SHEET_FORM
from .scoring import CHAIR_FORM, STAR_BANDS, council_round, sheet_layout, sheet_summary

PER_PAGE = 25
TABS = {"mine": _l("Của tôi"), "claimable": _l("Có thể nhận"), "all-visible": _l("Tất cả")}


def _filters(args):
    """The inbox filters given in the query string; a value that does not parse is ignored."""
    filters = {"province_id": args.get("province_id", type=int), "district_id": args.get("district_id", type=int),
               "step": args.get("step") or None,
               "product_group": args.get("product_group") or None,
               "due_before": args.get("due_before", type=date.fromisoformat)}
    return {name: value for name, value in filters.items() if value is not None}


def _end_of_local_day(day):
    """The first instant after `day` in the pages' time zone, in UTC: tasks due on that day or earlier."""
    return to_utc(datetime.combine(day + timedelta(days=1), time.min)).replace(tzinfo=timezone.utc)


@bp.get("/inbox")
@login_required
def inbox():
    tab = request.args.get("tab") if request.args.get("tab") in TABS else "mine"
    units = districts_within(current_user, _filters(request.args))
    filters = units.filters
    query = {**filters, "due_before": _end_of_local_day(filters["due_before"])} if "due_before" in filters else filters
    pagination, counts = inbox_query(current_user, scope=tab, page=request.args.get("page", 1, type=int),
                                     per_page=PER_PAGE, **query)
    rows = [{"task": task, "candidate": candidate_for(current_user, task, task.case), "entity_task": entity_task(task)}
            for task in pagination.items]
    return render_template(
        "workspace/inbox.html", tab=tab, tabs=TABS, counts=counts, count_limit=TAB_COUNT_LIMIT, rows=rows,
        total=pagination.total, capped=pagination.capped,
        page=pagination.page, pages=pagination.pages, filters=filters, roles=roles_by_code(),
        provinces=units.provinces, districts=units.districts, steps=queries.step_choices(),
        product_groups=queries.product_group_choices())


def _form_for(task, case, values=None):
    return SchemaForm(operations.task_form(task, case), values=values)


def _render_task(task, case, form, status=200):
    may_act = (task.status == "open" and candidate_for(current_user, task, case)
               and (entity_task(task) or task.claimed_by_id in (None, current_user.id)))
    scoring = task.form_name == SHEET_FORM
    supervising = task.status == "open" and (supervises(current_user, task, case) or current_user.has_role("admin"))
    context = case_file_context(case, current_user)
    return render_template(
        "workspace/task.html", task=task, case=case, form=form, may_act=may_act, supervising=supervising,
        entity_task=entity_task(task),
        handover_choices=operations.handover_choices(task, case) if supervising else [],
        returned=returned_with(task) if task.status == "open" else None, roles=roles_by_code(),
        score_sheet=sheet_layout(form.schema) if scoring else None, star_bands=STAR_BANDS,
        self_assessment=self_assessment_of(case) if scoring or task.form_name == CHAIR_FORM else None,
        sheet=sheet_summary(task) if scoring and task.status == "completed" else None,
        under_review=under_review(task, case, context["case_file"].sections),
        council_round=council_round(case, task) if task.form_name == CHAIR_FORM and sees_round(task, case) else None,
        **context), status


@bp.route("/tasks/<int:task_id>", methods=["GET", "POST"])
@login_required
def task(task_id):
    """The task with its case's dossier; POST completes it with the form's data."""
    task, case = operations.get_task(task_id, current_user)
    form = _form_for(task, case, values=task.submitted_data)
    if request.method == "GET":
        return _render_task(task, case, form)
    try:
        operations.complete(task.id, current_user, form.read(request.form))
        db.session.commit()
    except CaseIncident:
        # the submission is kept with the incident and replayed when an administrator retries it
        flash(_("Đã ghi nhận “%(title)s” cho hồ sơ %(reference)s. Bước tiếp theo đang chờ quản trị viên xử lý một "
                "sự cố kỹ thuật; hồ sơ sẽ được chuyển tiếp, bạn không cần gửi lại.", title=bilingual(task.title),
                reference=case.reference), "info")
        return redirect(url_for(".inbox"))
    except (Conflict, Forbidden, Unprocessable) as error:
        db.session.rollback()
        if isinstance(error.details, dict) and error.code == "invalid_form":
            form.errors.update(error.details)
        flash(bilingual(error.message), "error")
        task, case = operations.get_task(task_id, current_user)
        return _render_task(task, case, form, error.status)
    flash(_("Đã hoàn thành “%(title)s” cho hồ sơ %(reference)s.", title=bilingual(task.title), reference=case.reference),
          "success")
    return redirect(url_for(".inbox"))


def sees_round(task, case):
    """Scoring is blind: the members' sheets of a round are for the chair who decides on it (and a
    supervisor it was escalated to), administrators, and, once decided, officials; never for a
    producer or a council member."""
    if current_user.has_role("admin") or candidate_for(current_user, task, case):
        return True
    return task.status == "completed" and not any(
        assignment.role_code == "producer" or assignment.role_code.endswith("_council")
        for assignment in current_user.role_assignments)


def _act_on(task_id, operation, done_message):
    """Claim, unclaim, remind or hand over, then back to the page the button was on (the task page
    by default)."""
    try:
        task = operation(task_id, current_user)
        db.session.commit()
    except (Conflict, Forbidden, Unprocessable) as error:
        db.session.rollback()
        flash(bilingual(error.message), "error")
    else:
        flash(done_message % {"title": bilingual(task.title), "reference": task.case.reference}, "success")
    return redirect(safe_next(request.form.get("next") or url_for(".task", task_id=task_id)))


@bp.post("/tasks/<int:task_id>/claim")
@login_required
def claim(task_id):
    return _act_on(task_id, operations.claim, _("Bạn đã nhận “%(title)s” của hồ sơ %(reference)s."))


@bp.post("/tasks/<int:task_id>/unclaim")
@login_required
def unclaim(task_id):
    return _act_on(task_id, operations.unclaim, _("Bạn đã trả lại “%(title)s” của hồ sơ %(reference)s."))


@bp.post("/tasks/<int:task_id>/remind")
@login_required
def remind(task_id):
    return _act_on(task_id, operations.remind, _("Đã nhắc việc “%(title)s” của hồ sơ %(reference)s."))


@bp.post("/tasks/<int:task_id>/absence")
@login_required
def absence(task_id):
    return _act_on(task_id, record_absence, _("Đã ghi vắng mặt: “%(title)s” của hồ sơ %(reference)s."))


@bp.post("/tasks/<int:task_id>/hand-over")
@login_required
def hand_over(task_id):
    user_id = request.form.get("user_id", type=int)
    if database_id(user_id) is None:
        user_id = 0  # no such user: the operation says so
    return _act_on(task_id, lambda task_id, user: operations.reassign(task_id, user, user_id),
                   _("Đã giao “%(title)s” của hồ sơ %(reference)s cho người khác."))
