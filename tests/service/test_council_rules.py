"""The council rules of the 2019 process: stars from the unrounded mean, the spread loop, the quorum
with absences, conflicts of interest; through the API, as the council's people act."""
from datetime import date, timedelta
from io import BytesIO

import pytest
from sqlalchemy import select

from service.demo.seed import find_user
from service.directory.models import Council, CouncilMember
from service.criteria.workbook import write_workbook
from service.extensions import db
from tests.cycle import BUSINESS_PLAN, COUNCILS, DOSSIER, Cycle, sheet_of


@pytest.fixture
def new_case(people, unit_id):
    return lambda **idea: Cycle(people, unit_id("Tam Đường/Bình Lư"), **idea)


def history(people, case, action):
    return [entry for entry in people["admin"].get(f"/api/v1/cases/{case.id}/history").json
            if entry["action"] == action]


def open_steps(case):
    return sorted(task["step"] for task in case.refresh()["open_tasks"])


def add_member(app, username, position="member"):
    """A fourth member joins the Tam Đường council."""
    with app.app_context():
        council = db.session.scalar(select(Council).filter_by(level="district"))
        db.session.add(CouncilMember(council_id=council.id, user_id=find_user(username).id, position=position))
        db.session.commit()


def at_province(case, district=(72, 74, 76)):
    case.through_district_dossier().evaluate("district", list(district))
    case.decide("province", "province_check_dossier", "complete")
    return case


def points(value):
    return {"text_vi": f"{value} điểm", "text_en": f"{value} points", "points": value}


def load_sheet_in_hundredths(people):
    """A criteria sheet for the case's product set whose options reach any total to the hundredth, loaded
    from the Excel template by the administrator: the boundary totals below need it."""
    whole = {"A": 35, "B": 25, "C": 39}
    criteria = [{"part": part, "code": f"{part}1", "text_vi": f"Phần {part}",
                 "options": [points(value) for value in range(maximum + 1)]} for part, maximum in whole.items()]
    criteria.append({"part": "C", "code": "C2", "text_vi": "Phần lẻ của điểm C",
                     "options": [points(round(value / 100, 2)) for value in range(101)]})
    definition = {"rule_set": "2019", "code": "2019-phan-tram", "title": "Phiếu thử nghiệm / A trial sheet",
                  "source": "Phiếu của bộ kiểm thử / The test suite's sheet", "group_codes": ["thuc_pham_che_bien"],
                  "parts": [{"code": "A", "title": "Phần A", "maximum": 35}, {"code": "B", "title": "Phần B", "maximum": 25},
                            {"code": "C", "title": "Phần C", "maximum": 40}],
                  "criteria": criteria}
    response = people["admin"].post("/api/v1/criteria-sheets", content_type="multipart/form-data",
                                    data={"file": (BytesIO(write_workbook(definition)), "phieu.xlsx")})
    assert response.status_code == 201, response.json


@pytest.fixture
def sheet_in_hundredths(people):
    load_sheet_in_hundredths(people)


@pytest.fixture
def at_district_council(people, unit_id, once):
    """A case at the district council's scoring, on the sheet in hundredths, built once (`once`)."""
    def build():
        load_sheet_in_hundredths(people)
        return Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier().case

    return Cycle.resumed(people, once(build))


@pytest.mark.parametrize("totals, score, stars", [
    ([29.99, 29.99, 29.99], 29.99, 1), ([30, 30, 30], 30.0, 2),
    ([49.99, 49.99, 49.99], 49.99, 2), ([50, 50, 50], 50.0, 3),
    ([69.99, 69.99, 69.99], 69.99, 3), ([70, 70, 70], 70.0, 4),
    ([89.99, 89.99, 89.99], 89.99, 4), ([90, 90, 90], 90.0, 5),
    ([89.99, 90, 90], 89.99, 4),
])
def test_the_stars_come_from_the_unrounded_mean_at_each_boundary(at_district_council, totals, score, stars):
    case = at_district_council
    case.score("district", totals)
    detail = case.refresh()
    assert (detail["score"], detail["stars"]) == (score, stars)


def test_a_province_mean_of_89_997_is_four_stars_and_is_not_referred(new_case, sheet_in_hundredths):
    case = at_province(new_case())
    case.evaluate("province", [89.99, 90, 90])
    detail = case.refresh()
    assert (detail["score"], detail["stars"]) == (89.99, 4)
    assert [r["potential_five"] for r in detail["recognitions"]] == [False]
    [certificate] = case.recognise()["certificates"]
    assert (certificate["level"], certificate["stars"], certificate["score"]) == ("province", 4, 89.99)
    assert detail["status"] == "completed"


