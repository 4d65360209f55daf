"""Adding sheet versions (from the bundled data or an Excel file) and choosing a case's sheet.

`sheet_problems(definition)` is the one check of a sheet, for the data files and the Excel
template alike; each message is filed under the place it comes from (`"at"` of a part, criterion
or option: a worksheet row for Excel). A definition:

    {"rule_set": "2019", "code": "2019-chung", "title": "...", "source": "...", "group_codes": [...],
     "parts": [{"code": "A", "title": "...", "maximum": 35}, ...],
     "criteria": [{"part": "A", "code": "A1", "text_vi": "...", "text_en": "...", "mandatory": false,
                   "bonus": false, "options": [{"text_vi": "...", "text_en": "...", "points": 0}, ...]}]}

The rules: parts A, B and C (what a council's record and the diagrams read), their maxima adding
up to 100; every criterion in one of them, with a code unique on the sheet and at least one
option; points are not negative, and the best options of a part's criteria (bonus ones aside)
add up to the part's maximum; a mandatory criterion has an option worth 0 points (not met).
"""
import json
import re
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from ..audit.log import record
from ..directory.models import ProductGroup
from ..errors import Conflict, Unprocessable
from ..extensions import db
from .models import CriteriaSheet, Criterion, CriterionOption

DATA = Path(__file__).parent / "data"
RULE_SETS = ("2019", "2023", "2025")
PART_CODES = ("A", "B", "C")
CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")
CRITERION_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,19}")
SHEET = "sheet"  # where a problem of the sheet as a whole is filed


def field_name(criterion_code):
    """The form field of a criterion: `A1.2` -> `c_a1_2`."""
    return "c_" + re.sub(r"[^a-z0-9]", "_", criterion_code.lower())


def sheet_problems(definition):
    """{place: [message, ...]} of what is wrong with a sheet definition; empty when it can be added."""
    problems = {}

    def problem(at, message):
        problems.setdefault(at, []).append(message)

    rule_set = definition.get("rule_set")
    if rule_set not in RULE_SETS:
        problem(SHEET, f"Bộ quy định phải là một trong {', '.join(RULE_SETS)} / The rule set must be one of "
                       f"{', '.join(RULE_SETS)}")
    if not isinstance(definition.get("code"), str) or not CODE.fullmatch(definition["code"]):
        problem(SHEET, "Mã phiếu: chữ thường, số, - và _, tối đa 60 ký tự / The sheet code: lower-case letters, "
                       "digits, - and _, at most 60 characters")
    for key, label in (("title", "Tên phiếu / The title"), ("source", "Nguồn (văn bản quy định) / The source")):
        if not _text(definition.get(key)):
            problem(SHEET, f"{label}: bắt buộc / is required")
    if len(definition.get("title") or "") > 300:
        problem(SHEET, "Tên phiếu tối đa 300 ký tự / The title has at most 300 characters")
    groups = definition.get("group_codes") or []
    if rule_set in RULE_SETS and groups:
        known = set(db.session.scalars(select(ProductGroup.code).where(ProductGroup.rule_set == rule_set)))
        for code in groups:
            if code not in known:
                problem(SHEET, f"Nhóm sản phẩm {code!r} không có trong bộ {rule_set} / Product group {code!r} is "
                               f"not in the {rule_set} rule set")
    parts = definition.get("parts") or []
    maxima = {}
    for part in parts:
        at = part.get("at", f"part {part.get('code')}")
        if part.get("code") not in PART_CODES or part["code"] in maxima:
            problem(at, "Phần phải là A, B hoặc C, mỗi phần một lần / A part is A, B or C, each once")
            continue
        maximum = part.get("maximum")
        if not _number(maximum) or maximum <= 0:
            problem(at, "Điểm tối đa của phần phải là số dương / The part's maximum must be a positive number")
            continue
        if not _text(part.get("title")):
            problem(at, "Tên phần: bắt buộc / The part's title is required")
        maxima[part["code"]] = maximum
    if set(maxima) == set(PART_CODES) and round(sum(maxima.values()), 2) != 100:
        problem(SHEET, f"Điểm tối đa các phần cộng lại là {_shown(sum(maxima.values()))}, phải là 100 / The parts' "
                       f"maxima add up to {_shown(sum(maxima.values()))}, not 100")
    elif set(maxima) != set(PART_CODES):
        problem(SHEET, "Phiếu phải có đủ ba phần A, B, C / The sheet needs the three parts A, B and C")
    best = {code: 0 for code in maxima}
    codes, fields = set(), set()
    criteria = definition.get("criteria") or []
    if not criteria:
        problem(SHEET, "Phiếu chưa có tiêu chí nào / The sheet has no criteria")
    for index, criterion in enumerate(criteria, 1):
        at = criterion.get("at", f"criterion {index}")
        code = criterion.get("code")
        if not isinstance(code, str) or not CRITERION_CODE.fullmatch(code):
            problem(at, "Mã tiêu chí: chữ, số, dấu chấm, - và _, tối đa 20 ký tự / The criterion code: letters, digits, "
                        "dots, - and _, at most 20 characters")
        elif code in codes or field_name(code) in fields:
            problem(at, f"Mã tiêu chí {code!r} bị trùng / The criterion code {code!r} is used twice")
        else:
            codes.add(code)
            fields.add(field_name(code))
        if criterion.get("part") not in maxima:
            problem(at, f"Phần {criterion.get('part')!r} không có trong phiếu / Part {criterion.get('part')!r} is not "
                        f"on the sheet")
        if not _text(criterion.get("text_vi")):
            problem(at, "Nội dung tiêu chí (tiếng Việt): bắt buộc / The criterion's text (Vietnamese) is required")
        options = criterion.get("options") or []
        if not options:
            problem(at, "Tiêu chí chưa có phương án nào / The criterion has no options")
        points = []
        for option in options:
            where = option.get("at", at)
            if not _text(option.get("text_vi")):
                problem(where, "Nội dung phương án (tiếng Việt): bắt buộc / The option's text (Vietnamese) is required")
            if not _number(option.get("points")) or option["points"] < 0:
                problem(where, "Điểm của phương án phải là số không âm / The option's points must be a number, "
                               "0 or more")
            else:
                points.append(option["points"])
        if criterion.get("mandatory") and points and 0 not in points:
            problem(at, "Tiêu chí bắt buộc cần một phương án 0 điểm (không đạt) / A mandatory criterion needs an "
                        "option worth 0 points (not met)")
        if points and criterion.get("part") in best and not criterion.get("bonus"):
            best[criterion["part"]] += max(points)
    for code, maximum in maxima.items():
        if criteria and round(best[code], 2) != round(maximum, 2):
            problem(SHEET, f"Phần {code}: điểm cao nhất các tiêu chí cộng lại là {_shown(best[code])}, điểm tối đa "
                           f"của phần là {_shown(maximum)} / Part {code}: the criteria's best options add up to "
                           f"{_shown(best[code])}, the part's maximum is {_shown(maximum)}")
    return problems


