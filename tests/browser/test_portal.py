"""The producer portal in a real browser: an idea submitted from the page, a PDF uploaded with the
progress bar under an item of the dossier's checklist, and the case page's diagram with the current step
marked, fitted, and full screen."""
import re

from playwright.sync_api import expect

PDF = b"%PDF-1.4\n" + b"0" * 2_000_000 + b"\n%%EOF\n"


def inside(box, frame):
    return (box["x"] >= frame["x"] - 1 and box["y"] >= frame["y"] - 1 and box["x"] + box["width"] <= frame["x"] +
            frame["width"] + 1 and box["y"] + box["height"] <= frame["y"] + frame["height"] + 1)


def test_a_producer_submits_an_idea_uploads_a_pdf_and_sees_the_diagram(page_as):
    page = page_as("producer")
    page.click("text=Gửi ý tưởng sản phẩm")
    page.fill("#field-product_name", "Miến dong Bình Lư túi 1 kg")
    page.select_option("#field-product_group", "thuc_pham")
    page.select_option("#field-product_subgroup", "thuc_pham_che_bien")
    page.get_by_role("button", name="Gửi ý tưởng").click()

    expect(page).to_have_url(re.compile(r"/cases/\d+$"))
    expect(page.locator("h1")).to_have_text("Miến dong Bình Lư túi 1 kg")
    expect(page.locator("[data-testid=current-step]")).to_have_text("Xã kiểm tra ý tưởng")

    diagram = page.locator("#case-diagram")
    expect(diagram).to_have_attribute("data-rendered", "true")
    expect(diagram.locator("svg g.djs-element.step-current[data-element-id=commune_check_idea]")).to_have_count(1)
    expect(diagram.locator("svg g.step-completed").first).to_be_attached()
    assert inside(diagram.locator("g.step-current").bounding_box(), diagram.bounding_box())  # opened on it
    page.click("[data-zoom=fit]")
    frame = diagram.bounding_box()
    assert inside(diagram.locator("g.viewport").bounding_box(), frame)  # the whole cycle in the frame
    page.click("[data-fullscreen]")
    expect(page.locator("#diagram-frame")).to_have_attribute("data-view", "fullscreen")
    assert page.evaluate("document.fullscreenElement.id") == "diagram-frame"
    assert diagram.bounding_box()["height"] > frame["height"]
    page.click("[data-fullscreen]")
    expect(page.locator("#diagram-frame")).to_have_attribute("data-view", "page")

    registration_form = page.locator("[data-testid=checklist-item][data-item=phieu_dang_ky]")
    expect(registration_form.locator("[data-testid=item-missing]")).to_have_text("thiếu")
    page.select_option("#upload-item", "phieu_dang_ky")
    page.set_input_files("#upload-file", files=[{"name": "ho-so.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    with page.expect_navigation():
        page.click("form.upload button")
    expect(registration_form.locator("[data-testid=document]")).to_contain_text("ho-so.pdf")
    expect(registration_form.locator("[data-testid=item-missing]")).to_have_count(0)
    expect(page.locator("[data-testid=timeline]")).to_contain_text("Tải lên tài liệu")

    page.set_input_files("#upload-file", files=[{"name": "ghi-chu.txt", "mimeType": "text/plain",
                                                  "buffer": b"plain text"}])
    page.click("form.upload button")
    expect(page.locator("form.upload [role=alert]")).to_have_text("Chỉ nhận PDF, ảnh và tệp văn phòng")
