"""A task form on a web page, rendered from the JSON Schema its diagram ships and validated on the server.

    form = SchemaForm(bundle.form(name), form_schema(bundle, name), values=saved_data)
    if request.method == "POST" and form.validate(request.form):
        complete_task(task, form.data)          # typed values: int, float, bool, str or None
    return render_template("tasks/task.html", form=form)

and in the template, inside a `<form method="post">` with `{{ csrf_field() }}`:

    {% from "macros/forms.html" import schema_fields %}
    {{ schema_fields(form) }}

The supported subset is service/forms.py's: string (maxLength, enum with x-enum-titles),
integer, number (minimum, maximum), boolean, required, and the conditional `allOf` rule; titles
are "Tiếng Việt / English" and shown in the page's language. Messages appear next to their field.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from marshmallow import ValidationError

LONG_TEXT = 200  # a text field longer than this is a textarea
FEW_CHOICES = 4  # up to this many choices are radio buttons, more are a select


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
    def __init__(self, schema, validator, values=None):
        """`schema`: the form's JSON Schema; `validator`: its marshmallow schema (service.forms.form_schema);
        `values`: data to show first (e.g. a saved draft)."""
        self.schema, self.validator = schema, validator
        self.properties = schema["properties"]
        self.required = set(schema.get("required", []))
        self.raw = {name: _as_text(value) for name, value in (values or {}).items() if name in self.properties}
        self.data, self.errors = None, {}

    def validate(self, formdata):
        """Read a submitted form: True and `data` filled when valid, else False and `errors` filled."""
        self.raw = {name: formdata.get(name, "").strip() for name in self.properties}
        typed, self.errors = {}, {}
        for name, text in self.raw.items():
            if text == "":
                continue
            try:
                typed[name] = _convert(self.properties[name]["type"], text)
            except ValueError as error:
                self.errors[name] = [str(error)]
        unreadable = set(self.errors)
        try:
            loaded = self.validator.load(typed)
        except ValidationError as error:
            for name, messages in error.normalized_messages().items():
                if name not in unreadable:  # already told it is not a number; "required" would confuse
                    self.errors[name] = messages
        if self.errors:
            return False
        self.data = loaded
        return True

    @property
    def fields(self):
        return [self._view(name, spec) for name, spec in self.properties.items()]

    def _view(self, name, spec):
        kind = spec["type"]
        enum, titles = spec.get("enum", []), spec.get("x-enum-titles", spec.get("enum", []))
        if isinstance(titles, dict):  # {value: title}, as the bundled forms write them
            titles = [titles.get(value, value) for value in enum]
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


def _as_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _convert(kind, text):
    """A submitted text as the schema's type; ValueError with the message to show when it is not one."""
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            raise ValueError(_("Phải là một số nguyên.")) from None
    if kind == "number":
        try:
            return float(text.replace(",", "."))  # a Vietnamese keyboard writes 2,5
        except ValueError:
            raise ValueError(_("Phải là một số.")) from None
    if kind == "boolean":
        if text not in ("true", "false"):
            raise ValueError(_("Chọn Có hoặc Không."))
        return text == "true"
    return text
