"""The web shell in a real browser: signing in and out, the language switch, redirects and the 404 page."""
import re

from playwright.sync_api import expect


def test_a_producer_signs_in_with_a_demo_account_and_out_again(page_as):
    page = page_as("producer")

    expect(page.locator("h1")).to_have_text("Hồ sơ của tôi")
    expect(page.locator(".user-menu summary")).to_have_text("Nguyễn Văn Lư (HTX Bình Lư)")

    page.click(".user-menu summary")
    page.click("text=Đăng xuất")
    expect(page.locator(".flash-success")).to_have_text("Bạn đã đăng xuất.")
    page.goto("/inbox")
    expect(page).to_have_url(re.compile(r"/login\?next=/inbox$"))


def test_a_wrong_password_shows_an_error_and_keeps_the_username(page):
    page.goto("/login")
    page.fill("#username", "district")
    page.fill("#password", "not the password")
    page.click("form button[type=submit]")

    expect(page.locator("[role=alert]")).to_have_text("Sai tên đăng nhập hoặc mật khẩu.")
    expect(page.locator("#username")).to_have_value("district")
    expect(page).to_have_url(re.compile(r"/login$"))


def test_the_language_switch_turns_the_pages_to_english_and_back(page):
    page.goto("/login")
    expect(page.locator("h1")).to_have_text("Đăng nhập")

    page.click("[data-testid=language-switch]")
    expect(page.locator("h1")).to_have_text("Sign in")
    expect(page.locator("label[for=password]")).to_contain_text("Password")
    page.goto("/")
    expect(page.locator("h1")).to_have_text("One Commune One Product programme")

    page.click("[data-testid=language-switch]")
    expect(page.locator("h1")).to_have_text("Chương trình Mỗi xã một sản phẩm")


def test_an_unauthenticated_visit_goes_to_the_login_page_and_back_after_signing_in(page):
    page.goto("/inbox")

    expect(page).to_have_url(re.compile(r"/login\?next=/inbox$"))
    expect(page.locator(".flash-info")).to_have_text("Vui lòng đăng nhập để tiếp tục.")
    page.fill("#username", "commune")
    page.fill("#password", "demo")
    page.click("form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/inbox$"))
    expect(page.locator(".user-menu summary")).to_have_text("Cán bộ OCOP xã Bình Lư")


def test_a_typed_url_of_an_unknown_page_shows_the_friendly_404(page):
    response = page.goto("/ho-so/khong-co")

    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    expect(page.locator("a", has_text="Về trang chủ")).to_be_visible()


def test_the_shell_fits_a_phone(page_as):
    page = page_as("district", viewport={"width": 390, "height": 844})

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.click("[data-testid=menu-button]")
    expect(page.locator(".user-menu summary")).to_be_visible()


def test_the_libraries_are_served_locally(page):
    page.goto("/login")

    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--pico-font-family')")
    stylesheets = page.evaluate("[...document.styleSheets].map(sheet => sheet.href)")
    assert any("/vendor/@picocss/pico/css/pico.min.css" in href for href in stylesheets)
    response = page.request.get("/vendor/chart.js/dist/chart.umd.min.js")
    assert response.ok and "immutable" in response.headers["cache-control"]


def test_the_top_bar_fits_one_row_on_a_laptop_and_folds_behind_a_menu_button_on_a_phone(page_as):
    laptop = page_as("admin", {"width": 1366, "height": 768})
    brand, links = laptop.locator(".brand").bounding_box(), laptop.locator(".topbar-links").bounding_box()
    expect(laptop.locator("[data-testid=menu-button]")).to_be_hidden()
    assert abs(brand["y"] + brand["height"] / 2 - (links["y"] + links["height"] / 2)) < 20, (brand, links)

    phone = page_as("admin", {"width": 390, "height": 844})
    expect(phone.get_by_role("link", name="Nhật ký")).to_be_hidden()
    assert phone.locator(".topbar").bounding_box()["height"] < 100
    phone.click("[data-testid=menu-button]")
    phone.get_by_role("link", name="Nhật ký").click()
    expect(phone).to_have_url(re.compile(r"/admin/audit"))


def test_every_office_keeps_one_row_at_1280_px_and_finds_the_programme_pages_in_its_group(page_as):
    for username, path in (("province", "/recognition"), ("district", "/points-of-sale"), ("national", "/reports"),
                           ("admin", "/admin/audit")):
        page = page_as(username, {"width": 1280, "height": 800})
        page.goto(path)  # its entry or group in bold
        brand, links = page.locator(".brand").bounding_box(), page.locator(".topbar-links").bounding_box()
        assert abs(brand["y"] + brand["height"] / 2 - (links["y"] + links["height"] / 2)) < 20, (username, links)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, username

    page.get_by_test_id("nav-group").filter(has_text="Chương trình").click()
    page.locator(".topbar").get_by_role("link", name="Văn bản chương trình").click()
    expect(page).to_have_url(re.compile(r"/library$"))
    district = page_as("district", {"width": 1280, "height": 800})
    district.get_by_test_id("nav-group").click()
    district.get_by_role("link", name="Tập huấn").click()
    expect(district).to_have_url(re.compile(r"/training$"))
