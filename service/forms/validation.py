"""Task forms: the JSON Schema (draft 2020-12) a diagram ships, checked at deploy and validated by `jsonschema`.

A process version's forms (`bpmn/<version>/forms/*.schema.json`) must first be valid JSON Schema
(the draft's metaschema, as `check_schema` checks it), then follow the project's rules
(`form_problems`): an object schema with `"additionalProperties": false` (so the published
schema itself refuses unknown fields), of string, integer, number and boolean properties named
in lower case; a text field has a maxLength (or an enum), a whole-number field a minimum and a
maximum that fit a 64-bit column; `required` names properties; `allOf` holds only the rule
`{if: {properties: {field: {enum|const}}, required: [field]}, then: {required: [...]}}`.
A form may say which section of the case file it fills (`"x-section": "idea"`: its data is a new
version of the section) or reviews (`"x-reviews": "dossier"`); see service/case_file/.

`validate_form_data` is the one validation of submitted form data, for the API and the web
pages alike: the JSON Schema decides, with a message per field in both languages (bounds written
as each language writes numbers: 1.000.000 / 1,000,000). A number
must be a JSON number (and finite), a text a string, a yes/no a boolean; 5.0 is a whole number
and is stored as 5. Absent optional fields are stored as None, so a diagram's condition or
script may read every field its form declares.
"""
import math
import re

from babel.numbers import format_decimal
from jsonschema import Draft202012Validator, validators

from workflows import quoted

from ..case_file.sections import SECTIONS
from ..database import MAX_ID
from ..errors import Unprocessable

DRAFT = "https://json-schema.org/draft/2020-12/schema"
RESERVED_NAMES = frozenset({"typename"})
NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
SUPPORTED_TYPES = ("string", "integer", "number", "boolean")
FORMATS = ("date", "email")  # those the standard library checks without further packages
PROPERTY_KEYWORDS = {"type", "title", "description", "maxLength", "minLength", "minimum", "maximum",
                     "enum", "x-enum-titles", "format", "default"}
SCHEMA_KEYWORDS = {"$schema", "type", "title", "description", "properties", "required",
                   "additionalProperties", "allOf", "x-section", "x-reviews", "x-self-assessment"}
WHOLE_FORM = "_form"  # where a problem with no field of its own is reported


def _finite_number(checker, instance):
    """A JSON number, not NaN nor an infinity (which Python's JSON reader accepts)."""
    if isinstance(instance, bool):
        return False
    return isinstance(instance, int) or (isinstance(instance, float) and math.isfinite(instance))


FormValidator = validators.extend(
    Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine("number", _finite_number))
METASCHEMA = Draft202012Validator(Draft202012Validator.META_SCHEMA,  # what check_schema uses, every error
                                  format_checker=Draft202012Validator.FORMAT_CHECKER)

# Problems at deploy -------------------------------------------------------------------------


def form_problems(name, schema):
    """What is wrong with a form's JSON Schema, as a list of "Tiếng Việt / English" messages naming form and
    field (empty when usable). The JSON Schema library's own words are in English, in both halves."""
    form = (f"biểu mẫu {quoted(name)}", f"form {quoted(name)}")
    if not isinstance(schema, dict) or schema.get("type") != "object":
        return [_said(form, 'lược đồ phải là lược đồ đối tượng ("type": "object")',
                      'the schema must be an object schema ("type": "object")')]
    problems = [_said(_where(form, list(error.absolute_path)), quoted(error.message), quoted(error.message))
                for error in METASCHEMA.iter_errors(schema)]
    if problems:  # the project's rules read a valid JSON Schema
        return problems
    problems = [_unsupported(form, key) for key in schema if key not in SCHEMA_KEYWORDS]
    if schema.get("$schema", DRAFT) != DRAFT:
        problems.append(_said(form, f'"$schema" phải là {DRAFT!r} (JSON Schema bản 2020-12)',
                              f'"$schema" must be {DRAFT!r} (JSON Schema draft 2020-12)'))
    problems += [_said(form, f"{quoted(repr(key))} phải là một phần của hồ sơ: {', '.join(SECTIONS)}",
                       f"{quoted(repr(key))} must be one of the case file's sections: {', '.join(SECTIONS)}")
                 for key in ("x-section", "x-reviews") if key in schema and schema[key] not in SECTIONS]
    if schema.get("additionalProperties") is not False:
        problems.append(_said(form, 'lược đồ phải ghi "additionalProperties": false (từ chối trường lạ)',
                              'the schema must say "additionalProperties": false (unknown fields refused)'))
    properties = schema.get("properties", {})
    if not properties:
        return problems + [_said(form, "không có trường nào", "no properties")]
    for field_name, spec in properties.items():
        problems += _field_problems(_field(form, field_name), field_name, spec)
    problems += [_said(form, f"trường bắt buộc {quoted(repr(field_name))} không có trong properties",
                       f"required field {quoted(repr(field_name))} is not among the properties")
                 for field_name in schema.get("required", []) if field_name not in properties]
    for index, rule in enumerate(schema.get("allOf", [])):
        problem = _conditional_problem(rule, properties)
        if problem:
            problems.append(_said((f"{form[0]}, quy tắc allOf {index}", f"{form[1]}, allOf rule {index}"), *problem))
    return problems


