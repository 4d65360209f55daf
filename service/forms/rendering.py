"""A task form on a web page, rendered from the JSON Schema its diagram ships; the operation validates.

    form = SchemaForm(bundle.form(name), values=saved_data)
    if request.method == "POST":
        try:
            complete(task, form.read(request.form))   # typed values; forms/validation.py validates them
        except Unprocessable as error:
            form.errors.update(error.details)          # messages per field
    return render_template("tasks/task.html", form=form)

and in the template, inside a `<form method="post">` with `{{ csrf_field() }}`:

    {% from "macros/forms.html" import schema_fields %}
    {{ schema_fields(form) }}

The supported subset is validation.py's: string (maxLength, enum with x-enum-titles),
integer, number (minimum, maximum), boolean, required, and the conditional `allOf` rule; titles
are "Tiếng Việt / English" and shown in the page's language. Messages appear next to their field.
An object one level down (the producer's self-assessment on the criteria sheet) is drawn as its
fields, named "object.field" as the validator names their problems; it is sent when one of them is.
`values_from_form` is the one place where the page's texts become the schema's types.
"""
import re
from dataclasses import dataclass, field

LONG_TEXT = 200  # a text field longer than this is a textarea
FEW_CHOICES = 4  # up to this many choices are radio buttons, more are a select
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,19}")  # longer ones are beyond any 64-bit field: a float
NUMBER = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?")
BOOLEANS = {"true": True, "on": True, "false": False}


@dataclass
class FieldView:
    """What the macro needs to draw one field."""

    name: str
    title: str
    description: str
    widget: str  # text | textarea | integer | number | radio | select | boolean
    required: bool
    value: str
    errors: list = field(default_factory=list)
    choices: list = field(default_factory=list)  # [(value, bilingual title)]
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None


class SchemaForm:
    def __init__(self, schema, values=None):
        """`schema`: the form's JSON Schema, with the directory's choices filled in where it has fields that take
        them (`service/directory/choices.py`); `values`: data to show first (e.g. what was submitted), else the
        schema's defaults (a resubmission's last answers)."""
        self.schema = schema
        self.properties = dict(_flat(schema))
        self.required = set(schema.get("required", []))
        defaults = {name: spec["default"] for name, spec in schema["properties"].items() if "default" in spec}
        self.raw = {name: _as_text(value) for name, value in _flat_values(values or defaults)
                    if name in self.properties}
        self.errors = {}

    def read(self, formdata):
        """The submitted form as typed values, for the operation that validates them; the texts are kept to
        show again. Put the operation's `invalid_form` details into `errors` to show them next to the fields."""
        self.raw = {name: (formdata.get(name) or "").strip() for name in self.properties}
        return values_from_form(self.schema, self.raw)

    @property
    def fields(self):
        return [self._view(name, spec) for name, spec in self.properties.items()]

    def _view(self, name, spec):
        kind = spec["type"]
        enum, titles = spec.get("enum", []), spec.get("x-enum-titles", spec.get("enum", []))
        if isinstance(titles, dict):  # {value: title}, as the bundled forms write them (keys are texts)
            titles = [titles.get(str(value), value) for value in enum]
        choices = list(zip(enum, titles))
        if kind == "boolean":
            widget = "boolean"
        elif choices:
            widget = "radio" if len(choices) <= FEW_CHOICES else "select"
        elif kind == "string":
            widget = "textarea" if spec.get("maxLength", 0) > LONG_TEXT else "text"
        else:
            widget = kind
        return FieldView(name=name, title=spec.get("title", name), description=spec.get("description", ""),
                         widget=widget, required=name in self.required, value=self.raw.get(name, ""),
                         errors=self.errors.get(name, []), choices=choices, minimum=spec.get("minimum"),
                         maximum=spec.get("maximum"), max_length=spec.get("maxLength"))


def _flat(schema):
    """(name, spec) of every field drawn: the schema's own, and an object's as "object.field"."""
    for name, spec in schema["properties"].items():
        if spec.get("type") == "object":
            for inner, inner_spec in spec.get("properties", {}).items():
                yield f"{name}.{inner}", inner_spec
        else:
            yield name, spec


def _flat_values(values):
    for name, value in values.items():
        if isinstance(value, dict):
            for inner, inner_value in value.items():
                yield f"{name}.{inner}", inner_value
        else:
            yield name, value


def _as_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def values_from_form(schema, formdata):
    """The texts of a submitted HTML form as the JSON the form's schema describes: the one place where
    the web's strings become typed values. An empty field is absent; a whole number is an int, another
    number a float (a Vietnamese keyboard writes 2,5); a yes/no is True for "true" or "on" (a checkbox),
    False for "false". A text that is none of these stays text, and the validator reports it on its field."""
    values = {}
    for name, spec in schema["properties"].items():
        if spec.get("type") == "object":
            inner = values_from_form(spec, {key.removeprefix(f"{name}."): text for key, text in formdata.items()
                                            if key.startswith(f"{name}.")})
            if inner:
                values[name] = inner
            continue
        text = (formdata.get(name) or "").strip()
        if text:
            values[name] = _typed(spec.get("type"), text)
    return values


def _typed(kind, text):
    if kind in ("integer", "number"):
        if WHOLE_NUMBER.fullmatch(text):
            return int(text)
        if NUMBER.fullmatch(text):
            return float(text.replace(",", "."))
    elif kind == "boolean":
        return BOOLEANS.get(text.lower(), text)
    return text
