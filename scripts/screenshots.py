"""Screenshots of the main pages for docs/screenshots/, on a phone and a desktop: `make screenshots`.

Runs the same set-up as the browser tests (tests/browser/harness.py): a fresh database with the
demo data, the application on a free port, Debian's chromium. Add a page to PAGES as it is built.
`python -m scripts.screenshots NAME...` takes only the pages of these file names (e.g. `recognition training`).
"""
import io
import logging
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from service.demo.data import DEMO_PASSWORD
from service.demo.seed import find_unit
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
from tests.service.test_imports import BAD, GOOD, upload

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
    ("admin-rule-sets", "admin", "/admin/rule-sets"),
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
    ("library-office", "province", "/library"),
    ("recognition", "province", "/recognition"),
    ("recognition-draft", "province", "/recognition/decisions/new?case_id={waiting_case}"),
    ("recognition-decision", "province", "/recognition/decisions/{decision}"),
    ("case-certified", "district", "/cases/{listed_case}"),
    ("steering", "province", "/steering"),
    ("steering-body", "province", "/steering/{steering_body}"),
    ("steering-coverage", "province", "/steering/coverage"),
    ("reports-list", "national", "/reports"),
    ("report-recognitions", "district", "/reports/recognitions"),
    ("training", "district", "/training"),
    ("points-of-sale", "district", "/points-of-sale"),
    ("point-of-sale-form", "district", "/points-of-sale/{point}/edit"),
    ("fairs", None, "/fairs"),
    ("fair-form", "province", "/fairs/new"),
    ("imports", "province", "/imports"),
    ("survey", "district", "/survey"),
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
    return {**programme(app, people, commune_id, listed_product), "listed_product": listed_product,
            "review_task": review.task("district", "district_review_idea")["id"], "revised": review.id,
            "plan_task": plan.task("district", "district_review_plan")["id"],
            "chair_task": chair.task("district-chair", "district_chair_decision")["id"],
            "revision_task": revision.task("producer", "revise_idea_commune")["id"],
            "scoring_task": scoring.task("district-council-1", "district_council_scoring")["id"], "case": scoring.id}


def programme(app, people, commune_id, listed_product):
    """The programme beyond the cases: a result waiting for a recognition decision, a fair, a training session,
    a text in the library, support recorded on the certified case, an import of earlier certificates with a
    refused row and the survey's potential products."""
    waiting = Cycle(people, commune_id, product_name="Chè Shan tuyết Sơn Bình").through_district_dossier()
    waiting.evaluate("district", [70, 74, 73]).decide("province", "province_check_dossier", "complete")
    waiting.evaluate("province", [76, 79, 81])
    [decision] = people["province"].get("/api/v1/recognition-decisions").json["items"]
    [point] = people["district"].get("/api/v1/public/points-of-sale").json["items"]
    listed_case = next(case for case in people["district"].get("/api/v1/cases", query_string={"per_page": 100})
                       .json["items"] if case["product_name"] == "Mật ong bạc hà Bình Lư")
    with app.app_context():
        province_id, district_id = find_unit("Lai Châu").id, find_unit("Tam Đường").id
    province = people["province"]
    fair = province.post("/api/v1/fairs", json={
        "name": "Hội chợ Nông sản và sản phẩm OCOP Lai Châu", "starts_on": "2030-11-20", "ends_on": "2030-11-24",
        "place": "Quảng trường Nhân dân tỉnh", "unit_id": province_id, "product_ids": [listed_product],
        "description": "Gian hàng của các huyện, thành phố."})
    assert fair.status_code == 201, fair.json
    session = people["district"].post("/api/v1/training-sessions", json={
        "held_on": "2020-06-18", "level": "district", "topic": "Quy trình đánh giá, phân hạng OCOP",
        "trainer": "Văn phòng Điều phối NTM tỉnh", "unit_id": district_id, "attendees": []})
    assert session.status_code == 201, session.json
    document = province.post("/api/v1/documents", content_type="multipart/form-data", data={
        "title": "Kế hoạch thực hiện Chương trình OCOP tỉnh Lai Châu năm 2020", "number": "1234/KH-UBND",
        "issued_on": "2020-03-02", "kind": "plan", "unit_id": province_id,
        "file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "ke-hoach-ocop-2020.pdf")})
    assert document.status_code == 201, document.json
    support = people["district"].post(f"/api/v1/cases/{listed_case['id']}/support", json={
        "kind": "fund", "source": "province_budget", "amount_vnd": 25000000, "given_on": "2020-07-01",
        "description": "Hỗ trợ thiết kế bao bì, nhãn mác"})
    assert support.status_code == 201, support.json
    upload(province, "certificates", [GOOD, BAD])
    for commune, product, producer in (("Bình Lư", "Miến dong sợi nhỏ", "Hộ ông Tẩn Văn Lư"),
                                       ("Sơn Bình", "Rượu ngô men lá", "Hộ bà Lò Thị Sơn")):
        with app.app_context():
            survey_commune = find_unit(f"Tam Đường/{commune}").id
        item = people["district"].post("/api/v1/survey-items", json={
            "year": 2020, "commune_id": survey_commune, "product_name": product, "producer_name": producer})
        assert item.status_code == 201, item.json
    return {"waiting_case": waiting.id, "decision": decision["id"], "point": point["id"],
            "listed_case": listed_case["id"], "steering_body": 1}


def main():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        app = demo_app(folder)
        ids = sample_cases(app)
        server = LiveServer(app)
        browser = launch_chromium(playwright)
        try:
            chosen = set(sys.argv[1:])
            for name, username, path in PAGES:
                if chosen and name not in chosen:
                    continue
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
