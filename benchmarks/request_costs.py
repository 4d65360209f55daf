"""What each request of the load scenario costs the server's process, through the in-process client:

    .venv/bin/python -m benchmarks.request_costs [--postgresql URL] [--country] [--repeat 20] [--profile FOLDER]

For each request of `benchmarks/locustfile.py` and its web equivalents (sign in by the API and by the
page, the API inbox and the web inbox, a task page, a completion by the API and by the form, an idea's
submission, the case page, and `GET /api/v1/me` for what every request pays), prints the median CPU
time of this process (`time.process_time`: on SQLite it holds all the work, on PostgreSQL all but the
database server's) and the SQL statements it sent. With `--profile`, writes one cProfile file per
request (`python -m pstats FILE`). The accounts keep the configured scrypt hash, as in production. With
`--country`, the demo's province sits in a country's directory (`directory.fill_directory`) with a commune officer
in each of its 10,248 communes (`lists.fill_lists`): a request of Lai Châu's should cost what it costs alone.
"""
import argparse
import cProfile
import re
import statistics
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event

from config import Config
from service.demo.seed import find_unit
from service.extensions import db

from . import cycle_costs
from .application import make_app
from .directory import fill_directory
from .lists import fill_lists

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
# the sign-in limits stay on (and in Redis with --redis), high enough for this one client
LIMITS = {"OCOP_SIGN_IN_LIMITS_PER_ACCOUNT": "100000 per minute", "OCOP_SIGN_IN_LIMITS_PER_ADDRESS": "100000 per minute"}
IDEA = {**cycle_costs.IDEA, "product_name": "Miến dong Bình Lư"}


class Meter:
    """Runs requests, keeping each one's CPU time and statements, and its profile when asked."""

    def __init__(self, app, profile):
        self.app, self.profile = app, profile
        self.times, self.statements, self.profiles = {}, {}, {}
        with app.app_context():
            self.engine = db.engine

    @contextmanager
    def measure(self, name):
        sent = []

        def count(_connection, _cursor, statement, *_args):
            sent.append(statement)

        event.listen(self.engine, "before_cursor_execute", count)
        profiler = self.profiles.setdefault(name, cProfile.Profile()) if self.profile else None
        start = time.process_time()
        if profiler:
            profiler.enable()
        try:
            yield
        finally:
            if profiler:
                profiler.disable()
            self.times.setdefault(name, []).append(time.process_time() - start)
            event.remove(self.engine, "before_cursor_execute", count)
            self.statements.setdefault(name, []).append(len(sent))

    def request(self, name, client, method, path, expect, **kwargs):
        with self.measure(name):
            response = client.open(path, method=method, **kwargs)
        assert response.status_code == expect, (name, response.status_code, response.get_data(as_text=True)[:500])
        return response


def signed_in(app, meter, username, page=False):
    client = app.test_client()
    if page:
        token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
        meter.request("sign in (page)", client, "POST", "/login", 302,
                      data={"username": username, "password": "demo", "csrf_token": token})
    else:
        meter.request("sign in (API)", client, "POST", "/api/v1/auth/login", 200,
                      json={"username": username, "password": "demo"})
    return client


def token_of(client, path):
    return TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def run(app, repeat, profile):
    meter = Meter(app, profile)
    with app.app_context():
        commune_id = find_unit("Tam Đường/Bình Lư").id
    for _ in range(repeat):
        signed_in(app, meter, "commune")
        signed_in(app, meter, "commune", page=True)
    producer, commune = signed_in(app, meter, "producer"), signed_in(app, meter, "commune", page=True)
    cases = []
    for number in range(2 * repeat + 2):
        response = meter.request("submit an idea (API)", producer, "POST", "/api/v1/cases", 201,
                                 json={**IDEA, "product_name": f"Miến dong {number}", "commune_id": commune_id})
        cases.append(response.get_json()["id"])
    for _ in range(repeat):
        meter.request("me (API)", commune, "GET", "/api/v1/me", 200)
        meter.request("inbox (API)", commune, "GET", "/api/v1/tasks?scope=claimable&step=commune_check_idea", 200)
        meter.request("inbox (page)", commune, "GET", "/inbox?tab=claimable", 200)
    tasks = [item["id"] for item in commune.get(f"/api/v1/tasks?scope=claimable&per_page={len(cases)}")
             .get_json()["items"]]
    token = token_of(commune, "/inbox")
    for task_id in tasks[:repeat]:
        meter.request("task page", commune, "GET", f"/tasks/{task_id}", 200)
        meter.request("complete (form)", commune, "POST", f"/tasks/{task_id}", 302,
                      data={"decision": "forward", "csrf_token": token})
    for task_id in tasks[repeat:2 * repeat]:
        meter.request("claim (API)", commune, "POST", f"/api/v1/tasks/{task_id}/claim", 200)
        meter.request("complete (API)", commune, "POST", f"/api/v1/tasks/{task_id}/complete", 200,
                      json={"data": {"decision": "forward"}})
    for case_id in cases[:repeat]:
        meter.request("case page", commune, "GET", f"/cases/{case_id}", 200)
        meter.request("case (API)", commune, "GET", f"/api/v1/cases/{case_id}", 200)
    return meter


def report(meter, name, folder):
    print(f"{name}: {'request':<24}{'CPU ms (median)':>16}{'statements':>12}")
    for request, times in meter.times.items():
        counts = meter.statements[request]
        shown = str(min(counts)) if min(counts) == max(counts) else f"{min(counts)}-{max(counts)}"
        print(f"{name}: {request:<24}{statistics.median(times) * 1000:>16.1f}{shown:>12}")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            meter.profiles[request].dump_stats(Path(folder) / f"{name}-{request.replace(' ', '_')}.prof")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgresql", help="an empty PostgreSQL database (postgresql+psycopg://...); emptied")
    parser.add_argument("--redis", help="a Redis database for the sign-in counts (redis://...), as with OCOP_REDIS_URL")
    parser.add_argument("--country", action="store_true", help="a country's directory, an officer per commune")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", help="a folder for one cProfile file per request")
    args = parser.parse_args()
    databases = [("SQLite", None)] + ([("PostgreSQL", args.postgresql)] if args.postgresql else [])
    for name, url in databases:
        app = make_app(url, OCOP_PASSWORD_HASH=Config.OCOP_PASSWORD_HASH, RATELIMIT_ENABLED=True, **LIMITS,
                         RATELIMIT_STORAGE_URI=args.redis or "memory://")
        if args.country:
            with app.app_context():
                fill_directory(63, 11, 15)
                fill_lists(0, 0, 0)
        report(run(app, args.repeat, args.profile), name, args.profile)


if __name__ == "__main__":
    main()
