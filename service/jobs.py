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
  `enqueue_after_commit(function, row)` queues `function(row's id)` once the caller's transaction
  has committed the row (nothing if it rolls back), without a flush to learn the id.
- `flask --app wsgi ocop worker` (service/commands.py) runs the Huey consumer that takes them.
- A job whose progress a page follows keeps its state in a row of its own table built on `TrackedJob`
  (reports built in the background, imports): `take` moves it from queued to running once, `advance`
  commits its progress, `fail` marks it failed, `progress_of` is what the page's polling reads
  (`web/static/job-progress.js` draws it).

Huey takes a job off the queue when a worker starts it: a worker killed during a job does not
run it again (at most once), a job waiting in the queue or for its retry survives any restart.
"""
import logging
from datetime import datetime
from functools import wraps

from flask import current_app
from huey import RedisHuey, SqliteHuey
from sqlalchemy import ForeignKey, String, Text, event, inspect, update
from sqlalchemy.orm import Mapped, mapped_column

from . import clock
from .extensions import db

logger = logging.getLogger(__name__)
QUEUE_NAME = "ocop"
JOBS = []  # (function, options), in the order they were declared
JOB_STATES = ("queued", "running", "done", "failed")
AFTER_COMMIT = "ocop_jobs_after_commit"


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
    """The application's queue with every declared job: app.extensions["ocop_jobs"]; the session's
    listeners that queue the jobs waiting for a commit."""
    queue = create_queue(app.config)
    tasks = {}
    for function, options in JOBS:
        tasks[function] = queue.task(retries=_setting(app.config, options["retries"]),
                                     retry_delay=_setting(app.config, options["retry_delay"]),
                                     context=True)(_run_in_app(app, function))
    app.extensions["ocop_jobs"] = queue
    app.extensions["ocop_job_tasks"] = tasks
    for name, listener in LISTENERS.items():
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)


def queue():
    return current_app.extensions["ocop_jobs"]


def enqueue(function, *args):
    """Queue a call of the job `function` with `args`."""
    current_app.extensions["ocop_job_tasks"][function](*args)


def enqueue_after_commit(function, row):
    """Queue `function(row.id)` when the session's transaction commits `row` (new or loaded)."""
    db.session.info.setdefault(AFTER_COMMIT, []).append((function, row))


def _queue_committed(session):
    for function, row in session.info.pop(AFTER_COMMIT, []):
        identity = inspect(row).identity
        if identity is None:  # added in a savepoint that was rolled back
            continue
        try:
            enqueue(function, identity[0])
        except Exception:
            logger.exception("could not queue %s(%s)", function.__qualname__, identity[0])


def _drop_uncommitted(session, transaction):
    if transaction.parent is None:
        session.info.pop(AFTER_COMMIT, None)


LISTENERS = {"after_commit": _queue_committed, "after_transaction_end": _drop_uncommitted}


class TrackedJob:
    """The columns of a job's state row: who asked, queued → running → done or failed, how many of its
    steps are done, and when. The row lives in the database, so any web process answers the polling
    from it and it survives restarts."""

    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    state: Mapped[str] = mapped_column(String(10), default="queued")
    steps_done: Mapped[int] = mapped_column(default=0)
    steps_total: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


def take(model, job_id):
    """Move the job's row from queued to running, committed; False when another worker (or an earlier run of a
    job queued twice) took it first."""
    taken = db.session.execute(update(model).where(model.id == job_id, model.state == "queued")
                               .values(state="running", started_at=clock.now())).rowcount == 1
    db.session.commit()
    return taken


def advance(row, done):
    """Commit the job's progress: `done` of its steps."""
    row.steps_done = done
    db.session.commit()


def fail(model, job_id, error):
    """Roll back what the job did in its open transaction and mark it failed, logged."""
    db.session.rollback()
    logger.exception("%s %s failed", model.__tablename__, job_id)
    db.session.execute(update(model).where(model.id == job_id).values(
        state="failed", error=f"{type(error).__name__}: {error}"[:2000], finished_at=clock.now()))
    db.session.commit()


def finish(row):
    """Mark the job done, all its steps counted, in the caller's transaction."""
    row.steps_done, row.state, row.finished_at = row.steps_total, "done", clock.now()


def progress_of(row):
    """The state the page's polling reads: state, steps_done, steps_total, percent."""
    return {"id": row.id, "state": row.state, "steps_done": row.steps_done, "steps_total": row.steps_total,
            "percent": round(100 * row.steps_done / (row.steps_total or 1)),
            "created_at": row.created_at.isoformat(),
            "finished_at": row.finished_at.isoformat() if row.finished_at else None}
