"""After a load run: is every case consistent, and was nothing doubled or lost?

For every case: its saved workflow's waiting human tasks are exactly its open task rows; its
current step is its first open task's; it has one `case.submitted` entry and a product of its own
(each submitted idea names a new one). For every task row:
one `task.created` entry, and one `task.completed` entry when completed (never for an open
one); no user is told twice of one task. The load script also compares the cases written with
the submissions locust saw accepted (`missing_cases`).
"""
from collections import Counter

from sqlalchemy import func, select, text

import workflows
from config import DevelopmentConfig
from service import clock, create_app
from service.audit.models import AuditEntry
from service.cases.models import Case
from service.cases.progress import functions_for
from service.demo.seed import find_unit
from service.directory.models import Product
from service.extensions import db
from service.notifications.models import Notification
from service.process_models.operations import bundle_of
from service.tasks.models import HumanTask


def _app(url):
    return create_app(type("CheckConfig", (DevelopmentConfig,), {"SQLALCHEMY_DATABASE_URI": url}))


def empty(url):
    """Drop and recreate the database's public schema."""
    with _app(url).app_context(), db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


def commune_id(url):
    with _app(url).app_context():
        return find_unit("Tam Đường/Bình Lư").id


def missing_cases(url, case_ids):
    """The accepted cases (ids) that are not in the database, one sentence each."""
    with _app(url).app_context():
        found = set(db.session.scalars(select(Case.id)))
    return [f"case {case_id}: accepted (201) but not written" for case_id in case_ids if int(case_id) not in found]


def check(url):
    """The problems found, one sentence each (none: consistent)."""
    problems = []
    with _app(url).app_context():
        entries = Counter((entry.action, entry.details.get("task_id") if entry.action.startswith("task.")
                           else entry.case_id)
                          for entry in db.session.scalars(select(AuditEntry).where(AuditEntry.action.in_(
                              ("task.created", "task.completed", "case.submitted")))))
        tasks = db.session.scalars(select(HumanTask).order_by(HumanTask.id)).all()
        for task in tasks:
            if entries[("task.created", task.id)] != 1:
                problems.append(f"task {task.id}: {entries[('task.created', task.id)]} task.created entries")
            completed = 1 if task.status == "completed" else 0
            if entries[("task.completed", task.id)] != completed:
                problems.append(f"task {task.id} ({task.status}): "
                                f"{entries[('task.completed', task.id)]} task.completed entries")
        open_rows = {}
        for task in tasks:
            if task.status == "open":
                open_rows.setdefault(task.case_id, []).append(task)
        for case in db.session.scalars(select(Case).order_by(Case.id)):
            if entries[("case.submitted", case.id)] != 1:
                problems.append(f"case {case.reference}: {entries[('case.submitted', case.id)]} case.submitted entries")
            rows = open_rows.get(case.id, [])
            if case.workflow_state is None:
                problems.append(f"case {case.reference}: no saved workflow")
                continue
            workflow = workflows.CaseWorkflow.restore(bundle_of(case.process_model), case.workflow_state.state,
                                                      clock.now, functions_for(case))
            waiting = {task.id for task in workflow.human_tasks()}
            if waiting != {row.workflow_task_id for row in rows}:
                problems.append(f"case {case.reference}: the engine waits on {len(waiting)} task(s), "
                                f"the tasks table has {len(rows)} open")
            if case.current_step != (rows[0].step if rows else None):
                problems.append(f"case {case.reference}: current step {case.current_step}, first open task "
                                f"{rows[0].step if rows else None}")
        products = Counter(db.session.scalars(select(Product.name).join(Case, Case.product_id == Product.id)))
        problems += [f"product {name}: {count} cases" for name, count in products.items() if count > 1]
        told = Counter((notice.user_id, notice.kind, (notice.params or {}).get("task_id"))
                       for notice in db.session.scalars(select(Notification).where(
                           Notification.kind.in_(("task_claimable", "task_assigned", "producer_task", "returned")))))
        problems += [f"user {user_id} told {count} times of task {task_id} ({kind})"
                     for (user_id, kind, task_id), count in told.items() if count > 1]
    return problems


def verdict(url, problems):
    with _app(url).app_context():
        cases = db.session.scalar(select(func.count()).select_from(Case))
        tasks = db.session.scalar(select(func.count()).select_from(HumanTask))
    if not problems:
        return f"consistent: {cases} cases, {tasks} task rows, nothing doubled or lost"
    return "\n".join([f"INCONSISTENT ({len(problems)} problems in {cases} cases):"] + problems[:50])
