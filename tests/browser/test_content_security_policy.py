"""The Content-Security-Policy (scripts, styles and fonts from this site only) leaves every kind
of page working: the sign-in page, the API docs, the dashboard's charts, the case page's diagram
and the bpmn-js modeler. Chromium reports each blocked script, style or font on the console."""
import re

from playwright.sync_api import expect


def watched(page, violations):
    page.on("console", lambda message: violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text else None)
    return page


def test_the_pages_work_under_the_content_security_policy(page, page_as):
    violations = []
    watched(page, violations)
    for path in ("/login", "/api/docs", "/dashboard"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    expect(page.locator("canvas").first).to_be_visible()

    producer = watched(page_as("producer"), violations)
    producer.goto("/cases/new")
    producer.fill("#field-product_name", "Chè Shan tuyết San Thàng")
    producer.select_option("#field-product_group", "thuc_pham")
    producer.select_option("#field-product_subgroup", "thuc_pham_che_bien")
    producer.get_by_role("button", name="Gửi ý tưởng").click()
    expect(producer).to_have_url(re.compile(r"/cases/\d+$"))
    expect(producer.locator("#case-diagram")).to_have_attribute("data-rendered", "true")

    admin = watched(page_as("admin"), violations)
    admin.goto("/admin/process-models")
    admin.locator("a[href$='/edit']").first.click()
    expect(admin.locator("#modeler-app")).to_have_attribute("data-ready", "true")
    admin.locator("g.djs-element[data-element-id=commune_check_idea]").click()
    expect(admin.locator(".djs-context-pad")).to_be_visible()
    admin.locator(".djs-context-pad .entry[data-action=replace]").click()
    expect(admin.locator(".djs-popup")).to_be_visible()
    admin.wait_for_load_state("networkidle")

    assert violations == []
