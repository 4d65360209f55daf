"""The programme dashboard: the plan's targets per district after a few cases, the charts' figures,
and the public view without names."""
import json
import re

from service.demo.data import ACCOUNTS, ENTITIES
from tests.cycle import Cycle

BINH_LU = "Tam Đường/Bình Lư"


def charts(page):
    return json.loads(re.search(r'<script type="application/json" id="dashboard-charts">(.*?)</script>', page,
                                re.S).group(1))


def cell(page, district, target):
    row = re.search(rf'<tr data-district="{district}">(.*?)</tr>', page, re.S).group(1)
    return " ".join(re.search(rf'<td data-target="{target}">(.*?)</td>', row, re.S).group(1).split())


def province(page):
    return " ".join(re.search(r'<p data-target="province">(.*?)</p>', page, re.S).group(1).split())


def test_the_targets_per_district_after_a_two_star_and_a_certified_four_star_product(people, unit_id, client):
    Cycle(people, unit_id(BINH_LU)).through_district_dossier().evaluate("district", [40, 44, 42])
    certified = Cycle(people, unit_id(BINH_LU), product_name="Trà Oolong").through_district_dossier()
    certified.evaluate("district", [72, 76, 74]).decide("province", "province_check_dossier", "complete")
    certified.evaluate("province", [80, 82, 78])
    Cycle(people, unit_id(BINH_LU), product_name="Miến dong loại 2")

    page = people["district"].get("/dashboard").get_data(as_text=True)

    assert "<strong>2</strong>/2" in cell(page, "Tam Đường", "evaluated") and "Đạt" in cell(page, "Tam Đường", "evaluated")
    assert "<strong>1</strong>/1" in cell(page, "Tam Đường", "three_stars")
    assert "<strong>1</strong>/1" in cell(page, "Tam Đường", "entities")
    assert "<strong>0</strong>/2" in cell(page, "Than Uyên", "evaluated") and "Chưa đạt" in cell(page, "Than Uyên",
                                                                                                  "evaluated")
    assert "<strong>1</strong>/2" in province(page) and "Chưa đạt" in province(page)
    figures = charts(page)
    assert figures["stars"]["datasets"][0]["data"] == [0, 1, 0, 1, 0]
    districts = dict(zip(figures["districts"]["labels"], figures["districts"]["datasets"][0]["data"]))
    assert districts["Tam Đường"] == 3 and districts["Than Uyên"] == 0
    steps = dict(zip(figures["steps"]["labels"], figures["steps"]["datasets"][0]["data"]))
    assert steps == {"Đã kết thúc": 2, "Xã kiểm tra ý tưởng": 1}


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


def test_the_dashboard_in_english_and_in_the_top_bar(people, client):
    page = people["producer"].get("/dashboard?lang=en").get_data(as_text=True)

    assert "Programme dashboard" in page and "Products evaluated (≥ 2)" in page and "Not met" in page
    assert 'href="/dashboard"' in page
    assert 'href="/dashboard"' not in client.get("/login").get_data(as_text=True)
