"""The API's description: /api/openapi.json for tools, /api/docs for people (no scripts, no CDN)."""
from flask import Blueprint, current_app, jsonify, render_template

from .spec import build_spec

bp = Blueprint("api", __name__, url_prefix="/api", template_folder="templates", static_folder="static")


@bp.get("/openapi.json")
def openapi():
    return jsonify(build_spec(current_app))


@bp.get("/docs")
def docs():
    spec = build_spec(current_app)
    return render_template("api/docs.html", spec=spec, schemas=spec.get("components", {}).get("schemas", {}))
