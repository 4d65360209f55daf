"""The programme dashboard: the plan's targets of a year per district and for the province after a few
cases, recognitions from valid certificates apart from ratings in progress and potential 5★, the
charts' figures, and the public view without names."""
import json
import re
from datetime import datetime, timezone

from service.demo.data import ACCOUNTS, ENTITIES
from tests.cycle import Cycle

BINH_LU = "Tam Đường/Bình Lư"


def charts(page):
    return json.loads(re.search(r'<script type="application/json" id="dashboard-charts">(.*?)</script>', page,
                                re.S).group(1))


def cell(page, district, target):
    row = re.search(rf'<tr data-district="{district}">(.*?)</tr>', page, re.S).group(1)
    return " ".join(re.search(rf'<td data-target="{target}">(.*?)</td>', row, re.S).group(1).split())


def province(page, target="province"):
    return " ".join(re.search(rf'<p data-target="{target}">(.*?)</p>', page, re.S).group(1).split())


def series(figures, label):
    """The stars chart's series whose label starts with `label`, 1★ to 5★."""
    return next(dataset["data"] for dataset in figures["stars"]["datasets"] if dataset["label"].startswith(label))


def leading(people, username, case, leading=True, **body):
    response = people[username].put(f"/api/v1/cases/{case.id}/leading", json={"leading": leading, **body})
    assert response.status_code == 200, response.json
    return response.json


def test_the_2020_plan_counts_recognitions_evaluations_entities_and_leading_products(people, unit_id, clock):
    clock.set(datetime(2020, 9, 1, 8, 0, tzinfo=timezone.utc))
    two_stars = Cycle(people, unit_id(BINH_LU)).through_district_dossier().evaluate("district", [40, 44, 42])
    certified = Cycle(people, unit_id(BINH_LU), product_name="Trà Oolong").through_district_dossier()
    certified.evaluate("district", [72, 76, 74]).decide("province", "province_check_dossier", "complete")
    certified.evaluate("province", [80, 82, 78])
    certified.recognise()
    Cycle(people, unit_id(BINH_LU), product_name="Miến dong loại 2")
    leading(people, "district", two_stars)
    leading(people, "district", certified)
    leading(people, "province", certified)

    page = people["district"].get("/dashboard?year=2020").get_data(as_text=True)

    assert '<option value="2020" selected>2020</option>' in page
    assert "<strong>2</strong>/2" in cell(page, "Tam Đường", "leading") and "Đạt" in cell(page, "Tam Đường", "leading")
    assert "<strong>2</strong>/2" in cell(page, "Tam Đường", "evaluated")
    assert "<strong>1</strong>/1" in cell(page, "Tam Đường", "three_stars")
    assert "<strong>1</strong>/1" in cell(page, "Tam Đường", "entities")
    assert "<strong>0</strong>/2" in cell(page, "Than Uyên", "evaluated") and "Chưa đạt" in cell(page, "Than Uyên",
                                                                                                  "evaluated")
    assert "<strong>1</strong>/2" in province(page) and "Chưa đạt" in province(page)
    assert "<strong>1</strong>/2" in province(page, "province-leading")
    assert 'data-recognised="province">1<' in page and 'data-recognised="national">0<' in page
    figures = charts(page)
    assert series(figures, "Được công nhận") == [0, 0, 0, 1, 0]
    assert series(figures, "Đã phân hạng") == [0, 1, 0, 0, 0]
    districts = dict(zip(figures["districts"]["labels"], figures["districts"]["datasets"][0]["data"]))
    assert districts["Tam Đường"] == 3 and districts["Than Uyên"] == 0
    steps = dict(zip(figures["steps"]["labels"], figures["steps"]["datasets"][0]["data"]))
    assert steps == {"Đã kết thúc": 2, "Xã kiểm tra ý tưởng": 1}