def test_totals_too_far_apart_send_the_out_of_line_members_back_before_the_chair(new_case, people):
    case = new_case().through_district_dossier()
    case.score("district", [30, 70, 95])
    assert open_steps(case) == ["district_council_scoring", "district_council_scoring"]
    with pytest.raises(AssertionError, match="no district_chair_decision task"):
        case.task("district-chair", "district_chair_decision")
    [loop] = history(people, case, "council.spread_rescore")
    assert loop["details"]["spread"] == 65 and loop["details"]["limit"] == 10
    again = {task["assignee"] for task in case.refresh()["open_tasks"]}
    assert again == {"district-chair", "district-council-2"}
    case.score_sheet("district-chair", "district", 72)
    case.score_sheet("district-council-2", "district", 74)
    case.decide("district-chair", "district_chair_decision", "approve")
    detail = case.refresh()
    assert (detail["score"], detail["stars"]) == (72.0, 4)
    assert detail["current_step"] == "province_check_dossier"


@pytest.mark.parametrize("totals, rescored", [
    ([70, 80, 75], []),                   # a spread of exactly 10: the chair decides
    ([70, 80.01, 75], ["district-council-1"]),
    ([60, 75, 76], ["district-chair"]),
])
def test_the_spread_limit_is_ten_points(at_district_council, totals, rescored):
    case = at_district_council
    case.score("district", totals)
    tasks = case.refresh()["open_tasks"]
    if rescored:
        assert sorted(task["assignee"] for task in tasks) == rescored
    else:
        assert [task["step"] for task in tasks] == ["district_chair_decision"]


def test_the_spread_loop_is_bounded_by_the_return_limit(new_case):
    case = new_case().through_district_dossier()
    case.score("district", [30, 70, 95])
    for _ in range(5):
        case.score_sheet("district-chair", "district", 30)
        case.score_sheet("district-council-2", "district", 95)
    detail = case.refresh()
    assert detail["status"] == "rejected" and detail["outcome"]["level"] == "district"


def test_the_secretary_records_an_absence_and_the_quorum_concludes(app, new_case, people):
    add_member(app, "national-council-1")
    case = new_case().through_district_dossier()
    case.score("district", [72, 74, 76])
    absent = case.task("national-council-1", "district_council_scoring")
    assert people["district-council-1"].post(f"/api/v1/tasks/{absent['id']}/absence").status_code == 403
    assert people["district-chair"].post(f"/api/v1/tasks/{absent['id']}/absence").status_code == 403
    assert people["producer"].post(f"/api/v1/tasks/{absent['id']}/absence").status_code == 403
    assert people["district-2"].post(f"/api/v1/tasks/{absent['id']}/absence").status_code == 404
    response = people["district-council-3"].post(f"/api/v1/tasks/{absent['id']}/absence")  # the secretary
    assert response.status_code == 200, response.json
    assert people["district"].post(f"/api/v1/tasks/{absent['id']}/absence").status_code == 409
    [entry] = history(people, case, "council.absence_recorded")
    assert entry["details"]["task_id"] == absent["id"]
    case.decide("district-chair", "district_chair_decision", "approve")
    assert (case.refresh()["score"], case.refresh()["stars"]) == (74.0, 4)


def test_below_quorum_the_council_cannot_conclude_and_is_convened_again(new_case, people):
    case = new_case().through_district_dossier()
    case.score_sheet("district-chair", "district", 72)
    for member in ("district-council-1", "district-council-2"):
        task = case.task(member, "district_council_scoring")
        assert people["district-council-3"].post(f"/api/v1/tasks/{task['id']}/absence").status_code == 200
    detail = case.refresh()
    assert detail["current_step"] == "district_council_below_quorum"
    assert detail["score"] is None and detail["stars"] is None
    [entry] = history(people, case, "council.below_quorum")
    assert (entry["details"]["scored"], entry["details"]["needed"], entry["details"]["members"]) == (1, 3, 3)
    case.complete("district", "district_council_below_quorum", {"note": "Họp lại ngày 10/3"})
    assert open_steps(case) == ["district_council_scoring"] * 3
    case.evaluate("district", [72, 74, 76])
    assert case.refresh()["stars"] == 4


def test_a_council_of_one_does_not_decide_alone(app, new_case):
    with app.app_context():
        council = db.session.scalar(select(Council).filter_by(level="district"))
        for member in council.members[1:]:
            db.session.delete(member)
        db.session.commit()
    case = new_case()
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    case.complete("producer", "submit_business_plan", BUSINESS_PLAN)
    case.decide("district", "district_review_plan", "approve")
    case.complete("producer", "submit_dossier", DOSSIER)
    response = case.complete("district", "district_check_dossier", {"decision": "complete"}, expect=409)
    assert response.json["error"] == "incident"
    assert "fewer than the 3" in response.json["details"]["message"]
    detail = case.refresh()
    assert detail["status"] == "incident" and detail["council_scores"] == []


