"""CSRF protection of the web forms, where a visitor who is not signed in is sent, and the
security headers of every response.

Every POST, PUT, PATCH or DELETE outside /api/ must carry the session's CSRF token: the
`csrf_token` form field (`{{ csrf_field() }}` in a form) or the X-CSRFToken header (from
`<meta name="csrf-token">` in base.html) for scripts. The JSON API under /api/ is exempt: its
bodies must be application/json, which a cross-site page can only send with a CORS preflight
that this service never grants, and its multipart uploads rely on the session cookie being
SameSite=Lax, so a browser does not send it with a POST from another site. API clients keep
working without a token. A form with a part that has no name is refused (400) before the check.

`security_headers` (an after_request of the app) gives every response, pages, API, static files
and errors alike: a Content-Security-Policy that lets pages load scripts, styles, fonts and
images only from this site (no inline scripts, no `<style>` elements or `style` attributes:
every script and stylesheet is a file) and refuses framing; X-Frame-Options DENY for older browsers;
X-Content-Type-Options nosniff; Referrer-Policy same-origin; and, under the production
configuration (`OCOP_HSTS`), Strict-Transport-Security.

One exception, per page: `allow_style_attributes(values)` lets that page's response allow `style`
attributes with exactly these values (`style-src-attr 'unsafe-hashes'` and their SHA-256), for a
library's markup that we may not change (the bpmn.io watermark of dmn-js, whose licence forbids
changing it). Any other `style` attribute is still refused.
"""
import base64
import hashlib
from urllib.parse import urlsplit

from flask import abort, current_app, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from markupsafe import Markup

from ..auth.routes import unauthorized as api_unauthorized
from ..extensions import login_manager
from . import bp

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"


def is_api_request():
    return request.path.startswith("/api/")


@bp.before_app_request
def check_csrf():
    if is_api_request() or request.method not in current_app.config["WTF_CSRF_METHODS"]:
        return
    if any(not name for name in (*request.form.keys(), *request.files.keys())):
        abort(400)  # a form part without a name: no form of these pages sends one, and no page reads it
    if current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect(apply_exemptions=True)


@bp.app_errorhandler(CSRFError)
def csrf_failed(error):
    """An expired or missing token: back to the form the visitor came from, with a message."""
    flash(_("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng thử lại."), "error")
    referrer = urlsplit(request.referrer or "")
    same_site = referrer.netloc == request.host
    return redirect(safe_next(referrer.path + (f"?{referrer.query}" if referrer.query else "")) if same_site
                    else url_for("web.home"))


@bp.app_template_global()
def csrf_field():
    """The hidden CSRF field every form of the web pages carries."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())


def unauthorized():
    """Pages send the visitor to the sign-in page and back; the API answers 401 JSON."""
    if is_api_request():
        return api_unauthorized()
    flash(_("Vui lòng đăng nhập để tiếp tục."), "info")
    return redirect(url_for("web.login", next=request.full_path if request.query_string else request.path))


@bp.record_once
def _take_over_unauthorized(state):
    # Registered when the blueprint is, so it replaces the API-only handler of service/auth.
    login_manager.unauthorized_handler(unauthorized)


def allow_style_attributes(values):
    """Let the current page's response allow `style` attributes with exactly these values."""
    g.style_attribute_hashes = [base64.b64encode(hashlib.sha256(value.encode()).digest()).decode()
                                for value in values]


def security_headers(response):
    response.headers.update(SECURITY_HEADERS)
    hashes = g.get("style_attribute_hashes")
    if hashes:
        allowed = " ".join(f"'sha256-{value}'" for value in hashes)
        response.headers["Content-Security-Policy"] = f"{CONTENT_SECURITY_POLICY}; style-src-attr 'unsafe-hashes' {allowed}"
    if current_app.config["OCOP_HSTS"]:
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def safe_next(target):
    """`target` if it is a path on this site, else the home page: no open redirects."""
    if not target:
        return url_for("web.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("web.home")
    return target
