"""Three rule sets side by side: the rule set a province applies from a day picks the version new cases
start on; the 2023 (148) and 2025 (1489) rules, boundary scores, and the mandatory-criteria cap."""
from datetime import UTC, date, datetime
from io import BytesIO

import pytest

from service.criteria.workbook import write_workbook
from tests.cycle import BUSINESS_PLAN, COUNCILS, DOSSIER, Cycle
from tests.statements import statements_of

FOOD_2023 = {"product_group": "tp", "product_subgroup": "tp_cb_rau_cu_qua"}


def points(value):
    return {"text_vi": f"{value} điểm", "text_en": f"{value} points", "points": value}


EFFECTIVE = {"2023": date(2023, 2, 24), "2025": date(2025, 7, 6)}


def adopt(people, province_id, rule_set):
    """The province applies `rule_set` from the day its decision took effect (after the demo's 2020 adoption)."""
    response = people["admin"].post("/api/v1/rule-set-adoptions", json={
        "province_id": province_id, "rule_set": rule_set, "effective_from": EFFECTIVE[rule_set].isoformat(),
        "decision": "Kế hoạch thử nghiệm / A trial plan"})
    assert response.status_code == 201, response.json
    return response.json


PARTS = {"2019": {"A": 35, "B": 25, "C": 40}, "2023": {"A": 40, "B": 25, "C": 35}, "2025": {"A": 40, "B": 25, "C": 35}}
SUBGROUP = {"2019": "thuc_pham_che_bien", "2023": "tp_cb_rau_cu_qua", "2025": "tp_cb_rau_cu_qua"}


def hundredths_sheet(people, rule_set, mandatory=False):
    """A sheet of the rule set (2019: A 35, B 25, C 40; later: A 40, B 25, C 35) for the case's product set,
    loaded by the administrator, whose options reach any total to the hundredth (up to 99 with a mandatory
    criterion of 0 or 1 point, when `mandatory`)."""
    whole = {**PARTS[rule_set], "C": PARTS[rule_set]["C"] - (2 if mandatory else 1)}
    criteria = [{"part": part, "code": f"{part}1", "text_vi": f"Phần {part}",
                 "options": [points(value) for value in range(maximum + 1)]} for part, maximum in whole.items()]
    criteria.append({"part": "C", "code": "C2", "text_vi": "Phần lẻ của điểm C",
                     "options": [points(round(value / 100, 2)) for value in range(101)]})
    if mandatory:
        criteria.append({"part": "C", "code": "C3", "text_vi": "Tiêu chí bắt buộc 3 sao", "mandatory": True,
                         "options": [points(0), points(1)]})
    definition = {"rule_set": rule_set, "code": f"{rule_set}-phan-tram", "title": "Phiếu thử nghiệm / A trial sheet",
                  "source": "Phiếu của bộ kiểm thử / The test suite's sheet", "group_codes": [SUBGROUP[rule_set]],
                  "parts": [{"code": part, "title": f"Phần {part}", "maximum": maximum}
                            for part, maximum in PARTS[rule_set].items()],
                  "criteria": criteria}
    response = people["admin"].post("/api/v1/criteria-sheets", content_type="multipart/form-data",
                                    data={"file": (BytesIO(write_workbook(definition)), "phieu.xlsx")})
    assert response.status_code == 201, response.json


@pytest.fixture
def province_id(people, unit_id):
    return unit_id("Lai Châu")


def start_2023(people, unit_id):
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"), **FOOD_2023)
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    case.complete("producer", "submit_business_plan", BUSINESS_PLAN)
    case.decide("district", "district_review_plan", "approve")
    case.complete("producer", "submit_dossier", DOSSIER)
    case.decide("district", "district_check_dossier", "complete")
    return case


def start_2025(people, unit_id):
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"), **FOOD_2023)
    case.decide("commune", "commune_check_idea", "forward")
    case.complete("producer", "submit_business_plan", BUSINESS_PLAN)
    case.decide("commune", "commune_review_plan", "approve")
    case.complete("producer", "submit_dossier", DOSSIER)
    case.decide("commune", "commune_check_dossier", "complete")
    case.decide("province", "province_check_dossier", "complete")
    return case


