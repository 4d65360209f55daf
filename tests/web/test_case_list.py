"""The case list page `/cases` for officials and producers, and its Excel file `/cases.xlsx`: search, filters
remembered in the URL, sortable columns, paging, the menu entry, and nobody seeing another district's cases."""
import io
import re
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import event

from service.extensions import db


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def row_ids(html):
    return [int(case_id) for case_id in re.findall(r'data-testid="case-row" data-case-id="(\d+)"', html)]


def workbook_of(response):
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response.headers["Content-Disposition"]
    return load_workbook(io.BytesIO(response.data)).active


def data_rows(sheet):
    return [row for row in sheet.iter_rows(min_row=5, values_only=True) if any(row)]


def test_officials_have_the_case_list_in_the_menu_with_the_choices_of_their_jurisdiction(listed, people):
    html = html_of(people["district"].get("/cases"))

    assert '<a href="/cases" aria-current="page">Hồ sơ</a>' in html and "Hồ sơ của tôi" not in html
    assert sorted(row_ids(html)) == sorted([listed.mien.id, listed.che.id])
    row = html[html.index(f'data-case-id="{listed.che.id}"'):]
    row = row[:row.index("</tr>")]
    for text in (listed.che.case["reference"], "Chè shan tuyết San Thàng", "HTX Nông nghiệp và Dịch vụ Bình Lư",
                 "Bình Lư, Tam Đường", "Huyện xét duyệt ý tưởng", "Đang xử lý", "03/03/2026"):
        assert text in row, text
    assert 'name="commune_id"' in html and "Bình Lư</option>" in html and "Mường Mít" not in html
    assert 'name="district_id"' not in html  # one district: nothing to choose
    assert re.search(r'<option value="2026">2026</option>', html)
    admin = html_of(people["admin"].get("/cases"))
    assert 'name="district_id"' in admin and "Than Uyên</option>" in admin
    assert 'href="/cases"' in html_of(people["district-council-1"].get("/notifications"))
    assert '<a href="/cases">Hồ sơ của tôi</a>' in html_of(people["producer"].get("/notifications"))


def test_search_filters_sorting_and_paging_are_links_that_keep_each_other(listed, people):
    admin = people["admin"]

    html = html_of(admin.get("/cases?q=ch%C3%A8+shan&district_id="))
    assert row_ids(html) == [listed.che.id]
    assert 'value="chè shan"' in html
    assert re.search(r'href="/cases\?sort=product&amp;order=asc&amp;q=ch%C3%A8\+shan"', html)
    assert re.search(r'href="/cases.xlsx\?sort=submitted&amp;order=desc&amp;q=ch%C3%A8\+shan"', html)
    assert row_ids(html_of(admin.get("/cases?q=M%C6%B0%E1%BB%9Dng+M%C3%ADt"))) == [listed.gao.id]
    assert row_ids(html_of(admin.get("/cases?product_group=do_uong&year=2026"))) == [listed.che.id]
    assert row_ids(html_of(admin.get("/cases?year=2027&status=active"))) == [listed.gao.id]

    ascending = html_of(admin.get("/cases?sort=product&order=asc"))
    assert row_ids(ascending) == [listed.che.id, listed.gao.id, listed.mien.id]
    assert 'aria-sort="ascending"' in ascending and 'href="/cases?sort=product&amp;order=desc"' in ascending
    assert row_ids(html_of(admin.get("/cases?sort=product&order=desc"))) == [listed.mien.id, listed.gao.id,
                                                                             listed.che.id]
    first = html_of(admin.get("/cases?sort=product&order=asc&per_page=20&page=1&stars="))
    assert "Trang " not in first  # one page
    assert row_ids(html_of(admin.get("/cases?status=rejected"))) == []


def test_a_page_size_is_chosen_and_kept_by_the_page_links(people, unit_id):
    from tests.cycle import Cycle

    for number in range(21):
        Cycle(people, unit_id("Tam Đường/Bình Lư"), product_name=f"Miến dong số {number:02d}")
    district = people["district"]

    first = html_of(district.get("/cases?sort=product&order=asc"))
    assert len(row_ids(first)) == 20 and "Trang 1 / 2 (21 hồ sơ)" in first
    assert 'href="/cases?sort=product&amp;order=asc&amp;page=2" rel="next"' in first
    assert "Miến dong số 20" in html_of(district.get("/cases?sort=product&order=asc&page=2"))
    assert len(row_ids(html_of(district.get("/cases?per_page=50")))) == 21


