"""E-mail of notifications across real processes: worker processes of `flask --app wsgi ocop worker`
take the jobs from a SQLite queue file (and from Redis too when TEST_REDIS_URL is set, e.g.
redis://127.0.0.1:6379/15, whose queue the tests empty), on the test database, and send to a
local SMTP server.

Each mail arrives exactly once: after the commit and never after a rollback, after a retry when
the server was down, with two workers on one queue, and after a worker was killed (kill -9)
while its job waited for a retry.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from service import jobs
from service.demo.seed import find_user
from service.extensions import db
from service.notifications.mail import send_notification
from service.notifications.models import Notification
from service.tasks import operations
from tests.cycle import Cycle
from tests.mailbox import Mailbox

REPO = Path(__file__).resolve().parents[2]
BINH_LU = "Tam Đường/Bình Lư"
DEADLINE = 60  # seconds: a worker starts in a few seconds, a retry comes after one


def wait_until(condition, what, workers):
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {DEADLINE} s; worker logs:\n{workers.logs()}")
        time.sleep(0.1)


class Workers:
    """`flask --app wsgi ocop worker` processes on the queue file and database of the test."""

    def __init__(self, environment, folder):
        self.environment = environment
        self.folder = folder
        self.processes = []

    def start(self):
        log = (self.folder / f"worker-{len(self.processes) + 1}.log").open("wb")
        process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "ocop", "worker"], cwd=REPO,
                                   env=self.environment, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.processes.append(process)
        return process

    def logs(self):
        return "\n".join(path.read_text(errors="replace")[-3000:] for path in sorted(self.folder.glob("worker-*.log")))

    def kill_all(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


@pytest.fixture
def mailbox():
    """The SMTP server's port is known from the start; a test starts the server when it wants it up."""
    server = Mailbox()
    yield server
    server.stop()


def _queues():
    queues = [pytest.param(None, id="sqlite-queue")]
    if os.environ.get("TEST_REDIS_URL"):
        queues.append(pytest.param(os.environ["TEST_REDIS_URL"], id="redis-queue"))
    return queues


@pytest.fixture(params=_queues())
def redis_url(request):
    return request.param


@pytest.fixture
def retry_delay():
    return 1


@pytest.fixture
def queueing_settings(mailbox, redis_url, retry_delay):
    """`queueing_app` mails through the test's SMTP server, its queue in Redis when `redis_url` is set."""
    return {"OCOP_MAIL_ENABLED": True, "OCOP_SMTP_HOST": "127.0.0.1", "OCOP_SMTP_PORT": mailbox.port,
            "OCOP_BASE_URL": "https://ocop.example", "OCOP_REDIS_URL": redis_url, "OCOP_MAIL_RETRIES": 5,
            "OCOP_MAIL_RETRY_DELAY": retry_delay}


@pytest.fixture
def app(queueing_app):
    """The application queueing its jobs for worker processes, on an empty queue."""
    return queueing_app


@pytest.fixture
def workers(app, database_url, mailbox, redis_url, tmp_path):
    environment = {**os.environ, "OCOP_CONFIG": "test", "TEST_DATABASE_URL": database_url,
                   "OCOP_JOBS_IMMEDIATE": "0", "OCOP_REDIS_URL": redis_url or "",
                   "OCOP_JOB_QUEUE_FILE": app.config["OCOP_JOB_QUEUE_FILE"],
                   "OCOP_MAIL_ENABLED": "1", "OCOP_SMTP_HOST": "127.0.0.1", "OCOP_SMTP_PORT": str(mailbox.port),
                   "OCOP_BASE_URL": "https://ocop.example",
                   "OCOP_ATTACHMENT_FOLDER": app.config["OCOP_ATTACHMENT_FOLDER"]}
    running = Workers(environment, tmp_path)
    yield running
    running.kill_all()


def queue_is_empty(app):
    queue = app.extensions["ocop_jobs"]
    return queue.pending_count() == 0 and queue.scheduled_count() == 0


def settled(app, workers):
    """Until nothing waits in the queue, then a little longer for a job a worker may still run."""
    wait_until(lambda: queue_is_empty(app), "empty queue", workers)
    time.sleep(2)


