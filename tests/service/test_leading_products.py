"""Leading products (sản phẩm chủ lực): the district OCOP office selects them for its district, the
provincial office for the province, for a plan year; nobody else does."""
import pytest

from tests.cycle import Cycle


@pytest.fixture
def case(people, unit_id):
    return Cycle(people, unit_id("Tam Đường/Bình Lư"))


def put(people, username, case, **body):
    return people[username].put(f"/api/v1/cases/{case.id}/leading", json=body)


def test_the_district_and_the_province_select_a_leading_product_for_a_plan_year(people, case):
    assert case.refresh("district")["selects_leading"] == ["district"]
    assert case.refresh("province")["selects_leading"] == ["province"]

    first = put(people, "district", case, leading=True)
    again = put(people, "district", case, leading=True)
    province = put(people, "province", case, leading=True, year=2020)

    assert first.status_code == again.status_code == province.status_code == 200
    assert province.json == {"product_id": case.case["product_id"], "leading": [
        {"year": 2026, "level": "district"}, {"year": 2020, "level": "province"}]}
    assert case.refresh("producer")["leading"] == province.json["leading"]
    assert case.refresh("producer")["selects_leading"] == []
    history = [entry["action"] for entry in people["admin"].get(f"/api/v1/cases/{case.id}/history").json]
    assert history.count("product.leading_selected") == 2

    dropped = put(people, "district", case, leading=False)
    assert dropped.status_code == 200 and dropped.json["leading"] == [{"year": 2020, "level": "province"}]


def test_only_the_offices_of_the_products_district_and_province_select(people, case):
    assert put(people, "producer", case, leading=True).status_code == 403
    assert put(people, "commune", case, leading=True).status_code == 403
    assert put(people, "district-chair", case, leading=True).status_code == 403
    assert put(people, "district-2", case, leading=True).status_code == 404
    assert case.refresh()["leading"] == []


def test_a_bad_selection_is_refused_with_a_message(people, case):
    out_of_range = put(people, "district", case, leading=True, year=1990)
    assert out_of_range.status_code == 422 and "year" in out_of_range.json["details"]
    assert put(people, "district", case, year=2026).status_code == 422
    assert put(people, "district", case, leading=True, level="national").status_code == 422
    assert put(people, "district", case, leading=True, level="province").status_code == 403
