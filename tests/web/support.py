"""Helpers for the web tests: the CSRF token of a page, and signing in through the form."""
import re

from service.demo.data import DEMO_PASSWORD

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client, path="/login"):
    return TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def sign_in(client, username, password=DEMO_PASSWORD, **extra):
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": csrf_token(client), **extra})
