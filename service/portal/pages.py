"""The producer portal's pages: parse, authorize with the API's helpers, call one operation, render."""
from io import BytesIO
from uuid import uuid4

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from marshmallow import EXCLUDE
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import clock
from ..auth.models import roles_by_code
from ..bodies import query_args
from ..cases.access import get_case
from ..cases.listing import FILTERS, case_list, submission_years, units_within
from ..cases.models import Case
from ..cases.operations import add_comment, entity_values, start_form, start_province, start_version, submit_idea
from ..cases.progress import CaseIncident
from ..cases.schemas import CaseQuery
from ..cases.summary import summary_of, tracker_of
from ..councils.operations import SHEET_FORM, records_attendance
from ..directory.choices import chosen_province, commune_choices
from ..errors import Unprocessable
from ..extensions import db
from ..paging import paginate
from ..plan.operations import leading_of, selecting_levels, set_leading, this_year
from ..tasks.access import candidate_for
from ..tasks.models import HumanTask
from ..forms.rendering import SchemaForm
from ..web.i18n import bilingual, current_language
from ..workspace.queries import product_group_choices, step_choices
from ..web.security import safe_next
from . import bp, registration
from ..case_file.page import ENTITY_TYPES, STATUSES, case_file_context, version_context
from .export import EXPORT_LIMIT, case_workbook

PER_PAGE = 20
PAGE_SIZES = (20, 50, 100)
SORT_LABELS = {"submitted": _l("Ngày gửi"), "updated": _l("Ngày cập nhật"), "reference": _l("Mã hồ sơ"),
               "product": _l("Sản phẩm"), "producer": _l("Chủ thể"), "district": _l("Huyện"),
               "step": _l("Bước hiện tại"), "status": _l("Trạng thái"), "stars": _l("Hạng sao")}
FILTER_LABELS = {"q": _l("Tìm"), "status": _l("Trạng thái"), "province_id": _l("Tỉnh"), "district_id": _l("Huyện"),
                 "commune_id": _l("Xã"), "step": _l("Bước hiện tại"), "product_group": _l("Nhóm sản phẩm"),
                 "stars": _l("Hạng sao"), "year": _l("Năm gửi")}
ENTITY_FIELDS = ("entity_name", "entity_type", "commune_id")
REGISTRATION_FIELDS = ("entity_name", "entity_type", "commune_id", "business_registration_no", "username",
                       "full_name", "email", "password", "password_again")


def require_role(code):
    if not current_user.has_role(code):
        abort(403)


# Registration --------------------------------------------------------------------------------

@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("web.home"))
    province, provinces, errors = chosen_province(request.args.get("province_id", ""))
    if province is None and provinces:
        return render_template("portal/register.html", provinces=provinces, province=None,
                               errors=errors), 404 if errors else 200
    values = {}
    if request.method == "POST":
        values = {name: request.form.get(name, "").strip() for name in REGISTRATION_FIELDS}
        values["password"], values["password_again"] = request.form.get("password", ""), \
            request.form.get("password_again", "")
        data = {**values, "commune_id": request.form.get("commune_id", type=int)}
        try:
            user = registration.register(data)
        except Unprocessable as error:
            db.session.rollback()
            errors = error.details
        else:
            db.session.commit()
            flash(_("Đã gửi đăng ký của %(entity)s. Cán bộ OCOP xã sẽ xét duyệt; bạn đăng nhập được sau khi "
                    "được duyệt.", entity=user.entity.name), "success")
            return redirect(url_for("web.login"))
    return render_template("portal/register.html", values=values, errors=errors, entity_types=ENTITY_TYPES,
                           provinces=provinces, province=province,
                           communes=commune_choices(province)), 422 if errors else 200


@bp.get("/registrations")
@login_required
def registrations():
    require_role("commune_officer")
    return render_template("portal/registrations.html", pending=registration.pending_registrations(current_user),
                           entity_types=ENTITY_TYPES, errors={})


