"""The council's score sheet as a form built from a criteria sheet, and its sums.

The diagram's scoring task names the form `council_score` (SHEET_FORM). Its JSON Schema file in
the process version gives the title, the case-file role and the fields beside the criteria (the
remarks); `sheet_schema` replaces its scored fields by one field per criterion: a whole number
choosing an option (1, 2, ...), with `x-enum-titles` "text (n điểm) / text (n points)" and, for
clients, `x-part`, `x-points` ({option: points}), `x-mandatory`, `x-bonus`; the sheet itself is
described under `x-criteria-sheet` (id, code, version, title, source, parts with maxima).

`score` sums the chosen options' points into the sheet's parts (each at most its maximum, bonus
points included) and a total, and marks the sheet "không đạt" (not achieved) when a mandatory
criterion's chosen option is worth 0 points. What the engine receives as the member's sheet is
the chosen options, the remarks, and these results: `part_a`, `part_b`, `part_c` (parts A, B, C),
`total`, `not_achieved` and `mandatory_failed` (codes).

The producer's self-assessment (Decisions 148/2023 and 1489/2025: the producer's own scoring on the
same sheet is part of the dossier): a form that says `"x-self-assessment": true` gets an optional
`self_assessment` object holding the same criterion fields (`self_assessment_schema`); what is
stored is the chosen options with the service's sums (`validate_self_assessment`), a problem named
`self_assessment.<field>`.
"""
from ..errors import Unprocessable
from ..forms.validation import validate_form_data
from .operations import field_name

SHEET_FORM = "council_score"
SELF_ASSESSMENT = "self_assessment"  # the field of a dossier form that holds the producer's own sheet
SELF_ASSESSMENT_KEYWORD = "x-self-assessment"
SELF_ASSESSMENT_TITLE = "Chủ thể tự đánh giá, phân hạng sản phẩm / The producer's self-assessment"
NOT_MET = 0  # a mandatory criterion fails when the chosen option is worth this many points


def _points(value):
    return f"{value:g}"


def _option_title(option):
    vi = option.text_vi if option.text_vi == f"{_points(option.points)} điểm" \
        else f"{option.text_vi} ({_points(option.points)} điểm)"
    if not option.text_en:
        return vi
    en = option.text_en if option.text_en in (f"{_points(option.points)} point", f"{_points(option.points)} points") \
        else f"{option.text_en} ({_points(option.points)} points)"
    return f"{vi} / {en}"


def _criterion_field(criterion):
    title = f"{criterion.code}. {criterion.text_vi}" + (f" / {criterion.code}. {criterion.text_en}"
                                                       if criterion.text_en else "")
    spec = {
        "type": "integer", "title": title, "minimum": 1, "maximum": len(criterion.options),
        "enum": [option.position for option in criterion.options],
        "x-enum-titles": {str(option.position): _option_title(option) for option in criterion.options},
        "x-part": criterion.part, "x-points": {str(option.position): option.points for option in criterion.options},
        "x-mandatory": criterion.mandatory, "x-bonus": criterion.bonus,
    }
    if criterion.mandatory:
        spec["description"] = "Tiêu chí bắt buộc: 0 điểm là không đạt / Mandatory criterion: 0 points is not achieved"
    elif criterion.bonus:
        spec["description"] = "Điểm cộng / Bonus points"
    return spec


def sheet_schema(form, sheet):
    """The form `form` (a JSON Schema) with the sheet's criteria in place of its scored fields."""
    kept = {name: spec for name, spec in form["properties"].items() if spec.get("type") not in ("number", "integer")}
    criteria = {field_name(criterion.code): _criterion_field(criterion) for criterion in sheet.criteria}
    return {
        **form,
        "properties": {**criteria, **kept},
        "required": [*criteria, *(name for name in form.get("required", []) if name in kept)],
        "x-criteria-sheet": {"id": sheet.id, "code": sheet.code, "version": sheet.version, "rule_set": sheet.rule_set,
                             "title": sheet.title, "source": sheet.source, "parts": sheet.parts},
    }


def score(sheet, values):
    """The parts, total and mandatory result of a sheet's chosen options (`values`: field -> option number)."""
    parts = {part["code"]: 0 for part in sheet.parts}
    failed = []
    for criterion in sheet.criteria:
        chosen = values.get(field_name(criterion.code))
        option = next((option for option in criterion.options if option.position == chosen), None)
        points = option.points if option is not None else 0
        parts[criterion.part] += points
        if criterion.mandatory and points == NOT_MET:
            failed.append(criterion.code)
    capped = {part["code"]: round(min(parts[part["code"]], part["maximum"]), 2) for part in sheet.parts}
    return {**{f"part_{code.lower()}": points for code, points in capped.items()},
            "total": round(sum(capped.values()), 2), "not_achieved": bool(failed), "mandatory_failed": failed}


def validate_sheet(form, sheet, data):
    """The submitted sheet validated against the form built from `sheet`, with its sums (`score`)."""
    values = validate_form_data(sheet_schema(form, sheet), data)
    return {**values, **score(sheet, values)}


def self_assessed(form):
    """Whether a form carries the producer's self-assessment."""
    return bool(form and form.get(SELF_ASSESSMENT_KEYWORD))


def self_assessment_schema(form, sheet):
    """The form `form` with an optional `self_assessment` object: the criteria of `sheet` as a council
    member's sheet has them."""
    scored = sheet_schema({"properties": {}}, sheet)
    nested = {"type": "object", "title": SELF_ASSESSMENT_TITLE, "properties": scored["properties"],
              "required": scored["required"], "additionalProperties": False,
              "x-criteria-sheet": scored["x-criteria-sheet"]}
    return {**form, "properties": {**form["properties"], SELF_ASSESSMENT: nested}}


def validate_self_assessment(sheet, data):
    """The producer's self-assessment validated against `sheet`, with its sums (`score`); problems named
    `self_assessment.<field>`."""
    if not isinstance(data, dict):
        raise Unprocessable("invalid_form", "Dữ liệu biểu mẫu không hợp lệ / The form data is invalid",
                            details={SELF_ASSESSMENT: ["Phải là một đối tượng JSON / Must be a JSON object."]})
    try:
        return validate_sheet({"type": "object", "properties": {}, "additionalProperties": False}, sheet, data)
    except Unprocessable as error:
        raise Unprocessable(error.code, error.message, details={
            f"{SELF_ASSESSMENT}.{name}": messages for name, messages in (error.details or {}).items()}) from None