def at_first_council(people, unit_id, province_id, rule_set, mandatory=False):
    """A food product of the demo province, which applies `rule_set` (2023 or 2025) from its day, at the first
    council of those rules (the district's in 2023, the province's in 2025), with a sheet in hundredths (with a
    mandatory criterion when `mandatory`)."""
    adopt(people, province_id, rule_set)
    hundredths_sheet(people, rule_set, mandatory)
    return {"2023": start_2023, "2025": start_2025}[rule_set](people, unit_id)


@pytest.fixture
def at_2023_district_council(people, unit_id, province_id, once):
    """`at_first_council` under the 2023 rules, built once (`once`)."""
    def build():
        return at_first_council(people, unit_id, province_id, "2023").case

    return Cycle.resumed(people, once(build))


@pytest.fixture
def at_2023_province_council(people, unit_id, province_id, once):
    """The same, scored 75 by the district and at the province council; built once."""
    def build():
        case = at_first_council(people, unit_id, province_id, "2023")
        case.evaluate("district", [75] * 3)
        case.decide("province", "province_check_dossier", "complete")
        return case.case

    return Cycle.resumed(people, once(build))


@pytest.fixture
def at_2025_province_council(people, unit_id, province_id, once):
    """`at_first_council` under the 2025 rules, built once."""
    def build():
        return at_first_council(people, unit_id, province_id, "2025").case

    return Cycle.resumed(people, once(build))


@pytest.fixture
def at_district_council_with_a_mandatory_criterion(people, unit_id, province_id, once, rule_set):
    """A case of `rule_set` (2019 or 2023) at the district council, whose sheet in hundredths has a mandatory
    criterion; built once per rule set."""
    def build_2019():
        hundredths_sheet(people, "2019", mandatory=True)
        return Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier().case

    def build_2023():
        return at_first_council(people, unit_id, province_id, "2023", mandatory=True).case

    return Cycle.resumed(people, once({"2019": build_2019, "2023": build_2023}[rule_set]))


@pytest.fixture
def recognised_under_2019(people, unit_id, once):
    """A product recognised four stars by the province under the 2019 rules; built once."""
    def build():
        case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
        case.evaluate("district", [72, 76, 74])
        case.decide("province", "province_check_dossier", "complete")
        case.evaluate("province", [80, 82, 78])
        case.recognise("province")
        return case.case

    return Cycle.resumed(people, once(build))


def test_the_demo_province_applies_the_2019_rules_and_the_start_form_says_so(people, province_id):
    body = people["producer"].get("/api/v1/forms/start").json
    assert (body["rule_set"], body["rules"]["decision"], body["adopted_from"]) == ("2019", "1048/QĐ-TTg", "2020-05-01")
    in_force = people["admin"].get("/api/v1/rule-sets/in-force", query_string={"province_id": province_id,
                                                                               "on": "2026-01-01"}).json
    assert in_force["rule_set"]["code"] == "2019" and in_force["process_model"]["rule_set"] == "2019"
    before = people["admin"].get("/api/v1/rule-sets/in-force", query_string={"province_id": province_id,
                                                                            "on": "2020-01-01"}).json
    assert before["adoption"] is None and before["rule_set"]["code"] == "2019"


