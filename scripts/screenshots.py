"""Screenshots of the main pages for docs/screenshots/, on a phone and a desktop: `make screenshots`.

Runs the same set-up as the browser tests (tests/browser/harness.py): a fresh database with the
demo data, the application on a free port, Debian's chromium. Add a page to PAGES as it is built.
"""
import logging
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.harness import DESKTOP, PHONE, LiveServer, demo_app, launch_chromium, sign_in

OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

# file name, demo account signed in (None: nobody), path
PAGES = [
    ("login", None, "/login"),
    ("inbox", "district", "/inbox"),
]


def main():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        server = LiveServer(demo_app(folder))
        browser = launch_chromium(playwright)
        try:
            for name, username, path in PAGES:
                for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                    context = browser.new_context(base_url=server.url, viewport=viewport)
                    page = context.new_page()
                    if username:
                        sign_in(page, username)
                    page.goto(path)
                    target = OUTPUT / f"{name}-{device}.png"
                    page.screenshot(path=target, full_page=True)
                    context.close()
                    print(target.relative_to(OUTPUT.parents[1]))
        finally:
            browser.close()
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
