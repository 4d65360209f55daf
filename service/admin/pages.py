"""The administration pages. Every view requires an administrator: others see the 403 page."""
from pathlib import PurePosixPath

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from marshmallow import ValidationError
from sqlalchemy import select

from ..audit.words import ACTIONS, action_label
from ..auth.models import RoleAssignment, User
from ..certificates.lifecycle import today
from ..criteria.models import CriteriaSheet
from ..criteria.operations import SHEET as WHOLE_SHEET
from ..criteria.operations import add_sheet_version
from ..criteria.workbook import CRITERIA, MAX_BYTES, PARTS, SHEET, read_workbook
from ..directory.choices import chosen_province
from ..directory.models import AdministrativeUnit, Council, CouncilMember
from ..errors import NotFound, Unprocessable
from ..extensions import db
from ..process_models.models import ProcessModel, RuleSetAdoption
from ..process_models.operations import FORM_FOLDER
from ..process_models.rule_sets import RULE_SETS, adopt, rule_set_among, withdraw
from ..process_models.schemas import AdoptionForm
from ..web.i18n import bilingual, local_date
from ..web.security import allow_style_attributes
from . import operations
from .queries import (AuditFilters, councils_within, criteria_sheet_versions, known_roles,
                      process_versions, product_group_names, role_units, search_audit, search_users)

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates", static_folder="static")

# The style attributes of the bpmn.io watermark that dmn-js draws (dmn-js-shared/lib/util/PoweredByUtil.js):
# its licence forbids changing that code, so the decision table page allows exactly these values.
DMN_JS_WATERMARK_STYLES = (
    "position: absolute; bottom: 15px; right: 15px; z-index: 100;",
    "vertical-align:middle",
    "z-index: 1001;position: fixed;top: 0;left: 0;right: 0;bottom: 0",
    "width: 100%;height: 100%;background: rgba(40,40,40,0.2)",
    ("position: absolute;left: 50%;top: 40%;transform: translate(-50%);width: 260px;padding: 10px;background: white;"
     "box-shadow: 0 1px 4px rgba(0,0,0,0.3);font-family: Helvetica, Arial, sans-serif;font-size: 14px;display: flex;"
     "line-height: 1.3"),
    "margin: 15px 20px 15px 10px; align-self: center;",
)
POSITION_LABELS = {"chair": _l("Chủ tịch"), "vice_chair": _l("Phó chủ tịch"), "member": _l("Thành viên"),
                   "secretary": _l("Thư ký (không chấm điểm)")}


@bp.before_request
def require_admin():
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not current_user.has_role("admin"):
        abort(403)


@bp.context_processor
def labels():
    return {"position_label": POSITION_LABELS.get}


def _get(model, object_id):
    return db.get_or_404(model, object_id)


@bp.route("/users", methods=["GET", "POST"])
def users():
    """The accounts, searchable; the form to create one (then its page opens)."""
    values, status = {}, 200
    if request.method == "POST":
        values = request.form
        try:
            user = operations.create_user(values.get("username", ""), values.get("full_name", ""),
                                          values.get("email"), values.get("password", ""), current_user)
        except Unprocessable as error:
            flash(bilingual(error.message), "error")
            status = 422
        else:
            db.session.commit()
            flash(_("Đã tạo tài khoản %(username)s.", username=user.username), "success")
            return redirect(url_for("admin.user", user_id=user.id))
    text = request.args.get("q", "").strip()
    return render_template("admin/users.html", result=search_users(text, request.args.get("page", 1, type=int)),
                           q=text, values=values), status


@bp.get("/users/<int:user_id>")
def user(user_id):
    """An account: its roles, the form to give one, its councils. The units a role is given in and the councils
    are the directory's; in a directory of several provinces, those of the province chosen (`province_id`: a
    country has some ten thousand communes and seven hundred councils), with every province and national council."""
    account = _get(User, user_id)
    province, provinces, errors = chosen_province(request.args.get("province_id", ""))
    units = role_units(province, provinces)
    return render_template(
        "admin/user.html", user=account, roles=known_roles(), province=province, provinces=provinces,
        errors=errors, units_by_level={level: [unit for unit in units if unit.level == level]
                                       for level in ("commune", "district", "province")},
        councils=councils_within(province, provinces),
        memberships=db.session.scalars(select(CouncilMember).where(CouncilMember.user_id == user_id)).all(),
        positions=operations.POSITIONS), 404 if errors else 200


def _act(user_id, change, success):
    """Run `change()`, commit and flash `success`; a refused change flashes its reason. Back to the user page, with
    the province chosen there (`province_id`, which its forms post with)."""
    try:
        change()
    except Unprocessable as error:
        db.session.rollback()
        flash(bilingual(error.message), "error")
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(url_for("admin.user", user_id=user_id, province_id=request.args.get("province_id", type=int)))


