"""Submitting an idea is one transaction and safe to retry: a lost answer never makes a second case."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from service.cases.models import Case, WorkflowState
from service.incidents.models import Incident
from service.extensions import db
from service.tasks.models import HumanTask
from tests.cycle import IDEA
from tests.server import ServerProcess
from tests.service.test_incidents import DIAGRAM, upload


def idea(commune_id, **changes):
    return {**IDEA, "commune_id": commune_id, **changes}


def test_a_retry_with_the_same_idempotency_key_gets_the_first_case(people, unit_id):
    body = idea(unit_id("Tam Đường/Bình Lư"))
    first = people["producer"].post("/api/v1/cases", json=body, headers={"Idempotency-Key": "idea-1"})
    again = people["producer"].post("/api/v1/cases", json=body, headers={"Idempotency-Key": "idea-1"})
    assert first.status_code == again.status_code == 201
    assert again.json["id"] == first.json["id"] and again.json["reference"] == first.json["reference"]
    assert "Idempotent-Replayed" not in first.headers and again.headers["Idempotent-Replayed"] == "true"
    assert people["producer"].get("/api/v1/cases").json["total"] == 1
    other = people["producer"].post("/api/v1/cases", json=body, headers={"Idempotency-Key": "idea-2"})
    assert other.status_code == 201 and other.json["id"] != first.json["id"]


def test_the_same_key_with_another_idea_is_refused(people, unit_id):
    people["producer"].post("/api/v1/cases", json=idea(unit_id("Tam Đường/Bình Lư")), headers={"Idempotency-Key": "k"})
    response = people["producer"].post("/api/v1/cases", json=idea(unit_id("Tam Đường/Bình Lư"), product_name="Chè"),
                                       headers={"Idempotency-Key": "k"})
    assert response.status_code == 422 and response.json["error"] == "submission_key_reused"
    assert " / " in response.json["message"]


def test_keys_belong_to_their_submitter(people, unit_id):
    mine = people["producer"].post("/api/v1/cases", json=idea(unit_id("Tam Đường/Bình Lư")),
                                   headers={"Idempotency-Key": "shared"})
    theirs = people["producer-2"].post("/api/v1/cases", json=idea(unit_id("Than Uyên/Mường Mít")),
                                       headers={"Idempotency-Key": "shared"})
    assert mine.status_code == theirs.status_code == 201 and mine.json["id"] != theirs.json["id"]


def test_a_malformed_key_answers_400(people, unit_id):
    for key in ("", "a b", "x" * 101, "khoá"):
        response = people["producer"].post("/api/v1/cases", json=idea(unit_id("Tam Đường/Bình Lư")),
                                           headers={"Idempotency-Key": key.encode("utf-8").decode("latin-1")})
        assert response.status_code == 400 and response.json["error"] == "bad_submission_key", key
    assert people["producer"].get("/api/v1/cases").json["total"] == 0


def test_two_requests_with_one_key_at_once_make_one_case(people, unit_id, auth):
    body, clients = idea(unit_id("Tam Đường/Bình Lư")), [auth.login("producer"), auth.login("producer")]
    barrier, answers = threading.Barrier(2), []

    def submit(client):
        barrier.wait()
        answers.append(client.post("/api/v1/cases", json=body, headers={"Idempotency-Key": "double-click"}))

    threads = [threading.Thread(target=submit, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    created = [answer for answer in answers if answer.status_code == 201]
    assert created and {answer.json["id"] for answer in created} == {created[0].json["id"]}
    assert all(answer.status_code in (201, 409) for answer in answers), [a.get_json() for a in answers]
    assert people["producer"].get("/api/v1/cases").json["total"] == 1


def test_a_submission_whose_start_fails_is_one_case_kept_as_an_incident_and_a_retry_returns_it(people, unit_id):
    broken = DIAGRAM.replace(b"idea_returns = 0\n", b"idea_returns = idea['missing']\n")
    assert upload(people["admin"], broken).status_code == 201
    body = idea(unit_id("Tam Đường/Bình Lư"))
    first = people["producer"].post("/api/v1/cases", json=body, headers={"Idempotency-Key": "broken-start"})
    assert first.status_code == 409 and first.json["error"] == "incident"
    again = people["producer"].post("/api/v1/cases", json=body, headers={"Idempotency-Key": "broken-start"})
    assert again.status_code == 201 and again.json["status"] == "incident"
    assert again.json["incidents"] and people["producer"].get("/api/v1/cases").json["total"] == 1


def test_the_web_form_posted_twice_makes_one_case(people, unit_id, auth, app):
    client = auth.login("producer")
    page = client.get("/cases/new").get_data(as_text=True)
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    form = {"csrf_token": csrf, "submission_token": token, "product_name": "Miến dong",
            "product_group": IDEA["product_group"], "product_subgroup": IDEA["product_subgroup"],
            "description": "Miến"}
    first, second = client.post("/cases/new", data=form), client.post("/cases/new", data=form)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert "đã được gửi trước đó" in client.get(second.headers["Location"]).get_data(as_text=True)
    assert people["producer"].get("/api/v1/cases").json["total"] == 1
    fresh = client.get("/cases/new").get_data(as_text=True)
    assert f'value="{token}"' not in fresh


def test_killing_the_server_mid_submission_leaves_whole_cases_and_retries_make_no_duplicates(
        app, programme, unit_id, database_url, tmp_path):
    """kill -9 of gunicorn while producers submit; after the restart every lost answer is retried."""
    body, keys = idea(unit_id("Tam Đường/Bình Lư")), iter(range(10_000))
    answered, tried, lock = {}, [], threading.Lock()
    with ServerProcess(database_url, tmp_path) as server:
        clients = [server.client().sign_in("producer") for _ in range(4)]

        def submit_until_killed(client, stop):
            while not stop.is_set():
                with lock:
                    key = f"idea-{next(keys)}"
                    tried.append(key)
                try:
                    status, _, case = client.send("POST", "/api/v1/cases", body, {"Idempotency-Key": key})
                except OSError:
                    continue  # the answer was lost with the server
                if status == 201:
                    answered[key] = case["id"]

        for _ in range(3):
            stop = threading.Event()
            with ThreadPoolExecutor(len(clients)) as pool:
                for client in clients:
                    pool.submit(submit_until_killed, client, stop)
                time.sleep(1.5)
                server.kill()
                stop.set()
            server.start()

        retried = {}
        for key in tried:
            for _ in range(5):
                status, _, case = clients[0].send("POST", "/api/v1/cases", body, {"Idempotency-Key": key})
                if status == 201:
                    retried[key] = case["id"]
                    break
            assert key in retried, (key, status, case)

    assert answered and all(retried[key] == case_id for key, case_id in answered.items())
    with app.app_context():
        cases = db.session.scalars(select(Case)).all()
        assert sorted(case.id for case in cases) == sorted(retried.values())
        for case in cases:
            has_state = db.session.get(WorkflowState, case.id) is not None
            open_tasks = db.session.scalar(select(func.count()).select_from(HumanTask).where(
                HumanTask.case_id == case.id, HumanTask.status == "open"))
            incidents = db.session.scalar(select(func.count()).select_from(Incident).where(Incident.case_id == case.id))
            assert (has_state and open_tasks == 1) or (case.status == "incident" and incidents == 1), case.reference