def test_a_member_declares_a_conflict_of_interest_and_the_quorum_counts_it(app, new_case, people):
    add_member(app, "national-council-1")
    case = new_case().through_district_dossier()
    task = case.task("district-council-1", "district_council_scoring")
    assert people["district-council-1"].post(f"/api/v1/tasks/{task['id']}/conflict", json={}).status_code == 422
    other = case.task("district-council-2", "district_council_scoring")
    assert people["district-council-1"].post(f"/api/v1/tasks/{other['id']}/conflict",
                                             json={"reason": "x"}).status_code == 404
    response = people["district-council-1"].post(f"/api/v1/tasks/{task['id']}/conflict",
                                                 json={"reason": "Là thành viên HTX Bình Lư"})
    assert response.status_code == 200, response.json
    [entry] = history(people, case, "council.conflict_declared")
    assert entry["details"]["reason"] == "Là thành viên HTX Bình Lư"
    for member, total in (("district-chair", 72), ("district-council-2", 76), ("national-council-1", 74)):
        case.score_sheet(member, "district", total)
    assert case.refresh()["current_step"] == "district_chair_decision"


def test_a_member_linked_to_the_producing_entity_gets_no_sheet(app, new_case, people):
    with app.app_context():
        council = db.session.scalar(select(Council).filter_by(level="district"))
        db.session.add(CouncilMember(council_id=council.id, user_id=find_user("producer").id, position="member"))
        db.session.commit()
    case = new_case().through_district_dossier()
    assignees = sorted(task["assignee"] for task in case.refresh("admin")["open_tasks"])
    assert assignees == sorted(COUNCILS["district"])
    case.score("district", [72, 74, 76])
    assert case.refresh()["current_step"] == "district_chair_decision"


def test_the_chair_scores_too_and_without_the_chair_there_is_no_quorum(app, new_case, people):
    add_member(app, "national-council-1")
    case = new_case().through_district_dossier()
    assert sorted(task["assignee"] for task in case.refresh()["open_tasks"]) == sorted(
        [*COUNCILS["district"], "national-council-1"])
    for member, total in (("district-council-1", 72), ("district-council-2", 74), ("national-council-1", 76)):
        case.score_sheet(member, "district", total)
    chair_sheet = case.task("district-chair", "district_council_scoring")
    assert people["district-council-3"].post(f"/api/v1/tasks/{chair_sheet['id']}/absence").status_code == 200
    [entry] = history(people, case, "council.below_quorum")
    assert (entry["details"]["scored"], entry["details"]["needed"], entry["details"]["members"]) == (3, 3, 4)
    case.complete("district", "district_council_below_quorum", {})
    case.score("district", [78, 72, 74])
    case.score_sheet("national-council-1", "district", 76)
    case.decide("district-chair", "district_chair_decision", "approve")
    assert (case.refresh()["score"], case.refresh()["stars"]) == (75.0, 4)


def test_scoring_is_blind_no_member_reads_another_sheet_in_the_history_or_the_case(new_case, people):
    case = new_case().through_district_dossier()
    task = case.task("district-chair", "district_council_scoring")
    data = sheet_of(people["district-chair"], task["id"], 72)
    case.complete("district-chair", "district_council_scoring", data)
    for reader in ("district-council-1", "producer", "district"):
        completed = [entry for entry in people[reader].get(f"/api/v1/cases/{case.id}/history").json
                     if entry["action"] == "task.completed" and entry["details"]["step"] == "district_council_scoring"]
        assert len(completed) == 1 and "data" not in completed[0]["details"]
        assert people[reader].get(f"/api/v1/cases/{case.id}").json["council_scores"] == []
    [seen] = [entry for entry in people["admin"].get(f"/api/v1/cases/{case.id}/history").json
              if entry["action"] == "task.completed" and entry["details"]["step"] == "district_council_scoring"]
    assert {name: seen["details"]["data"][name] for name in data} == data and seen["details"]["data"]["total"] == 72


def test_the_council_of_a_term_comes_from_its_founding_decision(app, new_case, people, clock):
    with app.app_context():
        old = db.session.scalar(select(Council).filter_by(level="province"))
        assert (old.decision_number, old.decision_date) == ("365/QĐ-UBND", date(2020, 4, 8))
        starts = clock.now().date() + timedelta(days=30)
        new = Council(level="province", unit_id=old.unit_id, name="Hội đồng OCOP tỉnh Lai Châu (kiện toàn)",
                           decision_number="120/QĐ-UBND", decision_date=starts, term_from=starts)
        db.session.add(new)
        db.session.flush()
        for username, position in (("province-council-2", "chair"), ("national-council-2", "member"),
                                    ("national-council-3", "member")):
            db.session.add(CouncilMember(council_id=new.id, user_id=find_user(username).id, position=position))
        db.session.commit()
    today = at_province(new_case())
    assert sorted(task["assignee"] for task in today.refresh()["open_tasks"]) == sorted(COUNCILS["province"])
    clock.advance(days=30)
    later = at_province(new_case())
    assert sorted(task["assignee"] for task in later.refresh()["open_tasks"]) == [
        "national-council-2", "national-council-3", "province-council-2"]