@bp.post("/users/<int:user_id>/active")
def set_active(user_id):
    target, active = _get(User, user_id), request.form.get("active") == "1"
    return _act(user_id, lambda: operations.set_active(target, active, current_user),
                _("Đã mở lại tài khoản.") if active else _("Đã khoá tài khoản."))


@bp.post("/users/<int:user_id>/roles")
def assign_role(user_id):
    target = _get(User, user_id)
    unit_id = request.form.get("unit_id", type=int)
    return _act(user_id, lambda: operations.assign_role(target, request.form.get("role"), unit_id, current_user),
                _("Đã gán vai trò."))


@bp.post("/users/<int:user_id>/roles/<int:assignment_id>/delete")
def remove_role(user_id, assignment_id):
    assignment = _get(RoleAssignment, assignment_id)
    if assignment.user_id != user_id:
        abort(404)
    return _act(user_id, lambda: operations.remove_role(assignment, current_user), _("Đã bỏ vai trò."))


@bp.post("/users/<int:user_id>/councils")
def set_council_member(user_id):
    target = _get(User, user_id)
    council = _get(Council, request.form.get("council_id", type=int))
    return _act(user_id, lambda: operations.set_council_member(council, target, request.form.get("position"),
                                                               current_user),
                _("Đã cập nhật thành viên hội đồng."))


@bp.post("/users/<int:user_id>/councils/<int:member_id>/delete")
def remove_council_member(user_id, member_id):
    member = _get(CouncilMember, member_id)
    if member.user_id != user_id:
        abort(404)
    return _act(user_id, lambda: operations.remove_council_member(member, current_user),
                _("Đã rút khỏi hội đồng."))


def _bpmn_name(model):
    return next(file.name for file in model.files if file.name.endswith(".bpmn"))


def _decision_names(model):
    return [file.name for file in model.files if file.name.endswith(".dmn")]


@bp.get("/process-models")
def process_models():
    return render_template("admin/process_models.html", versions=process_versions(), bpmn_name=_bpmn_name,
                           decision_names=_decision_names)


@bp.get("/process-models/<int:model_id>/edit")
def edit_process_model(model_id):
    """The version's diagram in the bpmn-js modeler; saving uploads a new version through the API."""
    model = _get(ProcessModel, model_id)
    bpmn_name = _bpmn_name(model)
    forms = [PurePosixPath(file.name).name for file in model.files if file.name.startswith(FORM_FOLDER)]
    roles = [{"code": role.code, "name": bilingual(f"{role.name_vi} / {role.name_en}")}
             for role in known_roles()]
    return render_template(
        "admin/modeler.html", model=model, bpmn_name=bpmn_name, roles=roles, forms=forms,
        xml_url=url_for("process_models.download_process_file", model_id=model.id, name=bpmn_name))


@bp.get("/process-models/<int:model_id>/decisions/<name>")
def edit_decision_table(model_id, name):
    """A decision table of the version (`star_rating.dmn`) in the dmn-js editor; saving uploads it as a new
    version through the API, the version's other files carried over."""
    model = _get(ProcessModel, model_id)
    if name not in _decision_names(model):
        abort(404)
    allow_style_attributes(DMN_JS_WATERMARK_STYLES)
    return render_template(
        "admin/decision_table.html", model=model, name=name, names=_decision_names(model),
        xml_url=url_for("process_models.download_process_file", model_id=model.id, name=name))


WORKSHEETS = (SHEET, PARTS, CRITERIA)


def _report(error):
    """A refused workbook's problems for the page: [(place, [(Vietnamese, English)])], the sheet's own first,
    then worksheet by worksheet, row by row."""
    details = error.details or {WHOLE_SHEET: [error.message]}

    def order(place):
        worksheet, row = (place.split("!", 1) + [""])[:2]
        return (0, 0, 0) if place == WHOLE_SHEET else (
            1, WORKSHEETS.index(worksheet) if worksheet in WORKSHEETS else len(WORKSHEETS),
            int(row) if row.isdigit() else 0)

    def place_label(place):
        worksheet, row = (place.split("!", 1) + [""])[:2]
        if place == WHOLE_SHEET:
            return _("Cả phiếu")
        return _("Trang “%(worksheet)s”, dòng %(row)s", worksheet=worksheet, row=row) if row else place

    return [(place_label(place), [tuple((message.split(" / ", 1) + [""])[:2]) for message in details[place]])
            for place in sorted(details, key=order)]


