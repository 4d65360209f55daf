"""The application every benchmark measures: `make_app(url)` on an emptied database built by the migrations.

    from benchmarks.application import make_app
    app = make_app()                                  # a temporary SQLite file, or DATABASE_URL when set
    app = make_app("postgresql+psycopg://...")         # that database emptied first (its public schema dropped)

The demo accounts and the bundled process versions are seeded; passwords are hashed cheaply and sign-ins are not
rate-limited, so that signing in costs the benchmarks nothing. `benchmarks/bulk.py` adds cases in bulk;
`as_a_started_worker()` after it leaves this process's heap as a worker's would be on that database.
"""
import gc
import os
import tempfile
from pathlib import Path

import flask_migrate
from sqlalchemy import text

from config import DevelopmentConfig
from service import create_app
from service.demo.seed import seed_demo_accounts, seed_reference_data
from service.extensions import db
from service.process_models.operations import deploy_bundled_process_models


def make_app(url=None, **overrides):
    """The service on `url` (or DATABASE_URL, emptied: its public schema is dropped on PostgreSQL) or a temporary
    SQLite file, with the demo accounts and the bundled process versions; its jobs wait in a temporary queue
    file (no worker takes them: `cycle_costs.minutes_job_time` runs the minutes' jobs); `overrides`: settings."""
    url = url or os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/benchmark.sqlite"
    settings = type("BenchmarkConfig", (DevelopmentConfig,), {
        "SQLALCHEMY_DATABASE_URI": url, "OCOP_PASSWORD_HASH": "pbkdf2:sha256:1",
        "OCOP_ATTACHMENT_FOLDER": tempfile.mkdtemp(), "RATELIMIT_ENABLED": False,
        "OCOP_JOBS_IMMEDIATE": False, "OCOP_REDIS_URL": None, "OCOP_JOB_QUEUE_FILE": f"{tempfile.mkdtemp()}/jobs.sqlite",
        **overrides})
    app = create_app(settings)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        flask_migrate.upgrade(directory=str(Path(__file__).parents[1] / "migrations"))
        seed_reference_data()
        seed_demo_accounts()
        deploy_bundled_process_models()
        db.session.commit()
    return app


def as_a_started_worker():
    """What this process holds by now frozen out of the garbage collector's full passes, as `wsgi.py` freezes a
    worker's application: the requests measured next pay for their own objects, not for walking the bulk loader's
    leftovers and the application's (150-250 ms a pass, once in some tens of requests)."""
    gc.collect()
    gc.freeze()
