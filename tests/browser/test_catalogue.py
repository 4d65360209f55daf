"""The public catalogue on a phone, without signing in: a visitor finds a certified product by searching and
filtering, opens it, sees where to buy it and checks its certificate on the verification page."""
import re
from io import BytesIO

from PIL import Image
from playwright.sync_api import expect

from service.demo.seed import find_unit
from tests.browser.harness import PHONE
from tests.conftest import AuthActions, People
from tests.cycle import Cycle


def certified_with_a_point_of_sale(app):
    people = People(AuthActions(app))
    with app.app_context():
        commune_id, district_id = find_unit("Tam Đường/Bình Lư").id, find_unit("Tam Đường").id
    case = Cycle(people, commune_id, product_name="Mật ong bạc hà Bình Lư").through_district_dossier()
    case.evaluate("district", [72, 76, 74]).decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [80, 82, 78])
    case.recognise("province")
    product_id = case.refresh()["product_id"]
    photo = BytesIO()
    Image.new("RGB", (640, 480), (214, 160, 40)).save(photo, "JPEG")
    response = people["producer"].put(f"/api/v1/products/{product_id}/photo", content_type="multipart/form-data",
                                      data={"file": (BytesIO(photo.getvalue()), "mat-ong.jpg")})
    assert response.status_code == 200, response.json
    response = people["district"].post("/api/v1/points-of-sale", json={
        "name": "Quầy OCOP bến xe Tam Đường", "kind": "bus_station", "address": "Bến xe khách Tam Đường",
        "unit_id": district_id, "product_ids": [product_id]})
    assert response.status_code == 201, response.json
    return product_id


def test_a_visitor_on_a_phone_finds_a_product_where_to_buy_it_and_checks_its_certificate(live_server, new_page):
    product_id = certified_with_a_point_of_sale(live_server.app)
    page = new_page(PHONE)
    page.goto("/")
    page.get_by_test_id("catalogue-link").click()
    expect(page).to_have_url(re.compile(r"/catalogue$"))
    page.fill("input[name=q]", "mật ong")
    page.select_option("select[name=stars]", "4")
    page.get_by_role("button", name="Tìm").click()
    card = page.locator(f"[data-product='{product_id}']")
    expect(card).to_be_visible()
    expect(card.locator(".stars")).to_have_text("★★★★")
    assert card.locator("img").evaluate("image => image.naturalWidth") == 640
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling

    card.locator("a").click()
    expect(page.locator("h1")).to_have_text("Mật ong bạc hà Bình Lư")
    expect(page.locator("[data-point]")).to_contain_text("Quầy OCOP bến xe Tam Đường")
    page.locator("[data-verify]").click()
    expect(page).to_have_url(re.compile(r"/verify/"))
    expect(page.locator("body")).to_contain_text("Còn hiệu lực")
