"""The reviewer workspace in a real browser: one product idea, submitted on the portal, goes through
the commune, district and province to a 4-star certificate, each person acting on the task page from
their inbox after reading, at the top of the page, what they decide on (the idea and its revision,
the business plan, the dossier, the council's sheets), the province's office recognises it by a decision
it drafts and publishes, and the producer finds the certificate on the case page."""
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


def decide(page_as, username, reference, decision, reads=(), reason=None):
    """`username` opens the task, finds each text of `reads` in what the task is about, and decides."""
    page = page_as(username)
    open_task(page, reference)
    for text in reads:
        expect(page.locator("[data-testid=under-review]")).to_contain_text(text)
    page.check(f"input[name=decision][value={decision}]")
    if reason:
        page.fill("#field-reason", reason)
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
        expect(page.locator("[data-testid=under-review]")).to_contain_text(DOSSIER["product_description"])
        expect(page.locator("[data-field=c_a]")).to_contain_text("35 điểm")
        for field, points in (("c_a", part_a), ("c_b", part_b), ("c_c", part_c)):
            page.select_option(f"#field-{field}", str(int(points) + 1))  # option n+1 of the fallback sheet: n points
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


def revise_the_idea(page_as, reference, reason, product_name, answer):
    """The producer reads why the idea came back, finds the form filled with it, renames the product."""
    page = page_as("producer")
    open_task(page, reference)
    expect(page.locator("[data-testid=returned-reason]")).to_contain_text(reason)
    expect(page.locator("#field-product_name")).to_have_value("Miến dong Bình Lư hữu cơ")
    expect(page.locator("#field-product_subgroup")).to_have_value(IDEA["product_subgroup"])
    page.fill("#field-product_name", product_name)
    page.fill("#field-response", answer)
    submit(page, reference)


def recognise_by_a_decision(page_as, product):
    """The province's office ticks the waiting result, drafts a decision and publishes it after confirming."""
    page = page_as("province")
    page.goto("/inbox")
    page.get_by_role("link", name="Công nhận sản phẩm").click()
    page.get_by_label(f"Chọn {product}").check()
    page.get_by_role("button", name="Lập quyết định công nhận cho các sản phẩm đã chọn").click()
    page.get_by_label("Số quyết định").fill("1234/QĐ-UBND")
    expect(page.get_by_label("Ngày quyết định")).not_to_have_value("")  # today, by default
    page.get_by_label("Người ký", exact=True).fill("Giàng A Tính")
    page.get_by_label("Chức vụ người ký").fill("KT. CHỦ TỊCH, PHÓ CHỦ TỊCH")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.locator("[data-testid=decision-status]")).to_have_text("Dự thảo")
    page.get_by_test_id("publish-decision").click()
    page.get_by_role("button", name="Xác nhận ban hành").click()
    expect(page.locator("[data-testid=decision-status]")).to_have_text("Đã ban hành")
    expect(page.locator("[data-testid=certificate-pdf]")).to_have_text(re.compile(r"OCOP-12-\d{4}-\d{4}"))


def test_an_idea_goes_from_the_producer_to_a_four_star_certificate_through_the_pages(page_as):
    case_url, reference = submit_idea_from_the_portal(page_as, "Miến dong Bình Lư hữu cơ")
    renamed = "Miến dong Bình Lư hữu cơ gói 500 g"

    decide(page_as, "commune", reference, "return", reason="Ghi rõ trọng lượng gói trong tên sản phẩm")
    revise_the_idea(page_as, reference, "Ghi rõ trọng lượng gói", renamed, "Đã thêm trọng lượng gói vào tên")
    decide(page_as, "commune", reference, "forward",
           reads=[renamed, "Đã thêm trọng lượng gói vào tên", "Ghi rõ trọng lượng gói"])
    decide(page_as, "district", reference, "accept", reads=[renamed])
    fill_and_submit(page_as, "producer", reference, BUSINESS_PLAN)
    decide(page_as, "district", reference, "approve", reads=[BUSINESS_PLAN["summary"], "500.000.000"])
    fill_and_submit(page_as, "producer", reference, DOSSIER)
    decide(page_as, "district", reference, "complete", reads=[DOSSIER["product_description"], "TCCS 01:2020"])
    score(page_as, ["district-chair", "district-council-1", "district-council-2"], reference,
          [("26", "20", "30", "76,0", "4"), ("26", "19", "30", "75,0", "4"), ("24", "18", "28", "70,0", "4")])
    decide(page_as, "district-chair", reference, "approve", reads=["76,0", "73,7", "6,0"])
    decide(page_as, "province", reference, "complete", reads=[DOSSIER["product_description"]])
    score(page_as, ["province-chair", "province-council-1", "province-council-2"], reference,
          [("28", "20", "32", "80,0", "4"), ("30", "20", "32", "82,0", "4"), ("27", "19", "32", "78,0", "4")])
    decide(page_as, "province-chair", reference, "approve", reads=["82,0", "80,0", "4,0"])
    recognise_by_a_decision(page_as, renamed)

    page = page_as("producer")
    page.goto("/cases")
    page.locator("[data-testid=case-row]", has_text=reference).get_by_role("link").click()
    expect(page).to_have_url(case_url)
    expect(page.locator("h1")).to_have_text(renamed)
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
    page.wait_for_load_state()  # the stylesheet applied: a layout read earlier may be the unstyled page's
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto("/inbox")
    page.locator("tr", has_text=reference).get_by_role("button", name="Mở").click()
    expect(page.locator("text=Bạn đang giữ nhiệm vụ này.")).to_be_visible()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
