"""The programme dashboard draws its charts, and the top bar shows the unread notifications."""
from playwright.sync_api import expect

from tests.cycle import IDEA


def test_the_dashboard_draws_its_three_charts(page):
    page.goto("/dashboard")

    expect(page.locator("h1")).to_have_text("Tổng quan chương trình")
    expect(page.locator("canvas")).to_have_count(3)
    assert page.evaluate("[...document.querySelectorAll('canvas')].every(canvas => Chart.getChart(canvas))")
    expect(page.locator("tr[data-district='Tam Đường']")).to_be_visible()


def test_the_dashboard_fits_a_phone(new_page):
    page = new_page({"width": 390, "height": 844})
    page.goto("/dashboard")

    expect(page.locator("canvas")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_new_idea_shows_in_the_commune_officers_badge_and_list(page_as):
    producer = page_as("producer")
    commune_id = producer.request.get("/api/v1/me").json()["entity"]["commune"]["id"]
    response = producer.request.post("/api/v1/cases", data={**IDEA, "commune_id": commune_id,
                                                            "product_name": "Miến dong (thông báo)"})
    assert response.status == 201

    commune = page_as("commune")
    expect(commune.locator("[data-testid=nav-count]")).to_be_visible()
    commune.click("text=Thông báo")
    expect(commune.locator("article.notification.unread", has_text="Miến dong (thông báo)")).to_be_visible()
