"""Issue 9's figures, each on one line with its target, in one run:

    .venv/bin/python -m benchmarks [--postgresql URL] [--load URL] [--cycles 10] [--inbox-sizes 1000,100000]
    make bench                      (BENCH_POSTGRESQL_URL=... for the PostgreSQL lines,
                                     BENCH_LOAD_URL=... for the load lines)

Ratios where the machine's speed decides: the whole 4-star cycle through the service against
SpiffWorkflow alone on the same diagram, and the floor under it (the instance saved whole at each step,
`cycle_costs.floor_cycle`); a completion and a 3-task instance against SpiffArena's
backend as measured on this 2-core machine (41 ms and 253 ms, issue 9). Statements per
completion are counted as the operation sends them (tests/service/test_completion_statements.py
asserts them per request). The PostgreSQL databases named by --postgresql and --load are emptied first.
The load figures (gunicorn -w 4 under locust, users not pausing between tasks) come from benchmarks/load.py,
which `make load` runs on its own (LOAD_HOSTS=2 for two app servers); the directory's line, the pages with a
country's directory against one province's, from benchmarks/directory.py, which prints each page.
"""
import argparse
import statistics
import subprocess
import sys

from . import cycle_costs, directory
from .application import make_app

SPIFFARENA_COMPLETION, SPIFFARENA_INSTANCE = 0.041, 0.253


def line(label, value, target):
    print(f"{label}: {value} (target {target})", flush=True)


def engine_figures(app, name, cycles, target):
    times = cycle_costs.cycle_times(app, cycles)
    service, spiff, floor = times["service"], times["spiff"], times["floor"]
    line(f"cycle overhead, {name}", f"{service / spiff:.1f}× ({service * 1000:.0f} ms vs {spiff * 1000:.1f} ms)",
         f"≤ {target}×")
    room = (f"the ≤ {target}× target leaves the service {target - floor / spiff:.1f}×" if floor / spiff < target
            else f"the ≤ {target}× target is below it")
    print(f"cycle floor, {name}: {floor / spiff:.1f}× ({floor * 1000:.0f} ms): SpiffWorkflow with its instance read, "
          f"restored, saved and committed at each step, nothing else; {room}; "
          f"{times['floor_in_memory'] / spiff:.1f}× were every step to find its instance in memory", flush=True)
    print(f"council minutes, background job after the approval, {name}: "
          f"{cycle_costs.minutes_job_time(app) * 1000:.0f} ms each, two a cycle (not in the cycle)", flush=True)
    counts = cycle_costs.statements_per_completion(app)
    line(f"statements per completion, {name}",
         f"{statistics.fmean(counts):.1f} on average ({min(counts)}-{max(counts)}) over {len(counts)} completions",
         "≤ 10")
    return service


def inbox_figures(app, name, sizes):
    """The slowest of the inbox's requests (benchmarks.inbox.INBOX) at each size, and the largest growth."""
    p95 = {}
    for size in sizes:
        p95[size], page_statements = cycle_costs.inbox_figures(app, size)
        (username, path), slowest = max(p95[size].items(), key=lambda item: item[1])
        line(f"inbox p95 at {size:,} cases, {name}", f"{slowest * 1000:.1f} ms (the slowest of {len(p95[size])} "
             f"requests: {username} {path})", "≤ 25 ms")
        line(f"inbox page of 100 tasks at {size:,} cases, {name}", f"{page_statements} statements",
             "a constant, whatever the page size")
    if len(sizes) > 1:
        first, last = p95[sizes[0]], p95[sizes[-1]]
        (username, path), growth = max(((request, last[request] / first[request]) for request in first),
                                       key=lambda item: item[1])
        line(f"inbox at {sizes[-1]:,} ÷ inbox at {sizes[0]:,}, {name}",
             f"{growth:.2f}× (the largest of {len(first)} requests: {username} {path})", "≤ 1.3×")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgresql", help="an empty PostgreSQL database (postgresql+psycopg://...); emptied")
    parser.add_argument("--load", help="another empty PostgreSQL database for the load run (benchmarks/load.py, "
                        "users not pausing between tasks); emptied")
    parser.add_argument("--cycles", type=int, default=10)
    parser.add_argument("--completions", type=int, default=20)
    parser.add_argument("--inbox-sizes", default="1000,100000", help="comma-separated; empty to skip the inbox")
    args = parser.parse_args()
    sizes = [int(size) for size in args.inbox_sizes.split(",") if size]

    app = make_app()
    engine_figures(app, "SQLite", args.cycles, 3)
    completion = cycle_costs.completion_time(app, args.completions)
    line("task completion ÷ SpiffArena's 41 ms, SQLite", f"{completion / SPIFFARENA_COMPLETION:.2f}"
         f" ({completion * 1000:.1f} ms)", "≤ 0.2")
    instance = cycle_costs.cycle_times(app, args.cycles, cycle_costs.THREE_TASKS)["service"]
    line("whole 3-task instance ÷ SpiffArena's 253 ms, SQLite", f"{instance / SPIFFARENA_INSTANCE:.2f}"
         f" ({instance * 1000:.1f} ms)", "≤ 0.2")
    inbox_figures(app, "SQLite", sizes)
    counts, rows = directory.directory_figures()
    username, path, (_, _, median), (_, _, median_n) = max(rows, key=lambda row: row[3][2] / row[2][2])
    line(f"pages with a country's directory ({counts[1]['commune']:,} communes) ÷ with one province, SQLite",
         f"{median_n / median:.2f}× (the largest of {len(rows)} requests: {username or 'nobody'} {path}; "
         f"python -m benchmarks.directory prints each)", f"≤ {directory.TARGET_RATIO}×")
    if args.postgresql:
        app = make_app(args.postgresql)
        engine_figures(app, "PostgreSQL", args.cycles, 5)
        inbox_figures(app, "PostgreSQL", sizes)
    else:
        print("PostgreSQL: skipped (give --postgresql URL, or BENCH_POSTGRESQL_URL to make bench)")
    if args.load:
        subprocess.run([sys.executable, "-m", "benchmarks.load", "--database", args.load, "--wait", "0,0"], check=False)
    else:
        print("gunicorn -w 4 on PostgreSQL under locust: skipped (give --load URL, or BENCH_LOAD_URL to make bench; "
              "two app servers: make load LOAD_HOSTS=2)")


if __name__ == "__main__":
    main()
