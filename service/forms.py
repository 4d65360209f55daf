"""Task forms: the JSON Schema a diagram ships, turned into a marshmallow schema that validates.

A process version's forms (`bpmn/<version>/forms/*.schema.json`) use a small subset of JSON
Schema, checked at deploy time by `form_problems`: an object of string, integer, number and
boolean properties with their limits, `required`, `enum` (with `x-enum-titles`), and one
conditional pattern, `allOf: [{if: {properties: {field: {enum|const}}}, then: {required: [...]}}]`.
Unknown fields are refused; absent optional fields load as None.
"""
import re

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

RESERVED_NAMES = frozenset({"typename"})
MAX_ID = 2**63 - 1  # integers must fit a 64-bit database column
NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
SUPPORTED_TYPES = ("string", "integer", "number", "boolean")
PROPERTY_KEYWORDS = {"type", "title", "description", "maxLength", "minLength", "minimum", "maximum",
                     "enum", "x-enum-titles", "format", "default"}
SCHEMA_KEYWORDS = {"$schema", "type", "title", "description", "properties", "required",
                   "additionalProperties", "allOf"}

REQUIRED = "Bắt buộc phải nhập / This field is required."
UNKNOWN = "Trường không có trong biểu mẫu / Unknown field."
NULL = "Không được để trống / This field may not be null."


def form_problems(name, schema):
    """What is wrong with a form's JSON Schema, as a list of messages (empty when usable)."""
    if not isinstance(schema, dict) or schema.get("type") != "object":
        return [f"form {name}: the schema must be an object schema (\"type\": \"object\")"]
    problems = [f"form {name}: keyword {key!r} is not supported" for key in schema if key not in SCHEMA_KEYWORDS]
    properties = schema.get("properties", {})
    if not isinstance(properties, dict) or not properties:
        return problems + [f"form {name}: no properties"]
    for field_name, spec in properties.items():
        where = f"form {name}, field {field_name!r}"
        if not NAME.match(field_name) or field_name in RESERVED_NAMES:
            problems.append(f"{where}: names are lower-case letters, digits and _ (and not {', '.join(RESERVED_NAMES)})")
            continue
        if not isinstance(spec, dict) or spec.get("type") not in SUPPORTED_TYPES:
            problems.append(f"{where}: type must be one of {', '.join(SUPPORTED_TYPES)}")
            continue
        problems += [f"{where}: keyword {key!r} is not supported" for key in spec if key not in PROPERTY_KEYWORDS]
        if spec["type"] == "string" and "maxLength" not in spec and "enum" not in spec:
            problems.append(f"{where}: a text field needs a maxLength")
    for field_name in schema.get("required", []):
        if field_name not in properties:
            problems.append(f"form {name}: required field {field_name!r} is not among the properties")
    for rule in schema.get("allOf", []):
        try:
            _conditional(rule, properties)
        except (KeyError, TypeError, ValueError) as error:
            problems.append(f"form {name}: unsupported allOf rule ({error})")
    return problems


def _conditional(rule, properties):
    """`{if: {properties: {f: {enum: [..]}}}, then: {required: [..]}}` -> (field, values, required)."""
    condition = rule["if"]["properties"]
    if len(condition) != 1:
        raise ValueError("one field per condition")
    [(field_name, test)] = condition.items()
    values = test["enum"] if "enum" in test else [test["const"]]
    required = rule["then"]["required"]
    unknown = [f for f in [field_name, *required] if f not in properties]
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}")
    return field_name, tuple(values), tuple(required)


def _field(spec, required):
    options = {"required": required, "error_messages": {"required": REQUIRED, "null": NULL}}
    if not required:
        options.update(load_default=None, allow_none=True)
    validators = []
    kind = spec["type"]
    if kind == "string":
        if "enum" in spec:
            validators.append(validate.OneOf(spec["enum"], error="Giá trị không hợp lệ, chọn một trong: {choices} / "
                                                                 "Not a valid choice: {choices}."))
        if "maxLength" in spec or "minLength" in spec:
            validators.append(validate.Length(min=spec.get("minLength"), max=spec.get("maxLength"),
                                              error="Độ dài phải từ {min} đến {max} ký tự / "
                                                    "Length must be between {min} and {max}."))
        field = fields.String
    elif kind == "boolean":
        field = fields.Boolean
    else:
        if "minimum" in spec or "maximum" in spec:
            validators.append(validate.Range(min=spec.get("minimum"), max=spec.get("maximum"),
                                             error="Giá trị phải từ {min} đến {max} / "
                                                   "Must be between {min} and {max}."))
        if kind == "integer":
            field, options["strict"] = fields.Integer, True
            validators.append(validate.Range(min=-MAX_ID, max=MAX_ID))
        else:
            field, options["allow_nan"] = fields.Float, False
    return field(validate=validators, **options)


def build_form_schema(name, schema):
    """A marshmallow schema instance that validates submissions of this form."""
    properties, required = schema["properties"], set(schema.get("required", []))
    attributes = {field_name: _field(spec, field_name in required) for field_name, spec in properties.items()}
    rules = [_conditional(rule, properties) for rule in schema.get("allOf", [])]

    @validates_schema
    def check_conditions(self, data, **kwargs):
        errors = {}
        for field_name, values, needed in rules:
            if data.get(field_name) in values:
                for other in needed:
                    if data.get(other) in (None, ""):
                        errors[other] = [REQUIRED]
        if errors:
            raise ValidationError(errors)

    attributes["check_conditions"] = check_conditions
    attributes["Meta"] = type("Meta", (), {"unknown": RAISE})
    attributes["error_messages"] = {"unknown": UNKNOWN}
    form_class = type(f"{name.title().replace('_', '')}Form", (Schema,), attributes)
    return form_class()


_schemas = {}


def form_schema(bundle, name):
    """The cached validating schema of a form of a process version."""
    key = (bundle.checksum, name)
    if key not in _schemas:
        _schemas[key] = build_form_schema(name, bundle.form(name))
    return _schemas[key]