@bp.post("/registrations/<int:user_id>/approve")
@login_required
def approve_registration(user_id):
    require_role("commune_officer")
    user = registration.get_registration(user_id, current_user)
    registration.approve(user, current_user)
    db.session.commit()
    flash(_("Đã duyệt đăng ký của %(entity)s: tài khoản %(username)s đã hoạt động.", entity=user.entity.name,
            username=user.username), "success")
    return redirect(url_for(".registrations"))


@bp.post("/registrations/<int:user_id>/refuse")
@login_required
def refuse_registration(user_id):
    require_role("commune_officer")
    user = registration.get_registration(user_id, current_user)
    try:
        registration.refuse(user, current_user, request.form.get("reason"))
    except Unprocessable as error:
        db.session.rollback()
        return render_template("portal/registrations.html",
                               pending=registration.pending_registrations(current_user),
                               entity_types=ENTITY_TYPES, errors={user_id: error.details["reason"]}), 422
    db.session.commit()
    flash(_("Đã từ chối đăng ký của %(entity)s.", entity=user.entity.name), "success")
    return redirect(url_for(".registrations"))


# Submitting an idea --------------------------------------------------------------------------

@bp.route("/cases/new", methods=["GET", "POST"])
@login_required
def new_case():
    require_role("producer")
    if current_user.entity is not None:  # the idea follows the rules of the entity's province
        province, provinces, errors = start_province(current_user), [], {}
    else:
        province, provinces, errors = chosen_province(request.args.get("province_id", ""))
        if province is None and provinces:
            return render_template("portal/new_case.html", provinces=provinces, province=None,
                                   errors=errors), 404 if errors else 200
    try:
        model = start_version(current_user, province_id=province.id if province is not None else None)
    except Unprocessable:
        flash(_("Chưa có quy trình nào được triển khai."), "error")
        return redirect(url_for(".cases"))
    entity = current_user.entity
    preset = entity_values(current_user)
    form = SchemaForm(start_form(model, current_user, province), values=preset)
    # A one-time token per form: posting the same form twice (a double click, a reload after a
    # lost answer) gives back the case the first post made.
    submission_token = request.form.get("submission_token") or uuid4().hex
    if request.method == "POST":
        # a registered entity's own fields are not the form's to change
        submitted = {**request.form.to_dict(), **{name: str(value) for name, value in preset.items()}}
        submitted.pop("submission_token", None)
        try:
            case, created = submit_idea(current_user, form.read(submitted), submission_key=submission_token)
        except Unprocessable as error:
            db.session.rollback()
            if isinstance(error.details, dict):
                form.errors.update(error.details)
            flash(bilingual(error.message), "error")
            submission_token = uuid4().hex
        except CaseIncident as incident:
            # the idea is kept; only the first step waits for an administrator
            case = db.session.get(Case, incident.incident.case_id)
            flash(_("Đã nhận ý tưởng “%(product)s”: hồ sơ %(reference)s. Bước đầu tiên đang chờ quản trị viên "
                    "xử lý một sự cố kỹ thuật; hồ sơ sẽ được chuyển tiếp, bạn không cần gửi lại.",
                    product=case.product.name, reference=case.reference), "info")
            return redirect(url_for(".case", case_id=case.id))
        else:
            db.session.commit()
            if created:
                flash(_("Đã gửi ý tưởng “%(product)s”: hồ sơ %(reference)s.", product=case.product.name,
                        reference=case.reference), "success")
            else:
                flash(_("Ý tưởng này đã được gửi trước đó: hồ sơ %(reference)s.", reference=case.reference),
                      "info")
            return redirect(url_for(".case", case_id=case.id))
    fields = [field for field in form.fields if field.name not in preset]
    return render_template("portal/new_case.html", form=form, entity=entity, submission_token=submission_token,
                           fields=[field for field in fields if field.name != "product_id"],
                           product_choice=next((field for field in fields if field.name == "product_id"), None),
                           entity_types=ENTITY_TYPES, provinces=provinces, province=province), \
        422 if form.errors else 200


