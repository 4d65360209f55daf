"""The `flask ocop ...` commands. Add a command to the group with `@ocop.command("name")`."""
import logging
import time

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.exc import SQLAlchemyError

from .demo.seed import seed_demo_accounts, seed_reference_data
from .extensions import db

ocop = AppGroup("ocop", help="OCOP service commands.")


@ocop.command("seed-demo")
def seed_demo():
    """Load Lai Châu, the product groups, real producers and demo accounts, and deploy the bundled processes."""
    if not current_app.config["OCOP_DEMO_MODE"]:
        raise click.ClickException("Demo mode is off (OCOP_DEMO_MODE, never on with OCOP_CONFIG=production): "
                                   "demo data and demo accounts are not loaded.")
    from .process_models.operations import deploy_bundled_process_models

    seed_reference_data()
    seed_demo_accounts()
    deployed = deploy_bundled_process_models()
    db.session.commit()
    click.echo(f"Demo data loaded; process versions deployed: "
               f"{', '.join(f'{m.key} {m.rule_set} v{m.version}' for m in deployed) or 'none new'}. Demo password: demo")


@ocop.command("timers")
@click.option("--loop", is_flag=True, help="Keep firing due timers until stopped.")
@click.option("--interval", default=60.0, show_default=True, help="Seconds between rounds with --loop.")
def timers(loop, interval):
    """Fire the timers that are due (review deadlines, re-evaluations of certificates six months before
    they expire): once, or every --interval seconds with --loop.

    Safe to run on several hosts at once against PostgreSQL: each case and certificate is taken with
    SELECT ... FOR UPDATE SKIP LOCKED. With --loop, a round that fails (the database restarting,
    say) is logged and the next round comes as usual.
    """
    from .timers.operations import fire_due_timers, open_due_reevaluations

    while True:
        try:
            advanced, failed = fire_due_timers()
            click.echo(f"timers: {advanced} case(s) advanced, {failed} incident(s)")
            opened, refused = open_due_reevaluations()
            click.echo(f"re-evaluations: {opened} case(s) opened, {refused} failed")
        except SQLAlchemyError as error:
            db.session.rollback()
            if not loop:
                raise
            click.echo(f"timers: this round failed, the next one comes in {interval:g} s: "
                       f"{type(error).__name__}: {error}", err=True)
        if not loop:
            break
        time.sleep(interval)


@ocop.command("worker")
@click.option("--workers", default=1, show_default=True, help="Jobs run at the same time (threads).")
def worker(workers):
    """Run the background jobs (e-mail of notifications) until stopped (Ctrl-C finishes the running jobs).

    Takes jobs from the queue in the SQLite file OCOP_JOB_QUEUE_FILE, or from Redis when
    OCOP_REDIS_URL is set; with Redis, run one on each host.
    """
    from .jobs import queue

    if current_app.config["OCOP_JOBS_IMMEDIATE"]:
        raise click.ClickException("OCOP_JOBS_IMMEDIATE is on: jobs run where they are queued, not in a worker.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    queue().create_consumer(workers=workers, max_delay=1.0).run()


@ocop.command("write-minutes")
def write_minutes():
    """Queue the job that writes each council's minutes still being prepared: after a worker was
    killed during one, or a job gave up. A job that finds them written does nothing."""
    from .councils.minutes import queue_unwritten

    click.echo(f"{queue_unwritten()} minutes queued")


criteria = AppGroup("criteria", help="Criteria sheets: the bundled ones, and the Excel template.")
ocop.add_command(criteria)


@criteria.command("seed")
def criteria_seed():
    """Add the bundled sheets (service/criteria/data/) whose code has no version yet."""
    from .criteria.operations import latest_sheets, seed_bundled_sheets

    seed_bundled_sheets()
    db.session.commit()
    click.echo("\n".join(f"{sheet.rule_set} {sheet.code} v{sheet.version}" for sheet in latest_sheets()))


@criteria.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--sheet", "sheet_id", type=int, help="The id of the version to write; the empty template without it.")
def criteria_export(path, sheet_id):
    """Write a criteria sheet version (or the empty template) to an Excel file."""
    from .criteria.models import CriteriaSheet
    from .criteria.operations import definition_of
    from .criteria.workbook import write_workbook

    definition = {}
    if sheet_id is not None:
        sheet = db.session.get(CriteriaSheet, sheet_id)
        if sheet is None:
            raise click.ClickException(f"No criteria sheet with id {sheet_id}")
        definition = definition_of(sheet)
    with open(path, "wb") as out:
        out.write(write_workbook(definition))
    click.echo(f"Written: {path}")


@criteria.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def criteria_import(path):
    """Add a criteria sheet version from an Excel file in the template; its problems row by row otherwise."""
    from .criteria.operations import add_sheet_version
    from .criteria.workbook import read_workbook
    from .errors import Unprocessable

    with open(path, "rb") as upload:
        content = upload.read()
    try:
        sheet = add_sheet_version(read_workbook(content))
    except Unprocessable as error:
        lines = [error.message] + [f"{place}: {message}" for place, messages in (error.details or {}).items()
                                   for message in messages]
        raise click.ClickException("\n".join(lines)) from None
    db.session.commit()
    click.echo(f"Added: {sheet.rule_set} {sheet.code} v{sheet.version} (id {sheet.id})")


@ocop.command("adopt-rule-set")
@click.argument("province")
@click.argument("rule_set", type=click.Choice(["2019", "2023", "2025"]))
@click.argument("effective_from", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option("--decision", default=None, help="The province's text that applies it (number, date).")
def adopt_rule_set(province, rule_set, effective_from, decision):
    """Record that PROVINCE (its name or code) applies RULE_SET to the ideas submitted from EFFECTIVE_FROM
    (YYYY-MM-DD) on; cases already running finish on their version."""
    from sqlalchemy import or_, select

    from .directory.models import AdministrativeUnit
    from .errors import ServiceError
    from .process_models.rule_sets import adopt

    unit = db.session.scalar(select(AdministrativeUnit).where(
        AdministrativeUnit.level == "province", or_(AdministrativeUnit.name == province,
                                                    AdministrativeUnit.code == province)))
    if unit is None:
        raise click.ClickException(f"No province named or coded {province!r}.")
    try:
        adopt(unit, rule_set, effective_from.date(), decision)
    except ServiceError as error:
        raise click.ClickException(f"{error.message} {error.details or ''}".strip()) from None
    db.session.commit()
    click.echo(f"{unit.name} applies the {rule_set} rules from {effective_from:%Y-%m-%d}.")
