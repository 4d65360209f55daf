"""The province office's decision flow in the browser: a waiting result is ticked, drafted into a decision,
published after a confirmation; the decision lists the certificate, whose PDF opens, and the case page links
back to the decision. On a phone the decision's table is read as cards, without sideways scrolling."""
import re

from playwright.sync_api import expect

from service.demo.seed import find_unit
from tests.browser.harness import PHONE
from tests.conftest import AuthActions, People
from tests.cycle import Cycle

PRODUCT = "Chè Shan tuyết Sơn Bình"


def waiting_result(app):
    people = People(AuthActions(app))
    with app.app_context():
        commune_id = find_unit("Tam Đường/Bình Lư").id
    case = Cycle(people, commune_id, product_name=PRODUCT).through_district_dossier()
    case.evaluate("district", [70, 74, 73]).decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [76, 79, 81])
    return case


def test_the_province_office_publishes_a_decision_and_opens_its_certificate(live_server, page_as):
    case = waiting_result(live_server.app)
    page = page_as("province")
    page.locator(".topbar").get_by_role("link", name="Công nhận sản phẩm").click()
    row = page.locator(f"[data-testid=waiting-result][data-case='{case.id}']")
    expect(row).to_contain_text("4 sao cấp tỉnh")
    page.get_by_label(f"Chọn {PRODUCT}").check()
    page.get_by_role("button", name="Lập quyết định công nhận cho các sản phẩm đã chọn").click()
    page.get_by_label("Số quyết định").fill("789/QĐ-UBND")
    page.get_by_label("Người ký", exact=True).fill("Giàng A Tính")
    page.get_by_label("Chức vụ người ký").fill("KT. CHỦ TỊCH, PHÓ CHỦ TỊCH")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.locator("[data-testid=decision-status]")).to_have_text("Dự thảo")
    expect(page.locator("[data-testid=certificate-pdf]")).to_have_count(0)
    page.get_by_test_id("publish-decision").click()
    page.get_by_role("button", name="Xác nhận ban hành").click()

    expect(page.locator("[data-testid=decision-status]")).to_have_text("Đã ban hành")
    pdf = page.locator("[data-testid=certificate-pdf]")
    expect(pdf).to_have_text(re.compile(r"OCOP-12-\d{4}-\d{4}"))
    response = page.request.get(pdf.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    decision_url = page.url

    page.locator("[data-testid=decision-recognition]").get_by_role("link").first.click()
    expect(page.locator("h1")).to_have_text(PRODUCT)
    page.get_by_test_id("summary-decision").click()
    expect(page).to_have_url(decision_url)

    phone = page_as("province", PHONE)
    phone.goto(decision_url)
    expect(phone.locator("[data-testid=decision-recognition] td").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
