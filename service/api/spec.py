"""The OpenAPI document of /api/v1, built from the registered routes' docstrings.

Every view whose URL starts with /api/v1/ is in it, without registration: a blueprint only
has to be registered on the app. For each view,
- the first line of its docstring is the summary of each of its methods;
- YAML after a line `---` gives the operations in apispec's format, keyed by method, with
  marshmallow schemas named by class name (`schema: LoginInput`) or dotted path;
- path parameters come from the URL rule (`<int:case_id>` is an integer `case_id`);
- the tag is the blueprint's name unless the YAML gives `tags`;
- a response without a description gets its HTTP status phrase.

    @bp.get("/cases/<int:case_id>")
    def show_case(case_id):
        '''One case, if you may see it.
        ---
        get:
          responses:
            200:
              content:
                application/json:
                  schema: CaseDetail
        '''
"""
from http import HTTPStatus

from apispec import APISpec, BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec_webframeworks.flask import FlaskPlugin
from werkzeug.routing import FloatConverter, IntegerConverter

API_PREFIX = "/api/v1/"
HIDDEN_METHODS = {"HEAD", "OPTIONS"}
DESCRIPTION = (
    "API of the OCOP (One Commune One Product) case-management service. Sign in with "
    "POST /api/v1/auth/login: the answer sets a session cookie that every other call sends. "
    'Errors answer `{"error": code, "message": text, "details": ...}`.'
)


def _parameter_type(converter):
    if isinstance(converter, IntegerConverter):
        return "integer"
    return "number" if isinstance(converter, FloatConverter) else "string"


class DocstringDefaults(BasePlugin):
    """Give every method of a rule an operation, with the docstring's first line as summary,
    and every response a description."""

    def operation_helper(self, path=None, operations=None, *, view=None, rule=None, **kwargs):
        lines = (view.__doc__ or "").strip().splitlines()
        summary = lines[0] if lines else rule.endpoint
        for method in sorted(rule.methods - HIDDEN_METHODS):
            operation = operations.setdefault(method.lower(), {})
            operation.setdefault("summary", summary)
            operation.setdefault("tags", [rule.endpoint.split(".")[0]])
            operation.setdefault("responses", {"default": {"description": summary}})
            for status, response in operation["responses"].items():
                if str(status).isdigit():
                    response.setdefault("description", HTTPStatus(int(status)).phrase)


def api_rules(app):
    """The first URL rule of each endpoint under /api/v1/, by URL."""
    rules = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(API_PREFIX):
            rules.setdefault(rule.endpoint, rule)
    return sorted(rules.values(), key=lambda rule: rule.rule)


def path_parameters(rule):
    return [{"in": "path", "name": name, "required": True,
             "schema": {"type": _parameter_type(converter)}}
            for name, converter in rule._converters.items()]


def build_spec(app):
    spec = APISpec(
        title="OCOP case management", version="1", openapi_version="3.0.3",
        plugins=[FlaskPlugin(), DocstringDefaults(), MarshmallowPlugin()],
        info={"description": DESCRIPTION},
    )
    spec.components.security_scheme("session", {"type": "apiKey", "in": "cookie",
                                                "name": app.config["SESSION_COOKIE_NAME"]})
    for rule in api_rules(app):
        spec.path(view=app.view_functions[rule.endpoint], app=app, rule=rule, parameters=path_parameters(rule))
    return spec.to_dict()