# My cases and the case page ------------------------------------------------------------------

def holder_of(task, roles):
    """Who holds an open task: the person who claimed it or it is assigned to, else the role of its lane."""
    person = task.claimed_by or task.assignee
    if person is not None:
        return person.full_name
    role = roles.get(task.escalated_to or task.lane)
    return f"{role.name_vi} / {role.name_en}" if role else task.lane


def listed_cases():
    """(query, units, statement) of the case list the query string asks for: the filters, sort and page read by
    the API's schema (empty fields are absent; a value the schema refuses answers 422), and the units the filter
    form offers (`units_within`), whose `filters` are the filters applied."""
    args = {name: value for name, value in request.args.items() if value.strip()}
    query = query_args(CaseQuery(unknown=EXCLUDE), {"per_page": PER_PAGE, **args})
    units = units_within(current_user, {name: query[name] for name in FILTERS if name in query})
    return query, units, case_list(current_user, units.filters, query["sort"], query["order"])


def list_choices(user, units):
    """What the filter form offers this user: the units of their jurisdiction (`units_within`: for a national view
    of several provinces, the districts of the province chosen and the communes of the district chosen), the steps
    of the process, the product groups, the years of the cases they see."""
    return {"provinces": units.provinces, "districts": units.districts, "communes": units.communes,
            "steps": step_choices(), "statuses": STATUSES, "product_groups": product_group_choices(),
            "years": submission_years(user), "sorts": SORT_LABELS, "page_sizes": PAGE_SIZES}


def describe_filters(filters, choices):
    """The filters in words, for the title of the Excel file."""
    names = {"province_id": dict(choices["provinces"]),
             "district_id": {unit.id: unit.name for unit in choices["districts"]},
             "commune_id": {unit.id: unit.name for unit in choices["communes"]},
             "step": {step: bilingual(title) for step, title in choices["steps"]},
             "status": {code: str(label) for code, label in STATUSES.items()},
             "product_group": {group.code: group_name(group) for group in choices["product_groups"]}}
    parts = [f"{FILTER_LABELS[name]}: {names.get(name, {}).get(filters[name], filters[name])}"
             for name in FILTERS if name in filters]
    return _("Lọc: %(filters)s", filters="; ".join(parts)) if parts else _("Không lọc: mọi hồ sơ bạn được xem")


def group_name(group):
    return group.name_en if current_language() == "en" else group.name_vi


@bp.get("/cases")
@login_required
def cases():
    query, units, statement = listed_cases()
    filters = units.filters
    pagination = paginate(statement, page=query["page"], per_page=query["per_page"])
    open_tasks = db.session.scalars(
        select(HumanTask).options(joinedload(HumanTask.claimed_by), joinedload(HumanTask.assignee))
        .where(HumanTask.case_id.in_([case.id for case in pagination.items]), HumanTask.status == "open")
        .order_by(HumanTask.id)).all()
    roles = roles_by_code()
    rows = []
    for case in pagination.items:
        tasks = [task for task in open_tasks if task.case_id == case.id]
        dues = [task.due_at for task in tasks if task.due_at is not None]
        rows.append({"case": case, "holders": sorted({holder_of(task, roles) for task in tasks}),
                     "due": min(dues) if dues else None, "overdue": any(task.overdue for task in tasks)})
    params = {**filters, **({"per_page": query["per_page"]} if query["per_page"] != PER_PAGE else {})}
    return render_template("portal/cases.html", rows=rows, pagination=pagination, filters=filters, params=params,
                           sort=query["sort"], order=query["order"], per_page=query["per_page"],
                           **list_choices(current_user, units))


