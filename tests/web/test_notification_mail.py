"""E-mail of notifications, through a local SMTP server: sent after commit, never on rollback,
never failing a request. The jobs run at once here (OCOP_JOBS_IMMEDIATE, the tests' default);
tests/service/test_mail_worker.py runs them in worker processes."""
import logging

import pytest
from sqlalchemy import func, select

from service.demo.seed import find_user
from service.extensions import db
from service.notifications.models import Notification
from service.tasks import operations
from tests.cycle import Cycle
from tests.mailbox import Mailbox, free_port

BINH_LU = "Tam Đường/Bình Lư"


@pytest.fixture
def smtp():
    mailbox = Mailbox().start()
    yield mailbox
    mailbox.stop()


@pytest.fixture
def mail_settings(smtp):
    return {"OCOP_SMTP_PORT": smtp.port}


@pytest.fixture
def app(make_app, mail_settings):
    """The application with e-mail on, sending to the local SMTP server."""
    return make_app(OCOP_MAIL_ENABLED=True, OCOP_SMTP_HOST="127.0.0.1", OCOP_BASE_URL="https://ocop.example",
                    **mail_settings)


def test_the_commune_officer_gets_an_email_for_a_new_idea(app, people, addresses, smtp, unit_id):
    case = Cycle(people, unit_id(BINH_LU))

    [mail] = smtp.to("commune@example.vn")
    assert mail["Subject"] == "OCOP Lai Châu: Nhiệm vụ mới bạn có thể nhận / A new task you can claim"
    body = mail.get_content()
    assert case.case["reference"] in body and "Xã kiểm tra ý tưởng" in body and "Commune checks the idea" in body
    assert "https://ocop.example/notifications" in body
    assert smtp.to("district@example.vn") == [] and smtp.to("producer@example.vn") == []


def test_mail_waits_for_the_commit_and_a_rollback_sends_nothing(app, people, addresses, smtp, unit_id):
    case = Cycle(people, unit_id(BINH_LU))
    task_id = case.task("commune", "commune_check_idea")["id"]
    before = len(smtp.messages)

    with app.app_context():
        operations.complete(task_id, find_user("commune"), {"decision": "forward"})
        db.session.flush()
        assert len(smtp.messages) == before
        db.session.rollback()
    assert len(smtp.messages) == before
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.user_id == find_user("district").id)) == 0

    with app.app_context():
        operations.complete(task_id, find_user("commune"), {"decision": "forward"})
        db.session.commit()
    [mail] = smtp.to("district@example.vn")
    assert "Huyện xét duyệt ý tưởng" in mail.get_content()


def test_a_rolled_back_savepoint_sends_nothing_and_the_rest_commits(app, people, addresses, smtp, unit_id):
    case = Cycle(people, unit_id(BINH_LU))
    task_id = case.task("commune", "commune_check_idea")["id"]
    before = len(smtp.messages)

    with app.app_context():
        savepoint = db.session.begin_nested()
        operations.complete(task_id, find_user("commune"), {"decision": "forward"})
        db.session.flush()
        savepoint.rollback()
        find_user("district").email = "district-office@example.vn"
        db.session.commit()

    assert len(smtp.messages) == before
    with app.app_context():
        assert find_user("district").email == "district-office@example.vn"

def test_a_completion_refused_by_validation_sends_nothing(app, people, addresses, smtp, unit_id):
    case = Cycle(people, unit_id(BINH_LU))
    before = len(smtp.messages)

    case.complete("commune", "commune_check_idea", {"decision": "maybe"}, expect=422)
    assert len(smtp.messages) == before


@pytest.mark.parametrize("mail_settings", [{"OCOP_SMTP_PORT": free_port(), "OCOP_MAIL_RETRIES": 0}])
def test_a_send_failing_for_the_last_time_is_logged_and_the_request_succeeds(app, people, addresses, unit_id,
                                                                             caplog):
    with caplog.at_level(logging.ERROR, logger="service.jobs"):
        case = Cycle(people, unit_id(BINH_LU))  # nobody listens on that port

    assert case.refresh()["status"] == "active"
    assert "send_notification" in caplog.text and "given up" in caplog.text
    with app.app_context():
        notification = db.session.scalar(select(Notification).where(Notification.user_id == find_user("commune").id))
        assert notification.mailed_at is None


def test_mail_is_off_by_default(make_app):
    assert make_app().config["OCOP_MAIL_ENABLED"] is False