def test_a_value_the_list_does_not_know_is_a_bad_request_page(listed, people):
    response = people["district"].get("/cases?stars=9")
    assert response.status_code == 422 and response.mimetype == "text/html"
    assert people["district"].get("/cases?sort=password").status_code == 422
    assert people["district"].get("/cases?lang=en").status_code == 200


def test_the_excel_file_holds_the_whole_filtered_list_with_headers_and_dates(listed, people, unit_id):
    sheet = workbook_of(people["admin"].get(f"/cases.xlsx?district_id={unit_id('Tam Đường')}&sort=product&order=asc"))

    assert sheet["A1"].value.startswith("Danh sách hồ sơ OCOP, xuất ngày 01/01/2027")
    assert sheet["A2"].value == "Lọc: Huyện: Tam Đường"
    assert [cell.value for cell in sheet[4]] == ["Mã hồ sơ", "Sản phẩm", "Nhóm sản phẩm", "Chủ thể", "Xã", "Huyện",
                                                  "Bước hiện tại", "Trạng thái", "Hạng sao", "Điểm", "Ngày gửi",
                                                  "Cập nhật"]
    rows = data_rows(sheet)
    assert [row[1] for row in rows] == ["Chè shan tuyết San Thàng", "Miến dong Bình Lư"]
    assert rows[0][:8] == (listed.che.case["reference"], "Chè shan tuyết San Thàng", "Đồ uống",
                           "HTX Nông nghiệp và Dịch vụ Bình Lư", "Bình Lư", "Tam Đường", "Huyện xét duyệt ý tưởng",
                           "Đang xử lý")
    assert rows[0][10] == datetime(2026, 3, 3) and sheet.cell(row=5, column=11).number_format == "DD/MM/YYYY"
    assert sheet.freeze_panes == "A5" and sheet.column_dimensions["B"].width > 20
    everything = workbook_of(people["admin"].get("/cases.xlsx"))
    assert everything["A2"].value.startswith("Không lọc") and len(data_rows(everything)) == 3
    assert data_rows(everything)[0][10] == datetime(2027, 1, 1)  # the day in Vietnam


def select_of(page, name):
    """The <select> of the filter `name` on a page, up to its end."""
    choice = page[page.index(f'name="{name}"'):]
    return choice[:choice.index("</select>")]


def test_a_national_view_chooses_the_province_then_the_district_then_the_commune(listed, people, unit_id,
                                                                                 second_province):
    """In a directory of several provinces (a country has some seven hundred districts and ten thousand communes)
    the administrator's filters offer the provinces, the districts of the province chosen and the communes of the
    district chosen only; a province's officer still has the province's districts and communes."""
    điện_biên = second_province["province_id"]
    admin, bình_lư, lai_châu = people["admin"], unit_id("Tam Đường/Bình Lư"), unit_id("Lai Châu")
    tam_đường = unit_id("Tam Đường")

    first = html_of(admin.get("/cases"))
    province_chosen = html_of(admin.get(f"/cases?province_id={lai_châu}"))
    district_chosen = html_of(admin.get(f"/cases?district_id={tam_đường}"))
    commune_chosen = html_of(admin.get(f"/cases?commune_id={bình_lư}"))

    assert set(re.findall(r'<option value="\d+">([^<]+)</option>', select_of(first, "province_id"))) == \
        {"Điện Biên", "Lai Châu"}
    assert 'data-testid="district_id-chosen-first"' in first and 'data-testid="commune_id-chosen-first"' in first
    assert "Tam Đường</option>" not in first and "Bình Lư</option>" not in first
    assert f'<option value="{lai_châu}" selected>Lai Châu</option>' in province_chosen
    districts = select_of(province_chosen, "district_id")
    assert "Tam Đường</option>" in districts and "Than Uyên</option>" in districts
    assert "Mường Chà" not in districts and "<optgroup" not in districts
    assert 'data-testid="commune_id-chosen-first"' in province_chosen
    for page in (district_chosen, commune_chosen):  # the units above the one chosen are chosen with it
        assert f'<option value="{lai_châu}" selected>Lai Châu</option>' in page
        assert f'<option value="{tam_đường}" selected>Tam Đường</option>' in page
    assert "Bình Lư</option>" in district_chosen and "Mường Mít</option>" not in district_chosen
    assert "Sa Lông</option>" not in district_chosen
    assert f'<option value="{bình_lư}" selected>Bình Lư</option>' in commune_chosen
    assert workbook_of(admin.get(f"/cases.xlsx?commune_id={bình_lư}"))["A2"].value == \
        "Lọc: Tỉnh: Lai Châu; Huyện: Tam Đường; Xã: Bình Lư"
    assert row_ids(province_chosen) and not row_ids(html_of(admin.get(f"/cases?province_id={điện_biên}")))
    province = html_of(people["province"].get("/cases"))
    assert 'name="province_id"' not in province
    assert "Bình Lư</option>" in province and "Mường Mít</option>" in province and "Sa Lông" not in province