@bp.get("/cases.xlsx")
@login_required
def cases_export():
    _, units, statement = listed_cases()
    cases = db.session.scalars(statement.limit(EXPORT_LIMIT + 1)).unique().all()
    choices = list_choices(current_user, units)
    groups = {group.code: group_name(group) for group in choices["product_groups"]}
    workbook = case_workbook(cases[:EXPORT_LIMIT], describe_filters(units.filters, choices), groups,
                             capped_at=EXPORT_LIMIT if len(cases) > EXPORT_LIMIT else None)
    name = f"ho-so-ocop-{format_date(clock.now(), 'yyyy-MM-dd')}.xlsx"
    return send_file(BytesIO(workbook), as_attachment=True, download_name=name,
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.get("/cases/<int:case_id>")
@login_required
def case(case_id):
    case = get_case(case_id, current_user, detail=True)
    roles = roles_by_code()
    mine_or_all = current_user.has_role("admin")
    open_tasks = case.open_tasks
    tasks = [{"task": task, "holder": holder_of(task, roles), "mine": candidate_for(current_user, task, case)}
             for task in open_tasks if mine_or_all or task.assignee_id in (None, current_user.id)]
    # a council member's own sheet is theirs to see; others see the council's role
    holders = sorted({holder_of(task, roles) if mine_or_all or task.assignee_id in (None, current_user.id)
                      else _role_name(roles, task.lane) for task in open_tasks})
    dues = [task.due_at for task in open_tasks if task.due_at is not None]
    attendance = [task for task in open_tasks if task.form_name == SHEET_FORM and task.assignee_id is not None
                  and records_attendance(current_user, task, case)]
    return render_template("portal/case.html", case=case, tasks=tasks, holders=holders, attendance=attendance,
                           due=min(dues) if dues else None, overdue=any(task.overdue for task in open_tasks),
                           summary=summary_of(case), tracker=tracker_of(case),
                           leading=leading_of(case.product), selects_leading=selecting_levels(case, current_user),
                           plan_year=this_year(), **case_file_context(case, current_user))


@bp.post("/cases/<int:case_id>/leading")
@login_required
def select_leading(case_id):
    """The district or provincial OCOP office selects the case's product as a leading product of this
    year's plan, or drops it."""
    case = get_case(case_id, current_user)
    selected = request.form.get("leading") == "true"
    try:
        set_leading(case, current_user, selected, year=request.form.get("year", type=int),
                    level=request.form.get("level") or None)
    except Unprocessable as error:
        db.session.rollback()
        flash(bilingual(error.message), "error")
        return redirect(url_for(".case", case_id=case.id))
    db.session.commit()
    flash(_("Đã chọn “%(product)s” là sản phẩm chủ lực.", product=case.product.name) if selected else
          _("Đã bỏ chọn “%(product)s” khỏi sản phẩm chủ lực.", product=case.product.name), "success")
    return redirect(url_for(".case", case_id=case.id))


@bp.get("/cases/<int:case_id>/file/<section>/<int:number>")
@login_required
def case_file_version(case_id, section, number):
    """One version of a section of the case file, with what changed from the one before."""
    case = get_case(case_id, current_user)
    context = version_context(case, current_user, section, number)
    if context is None:
        abort(404)
    return render_template("case_file/version.html", case=case, **context)


def _role_name(roles, code):
    role = roles.get(code)
    return f"{role.name_vi} / {role.name_en}" if role else code


@bp.post("/cases/<int:case_id>/comments")
@login_required
def comment(case_id):
    case = get_case(case_id, current_user)
    body = request.form.get("body", "").strip()
    back = safe_next(request.form.get("next") or url_for(".case", case_id=case.id))
    if not body or len(body) > 5000:
        flash(_("Ý kiến phải có từ 1 đến 5000 ký tự."), "error")
        return redirect(back)
    add_comment(case, current_user, body)
    db.session.commit()
    flash(_("Đã thêm ý kiến."), "success")
    return redirect(back + "#comments")
