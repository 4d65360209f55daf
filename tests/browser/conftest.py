"""Browser tests: Playwright driving Debian's chromium against the application served on a free port.

Fixtures:
- `live_server`: the application (TestConfig, demo data, the bundled process deployed) on its
  own SQLite file for the whole session, served in a background thread; `live_server.url`.
- `browser`: chromium for the whole session (`/usr/bin/chromium`, headless, no sandbox).
- `page`: a new page in a fresh context (no cookies), whose relative URLs go to the live server.
- `page_as(username, viewport=None, password=DEMO_PASSWORD)`: a new page in a fresh context, signed in
  through the login page (it ends on /inbox, a producer's on /cases). Call it several times for several people.

Every test here carries the `browser` marker (`pytest -m browser`, `pytest -m "not browser"`). Without
/usr/bin/chromium they are skipped, unless CI is set: in CI they must run (`make test` installs it).
The data are shared by the whole session: a test that changes them should use data of its own.
An `expect` waits up to 15 s, not Playwright's 5: on the 2-core CI machine, with three test workers and chromium
at once, the server's own work behind a click (saving a diagram version, in a test that takes 0.6 s alone) once took
more than 5 s.
"""
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from service.demo.data import DEMO_PASSWORD

from .harness import CHROMIUM, LiveServer, demo_app, launch_chromium, sign_in

HERE = Path(__file__).parent
expect.set_options(timeout=15_000)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's chromium through Playwright (tests/browser)")


def pytest_collection_modifyitems(config, items):
    skip = None
    if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: `make test` installs Debian's chromium "
                                       f"(apt-get install -y chromium)")
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if skip is not None:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    server = LiveServer(demo_app(tmp_path_factory.mktemp("browser")))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """Pages in fresh contexts, closed after the test."""
    contexts = []

    def make(viewport=None):
        context = browser.new_context(base_url=live_server.url, viewport=viewport)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def page_as(new_page):
    def make(username, viewport=None, password=DEMO_PASSWORD):
        return sign_in(new_page(viewport), username, password)

    return make
