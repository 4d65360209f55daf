"""HTTP caching of the public pages and answers: an ETag of the body (a repeat visit with If-None-Match gets
304 and no body) and Cache-Control: `public, max-age` for visitors who are not signed in (a phone, a proxy or
a CDN may keep it a few minutes), `private, no-cache` for signed-in users, whose pages carry their menu.

There is no server-side cache: a catalogue page is one indexed query, and what it shows changes with the day
(a certificate expires at midnight), with every revocation and re-evaluation, so a cache would need as much
care to invalidate as the query costs.
"""
from flask import make_response, request
from flask_login import current_user

PUBLIC_MAX_AGE = 300


def cacheable(body, max_age=PUBLIC_MAX_AGE):
    """The response for `body` (a page, JSON or a response) with caching headers, conditional on If-None-Match."""
    response = make_response(body)
    if current_user.is_authenticated:
        response.cache_control.private = True
        response.cache_control.no_cache = True
    else:
        response.cache_control.public = True
        response.cache_control.max_age = max_age
    response.vary.add("Cookie")
    response.add_etag()
    return response.make_conditional(request)
