"""The two commands a newcomer types."""
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).parents[1]


def planned_run(*arguments):
    """The commands `make run` would execute (make -n prints them without running any)."""
    environment = {name: value for name, value in os.environ.items() if name not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    return subprocess.run(["make", "--no-print-directory", "-n", "run", *arguments], cwd=ROOT, env=environment,
                          capture_output=True, text=True, check=True).stdout.splitlines()[-1]


def test_make_run_serves_on_port_5000_or_the_one_given():
    assert planned_run().endswith("run --host 127.0.0.1 --port 5000")
    assert planned_run("PORT=5001").endswith("run --host 127.0.0.1 --port 5001")