def _text(value):
    return isinstance(value, str) and value.strip() != ""


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and abs(value) < 1e6


def _shown(value):
    return f"{value:g}"


def add_sheet_version(definition, user=None):
    """A new version of the sheet `definition["code"]` (version 1 if new), checked first: 422 `invalid_sheet`
    with the problems per place otherwise. Cases already holding a version keep it."""
    problems = sheet_problems(definition)
    if problems:
        raise Unprocessable("invalid_sheet", "Phiếu tiêu chí không hợp lệ / The criteria sheet is invalid",
                            details=problems)
    latest = db.session.scalar(select(func.max(CriteriaSheet.version)).where(
        CriteriaSheet.rule_set == definition["rule_set"], CriteriaSheet.code == definition["code"])) or 0
    sheet = CriteriaSheet(rule_set=definition["rule_set"], code=definition["code"], version=latest + 1,
                          title=definition["title"].strip(), source=definition["source"].strip(),
                          group_codes=list(definition.get("group_codes") or []),
                          parts=[{"code": part["code"], "title": part["title"].strip(), "maximum": part["maximum"]}
                                 for part in sorted(definition["parts"], key=lambda part: part["code"])],
                          created_by_id=user.id if user is not None else None)
    for position, item in enumerate(definition["criteria"], 1):
        criterion = Criterion(part=item["part"], code=item["code"], text_vi=item["text_vi"].strip(),
                              text_en=(item.get("text_en") or "").strip() or None,
                              mandatory=bool(item.get("mandatory")), bonus=bool(item.get("bonus")), position=position)
        criterion.options = [CriterionOption(position=number, text_vi=option["text_vi"].strip(),
                                             text_en=(option.get("text_en") or "").strip() or None,
                                             points=option["points"])
                             for number, option in enumerate(item["options"], 1)]
        sheet.criteria.append(criterion)
    db.session.add(sheet)
    db.session.flush()
    record("criteria_sheet.added", user=user, sheet_id=sheet.id, rule_set=sheet.rule_set, code=sheet.code,
           version=sheet.version)
    return sheet