def test_a_province_or_district_chosen_since_drops_the_units_chosen_before_outside_it(listed, people, unit_id,
                                                                                      second_province):
    """A form without script sends the district and commune chosen before with the province or district chosen
    since: the page shows the new unit's cases and its units to choose from, not an empty list under a district
    or commune it no longer shows."""
    điện_biên = second_province["province_id"]
    admin, lai_châu = people["admin"], unit_id("Lai Châu")

    elsewhere = html_of(admin.get(f"/cases?province_id={điện_biên}&district_id={unit_id('Tam Đường')}"
                                  f"&commune_id={unit_id('Tam Đường/Bình Lư')}"))
    moved = html_of(admin.get(f"/cases?province_id={lai_châu}&district_id={unit_id('Than Uyên')}"
                              f"&commune_id={unit_id('Tam Đường/Bình Lư')}"))

    assert row_ids(elsewhere) == [] and "Mường Chà</option>" in elsewhere
    assert " selected>Tam Đường" not in elsewhere and " selected>Bình Lư" not in elsewhere
    assert 'data-testid="commune_id-chosen-first"' in elsewhere
    assert row_ids(moved) == [listed.gao.id] and " selected>Than Uyên" in moved  # the district lies in the province
    assert "Mường Mít</option>" in moved and "Bình Lư" not in moved
    assert row_ids(html_of(admin.get(f"/cases?district_id={unit_id('Than Uyên')}"))) == [listed.gao.id]


def test_an_excel_file_beyond_the_limit_says_it_is_capped(listed, people, monkeypatch):
    monkeypatch.setattr("service.portal.pages.EXPORT_LIMIT", 2)

    sheet = workbook_of(people["admin"].get("/cases.xlsx"))

    assert len(data_rows(sheet)) == 2 and "Chỉ xuất 2 hồ sơ đầu tiên" in sheet["A3"].value


def test_a_than_uyen_officer_never_sees_tam_duong_cases_on_the_page_or_in_the_file(listed, people, unit_id):
    than_uyen, tam_duong = people["district-2"], unit_id("Tam Đường")

    assert row_ids(html_of(than_uyen.get("/cases"))) == [listed.gao.id]
    html = html_of(than_uyen.get(f"/cases?district_id={tam_duong}"))
    assert row_ids(html) == [] and "Miến dong" not in html and 'data-testid="no-cases"' in html
    assert row_ids(html_of(than_uyen.get("/cases?q=Mi%E1%BA%BFn"))) == []
    assert data_rows(workbook_of(than_uyen.get(f"/cases.xlsx?district_id={tam_duong}"))) == []
    assert [row[1] for row in data_rows(workbook_of(than_uyen.get("/cases.xlsx")))] == ["Gạo séng cù Mường Mít"]
    assert [row[1] for row in data_rows(workbook_of(people["producer"].get("/cases.xlsx")))] == \
        ["Chè shan tuyết San Thàng", "Miến dong Bình Lư"]


@pytest.mark.parametrize("path", ["/cases?per_page={n}", "/cases.xlsx?per_page={n}"])
def test_the_page_and_the_file_read_a_fixed_number_of_queries_whatever_the_number_of_rows(app, listed, people,
                                                                                           path):
    admin = people["admin"]
    admin.get("/cases")  # caches warmed: the session's role levels, the process's steps
    statements = []
    with app.app_context():
        engine = db.engine

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        admin.get(path.format(n=1) + "&q=Mi%E1%BA%BFn")
        one = len(statements)
        statements.clear()
        admin.get(path.format(n=20) + "&q=HTX")  # two cases, and the search's lookup as with one
        assert len(statements) == one
    finally:
        event.remove(engine, "before_cursor_execute", count)
