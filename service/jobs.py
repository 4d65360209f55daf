"""Background jobs on a Huey queue: work that must survive a restart and must not hold up a request.

- The queue of an application is made from its settings by `init_app`: a SQLite file
  (OCOP_JOB_QUEUE_FILE, default instance/jobs.sqlite) on one machine, no server needed; Redis
  (OCOP_REDIS_URL) when several hosts share it; in memory and run at once (OCOP_JOBS_IMMEDIATE,
  the tests' default) when the caller should see the job done on return.
- A job is a function of the package it belongs to, decorated with `@job(retries=..., retry_delay=...)`
  (numbers, or the names of integer settings). A job that raises is run again after
  `retry_delay` seconds, `retries` times at most; its last failure is logged. Every run has an
  application context, and so a database session, of its own.
- `enqueue(function, *args)` puts a call on the queue; arguments are pickled, so pass ids, not rows.
- `flask --app wsgi ocop worker` (service/commands.py) runs the Huey consumer that takes them.

Huey takes a job off the queue when a worker starts it: a worker killed during a job does not
run it again (at most once), a job waiting in the queue or for its retry survives any restart.
"""
import logging
from functools import wraps

from flask import current_app
from huey import RedisHuey, SqliteHuey

logger = logging.getLogger(__name__)
QUEUE_NAME = "ocop"
JOBS = []  # (function, options), in the order they were declared


def job(retries=0, retry_delay=0):
    """Declare a function as a background job."""
    def declare(function):
        JOBS.append((function, {"retries": retries, "retry_delay": retry_delay}))
        return function
    return declare


def _setting(config, value):
    return int(config[value]) if isinstance(value, str) else value


def _run_in_app(app, function):
    @wraps(function)
    def run(*args, task):
        with app.app_context():
            try:
                return function(*args)
            except Exception:
                if not task.retries:
                    logger.exception("job %s%r failed and is given up", function.__qualname__, args)
                raise
    return run


def create_queue(config):
    """The Huey instance the settings ask for, without its jobs."""
    options = {"results": False, "immediate": config["OCOP_JOBS_IMMEDIATE"]}
    if config["OCOP_REDIS_URL"]:
        return RedisHuey(QUEUE_NAME, url=config["OCOP_REDIS_URL"], **options)
    return SqliteHuey(QUEUE_NAME, filename=config["OCOP_JOB_QUEUE_FILE"], **options)


def init_app(app):
    """The application's queue with every declared job: app.extensions["ocop_jobs"]."""
    queue = create_queue(app.config)
    tasks = {}
    for function, options in JOBS:
        tasks[function] = queue.task(retries=_setting(app.config, options["retries"]),
                                     retry_delay=_setting(app.config, options["retry_delay"]),
                                     context=True)(_run_in_app(app, function))
    app.extensions["ocop_jobs"] = queue
    app.extensions["ocop_job_tasks"] = tasks


def queue():
    return current_app.extensions["ocop_jobs"]


def enqueue(function, *args):
    """Queue a call of the job `function` with `args`."""
    current_app.extensions["ocop_job_tasks"][function](*args)
