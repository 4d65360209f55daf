"""The report pages: the choice of report, unit and period; a report's tables with totals and chart data
(no inline script or style); the background build from the page; the menu entry for OCOP offices only."""
import json
import re

from tests.cycle import Cycle

from .support import csrf_token

BINH_LU = "Tam Đường/Bình Lư"


def charts(page):
    return json.loads(re.search(r'<script type="application/json" id="report-charts">(.*?)</script>', page,
                                re.DOTALL).group(1))


def test_the_province_reads_its_recognitions_with_totals_and_charts(people, unit_id):
    case = Cycle(people, unit_id(BINH_LU)).through_district_dossier().evaluate("district", [72, 76, 74])
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [80, 82, 78]).recognise("province")
    province = people["province"]

    index = province.get("/reports").get_data(as_text=True)
    assert ">Báo cáo</a>" in index and 'data-testid="report-scope"' in index
    chosen = province.get("/reports?report=recognitions&year=2026")
    assert chosen.status_code == 302 and chosen.headers["Location"].endswith("/reports/recognitions?year=2026")
    page = province.get("/reports/recognitions?year=2026").get_data(as_text=True)

    assert "Sản phẩm OCOP được công nhận" in page
    assert "Đơn vị báo cáo: Cơ quan thường trực OCOP tỉnh (Sở NN&amp;PTNT) Lai Châu" in " ".join(page.split())
    total = re.search(r'<section data-table="recognitions_by_stars">.*?<tr data-row="total">(.*?)</tr>', page,
                      re.DOTALL).group(1)
    assert re.findall(r'<td data-column="(\w+)">(\d+)</td>', total) == [("province", "1"), ("national", "0"),
                                                                        ("total", "1")]
    figures = charts(page)["chart-recognitions_by_unit"]
    assert dict(zip(figures["labels"], figures["datasets"][1]["data"]))["Tam Đường"] == 1
    assert "/api/v1/reports/recognitions.xlsx?" in page
    assert " style=" not in page and "<script>" not in page
    assert "Recognised OCOP products" in province.get("/reports/recognitions?year=2026&lang=en").get_data(
        as_text=True)


def unit_options(page):
    """The labels of the report form's unit choice, in order."""
    choice = page[page.index('<select name="unit">'):]
    return re.findall(r"<option value=\"\d*\"[^>]*>([^<]+)</option>", choice[:choice.index("</select>")])


def test_a_national_report_offers_the_provinces_then_the_districts_of_the_province_chosen(people, unit_id,
                                                                                         second_province):
    """In a directory of several provinces (a country has some seven hundred districts) the Ministry's form offers
    the country and the provinces, and the districts of the province whose report is shown, under it; a
    province's office is offered its province and its districts."""
    national, lai_châu = people["national"], unit_id("Lai Châu")

    first = national.get("/reports").get_data(as_text=True)
    province_shown = national.get(f"/reports/recognitions?unit={lai_châu}").get_data(as_text=True)
    district_shown = national.get(f"/reports/recognitions?unit={unit_id('Tam Đường')}").get_data(as_text=True)
    elsewhere = national.get(f"/reports/recognitions?unit={second_province['district_id']}").get_data(as_text=True)

    assert unit_options(first) == ["Toàn quốc", "Điện Biên", "Lai Châu"]
    assert 'data-testid="report-province-first"' in first
    offered = unit_options(province_shown)
    assert offered[:3] == ["Toàn quốc", "Điện Biên", "Lai Châu"] and len(offered) == 3 + 8  # Lai Châu's 8 districts
    assert {"Tam Đường (huyện)", "Than Uyên (huyện)"} <= set(offered) and "Mường Chà (huyện)" not in offered
    assert f'<option value="{lai_châu}" selected>Lai Châu</option>' in province_shown
    assert unit_options(district_shown) == unit_options(province_shown)
    assert re.search(r'<option value="\d+" selected>Tam Đường \(huyện\)</option>', district_shown)
    assert unit_options(elsewhere) == ["Toàn quốc", "Điện Biên", "Mường Chà (huyện)", "Lai Châu"]
    province = people["province"].get("/reports").get_data(as_text=True)
    assert unit_options(province) == ["Lai Châu", *offered[3:]]
    assert 'data-testid="report-province-first"' not in province


def test_a_report_built_in_the_background_from_the_page(people, demo):
    district = people["district"]
    response = district.post("/reports/programme/jobs", data={
        "from": "2020-01-01", "to": "2026-12-31", "months": "6", "csrf_token": csrf_token(district, "/reports")})

    assert response.status_code == 302
    page = district.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-state="done"' in page and "job-progress.js" in page
    assert re.search(r'<a role="button" id="report-download" data-job-download href="/api/v1/reports/jobs/\d+.xlsx" '
                     r'data-testid="job-download">', page)
    assert "Báo cáo tổng hợp Chương trình OCOP" in district.get("/reports").get_data(as_text=True)
    long_period = district.get("/reports/programme?from=2020-01-01&to=2026-12-31").get_data(as_text=True)
    assert 'data-testid="download"' not in long_period and 'data-testid="build-in-background"' in long_period


def test_the_menu_offers_reports_to_offices_only(people, demo):
    assert ">Báo cáo</a>" in people["district"].get("/inbox").get_data(as_text=True)
    assert ">Báo cáo</a>" not in people["producer"].get("/inbox").get_data(as_text=True)
    assert people["producer"].get("/reports/recognitions").status_code == 403
