"""E-mail of notifications, through a local SMTP server: sent after commit, never on rollback,
never blocking or failing a request."""
import logging
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from service.demo.seed import find_user
from service.extensions import db
from service.notifications.models import Notification
from service.tasks import operations
from tests.cycle import Cycle

BINH_LU = "Tam Đường/Bình Lư"


class Mailbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    mailbox.port = controller.port
    yield mailbox
    controller.stop()


@pytest.fixture
def app(make_app, smtp):
    """The application with e-mail on, sending to the local SMTP server."""
    return make_app(OCOP_MAIL_ENABLED=True, OCOP_SMTP_HOST="127.0.0.1", OCOP_SMTP_PORT=smtp.port,
                    OCOP_BASE_URL="https://ocop.example")


@pytest.fixture
def addresses(app, demo):
    with app.app_context():
        for username in ("producer", "commune", "district"):
            find_user(username).email = f"{username}@example.vn"
        db.session.commit()


def sent(app):
    app.extensions["ocop_mail"].wait()


def test_the_commune_officer_gets_an_email_for_a_new_idea(app, people, addresses, smtp, unit_id):
    case = Cycle(people, unit_id(BINH_LU))
    sent(app)

    [mail] = smtp.to("commune@example.vn")
    assert mail["Subject"] == "OCOP Lai Châu: Nhiệm vụ mới bạn có thể nhận / A new task you can claim"
    body = mail.get_content()
    assert case.case["reference"] in body and "Xã kiểm tra ý tưởng" in body and "Commune checks the idea" in body
    assert "https://ocop.example/notifications" in body
    assert smtp.to("district@example.vn") == [] and smtp.to("producer@example.vn") == []


def test_mail_waits_for_the_commit_and_a_rollback_sends_nothing(app, people, addresses, smtp, unit_id):
    case = Cycle(people, unit_id(BINH_LU))
    task_id = case.task("commune", "commune_check_idea")["id"]
    sent(app)
    before = len(smtp.messages)

    with app.app_context():
        operations.complete(task_id, find_user("commune"), {"decision": "forward"})
        db.session.flush()
        sent(app)
        assert len(smtp.messages) == before
        db.session.rollback()
    sent(app)
    assert len(smtp.messages) == before
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.user_id == find_user("district").id)) == 0

    with app.app_context():
        operations.complete(task_id, find_user("commune"), {"decision": "forward"})
        db.session.commit()
    sent(app)
    [mail] = smtp.to("district@example.vn")
    assert "Huyện xét duyệt ý tưởng" in mail.get_content()


def test_a_completion_refused_by_validation_sends_nothing(app, people, addresses, smtp, unit_id):
    case = Cycle(people, unit_id(BINH_LU))
    sent(app)
    before = len(smtp.messages)

    case.complete("commune", "commune_check_idea", {"decision": "maybe"}, expect=422)
    sent(app)
    assert len(smtp.messages) == before


def test_a_failed_send_is_logged_and_the_request_succeeds(app, people, addresses, unit_id, caplog):
    app.extensions["ocop_mail"].port = free_port()  # nobody listens there
    with caplog.at_level(logging.ERROR, logger="service.notifications.mail"):
        Cycle(people, unit_id(BINH_LU))
        sent(app)

    assert "could not send" in caplog.text


def test_mail_is_off_by_default(make_app):
    assert make_app().config["OCOP_MAIL_ENABLED"] is False