def test_the_adoptions_are_listed_by_province_and_day_a_page_at_a_time(app, people, province_id, second_province):
    """Each with its province and author, read in the same statements for one province's and for two."""
    adopt(people, province_id, "2023")
    adopt(people, province_id, "2025")
    adopt(people, second_province["province_id"], "2025")
    everyone = people["admin"].get("/api/v1/rule-set-adoptions").json
    assert [(a["province_id"], a["rule_set"]) for a in everyone["items"]] == [
        (province_id, "2019"), (province_id, "2023"), (province_id, "2025"), (second_province["province_id"], "2025")]
    pages = [people["admin"].get("/api/v1/rule-set-adoptions", query_string={
        "province_id": province_id, "per_page": 2, "page": page}).json for page in (1, 2)]
    assert [(page["total"], len(page["items"])) for page in pages] == [(3, 2), (3, 1)]
    assert [a["rule_set"] for page in pages for a in page["items"]] == ["2019", "2023", "2025"]
    assert people["admin"].get("/api/v1/rule-set-adoptions?per_page=101").status_code == 422

    def statements(query):
        people["admin"].get("/api/v1/rule-set-adoptions", query_string=query)
        with statements_of(app) as sent:
            people["admin"].get("/api/v1/rule-set-adoptions", query_string=query)
        return len(sent)

    assert statements({}) == statements({"province_id": second_province["province_id"]})


def test_an_adoption_is_refused_before_its_decision_and_to_non_administrators(people, province_id):
    response = people["admin"].post("/api/v1/rule-set-adoptions", json={
        "province_id": province_id, "rule_set": "2025", "effective_from": "2025-01-01"})
    assert response.status_code == 422 and "effective_from" in response.json["details"]
    response = people["province"].post("/api/v1/rule-set-adoptions", json={
        "province_id": province_id, "rule_set": "2025", "effective_from": "2025-08-01"})
    assert response.status_code == 403


def test_a_2019_case_and_a_2025_case_run_side_by_side_each_on_its_rules(people, unit_id, province_id):
    old = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    adopt(people, province_id, "2025")
    assert people["producer"].get("/api/v1/forms/start").json["rules"]["decision"] == "1489/QĐ-TTg"
    new = start_2025(people, unit_id)
    old.evaluate("district", [72, 74, 76])
    old.decide("province", "province_check_dossier", "complete")
    old.evaluate("province", [72, 74, 76])
    new.evaluate("province", [60, 62, 64])
    old_case, new_case = old.refresh(), new.refresh()
    assert (old_case["outcome"]["status"], old_case["outcome"]["level"], old_case["stars"]) == ("certified", "province", 4)
    assert (new_case["outcome"]["status"], new_case["outcome"]["level"], new_case["stars"]) == ("certified", "province", 3)


@pytest.mark.parametrize("total, stars, status, level, step", [
    (29.99, 1, "rated", "district", None), (30, 2, "rated", "district", None),
    (49.99, 2, "rated", "district", None), (50, 3, "certified", "district", None),
    (69.99, 3, "certified", "district", None), (70, 4, None, None, "province_check_dossier"),
])
def test_the_2023_district_recognises_three_stars_and_forwards_seventy(at_2023_district_council, total, stars,
                                                                     status, level, step):
    case = at_2023_district_council
    case.evaluate("district", [total] * 3)
    detail = case.refresh()
    assert detail["stars"] == stars
    if step:
        assert detail["current_step"] == step
    else:
        assert (detail["outcome"]["status"], detail["outcome"]["level"]) == (status, level)


@pytest.mark.parametrize("total, outcome", [
    (49.99, ("rated", "province", 2)), (50, ("certified", "district", 3)), (69.99, ("certified", "district", 3)),
    (70, ("certified", "province", 4)), (89.99, ("certified", "province", 4)),
])
def test_the_2023_province_recognises_four_stars(at_2023_province_council, total, outcome):
    case = at_2023_province_council
    case.evaluate("province", [total] * 3)
    result = case.refresh()["outcome"]
    assert (result["status"], result["level"], result["stars"]) == outcome


@pytest.mark.parametrize("rule_set", ["2023", "2025"])
def test_ninety_is_recognised_four_stars_potential_five_and_referred(people, unit_id, province_id, rule_set):
    case = at_first_council(people, unit_id, province_id, rule_set)
    if rule_set == "2023":
        case.evaluate("district", [90] * 3)
        case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [90] * 3)
    assert case.refresh()["current_step"] == "national_council_scoring"
    case.evaluate("national", [85, 86, 87])
    result = case.refresh()["outcome"]
    assert (result["status"], result["level"], result["stars"]) == ("five_stars_not_reached", "province", 4)