@bp.route("/criteria-sheets", methods=["GET", "POST"])
def criteria_sheets():
    """The criteria sheets per rule set with their versions; the Excel template; an upload as a new version,
    its problems row by row on the page."""
    report, status = None, 200
    if request.method == "POST":
        upload = request.files.get("file")
        try:
            if upload is None or not upload.filename:
                raise Unprocessable("no_file", "Chọn tệp Excel theo mẫu / Choose an Excel file in the template")
            sheet = add_sheet_version(read_workbook(upload.stream.read(MAX_BYTES + 1)), user=current_user)
        except Unprocessable as error:
            db.session.rollback()
            report, status = _report(error), 422
        else:
            db.session.commit()
            flash(_("Đã thêm phiếu %(code)s, phiên bản %(version)s.", code=sheet.code, version=sheet.version),
                  "success")
            return redirect(url_for("admin.criteria_sheet", sheet_id=sheet.id))
    return render_template("admin/criteria_sheets.html", sheets=criteria_sheet_versions(),
                           group_names=product_group_names(), report=report), status


@bp.get("/criteria-sheets/<int:sheet_id>")
def criteria_sheet(sheet_id):
    """One version of a sheet: its parts, criteria and options with their points, mandatory and bonus marks."""
    sheet = _get(CriteriaSheet, sheet_id)
    return render_template("admin/criteria_sheet.html", sheet=sheet, group_names=product_group_names(),
                           versions=criteria_sheet_versions()[sheet.rule_set][sheet.code])
@bp.get("/rule-sets")
def rule_sets():
    """The rule sets with their decision and the day each took effect; per province, the rule set in force
    today and the adoptions it recorded (from which day, by which text), and the form to record one."""
    provinces = db.session.scalars(select(AdministrativeUnit).where(AdministrativeUnit.level == "province")
                                   .order_by(AdministrativeUnit.name)).all()
    adoptions = {province.id: [] for province in provinces}
    for adoption in db.session.scalars(select(RuleSetAdoption).order_by(RuleSetAdoption.effective_from.desc())):
        adoptions[adoption.province_id].append(adoption)
    day = today()
    return render_template(
        "admin/rule_sets.html", rule_sets=RULE_SETS.values(), rule_sets_by_code=RULE_SETS, provinces=provinces,
        today=day, bilingual=bilingual, adoptions=adoptions,
        in_force={province_id: rule_set_among(listed, day) for province_id, listed in adoptions.items()})


ADOPTION_FIELDS = {"province_id": _l("Tỉnh"), "rule_set": _l("Bộ quy định"), "effective_from": _l("Áp dụng từ ngày"),
                   "decision": _l("Văn bản áp dụng")}


def _refused(messages, ours=False):
    """Flash the refusals of the adoption form, field by field: the service's own messages ("Tiếng Việt /
    English") in the page's language; the form's (marshmallow's, English only) as the field to check."""
    for field, label in ADOPTION_FIELDS.items():
        if field in messages:
            for message in (messages[field] if ours else [_("%(field)s: chưa nhập hoặc không hợp lệ.", field=label)]):
                flash(bilingual(message), "error")


@bp.post("/rule-sets/adoptions")
def add_rule_set_adoption():
    """Record that a province applies a rule set from a day (replacing its adoption of that day)."""
    try:
        form = AdoptionForm().load({name: request.form[name] for name in ADOPTION_FIELDS if request.form.get(name)})
        adoption = adopt(db.session.get(AdministrativeUnit, form["province_id"]), form["rule_set"],
                         form["effective_from"], form["decision"], current_user)
    except ValidationError as error:
        _refused(error.messages)
    except Unprocessable as error:
        db.session.rollback()
        flash(bilingual(error.message), "error")
        _refused(error.details or {}, ours=True)
    else:
        db.session.commit()
        flash(_("Đã ghi nhận: %(province)s áp dụng bộ quy định %(rule_set)s từ ngày %(day)s.",
                province=adoption.province.name, rule_set=adoption.rule_set,
                day=local_date(adoption.effective_from)), "success")
    return redirect(url_for("admin.rule_sets"))


@bp.post("/rule-sets/adoptions/<int:adoption_id>/delete")
def remove_rule_set_adoption(adoption_id):
    """Withdraw a mistaken adoption: cases already started keep their version."""
    try:
        withdraw(adoption_id, current_user)
    except NotFound:
        abort(404)
    db.session.commit()
    flash(_("Đã bỏ quyết định áp dụng; hồ sơ đã bắt đầu giữ quy trình của mình."), "success")
    return redirect(url_for("admin.rule_sets"))


@bp.get("/audit")
def audit():
    """The audit log, filtered; the action filter offers every action the service records (`audit.words.ACTIONS`),
    not the distinct actions of the log, which read its every row (the largest table) on each visit."""
    filters = AuditFilters.from_args(request.args)
    result = search_audit(filters, request.args.get("page", 1, type=int))
    return render_template("admin/audit.html", filters=filters, result=result, actions=sorted(ACTIONS),
                           action_label=action_label,
                           args={key: value for key, value in request.args.items() if key != "page"})
