"""The producer's self-assessment (Decisions 148/2023 and 1489/2025): the 2023 and 2025 dossiers carry the
producer's own scoring on the criteria sheet the council will use; the service sums it, the case file keeps
it with the dossier version, and the council's members see its total beside their own sheet."""
import pytest

from tests.cycle import BUSINESS_PLAN, DOSSIER, Cycle, sheet
from tests.web.support import TOKEN
from tests.service.test_rule_sets import FOOD_2023, adopt


@pytest.fixture
def province_id(people, unit_id):
    return unit_id("Lai Châu")


def at_dossier(case):
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    case.complete("producer", "submit_business_plan", BUSINESS_PLAN)
    case.decide("district", "district_review_plan", "approve")
    task = case.task("producer", "submit_dossier")
    response = case.users["producer"].get(f"/api/v1/tasks/{task['id']}")
    assert response.status_code == 200, response.json
    return task, response.json["form"]


def test_a_2023_dossier_carries_the_producers_self_assessment_on_the_councils_sheet(people, unit_id, province_id):
    adopt(people, province_id, "2023")
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"), **FOOD_2023)
    task, form = at_dossier(case)
    own = form["properties"]["self_assessment"]
    assert own["x-criteria-sheet"]["rule_set"] == "2023"
    assert own["properties"] and all("x-points" in spec for spec in own["properties"].values())
    assert set(own["required"]) == set(own["properties"])
    chosen = sheet(own, 70)

    first = next(iter(chosen))
    bad = people["producer"].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {
        **DOSSIER, "self_assessment": {**chosen, first: 99}}})
    assert bad.status_code == 422
    assert f"self_assessment.{first}" in bad.json["details"]
    claimed = people["producer"].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {
        **DOSSIER, "self_assessment": {**chosen, "total": 100}}})
    assert claimed.status_code == 422
    assert "self_assessment.total" in claimed.json["details"]

    case.complete("producer", "submit_dossier", {**DOSSIER, "self_assessment": chosen})
    page = people["producer"].get(f"/cases/{case.id}")
    assert page.status_code == 200
    assert "tổng 70 điểm" in page.get_data(as_text=True)

    case.decide("district", "district_check_dossier", "complete")
    member = case.task("district-council-1", "district_council_scoring")
    scoring = people["district-council-1"].get(f"/api/v1/tasks/{member['id']}")
    assert scoring.json["form"]["x-criteria-sheet"]["id"] == own["x-criteria-sheet"]["id"]
    page = people["district-council-1"].get(f"/tasks/{member['id']}")
    assert page.status_code == 200
    assert "Chủ thể tự chấm: 70,0 điểm" in page.get_data(as_text=True)


def test_a_2019_dossier_has_no_self_assessment(people, unit_id):
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    _, form = at_dossier(case)
    assert "self_assessment" not in form["properties"]


def test_the_producer_gives_the_self_assessment_on_the_dossier_page(people, unit_id, province_id):
    adopt(people, province_id, "2023")
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"), **FOOD_2023)
    task, form = at_dossier(case)
    chosen = sheet(form["properties"]["self_assessment"], 70)
    producer = people["producer"]
    page = producer.get(f"/tasks/{task['id']}").get_data(as_text=True)
    assert all(f'name="self_assessment.{name}"' in page for name in chosen)

    token = TOKEN.search(page).group(1)
    fields = {"product_description": DOSSIER["product_description"], "quality_standard": DOSSIER["quality_standard"],
              "food_safety_certificate": "true", "test_results_available": "true",
              **{f"self_assessment.{name}": value for name, value in chosen.items()}}
    response = producer.post(f"/tasks/{task['id']}", data={**fields, "csrf_token": token})
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:500]
    assert "tổng 70 điểm" in producer.get(f"/cases/{case.id}").get_data(as_text=True)
