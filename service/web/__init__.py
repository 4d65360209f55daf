"""The web application: server-rendered pages in Vietnamese (English switchable) on the same Flask app.

This package holds the shell every page shares:
- `bp`, the "web" blueprint (no url prefix): home `/`, sign-in `/login`, sign-out `/logout`,
  the front-end libraries under `/vendor/`, the stylesheet under `/static/web/`;
- `i18n`: Flask-Babel, Vietnamese by default, `?lang=en` switches and the session remembers;
- `security`: the CSRF check of every form outside /api/, and the sign-in redirect of pages;
- `errors`: the error pages outside /api/ (every error answers as a page there);
- `navigation`: the top bar's entries per role;
- `templates/macros/`: the macros pages share, among them `forms.html`, the fields of a task form
  (`SchemaForm`, service/forms/rendering.py).

Adding a page: see docs/web.md.
"""
from flask import Blueprint

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static", static_url_path="/static/web")

from . import i18n, navigation, routes, security, vendor  # noqa: E402,F401  (they attach to bp)
