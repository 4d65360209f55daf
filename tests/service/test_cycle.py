"""The OCOP cycle of the 2019 rules, end to end through the API, one path per outcome."""
from datetime import date

import pytest

from tests.cycle import BUSINESS_PLAN, DOSSIER, Cycle


@pytest.fixture
def new_case(people, unit_id):
    return lambda **idea: Cycle(people, unit_id("Tam Đường/Bình Lư"), **idea)


def history_actions(people, case):
    return [entry["action"] for entry in people["admin"].get(f"/api/v1/cases/{case.id}/history").json]


def test_a_submitted_idea_waits_for_the_commune_officer(new_case, people):
    case = new_case()
    assert case.case["status"] == "active"
    assert case.case["current_step"] == "commune_check_idea"
    assert case.case["reference"].startswith("OCOP-12-")
    task = case.task("commune", "commune_check_idea")
    assert task["lane"] == "commune_officer" and task["due_at"]


def test_a_product_under_three_stars_ends_at_the_district_with_its_rating(new_case, people):
    case = new_case().through_district_dossier().evaluate("district", [40, 44, 42])
    detail = case.refresh()
    assert detail["status"] == "completed"
    assert (detail["score"], detail["stars"]) == (42.0, 2)
    assert detail["outcome"] == {"status": "rated", "level": "district", "stars": 2, "reason": None}
    assert detail["certificates"] == [] and detail["open_tasks"] == []


def test_a_four_star_product_is_certified_by_the_province(new_case, people, clock):
    case = new_case().through_district_dossier().evaluate("district", [72, 76, 74])
    assert case.refresh()["current_step"] == "province_check_dossier"
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [80, 82, 78])
    detail = case.refresh()
    assert detail["status"] == "completed" and detail["stars"] == 4 and detail["score"] == 80.0
    [certificate] = detail["certificates"]
    assert certificate["level"] == "province" and certificate["stars"] == 4
    assert certificate["number"].startswith(f"OCOP-12-{clock.now().year}-")
    assert certificate["issued_on"] == clock.now().date().isoformat()
    assert certificate["valid_until"] == date(2029, 3, 2).isoformat()
    assert "certificate.issued" in history_actions(people, case)


def test_a_three_star_product_is_certified_with_three_stars(new_case):
    case = new_case().through_district_dossier().evaluate("district", [60, 60, 60])
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [55, 60, 65])
    [certificate] = case.refresh()["certificates"]
    assert certificate["stars"] == 3


def test_ninety_points_go_to_the_ministry_and_five_stars_are_certified_nationally(new_case, people):
    case = new_case().through_district_dossier().evaluate("district", [92, 91, 93])
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [93, 92, 91])
    assert case.refresh()["current_step"] == "national_council_scoring"
    case.evaluate("national", [95, 94, 93])
    detail = case.refresh()
    assert detail["outcome"]["status"] == "certified" and detail["outcome"]["level"] == "national"
    [certificate] = detail["certificates"]
    assert (certificate["level"], certificate["stars"]) == ("national", 5)
    assert certificate["number"].startswith("OCOP-QG-")


def test_a_referral_below_ninety_nationally_keeps_a_provincial_four_star_certificate(new_case):
    case = new_case().through_district_dossier().evaluate("district", [92, 91, 93])
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [93, 92, 91]).evaluate("national", [86, 88, 87])
    [certificate] = case.refresh()["certificates"]
    assert (certificate["level"], certificate["stars"]) == ("province", 4)


def test_a_province_score_under_fifty_is_recorded_without_certificate(new_case):
    case = new_case().through_district_dossier().evaluate("district", [55, 55, 55])
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [45, 40, 44])
    detail = case.refresh()
    assert detail["outcome"]["status"] == "rated" and detail["outcome"]["level"] == "province"
    assert detail["certificates"] == []


@pytest.mark.parametrize("step, who, decision, level", [
    ("commune_check_idea", "commune", "reject", "commune"),
    ("district_review_idea", "district", "reject", "district"),
])
def test_a_rejected_idea_closes_the_case_with_the_reason(new_case, step, who, decision, level):
    case = new_case()
    if step == "district_review_idea":
        case.decide("commune", "commune_check_idea", "forward")
    case.decide(who, step, decision, "Sản phẩm không phù hợp")
    detail = case.refresh()
    assert detail["status"] == "rejected"
    assert detail["outcome"] == {"status": "rejected", "level": level, "stars": None,
                                 "reason": "Sản phẩm không phù hợp"}


