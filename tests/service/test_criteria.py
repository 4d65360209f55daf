"""Criteria sheets are data: the council's form is built from the case's sheet, the service sums the
chosen options into parts, a mandatory criterion at 0 points is "không đạt", and administrators load
a product group's sheet from the Excel template as a new version, with problems reported row by row."""
from io import BytesIO

import pytest
from openpyxl import load_workbook

from service.criteria.workbook import write_workbook
from tests.cycle import Cycle
from tests.statements import statements_of

PROCESSED_FOOD = {
    "rule_set": "2019", "code": "2019-thuc-pham-che-bien", "title": "Phiếu thử nghiệm / A trial sheet",
    "source": "Bộ tiêu chí thử nghiệm của bộ kiểm thử / The test suite's trial sheet",
    "group_codes": ["thuc_pham_che_bien"],
    "parts": [{"code": "A", "title": "Phần A", "maximum": 35}, {"code": "B", "title": "Phần B", "maximum": 25},
              {"code": "C", "title": "Phần C", "maximum": 40}],
    "criteria": [
        {"part": "A", "code": "A1", "text_vi": "Có giấy chứng nhận an toàn thực phẩm", "text_en": "Food safety",
         "mandatory": True, "options": [{"text_vi": "Không có", "text_en": "None", "points": 0},
                                        {"text_vi": "Có", "text_en": "Yes", "points": 20}]},
        {"part": "A", "code": "A2", "text_vi": "Liên kết chuỗi", "options": [
            {"text_vi": "Không", "points": 0}, {"text_vi": "Có", "points": 15}]},
        {"part": "A", "code": "A3", "text_vi": "Chủ thể là phụ nữ", "bonus": True, "options": [
            {"text_vi": "Không", "points": 0}, {"text_vi": "Có", "points": 2}]},
        {"part": "B", "code": "B1", "text_vi": "Tiếp thị", "options": [
            {"text_vi": "Chưa có", "points": 0}, {"text_vi": "Trong tỉnh", "points": 10},
            {"text_vi": "Toàn quốc", "points": 25}]},
        {"part": "C", "code": "C1", "text_vi": "Chất lượng", "options": [
            {"text_vi": "Chưa đạt", "points": 0}, {"text_vi": "Đạt", "points": 40}]},
    ],
}


@pytest.fixture
def new_case(people, unit_id):
    return lambda: Cycle(people, unit_id("Tam Đường/Bình Lư"))


def upload(client, definition=None, content=None):
    content = content if content is not None else write_workbook(definition)
    return client.post("/api/v1/criteria-sheets", content_type="multipart/form-data",
                       data={"file": (BytesIO(content), "phieu.xlsx")})


def form_of(case, member, level="district"):
    task = case.task(member, f"{level}_council_scoring")
    return task, case.users[member].get(f"/api/v1/tasks/{task['id']}").json["form"]


def test_the_scoring_form_is_built_from_the_rule_sets_sheet_and_the_service_sums_the_options(new_case, people):
    case = new_case().through_district_dossier()
    form = form_of(case, "district-council-1")[1]
    assert form["x-criteria-sheet"]["code"] == "2019-chung"
    assert [(part["code"], part["maximum"]) for part in form["x-criteria-sheet"]["parts"]] == [
        ("A", 35), ("B", 25), ("C", 40)]
    assert "1048/QĐ-TTg" in form["x-criteria-sheet"]["source"]
    assert form["properties"]["c_a"]["enum"] == list(range(1, 37))
    assert form["properties"]["c_a"]["x-enum-titles"]["36"] == "35 điểm / 35 points"
    assert set(form["required"]) == {"c_a", "c_b", "c_c"}

    for member, choices in (("district-council-1", (31, 21, 31)), ("district-council-2", (36, 26, 26)),
                            ("district-chair", (31, 16, 31))):  # option n + 1 is worth n points
        case.complete(member, "district_council_scoring", dict(zip(("c_a", "c_b", "c_c"), choices)))
    case.decide("district-chair", "district_chair_decision", "approve")
    scores = case.refresh()["council_scores"]
    assert [(s["part_a"], s["part_b"], s["part_c"], s["total"]) for s in scores] == [
        (30, 20, 30, 80), (35, 25, 25, 85), (30, 15, 30, 75)]
    assert case.case["score"] == 80 and case.case["stars"] == 4
    assert {s["sheet_id"] for s in scores} == {case.case["criteria_sheet_id"]}


