"""Fixtures for the service's tests, each run on SQLite and, when asked, on PostgreSQL.

PostgreSQL runs when CI=true or TEST_DATABASE_URL is set (default URL below); select one
database with `pytest -k sqlite` (or `-m sqlite`) and `pytest -k postgresql`. The schema is built once per
session and database by the migrations; each test starts from empty tables, served by the session's one
application on that database, whose engine (and so its compiled statements) every application of the session
on that database shares, as the requests of one worker process do. The demo data and the bundled
process are seeded once per session and database by the seed commands' own functions, read back, and written
back for each test that asks for `demo` or `programme` (tests/tables.py). `make test` runs three pytest-xdist
workers, a test file each at a time; each has its own PostgreSQL database.

- `app`: the application on the test database (TestConfig: cheap hashing, demo mode on), one for the session,
  its settings left as they are (`monkeypatch.setitem(app.config, ...)` for a test's own).
- `make_app(**settings)`: another application on the same database, with settings changed,
  e.g. `make_app(OCOP_DEMO_MODE=False)`, or with views of the test's own.
- `queueing_app`: an application whose jobs wait in a queue file (not run at once), for a module's `app`; a
  module adds settings of its own by overriding `queueing_settings`.
- `client`, `runner`: Flask's test client and CLI runner for `app`.
- `demo`: Lai Châu, the roles, product groups, producers and the demo accounts, loaded.
- `addresses`: the demo producer, commune and district officers given e-mail addresses.
- `auth`: `auth.login("district")` signs a demo account in on a new test client and returns
  it; `auth.as_user("district")` returns that user's one client, signing in the first time,
  so that several people can act in one test.
- `clock`: a manual clock for the whole service: `clock.advance(days=16)`, `clock.set(...)`.
Use `with app.app_context():` to read or write the database directly.
"""
import copy
import os
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import flask_migrate
import pytest
from sqlalchemy import create_engine, make_url, text

from config import TestConfig
from service import clock as service_clock
from service import create_app
from service.demo.data import DEMO_PASSWORD
from service.demo.seed import find_user, seed_demo_accounts, seed_reference_data
from service.extensions import db, limiter
from service.process_models.operations import deploy_bundled_process_models

from .tables import Tables

POSTGRESQL_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _databases():
    databases = [pytest.param("sqlite", id="sqlite", marks=pytest.mark.sqlite)]
    if os.environ.get("CI") == "true" or os.environ.get("TEST_DATABASE_URL"):
        databases.append(pytest.param(os.environ.get("TEST_DATABASE_URL", POSTGRESQL_URL), id="postgresql",
                                      marks=pytest.mark.postgresql))
    return databases


