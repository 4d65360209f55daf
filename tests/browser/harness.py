"""The pieces of a browser test run, shared by tests/browser/conftest.py and scripts/screenshots.py:
an application on a fresh SQLite file with the demo data and the bundled process, served by
werkzeug in a background thread, and Debian's chromium driven by Playwright.
"""
import re
import threading
from pathlib import Path

import flask_migrate
from werkzeug.serving import make_server

from config import TestConfig
from service import create_app
from service.demo.data import DEMO_PASSWORD
from service.demo.seed import seed_demo_accounts, seed_reference_data
from service.extensions import db
from service.process_models.operations import BUNDLED_FOLDER, deploy_bundled_process_models

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def demo_app(folder):
    """The application on a new SQLite database in `folder`: migrated, demo data seeded, processes deployed."""
    folder = Path(folder)
    settings = type("BrowserTestConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'ocop.sqlite'}",
        "OCOP_ATTACHMENT_FOLDER": str(folder / "attachments")})
    app = create_app(settings)
    with app.app_context():
        flask_migrate.upgrade()
        seed_reference_data()
        seed_demo_accounts()
        if BUNDLED_FOLDER.is_dir():
            deploy_bundled_process_models()
        db.session.commit()
    return app


class LiveServer:
    """`app` served on a free port of 127.0.0.1 by a background thread, until `stop()`."""

    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="live-server", daemon=True)
        self._thread.start()

    def stop(self):
        self._server.shutdown()
        self._thread.join()


def launch_chromium(playwright):
    """Debian's chromium, headless; Playwright never downloads a browser of its own here."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def sign_in(page, username, password=DEMO_PASSWORD):
    """Sign in through the login page; the page ends on the inbox (a producer's on their cases)."""
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/(inbox|cases)$"))
    return page
