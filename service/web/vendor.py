"""The front-end libraries, served from node_modules (installed by `npm ci`, never copied into git).

Only the files in VENDOR_FILES are served, with a year-long cache: `vendor_url()` adds the
package's installed version to the address, so an upgrade changes every address.
"""
import json
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path

from flask import abort, current_app, send_from_directory, url_for

from . import bp

ONE_YEAR = 365 * 24 * 3600

# package -> files (fnmatch patterns, matched one path segment at a time)
VENDOR_FILES = {
    "bpmn-js": [
        "dist/bpmn-viewer.production.min.js",
        "dist/bpmn-navigated-viewer.production.min.js",
        "dist/bpmn-modeler.production.min.js",
        "dist/assets/bpmn-js.css",
        "dist/assets/diagram-js.css",
        "dist/assets/bpmn-font/css/*.css",
        "dist/assets/bpmn-font/font/*",
    ],
    "dmn-js": [
        "dist/dmn-modeler.production.min.js",
        "dist/assets/*.css",
        "dist/assets/dmn-font/css/*.css",
        "dist/assets/dmn-font/font/*",
    ],
    "chart.js": ["dist/chart.umd.min.js"],
    "@picocss/pico": ["css/pico.min.css"],
}


def _split(filename):
    """(package, path inside it) of "bpmn-js/dist/x.js" or "@picocss/pico/css/x.css"."""
    parts = filename.split("/")
    size = 2 if filename.startswith("@") else 1
    return "/".join(parts[:size]), parts[size:]


def is_whitelisted(filename):
    package, path = _split(filename)
    if any(part.startswith(".") for part in path):
        return False
    for pattern in VENDOR_FILES.get(package, []):
        segments = pattern.split("/")
        if len(segments) == len(path) and all(fnmatchcase(part, segment) for part, segment in zip(path, segments)):
            return True
    return False


@cache
def _installed_version(folder, package):
    manifest = Path(folder) / package / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.is_file() else "missing"


@bp.app_template_global()
def vendor_url(filename):
    """The address of a whitelisted library file, e.g. vendor_url("chart.js/dist/chart.umd.min.js")."""
    package, _ = _split(filename)
    return url_for("web.vendor", filename=filename, v=_installed_version(current_app.config["OCOP_NODE_MODULES"],
                                                                         package))


@bp.get("/vendor/<path:filename>")
def vendor(filename):
    if not is_whitelisted(filename):
        abort(404)
    response = send_from_directory(current_app.config["OCOP_NODE_MODULES"], filename, max_age=ONE_YEAR)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response