@pytest.mark.parametrize("total, outcome", [
    (29.99, ("rated", "province", 1)), (30, ("rated", "province", 2)), (49.99, ("rated", "province", 2)),
    (50, ("certified", "province", 3)), (69.99, ("certified", "province", 3)), (70, ("certified", "province", 4)),
    (89.99, ("certified", "province", 4)),
])
def test_the_2025_province_council_evaluates_every_product(at_2025_province_council, total, outcome):
    case = at_2025_province_council
    assert not any(step.startswith("district") for step in (t["step"] for t in case.refresh()["open_tasks"]))
    case.evaluate("province", [total] * 3)
    result = case.refresh()["outcome"]
    assert (result["status"], result["level"], result["stars"]) == outcome


@pytest.mark.parametrize("rule_set", ["2019", "2023"])
@pytest.mark.parametrize("failing, stars, step", [(2, 2, None), (3, 2, None), (1, 4, "province_check_dossier")])
def test_a_mandatory_criterion_failed_by_most_of_the_council_caps_the_product_at_two_stars(
        at_district_council_with_a_mandatory_criterion, people, rule_set, failing, stars, step):
    case = at_district_council_with_a_mandatory_criterion
    for position, member in enumerate(COUNCILS["district"]):
        case.score_sheet(member, "district", 80, not_met=position < failing)
    case.decide("district-chair", "district_chair_decision", "approve")

    detail = case.refresh()
    assert detail["rule_set"] == rule_set
    assert sorted(sheet["not_achieved"] for sheet in detail["council_scores"]) == sorted(
        [True] * failing + [False] * (3 - failing))
    assert (detail["score"], detail["stars"]) == (80, stars)
    if step:
        assert detail["current_step"] == step and detail["outcome"] is None
    else:
        outcome = detail["outcome"]
        assert (outcome["status"], outcome["level"], outcome["stars"]) == ("rated", "district", 2)
        assert outcome["reason"].startswith("Không đạt tiêu chí bắt buộc")
        assert "Không đạt tiêu chí bắt buộc" in detail["summary"]
        page = people["producer"].get(f"/cases/{case.id}").get_data(as_text=True)
        assert "Không đạt tiêu chí bắt buộc" in page


@pytest.mark.parametrize("rule_set, steps", [
    ("2023", ["district_review_idea"]), ("2025", ["submit_business_plan"]),
])
def test_a_product_recognised_under_2019_is_re_evaluated_under_the_rules_in_force_its_group_mapped(
        recognised_under_2019, people, province_id, clock, runner, rule_set, steps):
    first = recognised_under_2019
    [certificate] = first.refresh()["certificates"]
    assert (first.case["rule_set"], first.case["product_group"]) == ("2019", "thuc_pham")
    response = people["admin"].post("/api/v1/rule-set-adoptions", json={
        "province_id": province_id, "rule_set": rule_set, "effective_from": "2027-01-01",
        "decision": "Kế hoạch OCOP năm 2027 / The 2027 OCOP plan"})
    assert response.status_code == 201, response.json

    clock.set(datetime(2028, 9, 2, 8, 0, tzinfo=UTC))  # six months before the certificate expires
    assert "re-evaluations: 1 case(s) opened, 0 failed" in runner.invoke(args=["ocop", "timers"]).output

    [again] = [item for item in people["producer"].get("/api/v1/cases").json["items"] if item["id"] != first.id]
    reevaluation = Cycle.__new__(Cycle)
    reevaluation.users, reevaluation.id = people, again["id"]
    detail = reevaluation.refresh()
    assert detail["reevaluation_of"]["number"] == certificate["number"]
    assert (detail["rule_set"], detail["product_group"], detail["subgroup"]) == (rule_set, "tp", "tp_cb_rau_cu_qua")
    assert (detail["product_name"], detail["process_version"]) == ("Miến dong Bình Lư", 1)
    reevaluation.decide("commune", "commune_check_idea", "forward")
    assert [task["step"] for task in reevaluation.refresh()["open_tasks"]] == steps
    assert first.refresh()["rule_set"] == "2019"