def _said(where, vietnamese, english):
    """One problem, "Tiếng Việt / English", each half saying where: where = (Vietnamese, English)."""
    return f"{where[0]}: {vietnamese} / {where[1]}: {english}"


def _unsupported(where, key):
    keyword = quoted(repr(key))
    return _said(where, f"không hỗ trợ từ khoá {keyword}", f"keyword {keyword} is not supported")


def _field(form, field_name):
    name = quoted(repr(field_name))
    return f"{form[0]}, trường {name}", f"{form[1]}, field {name}"


def _where(form, path):
    if len(path) >= 2 and path[0] == "properties":
        vietnamese, english = _field(form, path[1])
        if len(path) > 2:
            keyword = quoted(repr(path[2]))
            return f"{vietnamese}, từ khoá {keyword}", f"{english}, keyword {keyword}"
        return vietnamese, english
    if not path:
        return form
    at = quoted("/".join(str(part) for part in path))
    return f"{form[0]}, tại /{at}", f"{form[1]}, at /{at}"


def _field_problems(where, field_name, spec):
    if not NAME.fullmatch(field_name) or field_name in RESERVED_NAMES:
        reserved = ", ".join(RESERVED_NAMES)
        return [_said(where, f"tên trường gồm chữ thường, chữ số và _ (và không phải {reserved})",
                      f"names are lower-case letters, digits and _ (and not {reserved})")]
    if not isinstance(spec, dict) or spec.get("type") not in SUPPORTED_TYPES:
        types = ", ".join(SUPPORTED_TYPES)
        return [_said(where, f"kiểu phải là một trong {types}", f"type must be one of {types}")]
    kind = spec["type"]
    problems = [_unsupported(where, key) for key in spec if key not in PROPERTY_KEYWORDS]
    if kind == "string" and "maxLength" not in spec and "enum" not in spec:
        problems.append(_said(where, "trường văn bản cần có maxLength", "a text field needs a maxLength"))
    if kind == "integer" and not all(-MAX_ID <= spec.get(key, MAX_ID + 1) <= MAX_ID for key in ("minimum", "maximum")):
        problems.append(_said(where, f"trường số nguyên cần minimum và maximum trong khoảng {-MAX_ID} đến {MAX_ID}",
                              f"a whole-number field needs a minimum and a maximum between {-MAX_ID} and {MAX_ID}"))
    for low, high in (("minimum", "maximum"), ("minLength", "maxLength")):
        if low in spec and high in spec and spec[low] > spec[high]:
            problems.append(_said(where, f"{low} lớn hơn {high}", f"{low} is greater than {high}"))
    if "format" in spec and (kind != "string" or spec["format"] not in FORMATS):
        formats = ", ".join(FORMATS)
        problems.append(_said(where, f"format chỉ dành cho trường văn bản, là một trong {formats}",
                              f"format is for text fields, one of {formats}"))
    if "enum" in spec and not all(FormValidator({"type": kind}).is_valid(value) for value in spec["enum"]):
        problems.append(_said(where, f"mọi giá trị của enum phải có kiểu {kind}", f"every enum value must be a {kind}"))
    if not isinstance(spec.get("x-enum-titles", []), (list, dict)):
        problems.append(_said(where, "x-enum-titles là một danh sách tên, hoặc một đối tượng tên theo giá trị",
                              "x-enum-titles is a list of titles, or an object of titles by value"))
    return problems


def _conditional_problem(rule, properties):
    """Why an allOf rule is not `{if: {properties: {f: {enum|const}}, required: [f]}, then: {required: [..]}}`:
    (Vietnamese, English), or None."""
    shape = "{if: {properties: {field: {enum: [...]}}, required: [field]}, then: {required: [...]}}"
    unsupported = (f"chỉ hỗ trợ quy tắc {shape}", f"only the rule {shape} is supported")
    if not isinstance(rule, dict) or set(rule) != {"if", "then"}:
        return unsupported
    condition, then = rule["if"], rule["then"]
    if (not isinstance(condition, dict) or not isinstance(then, dict) or set(then) != {"required"}
            or set(condition) - {"properties", "required"} or not isinstance(condition.get("properties"), dict)):
        return unsupported
    tests = condition["properties"]
    if len(tests) != 1:
        return "mỗi điều kiện một trường", "one field per condition"
    [(field_name, test)] = tests.items()
    name = quoted(repr(field_name))
    if not isinstance(test, dict) or len(test) != 1 or not ({"enum", "const"} & set(test)):
        return (f"điều kiện trên {name} phải là một enum hoặc một const",
                f"the condition on {name} must be an enum or a const")
    if condition.get("required") != [field_name]:
        return (f'điều kiện cần "required": [{name}] (nếu không, nó đúng cả khi trường vắng mặt)',
                f'the condition needs "required": [{name}] (else it holds when the field is absent)')
    unknown = [f for f in [field_name, *then["required"]] if f not in properties]
    if unknown:
        names = quoted(", ".join(str(f) for f in unknown))
        return f"trường không có: {names}", f"unknown field(s) {names}"
    return None


