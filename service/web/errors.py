"""Friendly error pages outside /api/; under /api/ errors stay JSON (service/errors.py).

A page view may `abort(403)` / `abort(404)` or let an operation raise `service.errors.Forbidden`
or `NotFound` (as the load-and-authorize helpers do): the visitor sees errors/403.html or
errors/404.html, never another unit's data.
"""
from flask import render_template

from ..errors import Forbidden, NotFound, handle_http_exception, handle_service_error
from . import bp
from .security import is_api_request


@bp.app_errorhandler(403)
@bp.app_errorhandler(404)
def http_error_page(error):
    if is_api_request():
        return handle_http_exception(error)
    return render_template(f"errors/{error.code}.html"), error.code


@bp.app_errorhandler(Forbidden)
@bp.app_errorhandler(NotFound)
def service_error_page(error):
    if is_api_request():
        return handle_service_error(error)
    return render_template(f"errors/{error.status}.html", message=error.message), error.status
