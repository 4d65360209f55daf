"""Short stories on the programme's pages, each as its user sees it: the province office reads the recognitions
report of a year with its total, chart and workbook; an office finds a training session's attendees by name and
role, and they leave the untrained list; the province records its steering committee with a member and the coverage
check follows; an office imports earlier certificates from the template and reads the refused row's problem; the
district office works a survey row; an office publishes a text in the library that a visitor downloads."""
import re
from io import BytesIO

from openpyxl import load_workbook
from playwright.sync_api import expect

from service.certificates.lifecycle import today
from service.demo.seed import find_unit
from service.imports.template import COLUMNS
from service.reports.workbook import MIMETYPE
from tests.conftest import AuthActions, People
from tests.cycle import Cycle

CERTIFICATE = {"number": "LC-2024-0107", "level": "Tỉnh", "stars": 4, "score": 77, "decision_number": "1521/QĐ-UBND",
               "decided_on": "15/06/2024", "signer_name": "Hà Trọng Hải", "signer_title": "Phó Chủ tịch UBND tỉnh",
               "product_name": "Măng đắng Bình Lư", "subgroup_code": "thuc_pham_che_bien",
               "producer_name": "Tổ hợp tác măng Bình Lư", "entity_type": "Tổ hợp tác", "district": "Tam Đường",
               "commune": "Bình Lư"}


def people_of(app):
    return People(AuthActions(app))


def test_the_province_reads_the_recognitions_of_a_year_with_its_chart_and_workbook(live_server, page_as):
    app = live_server.app
    people = people_of(app)
    with app.app_context():
        commune_id, year = find_unit("Tam Đường/Bình Lư").id, today().year
    case = Cycle(people, commune_id, product_name="Gạo tẻ râu Bình Lư").through_district_dossier()
    case.evaluate("district", [72, 76, 74]).decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [80, 82, 78]).recognise("province")
    period = {"from": f"{year}-01-01", "to": f"{year}-12-31"}
    report = people["province"].get("/api/v1/reports/recognitions", query_string=period).json
    by_stars = next(table for table in report["tables"] if table["key"] == "recognitions_by_stars")
    assert by_stars["total"]["province"] >= 1

    page = page_as("province")
    page.goto("/reports")
    page.select_option("select[name=report]", "recognitions")
    page.fill("input[name=from]", period["from"])
    page.fill("input[name=to]", period["to"])
    page.get_by_role("button", name="Xem báo cáo").click()
    expect(page).to_have_url(re.compile(r"/reports/recognitions\?"))
    expect(page.locator("h1")).to_have_text("Sản phẩm OCOP được công nhận")
    total = page.locator("[data-table=recognitions_by_stars] tr[data-row=total]")
    expect(total.locator("td[data-column=total]")).to_have_text(str(by_stars["total"]["total"]))
    canvas = page.locator("[data-table=recognitions_by_unit] canvas")
    expect(canvas).to_be_visible()
    page.wait_for_function("id => Chart.getChart(id) !== undefined", arg="chart-recognitions_by_unit")

    workbook = page.request.get(page.get_by_test_id("download").get_attribute("href"))
    assert workbook.ok and workbook.headers["content-type"] == MIMETYPE
    assert load_workbook(BytesIO(workbook.body())).sheetnames


def test_an_office_finds_the_attendees_by_name_and_role_and_they_leave_the_untrained_list(page_as):
    """The untrained list runs to hundreds in a large province: typed without accents, a commune's name narrows it
    to that commune's people, a role to its holders; the people shown are ticked at once, and ticks stay when the
    filters are cleared."""
    page = page_as("district")
    page.goto("/training")
    people = page.locator("[data-untrained]")
    everyone = people.count()
    page.get_by_label("Tìm theo tên").fill("binh lu")
    expect(people.filter(visible=True).first).to_contain_text("Bình Lư")
    page.get_by_label("Vai trò").select_option(label="Cán bộ OCOP xã")
    shown = people.filter(visible=True)
    expect(shown).to_have_count(1)
    key = shown.get_attribute("data-untrained")
    page.get_by_role("button", name="Chọn tất cả người đang hiện").click()
    expect(page.locator("[data-ticked-count]")).to_have_text("1")

    page.get_by_label("Tìm theo tên").fill("")
    page.get_by_label("Vai trò").select_option(label="Tất cả")
    expect(people.filter(visible=True)).to_have_count(everyone)
    expect(page.locator("[data-shown-count]")).to_have_text(str(everyone))
    expect(page.locator("[data-untrained] input:checked")).to_have_count(1)
    page.fill("input[name=held_on]", "2020-06-18")
    page.fill("input[name=topic]", "Xây dựng câu chuyện sản phẩm OCOP")
    page.fill("input[name=trainer]", "Văn phòng Điều phối NTM tỉnh")
    page.get_by_role("button", name="Ghi nhận", exact=True).click()

    expect(page.locator(".flash-success")).to_have_text("Đã ghi nhận lớp tập huấn.")
    expect(page.locator(f"[data-untrained='{key}']")).to_have_count(0)
    session = page.locator("[data-session]", has_text="Xây dựng câu chuyện sản phẩm OCOP")
    expect(session).to_contain_text("1 người dự")