# Validating submitted data ------------------------------------------------------------------

TYPE_MESSAGES = {
    "string": "Phải là văn bản / Must be text.",
    "integer": "Phải là một số nguyên / Must be a whole number.",
    "number": "Phải là một số / Must be a number.",
    "boolean": "Chọn Có hoặc Không / Must be Yes or No (true or false).",
    "object": "Dữ liệu biểu mẫu phải là một đối tượng JSON / The form data must be a JSON object.",
}
REQUIRED = "Bắt buộc phải nhập / This field is required."
UNKNOWN = "Trường không có trong biểu mẫu / Unknown field."
INVALID = "Giá trị không hợp lệ / Invalid value."
LISTED_CHOICES = 10  # a message lists the choices of a field with 1 to this many; otherwise "not one of the choices"
FORMAT_MESSAGES = {"date": "Phải là một ngày dạng YYYY-MM-DD / Must be a date as YYYY-MM-DD.",
                   "email": "Phải là một địa chỉ thư điện tử / Must be an e-mail address."}


def validate_form_data(schema, data):
    """`data` checked against the form's JSON Schema and cleaned (5.0 -> 5 for a whole number, absent
    optional fields None); Unprocessable `invalid_form` with messages per field otherwise."""
    errors = {}
    for error in FormValidator(schema, format_checker=FormValidator.FORMAT_CHECKER).iter_errors(data):
        for field_name, message in _messages(error):
            messages = errors.setdefault(field_name, [])
            if message not in messages:
                messages.append(message)
    if errors:
        raise Unprocessable("invalid_form", "Dữ liệu biểu mẫu không hợp lệ / The form data is invalid",
                            details=errors)
    return {name: _cleaned(spec, data.get(name)) for name, spec in schema["properties"].items()}


def _cleaned(spec, value):
    return int(value) if spec.get("type") == "integer" and isinstance(value, float) else value


def _messages(error):
    """[(field, "Tiếng Việt / English")] for one jsonschema error."""
    keyword, value, spec = error.validator, error.validator_value, error.schema
    if keyword == "required":
        return [(name, REQUIRED) for name in value if name not in error.instance]
    if keyword == "additionalProperties":
        known = set(spec.get("properties", {}))
        return [(str(name), UNKNOWN) for name in error.instance if name not in known]
    field_name = str(error.path[0]) if error.path else WHOLE_FORM
    return [(field_name, _message(keyword, value, spec))]


def _number(value, language):
    """A bound as the language writes it (1.000.000 / 1,000,000); None stays None."""
    return None if value is None else format_decimal(value, "#,##0.###", locale=language)


def _message(keyword, value, spec):
    if keyword == "type":
        return TYPE_MESSAGES.get(value, INVALID) if isinstance(value, str) else INVALID
    if keyword in ("minimum", "maximum"):
        low, high = spec.get("minimum"), spec.get("maximum")
        low_vi, high_vi = _number(low, "vi"), _number(high, "vi")
        low_en, high_en = _number(low, "en"), _number(high, "en")
        if low is not None and high is not None:
            return f"Giá trị phải từ {low_vi} đến {high_vi} / Must be between {low_en} and {high_en}."
        return (f"Giá trị phải từ {low_vi} trở lên / Must be at least {low_en}." if keyword == "minimum"
                else f"Giá trị phải không quá {high_vi} / Must be at most {high_en}.")
    if keyword in ("minLength", "maxLength"):
        low, high = spec.get("minLength"), spec.get("maxLength")
        if low is not None and high is not None:
            return f"Độ dài phải từ {low} đến {high} ký tự / Length must be between {low} and {high}."
        return (f"Phải có ít nhất {low} ký tự / Must be at least {low} characters long." if keyword == "minLength"
                else f"Tối đa {high} ký tự / At most {high} characters.")
    if keyword == "enum":
        if not value or len(value) > LISTED_CHOICES:
            return "Giá trị không có trong danh sách lựa chọn / Not one of the choices."
        choices = ", ".join(str(choice) for choice in value)
        return f"Giá trị không hợp lệ, chọn một trong: {choices} / Not a valid choice: {choices}."
    if keyword == "const":
        return f"Giá trị phải là {value} / Must be {value}."
    if keyword == "format":
        return FORMAT_MESSAGES.get(value, INVALID) if isinstance(value, str) else INVALID
    return INVALID
