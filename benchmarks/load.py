"""The service under load: gunicorn on PostgreSQL, locust's producers and officials, then a check
that nothing was doubled or lost.

    .venv/bin/python -m benchmarks.load --database postgresql+psycopg://postgres@127.0.0.1:5432/ocop_load
    make load LOAD_DATABASE_URL=... [LOAD_HOSTS=2]

The database is emptied, migrated and loaded with the demo data (`ocop seed-demo`: the demo
accounts keep the configured scrypt hash). With `--hosts 1`, one gunicorn -w 4; with `--hosts 2`,
two app servers (gunicorn -w 2 each, on two ports) on the same PostgreSQL and Redis, each with its
own `ocop timers --loop` and `ocop worker`, as on two machines. Locust (benchmarks/locustfile.py)
runs headless for `--time`, then the servers stop and `benchmarks/consistency.py` checks every
case, and that every idea the service accepted (201) was written. Prints throughput, p50/p95 and errors per
request, and the check's verdict (exit status 1 when a case is inconsistent or a request failed).

When the server's autovacuum is off (as on the machine of the README's figures), the run analyzes the tables every
10 s itself (`planner_statistics`), as autovacuum keeps their statistics in production. Otherwise the planner would
take the tables, which the run fills from nothing, for empty all along, and read them by plans that cost ten times
as much (the inbox's counts: 7 ms instead of 0.7 ms once the tables hold 2,000 tasks).
"""
import argparse
import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from . import consistency

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FIRST_PORT = 8101


def _environment(args, folder):
    return {**os.environ, "OCOP_CONFIG": "development", "DATABASE_URL": args.database,
            "OCOP_REDIS_URL": args.redis, "SECRET_KEY": "load-test-only", "OCOP_ATTACHMENT_FOLDER": str(folder),
            "OCOP_SIGN_IN_LIMITS_PER_ACCOUNT": "100000 per minute",
            "OCOP_SIGN_IN_LIMITS_PER_ADDRESS": "100000 per minute"}


def _run(command, env):
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(args, env):
    """An empty database with the demo data; the Redis database of the run emptied."""
    _run([BIN / "python", "-c", "import sys; from benchmarks.consistency import empty; empty(sys.argv[1])",
          args.database], env)
    _run([BIN / "flask", "--app", "wsgi", "db", "upgrade"], env)
    _run([BIN / "flask", "--app", "wsgi", "ocop", "seed-demo"], env)
    _run([BIN / "python", "-c", "import redis, sys; redis.Redis.from_url(sys.argv[1]).flushdb()", args.redis], env)


def start(args, env, logs):
    """The app servers, each with its timers loop and worker when there are several; [(process, url)]."""
    started, urls = [], []
    workers = 4 if args.hosts == 1 else 2
    for host in range(args.hosts):
        port = FIRST_PORT + host
        urls.append(f"http://127.0.0.1:{port}")
        commands = [[BIN / "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}", "wsgi:app"]]
        if args.hosts > 1:
            commands += [[BIN / "flask", "--app", "wsgi", "ocop", "timers", "--loop", "--interval", "5"],
                         [BIN / "flask", "--app", "wsgi", "ocop", "worker"]]
        for number, command in enumerate(commands):
            log = open(logs / f"host{host}-{number}.log", "w")  # noqa: SIM115 (open while the process runs)
            started.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True))
    for url in urls:
        _wait_for(url)
    return started, urls


def _wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/v1/me", timeout=5):
                return
        except urllib.error.HTTPError:
            return  # the server answers (401 before signing in)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def stop(processes):
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@contextmanager
def planner_statistics(url, every=10):
    """While the block runs, ANALYZE every `every` seconds if the server's autovacuum is off; yields whether it
    does."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        analyzing = connection.scalar(text("SHOW autovacuum")) == "off"
    stopped = threading.Event()

    def analyze():
        with engine.connect() as connection:
            while not stopped.wait(every):
                connection.execute(text("ANALYZE"))

    worker = threading.Thread(target=analyze, daemon=True)
    if analyzing:
        worker.start()
    try:
        yield analyzing
    finally:
        stopped.set()
        if analyzing:
            worker.join()
        engine.dispose()


def locust(args, env, urls, folder):
    command = [args.locust, "-f", ROOT / "benchmarks" / "locustfile.py", "--headless", "-u", str(args.users),
               "-r", str(args.spawn_rate), "-t", args.time, "--csv", folder / "load", "--only-summary",
               "--host", urls[0]]
    subprocess.run(command, cwd=ROOT, env={**env, "LOAD_HOSTS": ",".join(urls),
                                           "LOAD_COMMUNE_ID": str(consistency.commune_id(args.database)),
                                           "LOAD_WAIT": args.wait,
                                           "LOAD_ACCEPTED": str(folder / "accepted.txt")},
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(folder / "load_stats.csv", newline="") as stats:
        return list(csv.DictReader(stats))


def report(rows, seconds, hosts):
    """The table of requests, then issue 9's three load figures, each with its target."""
    print(f"{'request':<32}{'count':>8}{'errors':>8}{'per s':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for row in rows:
        print(f"{row['Name']:<32}{row['Request Count']:>8}{row['Failure Count']:>8}"
              f"{float(row['Requests/s']):>8.1f}{row['50%']:>9}{row['95%']:>9}")
    completions = next((int(row["Request Count"]) - int(row["Failure Count"]) for row in rows
                        if row["Name"] == "complete"), 0)
    total = next(row for row in rows if row["Name"] == "Aggregated")
    servers = "gunicorn -w 4" if hosts == 1 else f"{hosts} app servers"
    print(f"completions/s, {servers} on PostgreSQL: {completions / seconds:.1f}; all requests "
          f"{float(total['Requests/s']):.1f}/s (target ≥ 92, four times the 23 measured before)")
    print(f"p50 / p95 of every request, {servers}: {total['50%']} / {total['95%']} ms (target p95 ≤ 500 ms)")
    print(f"errors, {servers}: {total['Failure Count']} (target 0)")
    return int(total["Failure Count"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="PostgreSQL (postgresql+psycopg://...); emptied")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/11", help="a Redis database; emptied")
    parser.add_argument("--hosts", type=int, default=1, choices=(1, 2))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--time", default="60s")
    parser.add_argument("--wait", default="0.5,2", help="each user's pause between tasks, min,max seconds")
    parser.add_argument("--locust", default=shutil.which("locust", path=str(BIN)) or "locust")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ocop-load-"))
    env = _environment(args, folder / "attachments")
    prepare(args, env)
    processes, urls = start(args, env, folder)
    try:
        with planner_statistics(args.database) as analyzing:
            print(f"{args.hosts} app server(s) {', '.join(urls)}, {args.users} users for {args.time}, pausing "
                  f"{args.wait} s between tasks{'; autovacuum is off: ANALYZE every 10 s' if analyzing else ''}; "
                  f"logs in {folder}")
            rows = locust(args, env, urls, folder)
    finally:
        stop(processes)
    errors = report(rows, int(args.time.rstrip("s")), args.hosts)
    problems = consistency.check(args.database)
    problems += consistency.missing_cases(args.database, (folder / "accepted.txt").read_text().split())
    print(consistency.verdict(args.database, problems))
    sys.exit(1 if problems or errors else 0)


if __name__ == "__main__":
    main()