def seed_bundled_sheets():
    """The sheets of `data/*.json`, each added as version 1 when no version of its code exists yet (an
    administrator's later versions are left alone)."""
    for path in sorted(DATA.glob("*.json")):
        definition = json.loads(path.read_text(encoding="utf-8"))
        exists = db.session.scalar(select(CriteriaSheet.id).where(
            CriteriaSheet.rule_set == definition["rule_set"], CriteriaSheet.code == definition["code"]).limit(1))
        if exists is None:
            add_sheet_version(definition)


def definition_of(sheet):
    """A sheet version as a definition (what `add_sheet_version` takes), e.g. to edit it as a new version."""
    return {
        "rule_set": sheet.rule_set, "code": sheet.code, "title": sheet.title, "source": sheet.source,
        "group_codes": list(sheet.group_codes), "parts": [dict(part) for part in sheet.parts],
        "criteria": [{"part": c.part, "code": c.code, "text_vi": c.text_vi, "text_en": c.text_en,
                      "mandatory": c.mandatory, "bonus": c.bonus,
                      "options": [{"text_vi": o.text_vi, "text_en": o.text_en, "points": o.points} for o in c.options]}
                     for c in sheet.criteria],
    }


def latest_sheets(rule_set=None):
    """The latest version of every sheet (of one rule set), by rule set and code."""
    newest = (select(CriteriaSheet.rule_set, CriteriaSheet.code, func.max(CriteriaSheet.version).label("version"))
              .group_by(CriteriaSheet.rule_set, CriteriaSheet.code).subquery())
    query = select(CriteriaSheet).join(newest, (CriteriaSheet.rule_set == newest.c.rule_set)
                                       & (CriteriaSheet.code == newest.c.code)
                                       & (CriteriaSheet.version == newest.c.version))
    if rule_set is not None:
        query = query.where(CriteriaSheet.rule_set == rule_set)
    return db.session.scalars(query.order_by(CriteriaSheet.rule_set, CriteriaSheet.code)).all()


def sheet_for(case):
    """The sheet a case is scored on: the one it holds once in evaluation, else the latest sheet of its rule
    set for its product's sub-group, else for its group, else the rule set's fallback (no groups); None when
    the rule set has no sheet.

    The held sheet comes with its criteria and their options, read in one statement (with the sheet,
    or after it when a completion read the sheet with the case: `tasks.operations.task_to_complete`)."""
    if "criteria_sheet" in case.__dict__ or case.criteria_sheet_id is None:
        held = case.criteria_sheet
    else:
        held = db.session.get(CriteriaSheet, case.criteria_sheet_id,
                              options=[joinedload(CriteriaSheet.criteria).joinedload(Criterion.options)])
        set_committed_value(case, "criteria_sheet", held)
    if held is not None and held.id == case.criteria_sheet_id and "criteria" not in held.__dict__:
        set_committed_value(held, "criteria", db.session.scalars(
            select(Criterion).options(joinedload(Criterion.options)).where(Criterion.sheet_id == held.id)
            .order_by(Criterion.position)).unique().all())
    if held is not None:
        return held
    sheets = latest_sheets(case.process_model.rule_set)
    for code in (case.product.subgroup_code, case.product.group_code):
        matching = [sheet for sheet in sheets if code and code in sheet.group_codes]
        if matching:
            return max(matching, key=lambda sheet: sheet.id)
    fallback = [sheet for sheet in sheets if not sheet.group_codes]
    return max(fallback, key=lambda sheet: sheet.id) if fallback else None


def require_sheet(case):
    """`sheet_for(case)`, or 409 `no_criteria_sheet` when its rule set has none."""
    sheet = sheet_for(case)
    if sheet is None:
        raise Conflict("no_criteria_sheet", f"Chưa có phiếu tiêu chí cho bộ quy định {case.process_model.rule_set} / "
                                            f"No criteria sheet for the {case.process_model.rule_set} rule set")
    return sheet


def fix_sheet(case):
    """Keep the sheet in force on the case when it enters evaluation (its first council sheet), if there is one."""
    sheet = sheet_for(case)
    if sheet is not None and case.criteria_sheet_id is None:
        case.criteria_sheet = sheet
        record("case.criteria_sheet_fixed", case=case, sheet_id=sheet.id, code=sheet.code, version=sheet.version)
    return sheet