def test_a_sheet_loaded_for_a_sub_group_scores_the_cases_entering_evaluation_after_it(new_case, people):
    earlier = new_case().through_district_dossier()
    response = upload(people["admin"], PROCESSED_FOOD)
    assert response.status_code == 201, response.json
    assert (response.json["code"], response.json["version"], response.json["criteria"]) == (
        "2019-thuc-pham-che-bien", 1, 5)

    assert form_of(earlier, "district-council-1")[1]["x-criteria-sheet"]["code"] == "2019-chung"
    later = new_case().through_district_dossier()
    form = form_of(later, "district-council-1")[1]
    assert form["x-criteria-sheet"]["code"] == "2019-thuc-pham-che-bien"
    assert form["properties"]["c_a1"]["x-enum-titles"] == {"1": "Không có (0 điểm) / None (0 points)",
                                                          "2": "Có (20 điểm) / Yes (20 points)"}
    assert form["properties"]["c_a1"]["x-mandatory"] is True

    best = {"c_a1": 2, "c_a2": 2, "c_a3": 2, "c_b1": 3, "c_c1": 2}
    later.complete("district-council-1", "district_council_scoring", best)
    later.complete("district-council-2", "district_council_scoring", {**best, "c_a1": 1})
    later.complete("district-chair", "district_council_scoring", {**best, "c_a3": 1, "c_b1": 2})
    scores = later.refresh()["council_scores"]
    assert [(s["part_a"], s["total"], s["not_achieved"]) for s in scores] == [
        (35, 100, False), (17, 82, True), (35, 85, False)]


def test_a_new_version_does_not_change_the_sheet_of_a_case_in_evaluation(new_case, people):
    assert upload(people["admin"], PROCESSED_FOOD).status_code == 201
    case = new_case().through_district_dossier()
    first = case.refresh()["criteria_sheet_id"]
    second = upload(people["admin"], {**PROCESSED_FOOD, "title": "Phiên bản 2 / Version 2"})
    assert second.json["version"] == 2
    assert form_of(case, "district-council-1")[1]["x-criteria-sheet"]["id"] == first != second.json["id"]
    assert new_case().through_district_dossier().refresh()["criteria_sheet_id"] == second.json["id"]


def test_an_invalid_workbook_is_refused_with_its_problems_row_by_row(people):
    broken = {**PROCESSED_FOOD, "parts": [{"code": "A", "title": "Phần A", "maximum": 35},
                                          {"code": "B", "title": "Phần B", "maximum": 25},
                                          {"code": "C", "title": "Phần C", "maximum": 30}],
              "criteria": [{**PROCESSED_FOOD["criteria"][0], "options": [{"text_vi": "Có", "points": 20}]},
                           {**PROCESSED_FOOD["criteria"][1], "part": "D"},
                           *PROCESSED_FOOD["criteria"][2:4],
                           {**PROCESSED_FOOD["criteria"][4], "options": [{"text_vi": "Đạt", "points": -1}]}]}
    response = upload(people["admin"], broken)
    assert response.status_code == 422 and response.json["error"] == "invalid_sheet"
    details = response.json["details"]
    assert any("0 điểm" in message for message in details["Tiêu chí!2"])  # mandatory without a "not met" option
    assert any("'D'" in message for message in details["Tiêu chí!3"])
    assert any("không âm" in message for message in details["Tiêu chí!10"])
    assert any("90" in message and "100" in message for message in details["sheet"])
    assert "2019-thuc-pham-che-bien" not in {s["code"] for s in people["admin"].get("/api/v1/criteria-sheets").json}


def test_only_an_administrator_uploads_and_a_file_that_is_not_excel_is_refused(people):
    assert upload(people["district"], PROCESSED_FOOD).status_code == 403
    refused = upload(people["admin"], content=b"not a workbook")
    assert refused.status_code == 422 and refused.json["error"] == "invalid_workbook"


def test_a_sheet_downloads_as_the_template_and_uploads_again_as_its_next_version(people):
    admin = people["admin"]
    fallback = next(s for s in admin.get("/api/v1/criteria-sheets").json if s["code"] == "2019-chung")
    response = admin.get(f"/api/v1/criteria-sheets/{fallback['id']}/workbook")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.data))
    assert book.sheetnames == ["Phiếu", "Phần", "Tiêu chí"]
    assert [row[:3] for row in book["Phần"].iter_rows(min_row=2, values_only=True)] == [
        ("A", fallback["parts"][0]["title"], 35), ("B", fallback["parts"][1]["title"], 25),
        ("C", fallback["parts"][2]["title"], 40)]
    again = upload(admin, content=response.data)
    assert again.status_code == 201, again.json
    assert (again.json["code"], again.json["version"]) == ("2019-chung", 2)
    assert admin.get("/api/v1/criteria-sheets/template").status_code == 200


def test_the_sheets_are_listed_with_their_criteria_counted_in_the_same_statements_for_three_and_four(app, people):
    """The API's list and the administrators' page: a sheet's criteria and their options are counted, not loaded
    one sheet at a time."""
    paths = ["/api/v1/criteria-sheets", "/admin/criteria-sheets"]

    def listing(path):
        people["admin"].get(path)
        with statements_of(app) as statements:
            response = people["admin"].get(path)
        return len(statements), response

    three = [listing(path)[0] for path in paths]
    assert upload(people["admin"], PROCESSED_FOOD).status_code == 201
    (api, listed), (page, shown) = (listing(path) for path in paths)
    assert [api, page] == three
    assert {sheet["code"]: sheet["criteria"] for sheet in listed.json}["2019-thuc-pham-che-bien"] == 5
    assert '<tr data-code="2019-thuc-pham-che-bien">' in shown.get_data(as_text=True)
