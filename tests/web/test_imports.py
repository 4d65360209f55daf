"""The import page and the survey page: an OCOP office downloads the template, uploads it from the page, follows
the progress and reads each refused row's problems; the district works through the survey's inventory (filters,
status, linking the case its producer submitted); the imported products count in the reports and the dashboard."""
import re

from tests.cycle import Cycle
from tests.service.test_imports import BAD, GOOD, filled, upload

from .support import csrf_token


def test_an_office_imports_from_the_page_and_reads_the_problems_row_by_row(people):
    district = people["district"]
    index = district.get("/imports").get_data(as_text=True)
    assert ">Nhập dữ liệu</a>" in index and 'href="/imports/certificates/template.xlsx"' in index
    assert district.get("/imports/certificates/template.xlsx").status_code == 200
    response = district.post("/imports", data={"kind": "certificates", "csrf_token": csrf_token(district, "/imports"),
                                               **filled(district, "certificates", [GOOD, BAD])},
                             content_type="multipart/form-data")
    assert response.status_code == 302
    page = district.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-state="done"' in page and 'data-testid="created">1<' in page and 'data-testid="refused">1<' in page
    problems = re.search(r'<table data-testid="problems">(.*?)</table>', page, re.DOTALL).group(1)
    assert "<td>5</td><td>Số sao / Stars</td><td>Cần số nguyên từ 3 đến 5 / Needs a whole number" in problems
    assert " style=" not in page and "<script>" not in page
    assert "LC-2023-0007" not in district.get("/imports").get_data(as_text=True)  # the list names files, not rows
    refused = district.post("/imports", data={"kind": "certificates", "csrf_token": csrf_token(district, "/imports")},
                            content_type="multipart/form-data")
    assert refused.status_code == 422 and 'data-testid="upload-error"' in refused.get_data(as_text=True)
    for username in ("producer", "commune"):
        assert people[username].get("/imports").status_code == 403
        assert ">Nhập dữ liệu</a>" not in people[username].get("/inbox").get_data(as_text=True)


def test_imported_products_count_in_the_reports_and_the_dashboard(app, people):
    upload(people["province"], "certificates", [GOOD])
    report = people["province"].get("/api/v1/reports/recognitions?year=2023").json
    by_stars = next(table for table in report["tables"] if table["key"] == "recognitions_by_stars")
    assert by_stars["total"]["province"] == 1
    assert app.test_client().get("/dashboard").status_code == 200


def test_the_district_works_through_the_survey_inventory(people, unit_id):
    rows = [{"year": 2020, "district": "Tam Đường", "commune": "Bình Lư", "product_name": "Miến dong",
             "producer_name": "HTX Nông nghiệp và Dịch vụ Bình Lư"},
            {"year": 2020, "district": "Tam Đường", "commune": "Sơn Bình", "product_name": "Rượu ngô",
             "producer_name": "HTX Sơn Bình"}]
    district = people["district"]
    upload(district, "survey", rows)
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"), product_name="Miến dong")

    page = district.get("/survey").get_data(as_text=True)
    assert ">Khảo sát sản phẩm</a>" in page
    assert re.search(r'<tr data-district="Tam Đường"><td>Tam Đường</td><td>2</td><td>2</td><td>2</td>', page)
    only = district.get(f"/survey?commune_id={unit_id('Tam Đường/Sơn Bình')}").get_data(as_text=True)
    assert "Rượu ngô" in only and "Miến dong" not in only
    [sơn_bình] = re.findall(r'<tr data-item="(\d+)" data-status="potential">\s*<td>2020</td>\s*<td>Sơn Bình', page)
    [bình_lư] = re.findall(r'<tr data-item="(\d+)" data-status="potential">\s*<td>2020</td>\s*<td>Bình Lư', page)
    token = csrf_token(district, "/survey")
    assert district.post(f"/survey/{sơn_bình}", data={"status": "contacted", "csrf_token": token}).status_code == 302
    reference = case.refresh()["reference"]
    assert f'<option value="{case.id}">{reference}' in page
    assert district.post(f"/survey/{bình_lư}", data={"case_id": case.id, "csrf_token": token}).status_code == 302

    after = district.get("/survey").get_data(as_text=True)
    assert f'data-item="{sơn_bình}" data-status="contacted"' in after
    assert f'data-item="{bình_lư}" data-status="case"' in after and f">{reference}</a>" in after
    contacted = district.get("/survey?status=contacted").get_data(as_text=True)
    assert "Rượu ngô" in contacted and "Miến dong" not in contacted
    assert "Rượu ngô" not in people["district-2"].get("/survey").get_data(as_text=True)
    assert people["district-2"].post(f"/survey/{sơn_bình}", data={
        "status": "dropped", "csrf_token": csrf_token(people["district-2"], "/survey")}).status_code == 404
    assert people["producer"].get("/survey").status_code == 403


