"""The council's attendance on the case page (the office records an absence; others see no button) and the
chair's view of a round after the spread loop."""
import re

import pytest

from tests.cycle import Cycle
from tests.web.support import csrf_token

pytestmark = pytest.mark.one_database


def test_the_district_office_records_an_absent_member_from_the_case_page(people, unit_id):
    case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    case.score("district", [72, 74])
    office = people["district"]
    page = office.get(f"/cases/{case.id}").get_data(as_text=True)
    assert page.count('data-testid="council-sheet"') == 1 and "Ghi vắng mặt" in page
    assert "Ghi vắng mặt" in people["district-council-3"].get(f"/cases/{case.id}").get_data(as_text=True)  # secretary
    assert "Ghi vắng mặt" not in people["district-council-1"].get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Ghi vắng mặt" not in people["producer"].get(f"/cases/{case.id}").get_data(as_text=True)
    [sheet] = [task for task in people["admin"].get(f"/api/v1/cases/{case.id}").json["open_tasks"]]
    response = office.post(f"/tasks/{sheet['id']}/absence",
                           data={"csrf_token": csrf_token(office, f"/cases/{case.id}"), "next": f"/cases/{case.id}"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/cases/{case.id}")
    # two of three is under three quarters: the council cannot conclude, and the page says so
    assert case.refresh()["current_step"] == "district_council_below_quorum"
    assert "không đủ túc số" in office.get(f"/cases/{case.id}").get_data(as_text=True)


def test_after_the_spread_loop_the_chair_sees_each_members_latest_sheet(people, unit_id):
    case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    case.score("district", [30, 70, 95])
    case.score_sheet("district-chair", "district", 72)
    case.score_sheet("district-council-2", "district", 74)
    task = case.task("district-chair", "district_chair_decision")
    page = people["district-chair"].get(f"/tasks/{task['id']}").get_data(as_text=True)
    mean = re.search(r'data-testid="round-mean"><strong>([^<]+)<', page).group(1)
    spread = re.search(r'data-testid="round-spread">([^<]+)<', page).group(1)
    assert mean.startswith("72") and spread.startswith("4")


def test_the_rounds_sheets_are_for_the_chair_and_after_the_decision_for_officials(people, unit_id):
    case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    case.score("district", [72, 74, 76])
    task = case.task("district-chair", "district_chair_decision")

    def shows_sheets(username):
        response = people[username].get(f"/tasks/{task['id']}")
        return response.status_code == 200 and 'data-testid="round-mean"' in response.get_data(as_text=True)

    assert shows_sheets("district-chair")
    assert not shows_sheets("district") and not shows_sheets("producer") and not shows_sheets("district-council-1")
    case.decide("district-chair", "district_chair_decision", "approve")
    assert shows_sheets("district")
    assert not shows_sheets("producer") and not shows_sheets("district-council-1")
