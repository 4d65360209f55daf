"""Round two: the council's chair defers a product that waits for test results; the producer sends the
evidence (a new version of the dossier) and the council scores it again at its next session. Under the
2019 rules at the district and the province, and under the 2025 rules at the province."""
import pytest

from tests.cycle import DECIDERS, Cycle
from tests.service.test_rule_sets import adopt, hundredths_sheet, start_2025

REASON = "Chờ phiếu kiểm nghiệm vi sinh và kim loại nặng của Trung tâm Kiểm nghiệm tỉnh"
TEST_RESULTS = {"test_results_available": True, "test_report": "Phiếu số 125/KN-TTKN ngày 12/6/2020: đạt",
                "response": "Đã có phiếu kiểm nghiệm"}


@pytest.fixture
def at_council(people, unit_id):
    """A case waiting for the council of `level` under `rule_set`."""
    def start(rule_set, level):
        if rule_set == "2025":
            adopt(people, unit_id("Lai Châu"), "2025")
            hundredths_sheet(people, "2025")
            return start_2025(people, unit_id)
        case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
        if level == "province":
            case.evaluate("district", [72, 74, 76])
            case.decide("province", "province_check_dossier", "complete")
        return case
    return start


def dossier(people, case):
    response = people["admin"].get(f"/api/v1/cases/{case.id}/file")
    assert response.status_code == 200, response.json
    return next(section for section in response.json["sections"] if section["section"] == "dossier")


def minutes_of(people, case, level):
    """How many council minutes of `level` the case file holds."""
    return [minutes["level"] for minutes in people["admin"].get(f"/api/v1/cases/{case.id}/minutes").json
            ].count(level)


def defer(case, level, reason=REASON):
    case.score(level, [60, 62, 64])
    case.decide(DECIDERS[level], f"{level}_chair_decision", "defer", reason)


@pytest.mark.parametrize("rule_set, level", [("2019", "district"), ("2019", "province"), ("2025", "province")])
def test_a_deferred_product_returns_with_its_test_results_to_the_councils_next_session(at_council, people,
                                                                                     rule_set, level):
    case = at_council(rule_set, level)
    before = dossier(people, case)["current"]

    defer(case, level)

    assert [task["step"] for task in case.refresh()["open_tasks"]] == [f"submit_test_results_{level}"]
    assert minutes_of(people, case, level) == 0
    task = case.task("producer", f"submit_test_results_{level}")
    detail = people["producer"].get(f"/api/v1/tasks/{task['id']}").json
    assert detail["returned_with"]["step"] == f"{level}_chair_decision"
    assert detail["returned_with"]["reason"] == REASON
    assert "test_report" in detail["form"]["required"]
    page = people["producer"].get(f"/tasks/{task['id']}").get_data(as_text=True)
    assert 'data-testid="returned-reason"' in page and REASON in page
    assert f"Lý do: {REASON}" in people["producer"].get("/notifications").get_data(as_text=True)

    case.complete("producer", f"submit_test_results_{level}", TEST_RESULTS)

    file = dossier(people, case)
    assert file["current"] == before + 1
    latest = people["admin"].get(f"/api/v1/cases/{case.id}/file/dossier/versions/{before + 1}").json
    assert latest["data"]["test_report"] == TEST_RESULTS["test_report"]
    assert latest["data"]["product_description"]  # the rest of the dossier is kept
    assert case.refresh()["current_step"] == f"{level}_council_scoring"

    case.evaluate(level, [70, 72, 74])

    detail = case.refresh()
    assert [score["total"] for score in detail["council_scores"] if score["level"] == level] == [
        60, 62, 64, 70, 72, 74]
    assert minutes_of(people, case, level) == 1
    if level == "district":
        assert detail["current_step"] == "province_check_dossier"
    else:
        assert (detail["status"], detail["outcome"]["status"], detail["outcome"]["stars"]) == (
            "completed", "certified", 4)


@pytest.mark.parametrize("rule_set, level", [("2019", "district"), ("2025", "province")])
def test_beyond_the_deferral_limit_the_case_is_rejected(at_council, app, rule_set, level):
    case = at_council(rule_set, level)
    for _ in range(app.config["OCOP_MAX_DEFERRALS"]):
        defer(case, level)
        case.complete("producer", f"submit_test_results_{level}", TEST_RESULTS)

    defer(case, level)

    detail = case.refresh()
    assert (detail["status"], detail["outcome"]["level"]) == ("rejected", level)
    assert "deferrals" in detail["outcome"]["reason"]
    assert detail["open_tasks"] == []


def test_a_deferral_names_the_evidence_it_waits_for(at_council, people):
    case = at_council("2019", "district")
    case.score("district", [60, 62, 64])

    response = case.complete("district-chair", "district_chair_decision", {"decision": "defer"}, expect=422)

    assert "reason" in str(response.json)
    assert case.refresh()["current_step"] == "district_chair_decision"
