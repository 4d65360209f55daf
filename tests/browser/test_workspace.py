"""The reviewer workspace in a real browser: one product idea, submitted on the portal, goes through
the commune, district and province to a 4-star certificate, each person acting on the task page from
their inbox, and the producer finds the certificate on the case page."""
import re

from playwright.sync_api import expect

from tests.cycle import BUSINESS_PLAN, DOSSIER, IDEA


def open_task(page, reference):
    """From the inbox, open the task of this case."""
    page.goto("/inbox?tab=all-visible")
    page.locator("tr", has_text=reference).get_by_role("button", name="Mở").click()
    expect(page.locator(".task-header")).to_contain_text(reference)


def submit(page, reference):
    page.click("form.task-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/inbox$"))
    expect(page.locator(".flash-success")).to_contain_text(reference)


def decide(page_as, username, reference, decision):
    page = page_as(username)
    open_task(page, reference)
    page.check(f"input[name=decision][value={decision}]")
    submit(page, reference)


def fill_and_submit(page_as, username, reference, data):
    page = page_as(username)
    open_task(page, reference)
    for name, value in data.items():
        if isinstance(value, bool):
            page.check(f"input[name={name}][value={str(value).lower()}]")
        else:
            page.fill(f"#field-{name}", str(value))
    submit(page, reference)
    return page


def score(page_as, members, reference, sheets):
    for member, (part_a, part_b, part_c, total, stars) in zip(members, sheets):
        page = page_as(member)
        open_task(page, reference)
        expect(page.locator("[data-field=part_a]")).to_contain_text("Từ 0 đến 35")
        page.fill("#field-part_a", part_a)
        page.fill("#field-part_b", part_b)
        page.fill("#field-part_c", part_c)
        expect(page.locator("[data-score-total]")).to_have_text(total)
        expect(page.locator("[data-score-stars]")).to_have_attribute("data-stars", stars)
        submit(page, reference)


def submit_idea_from_the_portal(page_as, product_name):
    page = page_as("producer")
    page.goto("/cases/new")
    page.fill("#field-product_name", product_name)
    page.select_option("#field-product_group", IDEA["product_group"])
    page.select_option("#field-product_subgroup", IDEA["product_subgroup"])
    page.get_by_role("button", name="Gửi ý tưởng").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+$"))
    return page.url, page.locator("[data-testid=case-reference]").inner_text()


def test_an_idea_goes_from_the_producer_to_a_four_star_certificate_through_the_pages(page_as):
    case_url, reference = submit_idea_from_the_portal(page_as, "Miến dong Bình Lư hữu cơ")

    decide(page_as, "commune", reference, "forward")
    decide(page_as, "district", reference, "accept")
    fill_and_submit(page_as, "producer", reference, BUSINESS_PLAN)
    decide(page_as, "district", reference, "approve")
    fill_and_submit(page_as, "producer", reference, DOSSIER)
    decide(page_as, "district", reference, "complete")
    score(page_as, ["district-council-1", "district-council-2", "district-council-3"], reference,
          [("25,5", "20", "30", "75,5", "4"), ("26", "19", "30", "75,0", "4"), ("24", "18", "28", "70,0", "4")])
    decide(page_as, "district-chair", reference, "approve")
    decide(page_as, "province", reference, "complete")
    score(page_as, ["province-council-1", "province-council-2", "province-council-3"], reference,
          [("28", "20", "32", "80,0", "4"), ("30", "20", "32", "82,0", "4"), ("27", "19", "32", "78,0", "4")])
    decide(page_as, "province-chair", reference, "approve")

    page = page_as("producer")
    page.goto("/cases")
    page.locator("[data-testid=case-row]", has_text=reference).get_by_role("link").click()
    expect(page).to_have_url(case_url)
    expect(page.locator("[data-testid=certificate]")).to_contain_text(re.compile(r"Số OCOP-12-\d{4}-\d{4}, 4 sao"))


def test_the_inbox_and_a_task_fit_a_phone(page_as):
    page = page_as("commune", viewport={"width": 390, "height": 844})
    producer = page_as("producer")
    commune_id = producer.request.get("/api/v1/me").json()["entity"]["commune"]["id"]
    reference = producer.request.post("/api/v1/cases", data={**IDEA, "commune_id": commune_id}).json()["reference"]

    page.goto("/inbox?tab=claimable")
    row = page.locator("tr", has_text=reference)
    row.get_by_role("button", name="Nhận việc").click()
    expect(page.locator(".flash-success")).to_contain_text(reference)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto("/inbox")
    page.locator("tr", has_text=reference).get_by_role("button", name="Mở").click()
    expect(page.locator("text=Bạn đang giữ nhiệm vụ này.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
