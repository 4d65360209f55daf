"""The case file through the API: each submission of the producer is a version of its section,
a revision replaces what it changes, reviews record which version they judged, and every form
comes with its choices and, for a resubmission, the last answers."""
import pytest

from tests.cycle import BUSINESS_PLAN, DOSSIER, Cycle


@pytest.fixture
def new_case(people, unit_id):
    return lambda **idea: Cycle(people, unit_id("Tam Đường/Bình Lư"), **idea)


def case_file(people, case, username="admin"):
    response = people[username].get(f"/api/v1/cases/{case.id}/file")
    assert response.status_code == 200, response.json
    return {section["section"]: section for section in response.json["sections"]}


def returned_and_revised(case):
    case.decide("commune", "commune_check_idea", "return", "Tên sản phẩm cần ghi rõ loại")
    case.complete("producer", "revise_idea_commune", {
        "product_name": "Miến dong Bình Lư loại 1", "product_group": "thuc_pham",
        "product_subgroup": "thuc_pham_che_bien", "description": "Miến dong loại 1, sợi nhỏ",
        "response": "Đã ghi rõ loại 1 và mô tả sợi"})


def test_the_idea_is_the_first_version_of_its_section(new_case, people):
    case = new_case()

    sections = case_file(people, case, "producer")

    assert list(sections) == ["idea"]
    idea = sections["idea"]
    assert idea["current"] == 1 and idea["reviews"] == []
    assert idea["versions"][0]["submitted_by"] and idea["versions"][0]["changed"] == []
    version = people["producer"].get(f"/api/v1/cases/{case.id}/file/idea/versions/1").json
    assert version["data"]["product_name"] == "Miến dong Bình Lư"
    assert version["data"]["entity_name"] == "HTX Nông nghiệp và Dịch vụ Bình Lư"


def test_a_revision_is_a_new_version_that_updates_the_product(new_case, people):
    case = new_case()

    returned_and_revised(case)

    idea = case_file(people, case)["idea"]
    assert idea["current"] == 2
    assert idea["versions"][1]["changed"] == ["product_name", "description"]
    assert idea["versions"][1]["answer"] == "Đã ghi rõ loại 1 và mô tả sợi"
    assert idea["reviews"][0]["decision"] == "return" and idea["reviews"][0]["version"] == 1
    assert idea["reviews"][0]["reason"] == "Tên sản phẩm cần ghi rõ loại"
    second = people["admin"].get(f"/api/v1/cases/{case.id}/file/idea/versions/2").json
    assert second["data"]["product_name"] == "Miến dong Bình Lư loại 1"
    assert second["data"]["entity_name"] == "HTX Nông nghiệp và Dịch vụ Bình Lư"  # kept from version 1
    assert case.refresh()["product_name"] == "Miến dong Bình Lư loại 1"
    case.decide("commune", "commune_check_idea", "forward")
    judged = people["admin"].get(f"/api/v1/cases/{case.id}/file/idea/versions/2").json["reviews"]
    assert [review["decision"] for review in judged] == ["forward"]


def test_a_resubmission_form_comes_filled_with_the_last_answers(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "return", "Bổ sung mô tả")

    task = case.task("producer", "revise_idea_commune")
    form = people["producer"].get(f"/api/v1/tasks/{task['id']}").json["form"]

    assert form["properties"]["product_name"]["default"] == "Miến dong Bình Lư"
    assert form["properties"]["product_subgroup"]["default"] == "thuc_pham_che_bien"
    assert "thuc_pham" in form["properties"]["product_group"]["enum"]
    assert form["properties"]["product_group"]["x-enum-titles"]["thuc_pham"]
    assert "default" not in form["properties"]["response"]


def test_the_revised_group_is_checked_against_the_rule_set(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "return", "Sai nhóm")

    refused = case.complete("producer", "revise_idea_commune", {
        "product_name": "Miến dong", "product_group": "khong_co", "response": "Đã sửa"}, expect=422)
    mismatched = case.complete("producer", "revise_idea_commune", {
        "product_name": "Miến dong", "product_group": "do_uong", "product_subgroup": "thuc_pham_che_bien",
        "response": "Đã sửa"}, expect=422)

    assert "product_group" in refused.json["details"]
    assert "product_subgroup" in mismatched.json["details"]
    assert case_file(people, case)["idea"]["current"] == 1


def test_the_business_plan_and_dossier_are_sections_with_their_answer(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    first = case.task("producer", "submit_business_plan")
    first_form = people["producer"].get(f"/api/v1/tasks/{first['id']}").json["form"]
    case.complete("producer", "submit_business_plan", BUSINESS_PLAN)
    case.decide("district", "district_review_plan", "return", "Thiếu thị trường xuất khẩu")
    again = case.task("producer", "submit_business_plan")
    again_form = people["producer"].get(f"/api/v1/tasks/{again['id']}").json["form"]
    case.complete("producer", "submit_business_plan", {**BUSINESS_PLAN, "target_market": "Lai Châu, Hà Nội, Lào",
                                                       "response": "Đã thêm thị trường Lào"})
    case.decide("district", "district_review_plan", "approve")
    case.complete("producer", "submit_dossier", DOSSIER)

    assert "response" not in first_form["properties"]  # a first submission answers nobody
    assert again_form["properties"]["target_market"]["default"] == "Lai Châu, Hà Nội"
    sections = case_file(people, case)
    assert list(sections) == ["idea", "business_plan", "dossier"]
    plan = sections["business_plan"]
    assert plan["current"] == 2 and plan["versions"][1]["changed"] == ["target_market"]
    assert plan["versions"][1]["answer"] == "Đã thêm thị trường Lào"
    assert [(review["decision"], review["version"]) for review in plan["reviews"]] == [("return", 1), ("approve", 2)]
    assert sections["dossier"]["versions"][0]["form_name"] == "dossier"


def test_council_members_are_not_named_to_the_producer(new_case, people):
    case = new_case().through_district_dossier()
    case.evaluate("district", [60, 62, 64])

    producer = case_file(people, case, "producer")["dossier"]["reviews"]
    official = case_file(people, case)["dossier"]["reviews"]

    chair_review = [review for review in producer if review["step"] == "district_chair_decision"]
    assert chair_review and chair_review[0]["by"] == "district_chair"
    assert [review for review in official if review["step"] == "district_chair_decision"][0]["by"] != "district_chair"


def test_a_version_that_does_not_exist_is_not_found(new_case, people):
    case = new_case()

    missing = people["producer"].get(f"/api/v1/cases/{case.id}/file/idea/versions/2")
    unknown = people["producer"].get(f"/api/v1/cases/{case.id}/file/plan/versions/1")
    stranger = people["producer-2"].get(f"/api/v1/cases/{case.id}/file")

    assert missing.status_code == 404 and missing.json["error"] == "version_not_found"
    assert unknown.status_code == 404
    assert stranger.status_code == 404
