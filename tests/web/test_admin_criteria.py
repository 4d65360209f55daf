"""The administrators' criteria sheets page: the sheets per rule set with their versions, one sheet with its
parts, criteria, options and points, the Excel template and a version's workbook, and an upload that adds a
version or shows its problems row by row, Vietnamese first with the English beside."""
import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from service.criteria.workbook import write_workbook

from ..service.test_criteria import PROCESSED_FOOD
from .support import csrf_token, sign_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def admin(app, programme):
    client = app.test_client()
    sign_in(client, "admin")
    return client


def upload(client, content, filename="phieu.xlsx"):
    return client.post("/admin/criteria-sheets", content_type="multipart/form-data",
                       data={"csrf_token": csrf_token(client, "/admin/criteria-sheets"),
                             "file": (BytesIO(content), filename)})


def sheet_id(client, code):
    sheets = client.get("/api/v1/criteria-sheets").json
    return max(sheet["id"] for sheet in sheets if sheet["code"] == code)


@pytest.mark.parametrize("username", ["district", "producer", "province-council-1"])
def test_only_administrators_open_the_criteria_pages(client, programme, username):
    sign_in(client, username)

    for path in ("/admin/criteria-sheets", "/admin/criteria-sheets/1"):
        assert client.get(path).status_code == 403
    assert 'href="/admin/criteria-sheets"' not in client.get("/inbox").get_data(as_text=True)


def test_the_list_shows_each_rule_sets_sheets_with_their_versions(admin):
    page = admin.get("/admin/criteria-sheets").get_data(as_text=True)

    assert 'href="/admin/criteria-sheets"' in page  # in the top bar
    for rule_set in ("2019", "2023", "2025"):
        assert f'data-testid="sheets-{rule_set}"' in page
        assert f'data-code="{rule_set}-chung"' in page
    assert "Phiếu chung của bộ quy định" in page
    assert 'href="/api/v1/criteria-sheets/template"' in page


def test_a_sheet_shows_its_parts_criteria_options_and_points(admin):
    response = upload(admin, write_workbook(PROCESSED_FOOD))
    assert response.status_code == 302

    page = admin.get(response.location).get_data(as_text=True)

    assert "Đã thêm phiếu 2019-thuc-pham-che-bien, phiên bản 1." in page
    assert "Phần A: Phần A" in page and "tối đa 35 điểm" in page
    food_safety = page[page.index('data-criterion="A1"'):page.index('data-criterion="A2"')]
    assert "Có giấy chứng nhận an toàn thực phẩm" in food_safety and "Food safety" in food_safety
    assert "Bắt buộc" in food_safety and "Không có" in food_safety and '<td class="points">20</td>' in food_safety
    women = page[page.index('data-criterion="A3"'):page.index('data-part="B"')]
    assert "Điểm cộng" in women and "Bắt buộc" not in women
    assert "Thực phẩm chế biến" in page  # the product group by its name
    link = re.search(r'href="(/api/v1/criteria-sheets/\d+/workbook)" id="workbook-link"', page).group(1)
    workbook = admin.get(link)
    assert workbook.status_code == 200 and workbook.content_type == XLSX
    assert load_workbook(BytesIO(workbook.data)).sheetnames == ["Phiếu", "Phần", "Tiêu chí"]


def test_the_empty_template_downloads_from_the_page(admin):
    response = admin.get("/api/v1/criteria-sheets/template")

    assert response.status_code == 200 and response.content_type == XLSX


def test_a_wrong_workbook_is_refused_with_its_problems_row_by_row(admin):
    broken = dict(PROCESSED_FOOD, criteria=[dict(criterion) for criterion in PROCESSED_FOOD["criteria"]])
    broken["criteria"][1]["options"] = [{"text_vi": "Không", "points": -1}, {"text_vi": "Có", "points": 15}]
    broken["criteria"][3]["code"] = "A1"
    broken["parts"] = [*PROCESSED_FOOD["parts"][:2], {"code": "C", "title": "Phần C", "maximum": 45}]
    before = len(admin.get("/api/v1/criteria-sheets").json)

    response = upload(admin, write_workbook(broken))

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    report = page[page.index('id="upload-report"'):]
    assert "Phiếu chưa được thêm" in report
    negative = report.index("Trang “Tiêu chí”, dòng 4")
    assert "Điểm của phương án phải là số không âm" in report[negative:]
    assert "The option&#39;s points must be a number, 0 or more" in report[negative:]
    assert report.index("Trang “Tiêu chí”, dòng 8") > negative
    assert "Mã tiêu chí &#39;A1&#39; bị trùng" in report
    whole = report.index("Cả phiếu")
    assert whole < negative  # the sheet's own problems first
    assert "Điểm tối đa các phần cộng lại là 105, phải là 100" in report[whole:negative]
    assert len(admin.get("/api/v1/criteria-sheets").json) == before


def test_a_file_that_is_no_workbook_is_refused_on_the_page(admin):
    response = upload(admin, b"not a workbook", "phieu.xlsx")

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Tệp không phải là tệp Excel (.xlsx)" in page and "The file is not an Excel workbook" in page


def test_a_good_workbook_becomes_the_next_version(admin):
    upload(admin, write_workbook(PROCESSED_FOOD))
    first = sheet_id(admin, "2019-thuc-pham-che-bien")
    content = admin.get(f"/api/v1/criteria-sheets/{first}/workbook").data
    book = load_workbook(BytesIO(content))
    book["Tiêu chí"]["C2"] = "Có giấy chứng nhận an toàn thực phẩm còn hạn"
    edited = BytesIO()
    book.save(edited)

    response = upload(admin, edited.getvalue())

    assert response.status_code == 302
    second = sheet_id(admin, "2019-thuc-pham-che-bien")
    assert response.location == f"/admin/criteria-sheets/{second}"
    assert admin.get(f"/api/v1/criteria-sheets/{second}").json["version"] == 2
    page = admin.get(response.location).get_data(as_text=True)
    assert "Có giấy chứng nhận an toàn thực phẩm còn hạn" in page
    listing = admin.get("/admin/criteria-sheets").get_data(as_text=True)
    row = listing[listing.index('data-code="2019-thuc-pham-che-bien"'):]
    assert 'data-version="2"' in row and 'data-version="1"' in row