def test_a_return_goes_back_to_the_producer_with_the_reason(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "return", "Bổ sung mô tả nguyên liệu")
    task = case.task("producer", "revise_idea_commune")
    detail = people["producer"].get(f"/api/v1/tasks/{task['id']}").json
    assert detail["returned_with"]["reason"] == "Bổ sung mô tả nguyên liệu"
    assert detail["returned_with"]["step"] == "commune_check_idea"
    assert detail["form"]["properties"]["response"]
    case.complete("producer", "revise_idea_commune", {"product_name": "Miến dong Bình Lư loại 1",
                                                      "response": "Đã bổ sung"})
    case.decide("commune", "commune_check_idea", "forward")
    assert case.refresh()["current_step"] == "district_review_idea"


@pytest.mark.parametrize("review, reviewer, answer, producer_data", [
    ("district_review_idea", "district", "revise_idea_district", {"product_name": "Miến dong", "response": "OK"}),
    ("district_review_plan", "district", "submit_business_plan", BUSINESS_PLAN),
    ("district_check_dossier", "district", "submit_dossier", DOSSIER),
])
def test_each_district_return_loops_back_to_the_producer(new_case, review, reviewer, answer, producer_data):
    case = new_case()
    case.decide("commune", "commune_check_idea", "forward")
    steps = [("district", "district_review_idea", "accept"), ("producer", "submit_business_plan", BUSINESS_PLAN),
             ("district", "district_review_plan", "approve"), ("producer", "submit_dossier", DOSSIER)]
    for who, step, value in steps:
        if step == review:
            break
        case.complete(who, step, value) if who == "producer" else case.decide(who, step, value)
    case.decide(reviewer, review, "return", "Chưa đạt")
    case.complete("producer", answer, producer_data)
    assert case.refresh()["current_step"] == review


def test_the_province_can_return_the_dossier_to_the_producer(new_case):
    case = new_case().through_district_dossier().evaluate("district", [72, 76, 74])
    case.decide("province", "province_check_dossier", "return", "Thiếu phiếu kiểm nghiệm")
    case.complete("producer", "revise_dossier_province", DOSSIER)
    case.decide("province", "province_check_dossier", "complete")
    assert case.refresh()["current_step"] == "province_council_scoring"


def test_the_chair_can_send_the_scores_back_and_the_council_scores_afresh(new_case, people):
    case = new_case().through_district_dossier()
    case.evaluate("district", [40, 44, 42], decision="rescore")
    assert case.refresh()["current_step"] == "district_council_scoring"
    case.evaluate("district", [70, 72, 74])
    assert case.refresh()["stars"] == 4
    scores = case.refresh()["council_scores"]
    assert [s["total"] for s in scores] == [40, 44, 42, 70, 72, 74]


def test_beyond_the_return_limit_the_case_closes_as_rejected(new_case):
    case = new_case()
    for _ in range(5):
        case.decide("commune", "commune_check_idea", "return", "Chưa rõ")
        case.complete("producer", "revise_idea_commune", {"product_name": "Miến dong", "response": "Sửa"})
    case.decide("commune", "commune_check_idea", "return", "Chưa rõ")
    detail = case.refresh()
    assert detail["status"] == "rejected" and detail["outcome"]["level"] == "commune"
    assert "returns" in detail["outcome"]["reason"]


def test_every_step_is_on_the_record(new_case, people):
    case = new_case().through_district_dossier().evaluate("district", [40, 44, 42])
    actions = history_actions(people, case)
    assert actions[0] == "case.submitted"
    assert actions.count("task.completed") == 6 + 3 + 1
    assert "case.progressed" in actions


def test_the_case_diagram_marks_steps_taken_and_waiting(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "forward")
    diagram = people["producer"].get(f"/api/v1/cases/{case.id}/diagram").json
    assert diagram["bpmn"].startswith("<?xml")
    assert diagram["states"]["commune_check_idea"] == "completed"
    assert diagram["states"]["district_review_idea"] == "current"
    assert people["producer-2"].get(f"/api/v1/cases/{case.id}/diagram").status_code == 404
