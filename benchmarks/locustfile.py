"""Producers and officials at once, through the API: sign in, submit ideas, work the inbox,
claim and complete tasks. Run by `benchmarks/load.py` (`make load`), which sets:

- LOAD_HOSTS: the app servers, comma-separated (each simulated user keeps one, in turn);
- LOAD_COMMUNE_ID: the commune the ideas are submitted in (its officer is the demo `commune`);
- LOAD_WAIT: each user's pause between two tasks, "min,max" seconds (default "0.5,2": a person at work;
  the pause alone caps 50 users at about 27 completions/s, whatever the server; "0,0" measures the server);
- LOAD_ACCEPTED: a file that receives the ids of the cases the service answered 201 for, one a line,
  so that the check afterwards finds each of them (requests still running when locust stops are
  not counted by locust but may be written by the service).

Each simulated user signs in once, when it starts, and keeps its session cookie for every request after.
Two officials may take the same task at once: the loser's 409 is the service's answer, not an
error, and is counted apart, under "409 taken (claim)" or "409 taken (complete)", so that the
"complete" line counts only the completions the service made.
"""
import itertools
import os
import random
import uuid

from locust import HttpUser, between, events, task

HOSTS = itertools.cycle(os.environ.get("LOAD_HOSTS", "http://127.0.0.1:8101").split(","))
COMMUNE_ID = int(os.environ.get("LOAD_COMMUNE_ID", "0"))
WAIT = [float(seconds) for seconds in os.environ.get("LOAD_WAIT", "0.5,2").split(",")]
PASSWORD = "demo"
ACCEPTED = []
BUSINESS_PLAN = {"summary": "Mở rộng sản xuất miến dong", "target_market": "Lai Châu, Hà Nội",
                 "production_capacity": "20 tấn/năm", "investment_vnd": 500_000_000, "timeline": "2020-2021"}


class Person(HttpUser):
    abstract = True
    wait_time = between(*WAIT)
    username = None

    def on_start(self):
        self.client.base_url = next(HOSTS)
        self.client.post("/api/v1/auth/login", json={"username": self.username, "password": PASSWORD},
                         name="sign in")

    def work(self, step, data, scope="claimable", claim=True):
        """Take one task of `step` from the inbox (a random one of the first page), claim it and complete it."""
        with self.client.get("/api/v1/tasks", params={"scope": scope, "step": step}, name=f"inbox {scope}",
                             catch_response=True) as response:
            items = response.json().get("items", []) if response.ok else []
        if not items:
            return
        task_id = random.choice(items)["id"]
        if claim and not self._taken(self.client.post(f"/api/v1/tasks/{task_id}/claim", name="claim",
                                                      catch_response=True)):
            return
        self._taken(self.client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": data}, name="complete",
                                     catch_response=True))

    def _taken(self, response):
        """True when the request succeeded; a 409 (someone else was first) is counted apart, not as a success."""
        with response:
            if response.status_code == 409:
                response.request_meta["name"] = f"409 taken ({response.request_meta['name']})"
                response.success()
                return False
        return response.ok


class Producer(Person):
    weight = 2
    username = "producer"

    @task(2)
    def submit_idea(self):
        response = self.client.post("/api/v1/cases", name="submit idea", headers={
            "Idempotency-Key": str(uuid.uuid4())}, json={
            "product_name": f"Miến dong {uuid.uuid4().hex[:8]}", "product_group": "thuc_pham",
            "product_subgroup": "thuc_pham_che_bien", "description": "Miến làm từ củ dong riềng",
            "entity_name": "HTX Nông nghiệp và Dịch vụ Bình Lư", "entity_type": "cooperative",
            "commune_id": COMMUNE_ID})
        if response.status_code == 201:
            ACCEPTED.append(response.json()["id"])

    @task(1)
    def send_business_plan(self):
        self.work("submit_business_plan", BUSINESS_PLAN, scope="mine", claim=False)


class CommuneOfficer(Person):
    weight = 1
    username = "commune"

    @task
    def check_idea(self):
        self.work("commune_check_idea", {"decision": "forward"})


class DistrictOfficer(Person):
    weight = 1
    username = "district"

    @task(2)
    def review_idea(self):
        self.work("district_review_idea", {"decision": "accept"})

    @task(1)
    def review_plan(self):
        self.work("district_review_plan", {"decision": "approve"})


@events.quitting.add_listener
def keep_accepted(environment, **kwargs):
    if os.environ.get("LOAD_ACCEPTED"):
        with open(os.environ["LOAD_ACCEPTED"], "w") as accepted:
            accepted.writelines(f"{case_id}\n" for case_id in ACCEPTED)