def test_the_survey_is_read_a_page_at_a_time_with_its_filters_kept(people, unit_id, monkeypatch, second_province):
    """A district office's rows; an administrator, in a directory of several provinces, counts per province until
    one is chosen, then per district of it, and filters by province, then district, then commune."""
    monkeypatch.setattr("service.survey.pages.PER_PAGE", 3)
    for n in range(5):
        item = {"year": 2020, "commune_id": unit_id("Tam Đường/Bình Lư"), "product_name": f"Sản phẩm {n}",
                "producer_name": f"Hộ {n}"}
        assert people["district"].post("/api/v1/survey-items", json=item).status_code == 201
    assert people["district-2"].post("/api/v1/survey-items", json={
        **item, "commune_id": unit_id("Than Uyên/Mường Mít"), "producer_name": "HTX Mường Mít"}).status_code == 201

    first = people["district"].get("/survey?status=potential").get_data(as_text=True)
    assert re.findall(r"<td>(Hộ \d)</td>", first) == ["Hộ 0", "Hộ 1", "Hộ 2"]
    assert "Trang 1 / 2 · 5 sản phẩm" in first and 'href="/survey?page=2&amp;status=potential" rel="next"' in first
    assert re.search(r'<tr data-district="Tam Đường"><td>Tam Đường</td><td>5</td><td>5</td><td>5</td>', first)
    assert '<option value="' + str(unit_id("Tam Đường/Bình Lư")) + '">Bình Lư</option>' in first
    second = people["district"].get("/survey?status=potential&page=2").get_data(as_text=True)
    assert re.findall(r"<td>(Hộ \d)</td>", second) == ["Hộ 3", "Hộ 4"] and 'rel="prev"' in second
    assert people["district"].get("/survey?page=3").status_code == 404

    admin = people["admin"]
    everything = admin.get("/survey").get_data(as_text=True)
    assert 'data-testid="district_id-chosen-first"' in everything and "Trang 1 / 2 · 6 sản phẩm" in everything
    assert re.search(r'<tr data-province="Lai Châu"><td>Lai Châu</td><td>6</td><td>6</td>', everything)
    assert f'<option value="{second_province["province_id"]}">Điện Biên</option>' in everything
    province = admin.get(f"/survey?province_id={unit_id('Lai Châu')}").get_data(as_text=True)
    assert re.search(r'<tr data-district="Than Uyên"><td>Than Uyên</td><td>1</td><td>1</td>', province)
    assert 'data-testid="commune_id-chosen-first"' in province and ">Mường Chà</option>" not in province
    one = admin.get(f"/survey?district_id={unit_id('Than Uyên')}").get_data(as_text=True)
    assert re.findall(r"<td>(H[^<]*)</td>", one) == ["HTX Mường Mít"] and ">Mường Mít</option>" in one
    assert admin.get(f"/survey?province_id={second_province['province_id']}").get_data(as_text=True).count(
        'data-item="') == 0
