"""Acting on the service from a fresh Python process, as another gunicorn worker or a restarted one would.

Each call runs in a new process, forked from a server process that has imported the service's modules and done
nothing else (multiprocessing's "forkserver": nothing parsed, cached or connected in the test's own process is
there, and the imports are not paid again for each call), builds the application on the same database
with the service's clock set to `at`, does one thing and returns what came of it:

- `request_in_fresh_process(database_url, at, username, method, path, json)`: signs a demo
  account in and sends one API request; returns (status, JSON body).
- `complete_in_fresh_process(cycle, database_url, at, username, step, data)`: that user's task
  of the case at `step`, completed.
- `requests_at_once_in_fresh_processes(database_url, at, requests)`: each (username, method,
  path, json) in a fresh process of its own, all sent at the same moment (a barrier); returns
  [(status, JSON body)] in the same order.
- `fire_timers_in_fresh_process(database_url, at)`: `flask ocop timers` once; returns its output.
- `timers_at_once_in_fresh_processes(database_url, at, count)`: `flask ocop timers` in `count` fresh
  processes started at the same moment (a barrier); returns their outputs.
"""
import multiprocessing
from datetime import datetime

TIMEOUT = 120


def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["config", "service"])
    return context


def _in_fresh_process(function, *args):
    context = _context()
    with context.Pool(1) as pool:
        return pool.apply_async(function, args).get(TIMEOUT)


def request_in_fresh_process(database_url, at, username, method, path, json=None):
    return _in_fresh_process(_request, database_url, at.isoformat(), username, method, path, json)


def requests_at_once_in_fresh_processes(database_url, at, requests):
    context = _context()
    with context.Manager() as manager, context.Pool(len(requests)) as pool:
        barrier = manager.Barrier(len(requests))
        pending = [pool.apply_async(_request, (database_url, at.isoformat(), *request, barrier))
                   for request in requests]
        return [answer.get(TIMEOUT) for answer in pending]


def complete_in_fresh_process(cycle, database_url, at, username, step, data):
    task = cycle.task(username, step)
    return request_in_fresh_process(database_url, at, username, "POST", f"/api/v1/tasks/{task['id']}/complete",
                                    {"data": data})


def fire_timers_in_fresh_process(database_url, at):
    return _in_fresh_process(_fire_timers, database_url, at.isoformat())


def timers_at_once_in_fresh_processes(database_url, at, count):
    context = _context()
    with context.Manager() as manager, context.Pool(count) as pool:
        barrier = manager.Barrier(count)
        pending = [pool.apply_async(_fire_timers, (database_url, at.isoformat(), barrier)) for _ in range(count)]
        return [answer.get(TIMEOUT) for answer in pending]


class _FixedClock:
    def __init__(self, at):
        self.at = at

    def now(self):
        return self.at


def _app(database_url, at):
    from config import TestConfig
    from service import clock, create_app

    clock.current = _FixedClock(datetime.fromisoformat(at))
    return create_app(type("Settings", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": database_url}))


def _request(database_url, at, username, method, path, json, barrier=None):
    from service.demo.data import DEMO_PASSWORD
    from service.extensions import db

    app = _app(database_url, at)
    try:
        client = app.test_client()
        signed_in = client.post("/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD})
        assert signed_in.status_code == 200, signed_in.get_json()
        if barrier is not None:
            barrier.wait(TIMEOUT)
        response = client.open(path, method=method, json=json)
        return response.status_code, response.get_json()
    finally:
        with app.app_context():
            db.engine.dispose()


def _fire_timers(database_url, at, barrier=None):
    from service.extensions import db

    app = _app(database_url, at)
    try:
        runner = app.test_cli_runner()
        if barrier is not None:
            barrier.wait(TIMEOUT)
        return runner.invoke(args=["ocop", "timers"]).output
    finally:
        with app.app_context():
            db.engine.dispose()
