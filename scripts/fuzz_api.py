"""Fuzz the API from its OpenAPI document as an administrator, a district official and a producer.

    .venv/bin/python -m scripts.fuzz_api [--max-examples 100] [--seed N] [--roles admin,district,producer]

Builds a temporary SQLite database with the demo data, the bundled process and a few cases at
different steps, serves the application on a free port of 127.0.0.1 and, for each role, signs
in and runs Schemathesis (every phase: examples, coverage, fuzzing, stateful) against
/api/openapi.json with that role's session cookie; half of the time a path parameter takes one
of the ids that exist, so that requests reach the operations behind them. The server counts
every answer of status 500 or more (and every exception that escapes the application); the
script prints them per role with the errors the service logged, and exits 1 when there is
any. Schemathesis' other checks (schema conformance...) are left out: this run is about the
service never failing, whatever it is sent. About five minutes on two cores.
"""
import argparse
import logging
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import requests
from sqlalchemy import select

from service.demo.data import DEMO_PASSWORD
from service.cases.models import Case
from service.demo.seed import find_unit
from service.extensions import db
from service.process_models.models import ProcessModel
from service.tasks.models import HumanTask
from tests.browser.harness import LiveServer, demo_app
from tests.cycle import Cycle

ROLES = ("admin", "district", "producer")
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


class ServerErrors:
    """WSGI middleware: remembers every answer of status 500 or more (method, path, status), and every
    exception that escapes the application (the server then answers 500 itself)."""

    def __init__(self, wsgi_app):
        self.wsgi_app, self.seen = wsgi_app, Counter()

    def __call__(self, environ, start_response):
        request = (environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""))

        def recording_start_response(status, headers, exc_info=None):
            if int(status.split(" ", 1)[0]) >= 500:
                self.seen[(*request, status)] += 1
            return start_response(status, headers, exc_info)

        try:
            return self.wsgi_app(environ, recording_start_response)
        except Exception as error:
            self.seen[(*request, f"500 (escaped: {type(error).__name__}: {str(error)[:120]})")] += 1
            raise


class LoggedErrors(logging.Handler):
    """The first line and last frame of each error the service logged with its exception."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.seen = Counter()

    def emit(self, record):
        if record.exc_info:
            error = record.exc_info[1]
            frame = error.__traceback__
            while frame and frame.tb_next:
                frame = frame.tb_next
            where = f"{frame.tb_frame.f_code.co_filename}:{frame.tb_lineno}" if frame else "?"
            self.seen[f"{record.getMessage()}: {type(error).__name__}: {str(error)[:200]} ({where})"] += 1


def sample_cases(app):
    """A few cases for the fuzzed ids to meet: one submitted, one forwarded, one accepted by the district.

    Returns the ids that exist, per path parameter, for Schemathesis to use half of the time.
    """
    people = {}
    for username in ("producer", "commune", "district", "admin"):
        people[username] = app.test_client()
        people[username].post("/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD})
    with app.app_context():
        bình_lư = find_unit("Tam Đường/Bình Lư").id
    for steps in ([], ["commune"], ["commune", "district"]):
        case = Cycle(people, bình_lư)
        if "commune" in steps:
            case.decide("commune", "commune_check_idea", "forward")
        if "district" in steps:
            case.decide("district", "district_review_idea", "accept")
    with app.app_context():
        return {"case_id": db.session.scalars(select(Case.id)).all(),
                "task_id": db.session.scalars(select(HumanTask.id)).all(),
                "model_id": db.session.scalars(select(ProcessModel.id)).all()}


def write_config(folder, known_ids):
    """A schemathesis.toml giving the known ids of each path parameter as a dictionary used half of the time."""
    lines = ["[dictionaries]"]
    lines += [f"{name} = {{ values = {ids} }}" for name, ids in known_ids.items()]
    lines += ["", "[parameters]"]
    lines += [f'"path.{name}" = {{ dictionary = "{name}", probability = 0.5 }}' for name in known_ids]
    path = folder / "schemathesis.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def signed_in(base_url, username):
    session = requests.Session()
    response = session.post(f"{base_url}/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD})
    response.raise_for_status()
    return session


def fuzz(base_url, role, max_examples, seed, config, report_dir):
    """Run every phase of Schemathesis as `role`; its own exit code is not ours to judge (see the module)."""
    cookie = signed_in(base_url, role).cookies["session"]
    command = [str(SCHEMATHESIS), "--config-file", str(config), "run", f"{base_url}/api/openapi.json",
               "--phases", "examples,coverage,fuzzing,stateful", "--checks", "not_a_server_error",
               "--max-examples", str(max_examples), *(["--seed", str(seed)] if seed is not None else []),
               "--workers", "1", "--request-timeout", "30", "--no-color", "--report", "junit",
               "--report-dir", str(report_dir / role), "-H", f"Cookie: session={cookie}"]
    # signing out clears the cookie of one answer only: the session cookie sent with every request stays valid
    return subprocess.run(command, cwd=config.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=1200).stdout  # in the temporary folder, which also keeps Schemathesis' cache


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=100, help="examples per operation and phase")
    parser.add_argument("--seed", type=int, help="Schemathesis' random seed (default: a new one, printed)")
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--verbose", action="store_true", help="print Schemathesis' own output")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="ocop-fuzz-"))
    app = demo_app(folder)
    server_errors, logged_errors = ServerErrors(app.wsgi_app), LoggedErrors()
    app.wsgi_app = server_errors
    app.logger.addHandler(logged_errors)
    app.logger.propagate = False
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = LiveServer(app)
    try:
        config = write_config(folder, sample_cases(app))
        totals = {}
        for role in args.roles.split(","):
            before = sum(server_errors.seen.values())
            output = fuzz(server.url, role, args.max_examples, args.seed, config, folder / "reports")
            totals[role] = sum(server_errors.seen.values()) - before
            lines = [line.strip() for line in output.splitlines()]
            cases = lines[lines.index("Test cases:") + 1] if "Test cases:" in lines else "no summary"
            seed = next((line for line in lines if line.startswith("Seed:")), "")
            print(f"{role}: {totals[role]} server errors ({cases}; {seed})", flush=True)
            if args.verbose:
                print(output)
    finally:
        server.stop()
    for (method, path, status), count in sorted(server_errors.seen.items()):
        print(f"  {status}  {method} {path}  x{count}")
    for message, count in logged_errors.seen.most_common():
        print(f"  logged x{count}: {message}")
    print(f"server errors: {sum(totals.values())} ({', '.join(f'{role} {n}' for role, n in totals.items())}); "
          f"reports in {folder / 'reports'}")
    return 1 if any(totals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
