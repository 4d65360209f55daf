"""Screenshots of the main pages for docs/screenshots/, on a phone and a desktop: `make screenshots`.

Runs the same set-up as the browser tests (tests/browser/harness.py): a fresh database with the
demo data, the application on a free port, Debian's chromium. Add a page to PAGES as it is built.
"""
import io
import logging
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from service.demo.data import DEMO_PASSWORD
from service.extensions import db
from service.portal import registration
from tests.browser.harness import (
    DESKTOP,
    PHONE,
    LiveServer,
    demo_app,
    launch_chromium,
    sign_in,
)
from tests.browser.test_catalogue import certified_with_a_point_of_sale
from tests.cycle import BUSINESS_PLAN, Cycle

OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

# file name, demo account signed in (None: nobody), path (with the ids of sample_cases)
PAGES = [
    ("login", None, "/login"),
    ("inbox", "district", "/inbox?tab=all-visible"),
    ("task", "district", "/tasks/{review_task}"),
    ("scoring-sheet", "district-council-1", "/tasks/{scoring_task}"),
    ("plan-review", "district", "/tasks/{plan_task}"),
    ("chair-decision", "district-chair", "/tasks/{chair_task}"),
    ("revision", "producer", "/tasks/{revision_task}"),
    ("case-file-version", "district", "/cases/{revised}/file/idea/2"),
    ("admin-users", "admin", "/admin/users"),
    ("admin-process-models", "admin", "/admin/process-models"),
    ("admin-modeler", "admin", "/admin/process-models/1/edit"),
    ("admin-decision-table", "admin", "/admin/process-models/1/decisions/star_rating.dmn"),
    ("admin-criteria-sheets", "admin", "/admin/criteria-sheets"),
    ("admin-criteria-sheet", "admin", "/admin/criteria-sheets/1"),
    ("admin-audit", "admin", "/admin/audit"),
    ("dashboard", None, "/dashboard"),
    ("reports", "province", "/reports/programme"),
    ("notifications", "district", "/notifications"),
    ("register", None, "/register"),
    ("my-cases", "producer", "/cases"),
    ("cases-official", "district", "/cases?status=active"),
    ("new-idea", "producer", "/cases/new"),
    ("case", "producer", "/cases/{case}"),
    ("registrations", "commune", "/registrations"),
    ("catalogue", None, "/catalogue"),
    ("catalogue-product", None, "/catalogue/{listed_product}"),
    ("library", None, "/library"),
]


class SignedIn:
    """Test clients of the demo accounts by user name, signed in through the API on first use."""

    def __init__(self, app):
        self.app, self.clients = app, {}

    def __getitem__(self, username):
        if username not in self.clients:
            self.clients[username] = self.app.test_client()
            self.clients[username].post("/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD})
        return self.clients[username]


def sample_cases(app):
    """Cases for the workspace's pages: one at the district's review, one at the council's scoring (with a
    document and a comment, for the case page); a registration waiting for the commune officer."""
    people = SignedIn(app)
    commune_id = people["producer"].get("/api/v1/me").json["entity"]["commune"]["id"]
    review = Cycle(people, commune_id, product_name="Miến dong Bình Lư")
    review.decide("commune", "commune_check_idea", "return", "Ghi rõ loại miến và quy cách đóng gói.")
    review.complete("producer", "revise_idea_commune", {
        "product_name": "Miến dong Bình Lư loại đặc biệt", "description": "Miến dong sợi nhỏ, gói 500 g",
        "response": "Đã ghi rõ loại đặc biệt và gói 500 g."})
    review.decide("commune", "commune_check_idea", "forward")
    plan = Cycle(people, commune_id, product_name="Chè Shan tuyết San Thàng")
    plan.decide("commune", "commune_check_idea", "forward")
    plan.decide("district", "district_review_idea", "accept")
    plan.complete("producer", "submit_business_plan", BUSINESS_PLAN)
    chair = Cycle(people, commune_id, product_name="Gạo tẻ râu Bình Lư").through_district_dossier()
    chair.score("district", [62, 66, 71])
    revision = Cycle(people, commune_id, product_name="Rượu ngô Bình Lư")
    revision.decide("commune", "commune_check_idea", "return", "Bổ sung nguồn nguyên liệu ngô.")
    scoring = Cycle(people, commune_id).through_district_dossier()
    scoring.score_sheet("district-council-2", "district", 74)
    Cycle(people, commune_id, product_name="Bánh khảo Bình Lư")
    people["producer"].post(f"/api/v1/cases/{scoring.id}/attachments",
                            data={"file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "tieu-chuan-co-so.pdf"),
                                  "item": "tieu_chuan_chat_luong"})
    people["district"].post(f"/api/v1/cases/{scoring.id}/comments", json={"body": "Hồ sơ đầy đủ, chuyển Hội đồng."})
    with app.app_context():
        registration.register({"entity_name": "HTX Chè Sơn Bình", "entity_type": "cooperative",
                               "commune_id": commune_id, "username": "htx-son-binh", "full_name": "Lò Văn Bình",
                               "email": "binh@example.vn", "password": "che-son-binh",
                               "password_again": "che-son-binh"})
        db.session.commit()
    listed_product = certified_with_a_point_of_sale(app)
    return {"listed_product": listed_product,
            "review_task": review.task("district", "district_review_idea")["id"], "revised": review.id,
            "plan_task": plan.task("district", "district_review_plan")["id"],
            "chair_task": chair.task("district-chair", "district_chair_decision")["id"],
            "revision_task": revision.task("producer", "revise_idea_commune")["id"],
            "scoring_task": scoring.task("district-council-1", "district_council_scoring")["id"], "case": scoring.id}


def main():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        app = demo_app(folder)
        ids = sample_cases(app)
        server = LiveServer(app)
        browser = launch_chromium(playwright)
        try:
            for name, username, path in PAGES:
                for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                    context = browser.new_context(base_url=server.url, viewport=viewport)
                    page = context.new_page()
                    if username:
                        sign_in(page, username)
                    page.goto(path.format(**ids), wait_until="networkidle")
                    target = OUTPUT / f"{name}-{device}.png"
                    page.screenshot(path=target, full_page=True)
                    context.close()
                    print(target.relative_to(OUTPUT.parents[1]))
        finally:
            browser.close()
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