def test_a_referred_five_star_candidate_is_no_recognition_and_ratings_in_progress_are_apart(people, unit_id):
    candidate = Cycle(people, unit_id(BINH_LU)).through_district_dossier().evaluate("district", [92, 91, 93])
    candidate.decide("province", "province_check_dossier", "complete")
    candidate.evaluate("province", [93, 92, 91])
    assert candidate.refresh()["current_step"] == "national_council_scoring"
    Cycle(people, unit_id(BINH_LU), product_name="Trà Oolong").through_district_dossier().evaluate("district",
                                                                                                   [72, 76, 74])

    page = people["district"].get("/dashboard").get_data(as_text=True)

    figures = charts(page)
    assert series(figures, "Được công nhận") == [0, 0, 0, 0, 0]
    assert series(figures, "Đang đánh giá") == [0, 0, 0, 1, 0]
    assert series(figures, "Tiềm năng 5 sao") == [0, 0, 0, 0, 1]
    assert "<strong>0</strong>" in cell(page, "Tam Đường", "three_stars")
    assert "+1 đang đánh giá" in cell(page, "Tam Đường", "three_stars")
    assert 'data-recognised="province">0<' in page and 'data-recognised="national">0<' in page
    assert "<strong>0</strong>" in province(page) and "data-no-plan" in page

    candidate.recognise()
    figures = charts(people["district"].get("/dashboard").get_data(as_text=True))
    assert series(figures, "Được công nhận") == [0, 0, 0, 1, 0], "the province's 4 stars, potential 5"
    assert series(figures, "Tiềm năng 5 sao") == [0, 0, 0, 0, 1]


def test_a_result_awaiting_its_recognition_decision_is_in_progress_not_recognised(people, unit_id):
    approved = Cycle(people, unit_id(BINH_LU)).through_district_dossier().evaluate("district", [72, 76, 74])
    approved.decide("province", "province_check_dossier", "complete")
    approved.evaluate("province", [80, 82, 78])

    page = people["district"].get("/dashboard").get_data(as_text=True)
    figures = charts(page)
    assert series(figures, "Được công nhận") == [0] * 5 and series(figures, "Đã phân hạng") == [0] * 5
    assert series(figures, "Đang đánh giá") == [0, 0, 0, 1, 0]
    assert 'data-recognised="province">0<' in page and "+1 đang đánh giá" in cell(page, "Tam Đường", "three_stars")

    approved.recognise()
    page = people["district"].get("/dashboard").get_data(as_text=True)
    assert series(charts(page), "Được công nhận") == [0, 0, 0, 1, 0] and 'data-recognised="province">1<' in page


def test_an_expired_certificate_no_longer_counts_but_the_year_it_was_valid_keeps_it(people, unit_id, clock):
    certified = Cycle(people, unit_id(BINH_LU)).through_district_dossier().evaluate("district", [72, 76, 74])
    certified.decide("province", "province_check_dossier", "complete")
    certified.evaluate("province", [80, 82, 78])
    certified.recognise()
    assert 'data-recognised="province">1<' in people["district"].get("/dashboard").get_data(as_text=True)

    clock.advance(days=3 * 366)

    later = people["district"].get("/dashboard").get_data(as_text=True)
    assert 'data-recognised="province">0<' in later and series(charts(later), "Được công nhận") == [0] * 5
    that_year = people["district"].get("/dashboard?year=2026").get_data(as_text=True)
    assert 'data-recognised="province">1<' in that_year


def test_a_revoked_certificate_is_no_recognition(people, unit_id):
    certified = Cycle(people, unit_id(BINH_LU)).through_district_dossier().evaluate("district", [72, 76, 74])
    certified.decide("province", "province_check_dossier", "complete")
    certified.evaluate("province", [80, 82, 78])
    certified.recognise()
    [certificate] = certified.case["certificates"]

    response = people["province"].post(f"/api/v1/certificates/{certificate['id']}/revoke", json={
        "decision": "123/QĐ-UBND", "decision_date": "2026-03-02", "reason": "Không duy trì tiêu chuẩn chất lượng"})

    assert response.status_code == 200, response.json
    page = people["district"].get("/dashboard").get_data(as_text=True)
    assert 'data-recognised="province">0<' in page and series(charts(page), "Được công nhận") == [0] * 5


