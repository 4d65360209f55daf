"""The council's minutes are written after the chair's approval commits, by a job on the queue: until it
has run the case file lists them as being prepared; a job that fails is logged and retried; a job run
twice writes them once, and their SHA-256 is audited when they are written."""
import hashlib
import logging
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from service.audit.models import AuditEntry
from service.councils import minutes as council_minutes
from service.councils.models import CouncilMinutes
from service.extensions import db
from tests.cycle import Cycle
from tests.service.test_completion_statements import SIGNED_IN, completion_statements


@pytest.fixture
def app(queueing_app):
    """The application queueing its jobs; the tests run them."""
    return queueing_app


@pytest.fixture
def approved(people, unit_id):
    case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    case.score("district", [71, 72, 74])
    case.complete("district-chair", "district_chair_decision", {"decision": "approve", "reason": "Đạt yêu cầu"})
    return case


def listed(people, case):
    return people["district"].get(f"/api/v1/cases/{case.id}/minutes").json


def written_entries(app):
    with app.app_context():
        return [entry.details for entry in db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "council.minutes_written"))]


def test_until_the_job_has_run_the_case_file_shows_the_minutes_being_prepared(app, approved, people):
    minutes = listed(people, approved)
    assert [(item["state"], item["url"], item["sha256"]) for item in minutes] == [("being_prepared", None, None)]
    page = people["district"].get(f"/cases/{approved.id}").get_data(as_text=True)
    assert 'data-testid="minutes-being-prepared"' in page and "đang được lập" in page
    assert f"/minutes/{minutes[0]['id']}.pdf" not in page
    early = people["district"].get(f"/api/v1/cases/{approved.id}/minutes/{minutes[0]['id']}.pdf")
    assert early.status_code == 409 and early.json["error"] == "minutes_being_prepared"
    assert people["producer"].get(f"/api/v1/cases/{approved.id}/minutes").json == []

    queue = app.extensions["ocop_jobs"]
    queue.execute(queue.dequeue())

    minutes = listed(people, approved)[0]
    assert minutes["state"] == "written" and minutes["url"]
    pdf = people["district"].get(minutes["url"])
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.data)).pages).split())
    assert "Thư ký, không chấm điểm" in text and "72,333333" in text and "Đạt yêu cầu" in text
    assert hashlib.sha256(pdf.data).hexdigest() == minutes["sha256"]
    assert [entry["sha256"] for entry in written_entries(app)] == [minutes["sha256"]]
    page = people["district"].get(f"/cases/{approved.id}").get_data(as_text=True)
    assert minutes["url"] in page and 'data-testid="minutes-being-prepared"' not in page


def test_the_chairs_approval_records_the_session_and_leaves_the_pdf_to_the_job(app, people, unit_id):
    case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    case.score("district", [71, 72, 74])
    count = completion_statements(app, case, "district-chair", "district_chair_decision", {"decision": "approve"})
    # a completion's 9 (the province's dossier check created); the minutes' record: the council, the round's
    # sheets (3), the members with their users, the producer's accounts among them, the producer, its row
    assert count <= 17 + SIGNED_IN, count
    assert app.extensions["ocop_jobs"].pending_count() == 1
    with app.app_context():
        [minutes] = db.session.scalars(select(CouncilMinutes)).all()
        assert minutes.content is None and minutes.proceedings["members"]
    assert written_entries(app) == []


def test_a_job_run_twice_writes_the_minutes_once(app, approved, people):
    minutes_id = listed(people, approved)[0]["id"]
    with app.app_context():
        council_minutes.write_minutes(minutes_id)
        first = db.session.get(CouncilMinutes, minutes_id).content
        council_minutes.write_minutes(minutes_id)
        db.session.expire_all()
        assert db.session.get(CouncilMinutes, minutes_id).content == first
    assert len(written_entries(app)) == 1


def test_a_failed_job_is_logged_and_retried(app, approved, people, monkeypatch, caplog):
    def no_fonts(proceedings):
        raise OSError("DejaVuSerif.ttf: no such file")

    queue = app.extensions["ocop_jobs"]
    monkeypatch.setattr(council_minutes, "minutes_pdf", no_fonts)
    with caplog.at_level(logging.ERROR):
        queue.execute(queue.dequeue())
    assert "DejaVuSerif.ttf: no such file" in caplog.text
    assert listed(people, approved)[0]["state"] == "being_prepared"
    [retry] = queue.scheduled()  # run again after its delay

    monkeypatch.undo()
    queue.execute(retry, timestamp=retry.eta)
    assert listed(people, approved)[0]["state"] == "written"
    assert len(written_entries(app)) == 1


def test_minutes_whose_job_was_lost_are_queued_again_by_the_command(app, approved, people):
    queue = app.extensions["ocop_jobs"]
    queue.flush()  # a worker killed during the job: Huey had already taken it off the queue
    result = app.test_cli_runner().invoke(args=["ocop", "write-minutes"])
    assert result.exit_code == 0 and "1 minutes queued" in result.output
    queue.execute(queue.dequeue())
    assert listed(people, approved)[0]["state"] == "written"
