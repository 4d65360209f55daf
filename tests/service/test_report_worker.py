"""A report built in the background by a real worker process (`flask --app wsgi ocop worker`) on a SQLite
queue file and the test database: the job's state lives in the database, so the web process reads the
worker's progress and its finished file; the same job queued twice is built once."""
import os
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from service import jobs
from service.reports.background import build_report
from tests.cycle import Cycle

REPO = Path(__file__).resolve().parents[2]
DEADLINE = 60  # seconds: a worker starts in a few seconds


@pytest.fixture
def app(queueing_app):
    """The application queueing its jobs for a worker process."""
    return queueing_app


@pytest.fixture
def worker(app, database_url, tmp_path):
    environment = {**os.environ, "OCOP_CONFIG": "test", "TEST_DATABASE_URL": database_url, "OCOP_JOBS_IMMEDIATE": "0",
                   "OCOP_REDIS_URL": "", "OCOP_JOB_QUEUE_FILE": app.config["OCOP_JOB_QUEUE_FILE"],
                   "OCOP_ATTACHMENT_FOLDER": app.config["OCOP_ATTACHMENT_FOLDER"]}
    log_path = tmp_path / "worker.log"

    def start():
        with log_path.open("wb") as log:
            processes.append(subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "ocop", "worker"],
                                              cwd=REPO, env=environment, stdout=log, stderr=subprocess.STDOUT))

    processes = []
    start.log = lambda: log_path.read_text(errors="replace")[-3000:] if log_path.exists() else ""
    yield start
    for process in processes:
        process.kill()
        process.wait(timeout=10)


def test_a_worker_process_builds_the_report_and_the_page_follows_its_progress(app, people, unit_id, worker):
    Cycle(people, unit_id("Tam Đường/Bình Lư"))
    province = people["province"]
    started = province.post("/api/v1/reports/programme/jobs", json={"from": "2020-01-01", "to": "2026-12-31"})
    assert started.status_code == 202, started.json
    location = started.headers["Location"]
    waiting = province.get(location).json
    assert waiting["state"] == "queued" and waiting["steps_done"] == 0 and waiting["download"] is None
    assert province.get(f"{location}.xlsx").json["error"] == "report_not_ready"
    page = province.get(f"/reports/jobs/{waiting['id']}").get_data(as_text=True)
    assert f'data-status-url="{location}"' in page and 'data-state="queued"' in page
    with app.app_context():
        jobs.enqueue(build_report, waiting["id"])  # the same job a second time: it is built once

    worker()
    deadline = time.monotonic() + DEADLINE
    while (status := province.get(location).json)["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, f"no report within {DEADLINE} s; worker log:\n{worker.log()}"
        time.sleep(0.2)

    assert status["state"] == "done", worker.log()
    assert status["steps_done"] == status["steps_total"] == 17  # the programme report's 16 tables, then the file
    book = load_workbook(BytesIO(province.get(status["download"]).data))
    assert book["Chủ thể theo loại hình"]["A4"].value == "Kỳ báo cáo: từ ngày 01/01/2020 đến ngày 31/12/2026"
    assert book["Chủ thể theo loại hình"].cell(row=10, column=2).value == 1  # Hợp tác xã, taking part
    deadline = time.monotonic() + 5
    while app.extensions["ocop_jobs"].pending_count():
        assert time.monotonic() < deadline, worker.log()
        time.sleep(0.2)
    time.sleep(1)
    files = list((Path(app.config["OCOP_ATTACHMENT_FOLDER"]) / "reports").glob("*.xlsx"))
    assert len(files) == 1