def test_a_committed_action_mails_once_and_a_rolled_back_one_never(app, people, addresses, mailbox, workers,
                                                                    unit_id):
    mailbox.start()
    workers.start()
    case = Cycle(people, unit_id(BINH_LU))
    wait_until(lambda: mailbox.to("commune@example.vn"), "mail to the commune officer", workers)
    task_id = case.task("commune", "commune_check_idea")["id"]

    with app.app_context():
        operations.complete(task_id, find_user("commune"), {"decision": "forward"})
        db.session.flush()
        db.session.rollback()
    assert app.extensions["ocop_jobs"].pending_count() == 0
    with app.app_context():
        operations.complete(task_id, find_user("commune"), {"decision": "forward"})
        db.session.commit()
    wait_until(lambda: mailbox.to("district@example.vn"), "mail to the district office", workers)
    settled(app, workers)

    [idea] = mailbox.to("commune@example.vn")
    assert idea["Subject"] == "OCOP Lai Châu: Nhiệm vụ mới bạn có thể nhận / A new task you can claim"
    assert case.case["reference"] in idea.get_content() and "https://ocop.example/notifications" in idea.get_content()
    [review] = mailbox.to("district@example.vn")
    assert "Huyện xét duyệt ý tưởng" in review.get_content()
    assert len(mailbox.messages) == 2
    with app.app_context():
        assert all(n.mailed_at for n in db.session.scalars(select(Notification).where(
            Notification.user_id.in_([find_user("commune").id, find_user("district").id]))))


def scheduled_for_retry(app):
    return app.extensions["ocop_jobs"].scheduled_count() == 1


def test_a_mail_the_server_could_not_take_arrives_once_after_a_retry(app, people, addresses, mailbox, workers,
                                                                      unit_id):
    workers.start()  # the SMTP server is down
    Cycle(people, unit_id(BINH_LU))
    wait_until(lambda: scheduled_for_retry(app), "job waiting for its retry", workers)
    with app.app_context():
        notification = db.session.scalar(select(Notification).where(Notification.user_id == find_user("commune").id))
        assert notification.mailed_at is None

    mailbox.start()
    wait_until(lambda: mailbox.messages, "mail after the retry", workers)
    settled(app, workers)

    assert len(mailbox.to("commune@example.vn")) == 1 and len(mailbox.messages) == 1


def test_two_workers_on_one_queue_send_each_mail_once(app, people, addresses, mailbox, workers, unit_id):
    cases = [Cycle(people, unit_id(BINH_LU), product_name=f"Miến dong {number}") for number in range(8)]
    with app.app_context():
        notification_ids = db.session.scalars(select(Notification.id).where(
            Notification.user_id == find_user("commune").id)).all()
        for notification_id in notification_ids:  # each job a second time: the workers race for every mail
            jobs.enqueue(send_notification, notification_id)
    assert len(notification_ids) == 8 and app.extensions["ocop_jobs"].pending_count() == 16

    mailbox.start()
    workers.start()
    workers.start()
    wait_until(lambda: len(mailbox.messages) >= 8, "eight mails", workers)
    settled(app, workers)

    references = sorted(case.case["reference"] for case in cases)
    mailed = sorted(reference for reference in references for message in mailbox.messages
                    if reference in message.get_content())
    assert len(mailbox.messages) == 8 and mailed == references


@pytest.mark.parametrize("retry_delay", [4])  # time enough to kill the worker before the retry
def test_a_job_waiting_when_its_worker_is_killed_is_sent_once_by_the_next_worker(app, people, addresses, mailbox,
                                                                                 workers, unit_id):
    first = workers.start()  # the SMTP server is down
    Cycle(people, unit_id(BINH_LU))
    wait_until(lambda: scheduled_for_retry(app), "job waiting for its retry", workers)

    first.kill()  # kill -9
    first.wait(timeout=10)
    mailbox.start()
    time.sleep(2)
    assert mailbox.messages == [] and scheduled_for_retry(app)
    workers.start()
    wait_until(lambda: mailbox.messages, "mail from the next worker", workers)
    settled(app, workers)

    assert len(mailbox.to("commune@example.vn")) == 1 and len(mailbox.messages) == 1


def test_the_worker_refuses_to_start_when_jobs_run_where_they_are_queued(make_app):
    result = make_app(OCOP_JOBS_IMMEDIATE=True).test_cli_runner().invoke(args=["ocop", "worker"])

    assert result.exit_code == 1 and "OCOP_JOBS_IMMEDIATE is on" in result.output
