"""Numbers and dates as the page's language writes them: 79,0 and 30/11/2026 in Vietnamese,
79.0 and Nov 30, 2026 in English, times in Vietnam's time; the API keeps plain numbers and ISO dates."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from service.extensions import db
from service.tasks.models import HumanTask
from tests.cycle import Cycle
from tests.web.test_case_page import page_of, text

pytestmark = pytest.mark.one_database


@pytest.fixture
def scored(people, unit_id, clock, once):
    """A case the district council scored 78, 79 and 80 (79.0 on average, 4 stars) on 15 November 2026
    at 14:05 in Vietnam, now at the province's dossier check, due 15 days later: 30 November 2026. Built once
    (`once`)."""
    def build():
        clock.set(datetime(2026, 11, 15, 7, 5, tzinfo=timezone.utc))
        return Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier().evaluate(
            "district", [78, 79, 80]).case

    return Cycle.resumed(people, once(build))


def test_the_case_page_writes_the_score_and_dates_as_its_language_does(people, scored):
    vietnamese, english = (text(page_of(people, scored, lang=lang)) for lang in ("vi", "en"))

    assert "(79,0 điểm)" in vietnamese and "79.0" not in vietnamese
    assert "Hạn xử lý 30/11/2026" in vietnamese
    assert "14:05 15/11/2026" in vietnamese  # the timeline, in Vietnam's time (07:05 UTC)
    assert "(79.0 points)" in english
    assert "Nov 30, 2026" in english and "30/11/2026" not in english
    assert "Nov 15, 2026, 2:05 PM" in english

    case = scored.refresh("producer")
    assert case["score"] == 79.0
    assert case["open_tasks"][0]["due_at"].startswith("2026-11-30T07:05")


def test_a_completed_task_shows_the_numbers_it_was_given_in_the_page_language(app, people, scored):
    with app.app_context():
        plan = db.session.scalar(select(HumanTask.id).where(HumanTask.case_id == scored.id,
                                                            HumanTask.step == "submit_business_plan"))
        sheet = db.session.scalar(select(HumanTask.id).where(HumanTask.case_id == scored.id,
                                                             HumanTask.step == "district_council_scoring")
                                  .order_by(HumanTask.id))
    district, member = people["district"], people["admin"]

    vietnamese = text(district.get(f"/tasks/{plan}?lang=vi").get_data(as_text=True))
    english = text(district.get(f"/tasks/{plan}?lang=en").get_data(as_text=True))
    assert "500.000.000" in vietnamese and "lúc 14:05 15/11/2026" in vietnamese
    assert "500,000,000" in english and "at Nov 15, 2026, 2:05 PM" in english

    assert "Tổng điểm: 78,0" in text(member.get(f"/tasks/{sheet}?lang=vi").get_data(as_text=True))
    assert "Total score: 78.0" in text(member.get(f"/tasks/{sheet}?lang=en").get_data(as_text=True))