def pytest_collection_modifyitems(config, items):
    """Tests marked `one_database` run on SQLite only."""
    kept, left_out = [], []
    for item in items:
        database = item.callspec.params.get("database_url", "sqlite") if hasattr(item, "callspec") else "sqlite"
        on_postgresql = database != "sqlite"
        (left_out if on_postgresql and item.get_closest_marker("one_database") else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def _database_of_this_worker(url):
    """With pytest-xdist (`make test` runs three workers), each worker gets a PostgreSQL database of its own,
    named after the given one (test_gw0, test_gw1, test_gw2), created when missing."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}) is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def _settings(database_url, attachments, **overrides):
    return type("Settings", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url, "OCOP_ATTACHMENT_FOLDER": str(attachments), **overrides})


@pytest.fixture(scope="session", autouse=True)
def one_engine_per_database():
    """The applications of a session share one engine per database URL, as a process's requests do: each test's
    application would otherwise open its own connections and compile every statement again. Flask-SQLAlchemy
    (pinned in requirements.txt) builds an application's engines with `_make_engine`, its one hook for this."""
    engines = {}
    make_engine = db._make_engine

    def shared(bind_key, options, app):
        key = repr(sorted(options.items()))
        if key not in engines:
            engines[key] = make_engine(bind_key, options, app)
        return engines[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(db, "_make_engine", shared)
        yield
    for engine in engines.values():
        engine.dispose()


_BUILT = {}


def _once_per_worker(key, build):
    """What `build()` returns, built once in this worker for `key`. Pytest holds one value of a parametrized
    session fixture at a time and builds it again when the parameter changes: a worker of `make test` runs a
    file's SQLite tests, then its PostgreSQL ones, then the next file's, and would migrate, seed and build the
    application of each database anew for every file (3-8 s each: 460 s of the 2,600 s its tests took, summed)."""
    if key not in _BUILT:
        _BUILT[key] = build()
    return _BUILT[key]


@pytest.fixture(scope="session", params=_databases())
def database_url(request, tmp_path_factory):
    """A database whose schema the migrations built, for the whole session."""
    return _once_per_worker(("database", request.param), lambda: _migrated(request.param, tmp_path_factory))


def _migrated(database, tmp_path_factory):
    if database == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('database') / 'ocop.sqlite'}"
    else:
        url = _database_of_this_worker(database)
    app = create_app(_settings(url, tmp_path_factory.mktemp("attachments")))
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        flask_migrate.upgrade()
        db.engine.dispose()
    return url


@pytest.fixture(scope="session")
def session_app(database_url, tmp_path_factory):
    """The application of every test on this database (`app`), as one worker process serves every request with
    one application."""
    return _once_per_worker(("application", database_url),
                            lambda: create_app(_settings(database_url, tmp_path_factory.mktemp("attachments"))))


@pytest.fixture(scope="session")
def seeded(session_app):
    """The database's tables, and the rows of the demo data and of the bundled process's deployment, seeded
    once for the session by the seed commands' functions: `demo` and `programme` write these rows back."""
    return _once_per_worker(("seeded", session_app.config["SQLALCHEMY_DATABASE_URI"]), lambda: _seed(session_app))


def _seed(session_app):
    with session_app.app_context():
        tables = Tables()
        tables.empty()
        seed_reference_data()
        seed_demo_accounts()
        db.session.commit()
        tables.demo = tables.read()
        deploy_bundled_process_models()
        db.session.commit()
        tables.programme = tables.read(leaving_out=tables.demo)
        tables.empty()
        db.session.remove()
    return tables


@pytest.fixture
def make_app(database_url, seeded, session_app):
    """Before the test: empty tables, no attachment files, no sign-in counted, no job waiting. Then
    `make(**settings)`: another application on the same database and attachment folder, built anew."""
    folder = Path(session_app.config["OCOP_ATTACHMENT_FOLDER"])
    shutil.rmtree(folder, ignore_errors=True)
    with session_app.app_context():
        seeded.empty()
    limiter.init_app(session_app)  # the one limiter keeps the counts of the application it was last given
    session_app.extensions["ocop_jobs"].flush()

    def make(**settings):
        return create_app(_settings(database_url, folder, **settings))

    return make


@pytest.fixture
def app(make_app, session_app):
    return session_app


@pytest.fixture
def queueing_settings():
    """Settings a module adds to `queueing_app`'s, by overriding this fixture."""
    return {}


@pytest.fixture
def queueing_app(make_app, tmp_path, queueing_settings):
    """An application that queues its jobs in a queue file of its own (or OCOP_REDIS_URL's, in
    `queueing_settings`), emptied before and after the test, for the test or a worker process to run (a module
    makes it its `app`)."""
    app = make_app(**{"OCOP_JOBS_IMMEDIATE": False, "OCOP_REDIS_URL": None,
                      "OCOP_JOB_QUEUE_FILE": str(tmp_path / "jobs.sqlite"), **queueing_settings})
    app.extensions["ocop_jobs"].flush()
    yield app
    app.extensions["ocop_jobs"].flush()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def demo(app, seeded):
    with app.app_context():
        seeded.load(seeded.demo)


@pytest.fixture
def addresses(app, demo):
    """The demo producer, commune and district officers with e-mail addresses, for mail tests."""
    with app.app_context():
        for username in ("producer", "commune", "district"):
            find_user(username).email = f"{username}@example.vn"
        db.session.commit()


class AuthActions:
    def __init__(self, app):
        self._app = app
        self._clients = {}

    def login(self, username, password=DEMO_PASSWORD):
        """A new test client, signed in as `username`."""
        client = self._app.test_client()
        response = client.post("/api/v1/auth/login", json={"username": username, "password": password})
        assert response.status_code == 200, response.get_json()
        return client

    def as_user(self, username):
        """The test client of `username`, signed in on first use."""
        if username not in self._clients:
            self._clients[username] = self.login(username)
        return self._clients[username]

    def sessions(self):
        """The session cookie of each user signed in by `as_user`."""
        name = self._app.config["SESSION_COOKIE_NAME"]
        return {username: client.get_cookie(name).value for username, client in self._clients.items()}

    def resume(self, sessions):
        """Test clients that go on with sessions read by `sessions`, as `as_user` gives them."""
        name = self._app.config["SESSION_COOKIE_NAME"]
        for username, cookie in sessions.items():
            self._clients[username] = self._app.test_client()
            self._clients[username].set_cookie(name, cookie)


@pytest.fixture
def auth(app):
    return AuthActions(app)


class ManualClock:
    """A clock that moves only when told to."""

    def __init__(self, at):
        self.at = at

    def now(self):
        return self.at

    def set(self, at):
        self.at = at

    def advance(self, **delta):
        self.at += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    manual = ManualClock(datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc))
    monkeypatch.setattr(service_clock, "current", manual)
    return manual


