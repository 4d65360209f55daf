"""Languages of the web pages: Vietnamese first, English on request.

`?lang=en` (or `?lang=vi`) on any page stores the choice in the session; `select_locale` reads
it. Texts of the templates and of the Python code are written in Vietnamese and marked with
`_()` / `gettext()`; their English lives in translations/en/LC_MESSAGES/messages.po.
Texts that come from the service already in both languages ("Tiếng Việt / English", the form
titles and messages of service/forms/validation.py) go through the `bilingual` filter instead.
"""
from flask import request, session, url_for
from flask_babel import Babel, format_decimal, get_locale

from . import bp

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"

babel = Babel()


def select_locale():
    return session.get("lang", DEFAULT_LANGUAGE)


@bp.before_app_request
def remember_language():
    lang = request.args.get("lang")
    if lang in LANGUAGES:
        session["lang"] = lang


@bp.app_template_global()
def current_language():
    """"vi" or "en"."""
    return get_locale().language


@bp.app_template_global()
def language_url(lang):
    """The current page in another language."""
    args = {**request.args.to_dict(), "lang": lang}
    if request.endpoint and request.method == "GET":
        return url_for(request.endpoint, **(request.view_args or {}), **args)
    return url_for("web.home", lang=lang)


@bp.app_template_filter()
def bilingual(text):
    """The part of "Tiếng Việt / English" in the current language (the whole text when it has no " / ")."""
    if text is None:
        return ""
    vietnamese, separator, english = str(text).partition(" / ")
    if not separator:
        return text
    return english if current_language() == "en" else vietnamese


@bp.app_template_filter()
def score(value):
    """A score with one decimal in the page's language: 79,0 in Vietnamese, 79.0 in English."""
    return "—" if value is None else format_decimal(value, "#,##0.0")
