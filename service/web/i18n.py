"""Languages of the web pages: Vietnamese first, English on request.

`?lang=en` (or `?lang=vi`) on any page stores the choice in the session; `select_locale` reads
it. Texts of the templates and of the Python code are written in Vietnamese and marked with
`_()` / `gettext()`; their English lives in translations/en/LC_MESSAGES/messages.po.
Texts that come from the service already in both languages ("Tiếng Việt / English", the form
titles and messages of service/forms/validation.py) go through the `bilingual` filter instead.

Numbers and dates are shown in the page's language, by these filters and only by them (the
same functions serve the texts built in Python: summaries, notifications, e-mails):

    {{ case.score | score }}      79,0            79.0
    {{ amount | number }}         1.234.567,5     1,234,567.5   (`number(1)`: one decimal)
    {{ day | date }}              30/11/2026      Nov 30, 2026
    {{ moment | datetime }}       14:05 30/11/2026  Nov 30, 2026, 2:05 PM

Moments are shown in BABEL_DEFAULT_TIMEZONE (config/settings.py, Vietnam time). The API keeps ISO
dates and plain numbers.

The templates' `_()` and `ngettext()` look the catalog up once per request and language (`translations`):
Flask-Babel's own callables look it up again at every call, which cost more than the translation itself
(a page calls `_()` a few hundred times).
"""
from flask import g, request, session, url_for
from flask_babel import Babel, format_date, format_datetime, format_decimal, get_locale, get_translations

from . import bp

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"

DATE_FORMATS = {"vi": "dd/MM/yyyy", "en": "MMM d, y"}
DATETIME_FORMATS = {"vi": "HH:mm dd/MM/yyyy", "en": "MMM d, y, h:mm a"}

babel = Babel()


def init_app(app):
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: translations().ugettext(string),
        ngettext=lambda singular, plural, number: translations().ungettext(singular, plural, number),
        pgettext=lambda context, string: translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, number: translations().unpgettext(context, singular, plural,
                                                                                      number),
        newstyle=True)


def translations():
    """The current language's catalog, looked up once per request and language (`force_locale` changes it)."""
    locale = get_locale()
    cached = g.get("_translations")
    if cached is None or cached[0] is not locale:
        cached = g._translations = (locale, get_translations())
    return cached[1]


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


@bp.app_template_filter("number")
def local_number(value, decimals=None):
    """A number with the language's separators (1.234.567,5 / 1,234,567.5); `decimals`: exactly that many."""
    if value is None:
        return ""
    if decimals is None:
        return format_decimal(value, "#,##0.###")
    return format_decimal(value, "#,##0" + ("." + "0" * decimals if decimals else ""))


@bp.app_template_filter("score")
def local_score(value):
    """A score with one decimal: 79,0 / 79.0."""
    return local_number(value, 1)


@bp.app_template_filter("date")
def local_date(value):
    """A day (or the local day of a moment): 30/11/2026 / Nov 30, 2026."""
    return "" if value is None else format_date(value, DATE_FORMATS[current_language()])


@bp.app_template_filter("datetime")
def local_datetime(value):
    """A moment in local time: 14:05 30/11/2026 / Nov 30, 2026, 2:05 PM."""
    return "" if value is None else format_datetime(value, DATETIME_FORMATS[current_language()])