@pytest.fixture
def programme(app, demo, seeded):
    """The demo data with the bundled process versions deployed: ready for cases."""
    with app.app_context():
        seeded.load(seeded.programme)


@pytest.fixture
def once(request, app, seeded, auth, clock):
    """`once(build)`: the state that `build()` leaves, built by the first test of the module that asks for it
    on this database and written back for the module's next ones, as `demo` is: every table's rows
    (tests/tables.py), the attachment files, the manual clock's time and the sessions of the people signed in
    (`auth.as_user`, `people`). Returns what `build` returned, which must be plain data (ids, the API's
    answers) and must not depend on the test's parameters. For fixtures that run many steps, e.g. several
    cycles."""
    folder = Path(app.config["OCOP_ATTACHMENT_FOLDER"])

    def run(build):
        key = request.module.__name__, build.__qualname__
        if key not in seeded.built:
            value = build()
            with app.app_context():
                rows = seeded.read()
            files = {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
            seeded.built[key] = rows, files, clock.at, auth.sessions(), copy.deepcopy(value)
            return value
        rows, files, at, sessions, value = seeded.built[key]
        with app.app_context():
            seeded.empty()
            seeded.load(rows)
        for path, content in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(content)
        clock.set(at)
        auth.resume(sessions)
        return copy.deepcopy(value)

    return run


class People:
    """The demo accounts' signed-in clients by user name: `people["district"].get(...)`."""

    def __init__(self, auth):
        self._auth = auth

    def __getitem__(self, username):
        return self._auth.as_user(username)


@pytest.fixture
def people(auth, programme, clock):
    """The demo accounts, acting on the bundled process, on the manual clock."""
    return People(auth)


@pytest.fixture
def second_province(app, people):
    """Điện Biên beside Lai Châu in the directory, with one district (Mường Chà) and one commune (Sa Lông):
    {"lai_chau": the ids of Lai Châu's communes, "province_id", "district_id", "commune_id"}."""
    from sqlalchemy import select

    from service.directory.models import AdministrativeUnit

    with app.app_context():
        lai_chau = set(db.session.scalars(select(AdministrativeUnit.id).where(AdministrativeUnit.level == "commune")))
        province = AdministrativeUnit(code="11", name="Điện Biên", level="province")
        district = AdministrativeUnit(name="Mường Chà", level="district", parent=province)
        commune = AdministrativeUnit(name="Sa Lông", level="commune", parent=district)
        db.session.add_all([province, district, commune])
        db.session.commit()
        return {"lai_chau": lai_chau, "province_id": province.id, "district_id": district.id,
                "commune_id": commune.id}


@pytest.fixture
def unit_id(app, demo):
    """The id of a demo unit by path: unit_id("Tam Đường/Bình Lư")."""
    from service.demo.seed import find_unit

    def lookup(path):
        with app.app_context():
            return find_unit(path).id

    return lookup


@pytest.fixture
def listed(people, unit_id, clock, once):
    """Three cases for the case list, through the API: "Miến dong Bình Lư" (2 March 2026, at the commune's
    check), "Chè shan tuyết San Thàng" (a beverage, 3 March 2026, at the district's review), both of the
    demo producer in Tam Đường, and "Gạo séng cù Mường Mít" of producer-2 in Than Uyên, submitted on
    1 January 2027 at 01:00 in Vietnam (still 2026 in UTC). Built once (`once`)."""
    from types import SimpleNamespace

    from tests.cycle import Cycle

    def build():
        bình_lư = unit_id("Tam Đường/Bình Lư")
        mien = Cycle(people, bình_lư, product_name="Miến dong Bình Lư")
        clock.advance(days=1)
        che = Cycle(people, bình_lư, product_name="Chè shan tuyết San Thàng", product_group="do_uong",
                    product_subgroup="do_uong_khong_con")
        che.decide("commune", "commune_check_idea", "forward")
        clock.set(datetime(2026, 12, 31, 18, 0, tzinfo=timezone.utc))
        gao = Cycle({"producer": people["producer-2"]}, unit_id("Than Uyên/Mường Mít"),
                    product_name="Gạo séng cù Mường Mít")
        return mien.case, che.case, gao.case

    mien, che, gao = once(build)
    return SimpleNamespace(mien=Cycle.resumed(people, mien), che=Cycle.resumed(people, che),
                           gao=Cycle.resumed({"producer": people["producer-2"]}, gao))
