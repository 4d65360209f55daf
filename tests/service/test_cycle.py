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


def test_a_four_star_product_waits_for_the_province_decision_then_gets_its_certificate(new_case, people, clock):
    case = new_case().through_district_dossier().evaluate("district", [72, 76, 74])
    assert case.refresh()["current_step"] == "province_check_dossier"
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [80, 82, 78])
    detail = case.refresh()
    assert detail["status"] == "completed" and detail["stars"] == 4 and detail["score"] == 80.0
    assert detail["certificates"] == [] and detail["awaiting_recognition"] is True
    assert detail["summary"] == ("Đạt 4 sao cấp tỉnh; chờ quyết định công nhận / "
                                 "4 stars at province level; awaiting the recognition decision")
    [waiting] = detail["recognitions"]
    assert (waiting["level"], waiting["stars"], waiting["waiting"], waiting["decision"]) == ("province", 4, True, None)
    clock.advance(days=20)
    decision = case.recognise(decided_on="2026-03-15")
    [certificate] = case.case["certificates"]
    assert certificate["level"] == "province" and certificate["stars"] == 4
    assert certificate["number"].startswith("OCOP-12-2026-")
    assert certificate["issued_on"] == "2026-03-15" and certificate["valid_until"] == date(2029, 3, 15).isoformat()
    assert certificate["decision"] == {"number": decision["number"], "decided_on": "2026-03-15",
                                       "signer_name": "Giàng A Tính", "signer_title": "KT. CHỦ TỊCH, PHÓ CHỦ TỊCH"}
    assert case.case["awaiting_recognition"] is False
    assert case.case["summary"].startswith(f"Đạt 4 sao cấp tỉnh; đã cấp giấy chứng nhận số {certificate['number']}")
    assert {"recognition.approved", "certificate.issued"} <= set(history_actions(people, case))


def test_a_three_star_product_is_recognised_with_three_stars(new_case):
    case = new_case().through_district_dossier().evaluate("district", [60, 60, 60])
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [55, 60, 65])
    case.recognise()
    [certificate] = case.case["certificates"]
    assert certificate["stars"] == 3


def referred_and_recognised_four_stars(new_case):
    """A case the province scored 92: recognised 4★ (potential 5★) by a province decision, referred on."""
    case = new_case().through_district_dossier().evaluate("district", [92, 91, 93])
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [93, 92, 91])
    detail = case.refresh()
    assert detail["status"] == "active" and detail["current_step"] == "national_council_scoring"
    assert detail["stars"] == 4 and detail["awaiting_recognition"] is True
    [potential] = detail["recognitions"]
    assert (potential["level"], potential["stars"], potential["potential_five"]) == ("province", 4, True)
    assert detail["summary"].startswith("Tỉnh công nhận 4 sao (tiềm năng 5 sao), chờ quyết định công nhận; "
                                        "được đề nghị Trung ương xét 5 sao")
    case.recognise("province")
    [certificate] = case.case["certificates"]
    assert (certificate["level"], certificate["stars"], certificate["potential_five"]) == ("province", 4, True)
    assert case.case["status"] == "active", "the case runs on toward the national council"
    return case


def test_ninety_points_are_recognised_four_stars_potential_five_by_the_province_before_the_national_council(
        new_case):
    case = referred_and_recognised_four_stars(new_case)
    assert case.task("national-council-1", "national_council_scoring")


def test_five_stars_nationally_add_a_national_certificate_at_the_ministry_decision(new_case, people):
    case = referred_and_recognised_four_stars(new_case)
    case.evaluate("national", [95, 94, 93])
    detail = case.refresh()
    assert detail["outcome"]["status"] == "certified" and detail["outcome"]["level"] == "national"
    assert detail["stars"] == 5 and detail["awaiting_recognition"] is True
    assert [c["level"] for c in detail["certificates"]] == ["province"]
    case.recognise("national")
    province, national = case.case["certificates"]
    assert (national["level"], national["stars"], national["potential_five"]) == ("national", 5, False)
    assert national["number"].startswith("OCOP-QG-")
    assert province["status"] == national["status"] == "valid", "a case's own certificates stand together"


def test_five_stars_not_reached_nationally_keep_the_province_four_stars_without_a_second_certificate(new_case, people):
    case = new_case().through_district_dossier().evaluate("district", [92, 91, 93])
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [93, 92, 91]).evaluate("national", [86, 88, 87])
    detail = case.refresh()
    assert detail["status"] == "completed" and detail["stars"] == 4
    assert detail["outcome"]["status"] == "five_stars_not_reached" and detail["outcome"]["level"] == "province"
    assert [(r["level"], r["potential_five"]) for r in detail["recognitions"]] == [("province", True)]
    assert detail["summary"].startswith("Không đạt 5 sao quốc gia; sản phẩm giữ 4 sao cấp tỉnh, chờ quyết định "
                                        "công nhận")
    case.recognise("province")
    [certificate] = case.case["certificates"]
    assert (certificate["level"], certificate["stars"]) == ("province", 4)
    assert case.case["summary"].startswith("Không đạt 5 sao quốc gia; sản phẩm giữ 4 sao cấp tỉnh, giấy chứng nhận "
                                           f"số {certificate['number']}")
    assert "Chờ quyết định" not in case.case["summary"]


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