def test_the_province_records_its_steering_committee_and_the_coverage_follows(page_as):
    page = page_as("province")
    page.goto("/steering")
    page.get_by_test_id("coverage-link").click()
    lai_chau = page.locator("[data-testid=coverage-missing]:has(td:first-child:text-is('Lai Châu'))")
    expect(lai_chau).to_contain_text("Ban chỉ đạo")

    page.goto("/steering")
    form = page.get_by_test_id("body-form")
    form.locator("select[name=kind]").select_option("steering_committee")
    form.locator("select[name=unit_id]").select_option(label="Lai Châu")
    form.locator("input[name=name]").fill("Ban Chỉ đạo Chương trình OCOP tỉnh Lai Châu")
    form.locator("input[name=decision_number]").fill("512/QĐ-UBND")
    form.locator("input[name=decision_date]").fill("2020-03-10")
    form.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator("h1")).to_have_text("Ban Chỉ đạo Chương trình OCOP tỉnh Lai Châu")
    expect(page.locator("main")).to_contain_text("512/QĐ-UBND")

    members = page.get_by_test_id("member-form")
    members.locator("input[name=username]").fill("province-chair")
    members.locator("select[name=position]").select_option("chair")
    members.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("member")).to_contain_text("Chủ tịch Hội đồng tỉnh Lai Châu")

    page.goto("/steering/coverage")
    expect(lai_chau).to_be_visible()
    expect(lai_chau).not_to_contain_text("Ban chỉ đạo")
    expect(lai_chau).to_contain_text("Tổ giúp việc")


def test_an_office_imports_earlier_certificates_and_reads_the_refused_row(page_as, tmp_path):
    page = page_as("province")
    page.goto("/imports")
    with page.expect_download() as download:
        page.get_by_test_id("template-certificates").click()
    book = load_workbook(BytesIO(download.value.path().read_bytes()))
    sheet = book["Dữ liệu"]
    for row, values in ((4, CERTIFICATE), (5, {**CERTIFICATE, "number": "LC-2024-0108", "stars": 6})):
        for index, column in enumerate(COLUMNS["certificates"], start=1):
            sheet.cell(row=row, column=index, value=values.get(column.key))
    upload = tmp_path / "chung-nhan-truoc-2025.xlsx"
    book.save(upload)

    page.set_input_files("input[name=file]", upload)
    page.get_by_role("button", name="Nhập", exact=True).click()
    expect(page.locator("[data-state-label=done]")).to_be_visible()
    progress = page.locator("progress[data-job-progress]")
    expect(progress).to_have_attribute("value", "2")
    expect(progress).to_have_attribute("max", "2")
    expect(page.get_by_test_id("created")).to_have_text("1")
    expect(page.get_by_test_id("refused")).to_have_text("1")
    problem = page.get_by_test_id("problems").locator("tbody tr")
    expect(problem).to_have_count(1)
    expect(problem.locator("td").first).to_have_text("5")
    expect(problem).to_contain_text("Số sao / Stars")
    expect(problem).to_contain_text("Cần số nguyên từ 3 đến 5")


def test_the_district_office_changes_the_status_of_a_survey_row(live_server, page_as):
    app = live_server.app
    with app.app_context():
        commune_id = find_unit("Tam Đường/Sơn Bình").id
    item = people_of(app)["district"].post("/api/v1/survey-items", json={
        "year": 2020, "commune_id": commune_id, "product_name": "Rượu ngô men lá Sơn Bình",
        "producer_name": "Hộ bà Lò Thị Sơn"})
    assert item.status_code == 201, item.json

    page = page_as("district")
    page.goto("/survey")
    row = page.locator(f"tr[data-item='{item.json['id']}']")
    expect(row).to_have_attribute("data-status", "potential")
    row.get_by_label("Tình trạng").select_option("contacted")
    row.get_by_role("button", name="Cập nhật").click()

    expect(page.locator(".flash-success")).to_contain_text("Rượu ngô men lá Sơn Bình")
    expect(row).to_have_attribute("data-status", "contacted")
    expect(row).to_contain_text("Đã liên hệ")


def test_an_office_publishes_a_text_that_a_visitor_downloads(page_as, new_page):
    content = b"%PDF-1.4\n%%EOF\n"
    title = "Hướng dẫn đánh giá, phân hạng sản phẩm OCOP năm 2021"
    office = page_as("province")
    office.goto("/library")
    office.fill("input[name=title]", title)
    office.fill("input[name=number]", "88/HD-SNN")
    office.fill("input[name=issued_on]", "2021-02-25")
    office.select_option("select[name=kind]", "guide")
    office.set_input_files("input[name=file]", files=[{"name": "huong-dan-ocop-2021.pdf",
                                                       "mimeType": "application/pdf", "buffer": content}])
    office.get_by_role("button", name="Đăng văn bản").click()
    expect(office.locator(".flash-success")).to_have_text("Đã đăng văn bản.")

    visitor = new_page()
    visitor.goto("/library")
    expect(visitor.locator("form[enctype='multipart/form-data']")).to_have_count(0)
    row = visitor.locator("[data-document]", has_text=title)
    expect(row).to_contain_text("88/HD-SNN")
    expect(row).to_contain_text("(Hướng dẫn)")
    with visitor.expect_download() as download:
        row.get_by_role("link", name=title).click()
    assert download.value.suggested_filename == "huong-dan-ocop-2021.pdf"
    assert download.value.path().read_bytes() == content
