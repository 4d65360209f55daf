"""The problems workflows/ reports are "Tiếng Việt / English", as every message of the service is:
a page shows the half of its language, split at the first " / " (service/web/i18n.py, `bilingual`)."""


def quoted(text):
    """A text quoted inside such a message (a diagram's expression, a library's error, a name), with
    its own " / " closed up to "/": the message keeps one separator, between its two languages."""
    return str(text).replace(" / ", "/")
