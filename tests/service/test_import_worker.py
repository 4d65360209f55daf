"""An import read by a real worker process (`flask --app wsgi ocop worker`) on a SQLite queue file and the test
database: the upload is queued, the worker imports the rows and commits its progress in the import's row, which
the web process reads; the same import queued twice is run once."""
import time

from service import jobs
from service.imports.operations import run_import
from tests.service.test_imports import BAD, GOOD, filled
from tests.service.test_report_worker import DEADLINE, app, worker  # noqa: F401  (the worker's fixtures)


def test_a_worker_process_imports_the_rows_and_the_page_follows_its_progress(app, people, worker):  # noqa: F811
    province = people["province"]
    started = province.post("/api/v1/imports/certificates", data=filled(province, "certificates", [GOOD, BAD]),
                            content_type="multipart/form-data")
    assert started.status_code == 202, started.json
    location = started.headers["Location"]
    waiting = province.get(location).json
    assert (waiting["state"], waiting["steps_done"], waiting["steps_total"]) == ("queued", 0, 2)
    page = province.get(f"/imports/{waiting['id']}").get_data(as_text=True)
    assert f'data-status-url="{location}"' in page and 'data-state="queued"' in page and "job-progress.js" in page
    with app.app_context():
        jobs.enqueue(run_import, waiting["id"])  # the same import a second time: it runs once

    worker()
    deadline = time.monotonic() + DEADLINE
    while (status := province.get(location).json)["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, f"no import within {DEADLINE} s; worker log:\n{worker.log()}"
        time.sleep(0.2)

    assert status["state"] == "done", worker.log()
    assert (status["steps_done"], status["created"], status["skipped"], status["refused"]) == (2, 1, 0, 1)
    assert {problem["row"] for problem in status["problems"]} == {5}
    assert province.get("/api/v1/cases?q=Chè Shan tuyết Bình Lư").json["total"] == 1
    done = province.get(f"/imports/{status['id']}").get_data(as_text=True)
    assert 'data-testid="created">1<' in done and 'data-testid="problems"' in done
