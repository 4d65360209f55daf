"""The inbox and the lists at 1,000 and at 100,000 cases: p95 of each request, and the ratio between the two sizes.

    .venv/bin/python -m benchmarks.inbox [--sizes 1000,100000] [--requests 40] [--country]
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/DATABASE .venv/bin/python -m benchmarks.inbox

Runs on a temporary SQLite database, or on DATABASE_URL when set (emptied first; the migrations build it). The
cases come from the bulk loader (benchmarks/bulk.py, which ends with ANALYZE), spread over the demo's 18 communes
or, with `--country`, over a country's 10,248 (`directory.fill_directory`: the demo's commune then holds a case in
ten thousand rather than one in eighteen); the process's objects are then frozen as a worker's are
(`application.as_a_started_worker`); each request goes through the in-process test client, signed in, as a
browser or an API client would send it.
"""
import argparse
import statistics
import time

from .application import as_a_started_worker, make_app
from .bulk import fill_cases

TARGET_MS, TARGET_RATIO = 25, 1.3
# (who, what): the inbox's tabs for a commune and a district officer, a council member and the national office
# (INBOX, the first eight), the case list, notifications and the audit log
REQUESTS = [
    ("commune", "/api/v1/tasks?scope=mine"),
    ("commune", "/api/v1/tasks?scope=claimable"),
    ("district", "/api/v1/tasks?scope=claimable"),
    ("district", "/api/v1/tasks?scope=all-visible"),
    ("district-council-1", "/api/v1/tasks?scope=mine"),
    ("district", "/inbox?tab=claimable"),
    ("district", "/inbox?tab=all-visible"),
    ("national", "/api/v1/tasks?scope=all-visible"),
    ("district", "/api/v1/cases"),
    ("district", "/cases"),
    ("commune", "/cases"),
    ("province", "/cases"),
    ("producer", "/cases"),
    ("national", "/cases"),
    ("admin", "/notifications"),
    ("admin", "/admin/audit"),
]
INBOX = REQUESTS[:8]


def p95(app, username, path, repeat):
    """(p95 of the elapsed time, p95 of this process's CPU time), in ms."""
    client = app.test_client()
    response = client.post("/api/v1/auth/login", json={"username": username, "password": "demo"})
    assert response.status_code == 200, response.get_json()
    assert client.get(path).status_code == 200, path
    elapsed, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        elapsed.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.quantiles(elapsed, n=20)[-1], statistics.quantiles(cpu, n=20)[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--country", action="store_true", help="the cases spread over a country's directory")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    app = make_app()
    if args.country:
        from .directory import fill_directory  # here: benchmarks.directory reads cycle_costs, which reads this module

        with app.app_context():
            fill_directory(63, 11, 15)
    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split('://')[0]}")
    figures = {}
    for size in sizes:
        with app.app_context():
            fill_cases(size)
        as_a_started_worker()
        for username, path in REQUESTS:
            figures[size, username, path] = p95(app, username, path, args.requests)
    print(f"p95 in ms, elapsed (and this process's CPU time: on SQLite all the work, on PostgreSQL without the "
          f"server's); target ≤ {TARGET_MS} ms at {sizes[-1]:,} cases, ratio ≤ {TARGET_RATIO}×")
    print(f"    {'as':<20} {'request':<40}" + "".join(f"{size:>18,}" for size in sizes) + "    ratio")
    for username, path in REQUESTS:
        row = [figures[size, username, path] for size in sizes]
        print(f"    {username:<20} {path:<40}" + "".join(f"{wall:>10.1f} ({cpu:5.1f})" for wall, cpu in row)
              + f"{row[-1][0] / row[0][0]:>8.2f}× ({row[-1][1] / row[0][1]:.2f}×)")


if __name__ == "__main__":
    main()