def test_a_year_the_dashboard_does_not_offer_answers_404(client, demo):
    assert client.get("/dashboard?year=1999").status_code == 404
    assert client.get("/dashboard?year=abc").status_code == 404
    assert '<option value="2020">2020</option>' in client.get("/dashboard").get_data(as_text=True)


def test_the_public_dashboard_shows_figures_without_names(people, unit_id, client):
    Cycle(people, unit_id(BINH_LU)).through_district_dossier().evaluate("district", [72, 76, 74])

    response = client.get("/dashboard")
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert 'data-total="cases">1<' in page and "chart.umd.min.js" in page
    for username, full_name, *_ in ACCOUNTS:
        assert full_name not in page
    for entity, _type, _district, _commune, products in ENTITIES:
        assert entity not in page
        assert all(product not in page for product, *_ in products)


def test_a_visitor_s_dashboard_is_the_same_for_everyone_and_kept_five_minutes(people, client):
    """As the catalogue: no session cookie nor CSRF token for a visitor, so that a browser or a proxy may keep the
    page; a signed-in official's page (with their menu) is never kept."""
    response = client.get("/dashboard")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    assert "csrf-token" not in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert client.get("/dashboard", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
    signed_in = people["province"].get("/dashboard")
    assert "no-cache" in signed_in.headers["Cache-Control"] and "private" in signed_in.headers["Cache-Control"]
    assert "csrf-token" in signed_in.get_data(as_text=True)


def test_the_dashboard_in_english_and_in_the_top_bar(people, client):
    page = people["producer"].get("/dashboard?year=2020&lang=en").get_data(as_text=True)

    assert "Programme dashboard" in page and "Products evaluated" in page and "Not met" in page
    assert 'href="/dashboard"' in page.split("</header>")[0]
    visitor = client.get("/login").get_data(as_text=True)
    assert 'href="/dashboard"' not in visitor.split("</header>")[0]  # the top bar's entries need signing in
    assert 'href="/dashboard"' in visitor.split("<footer")[1]  # the footer's public links do not


def test_with_several_provinces_the_dashboard_shows_the_targets_and_training_of_the_province_chosen(
        people, unit_id, client, second_province):
    """A country's directory would make a page of some 700 districts and read every province's training: the
    totals are of every province, the districts, targets and training of the province chosen only."""
    Cycle(people, unit_id(BINH_LU)).through_district_dossier().evaluate("district", [72, 76, 74])
    điện_biên = second_province["province_id"]

    first = client.get("/dashboard").get_data(as_text=True)
    lai_châu = client.get(f"/dashboard?province_id={unit_id('Lai Châu')}").get_data(as_text=True)
    other = client.get(f"/dashboard?province_id={điện_biên}").get_data(as_text=True)
    unknown = client.get("/dashboard?province_id=0")

    assert 'data-total="cases">1<' in first and 'data-testid="choose-province"' in first
    assert "data-training=" not in first and "Tam Đường" not in first and 'id="chart-districts"' not in first
    assert 'data-training="Lai Châu"' in lai_châu and "Tam Đường" in lai_châu and "Mường Chà" not in lai_châu
    assert f'<option value="{unit_id("Lai Châu")}" selected>Lai Châu</option>' in lai_châu
    assert 'data-training="Điện Biên"' in other and "Mường Chà" in other and "Tam Đường" not in other
    assert 'data-total="cases">1<' in other, "the totals stay those of every province"
    assert unknown.status_code == 404 and "Không có tỉnh này trong danh mục" in unknown.get_data(as_text=True)
