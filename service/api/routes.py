"""The API's description: /api/openapi.json for tools, /api/docs for people (no scripts, no CDN)."""
from flask import Blueprint, current_app, jsonify, render_template

from .spec import build_spec

bp = Blueprint("api", __name__, url_prefix="/api", template_folder="templates", static_folder="static")


def _spec():
    """The document, built once per application: its routes and schemas do not change while it runs, and building
    it reads every view's docstring and schema (130-260 ms a request)."""
    if "openapi" not in current_app.extensions:
        current_app.extensions["openapi"] = build_spec(current_app)
    return current_app.extensions["openapi"]


@bp.get("/openapi.json")
def openapi():
    return jsonify(_spec())


@bp.get("/docs")
def docs():
    spec = _spec()
    return render_template("api/docs.html", spec=spec, schemas=spec.get("components", {}).get("schemas", {}))
