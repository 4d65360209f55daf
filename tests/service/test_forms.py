"""Task forms validated by the JSON Schema standard: the API takes the types JSON Schema defines,
answers with a message per field in both languages, and keeps the stored data as the diagrams read it."""
import json

import pytest

from tests.cycle import BUSINESS_PLAN, IDEA, Cycle


@pytest.fixture
def case(people, unit_id):
    return Cycle(people, unit_id("Tam Đường/Bình Lư"))


def complete(client, task, data):
    return client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data})


def refused_on(response, field):
    assert response.status_code == 422, response.json
    assert response.json["error"] == "invalid_form"
    return response.json["details"][field]


def at_business_plan(case):
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    return case.task("producer", "submit_business_plan")


# The probes: JSON values against the form's types, as any JSON Schema validator judges them.

@pytest.mark.parametrize("value, accepted", [
    ("500000000", False),  # a number written as text
    (500000000.5, False),  # not a whole number
    (500000000.0, True),  # a whole number, written with a fraction part
    (500000000, True),
])
def test_a_whole_number_field_takes_json_whole_numbers(case, people, value, accepted):
    task = at_business_plan(case)

    response = complete(people["producer"], task, {**BUSINESS_PLAN, "investment_vnd": value})

    if accepted:
        assert response.status_code == 200, response.json
        stored = people["producer"].get(f"/api/v1/tasks/{task['id']}").json["submitted_data"]["investment_vnd"]
        assert stored == 500000000 and type(stored) is int
    else:
        assert refused_on(response, "investment_vnd")
        assert case.refresh()["current_step"] == "submit_business_plan"


def test_text_refuses_null_and_an_absent_optional_field_is_stored_as_none(case, people):
    task = at_business_plan(case)

    null = complete(people["producer"], task, {"summary": "Mở rộng sản xuất", "timeline": None})
    absent = complete(people["producer"], task, {"summary": "Mở rộng sản xuất"})

    assert refused_on(null, "timeline") == ["Phải là văn bản / Must be text."]
    assert absent.status_code == 200, absent.json
    stored = people["producer"].get(f"/api/v1/tasks/{task['id']}").json["submitted_data"]
    assert stored == {"summary": "Mở rộng sản xuất", "target_market": None, "production_capacity": None,
                      "investment_vnd": None, "timeline": None, "response": None}


def test_a_yes_no_field_takes_only_true_or_false(case, people):
    task = at_business_plan(case)
    complete(people["producer"], task, BUSINESS_PLAN)
    case.decide("district", "district_review_plan", "approve")
    task = case.task("producer", "submit_dossier")
    producer = people["producer"]

    for value in ("yes", 1, "true", None):
        response = complete(producer, task, {"product_description": "Miến dong 500g", "food_safety_certificate": value})
        assert refused_on(response, "food_safety_certificate") == [
            "Chọn Có hoặc Không / Must be Yes or No (true or false)."], value
    response = complete(producer, task, {"product_description": "Miến dong 500g", "food_safety_certificate": True})
    assert response.status_code == 200, response.json


def test_a_criterion_takes_one_of_its_options_as_a_whole_number(case, people):
    case.through_district_dossier()
    task = case.task("district-council-1", "district_council_scoring")
    member = people["district-council-1"]

    text = complete(member, task, {"c_a": "30", "c_b": 21, "c_c": 31})
    not_a_number = member.post(f"/api/v1/tasks/{task['id']}/complete", content_type="application/json",
                               data='{"data": {"c_a": 30, "c_b": NaN, "c_c": Infinity}}')
    beyond = complete(member, task, {"c_a": 37, "c_b": 21, "c_c": 31})
    old_parts = complete(member, task, {"part_a": 30, "part_b": 20, "part_c": 30})
    scored = complete(member, task, {"c_a": 31, "c_b": 21, "c_c": 31})

    whole = "Phải là một số nguyên / Must be a whole number."
    assert whole in refused_on(text, "c_a")
    assert whole in refused_on(not_a_number, "c_b") and whole in refused_on(not_a_number, "c_c")
    assert "Giá trị không có trong danh sách lựa chọn / Not one of the choices." in refused_on(beyond, "c_a")
    assert refused_on(old_parts, "part_a") == ["Trường không có trong biểu mẫu / Unknown field."]
    assert scored.status_code == 200, scored.json


@pytest.mark.parametrize("change, field", [
    ({"commune_id": "30"}, "commune_id"),
    ({"commune_id": 2**63}, "commune_id"),
    ({"description": None}, "description"),
    ({"product_name": 42}, "product_name"),
])
def test_an_idea_with_values_of_the_wrong_type_is_refused(people, unit_id, change, field):
    response = people["producer"].post("/api/v1/cases", json={**IDEA, "commune_id": unit_id("Tam Đường/Bình Lư"),
                                                              **change})

    assert refused_on(response, field)
    assert people["producer"].get("/api/v1/cases").json["total"] == 0


def test_an_idea_in_a_unit_that_is_not_a_commune_is_refused(people, unit_id):
    for unit in ("Tam Đường", "Lai Châu"):
        response = people["producer"].post("/api/v1/cases", json={**IDEA, "commune_id": unit_id(unit)})

        assert refused_on(response, "commune_id") == [
            "Giá trị không có trong danh sách lựa chọn / Not one of the choices."]
    assert people["producer"].get("/api/v1/cases").json["total"] == 0


def test_an_idea_with_its_commune_as_a_whole_number_with_a_fraction_part_is_accepted(people, unit_id):
    commune_id = unit_id("Tam Đường/Bình Lư")

    response = people["producer"].post("/api/v1/cases", json={**IDEA, "commune_id": float(commune_id)})

    assert response.status_code == 201, response.json
    assert response.json["commune"]["id"] == commune_id


# Messages -----------------------------------------------------------------------------------

def test_each_mistake_gets_a_message_on_its_field_in_both_languages(case, people):
    task = at_business_plan(case)
    data = {"target_market": "x" * 2001, "investment_vnd": -1, "colour": "red", "": 1, "a.b/c d": 2,
            "typename": "BpmnWorkflow"}

    response = complete(people["producer"], task, data)

    assert response.status_code == 422
    assert response.json["details"] == {
        "summary": ["Bắt buộc phải nhập / This field is required."],
        "target_market": ["Tối đa 2000 ký tự / At most 2000 characters."],
        "investment_vnd": ["Giá trị phải từ 0 đến 1.000.000.000.000 / Must be between 0 and 1,000,000,000,000."],
        "colour": ["Trường không có trong biểu mẫu / Unknown field."],
        "": ["Trường không có trong biểu mẫu / Unknown field."],
        "a.b/c d": ["Trường không có trong biểu mẫu / Unknown field."],
        "typename": ["Trường không có trong biểu mẫu / Unknown field."],
    }


def test_a_reason_required_by_the_decision_and_a_choice_outside_the_list_are_named(case, people):
    task = case.task("commune", "commune_check_idea")

    returned = complete(people["commune"], task, {"decision": "return"})
    unknown = complete(people["commune"], task, {"decision": "maybe"})

    assert refused_on(returned, "reason") == ["Bắt buộc phải nhập / This field is required."]
    assert refused_on(unknown, "decision") == [
        "Giá trị không hợp lệ, chọn một trong: forward, return, reject / Not a valid choice: forward, return, reject."]
    assert json.dumps(unknown.json, ensure_ascii=False).count("reason") == 0
