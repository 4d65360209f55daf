"""The inbox: a query over the tasks table (indexed), never over workflow state.

Every branch of a tab's clause has an index of its own (migrations 0019, 0022); the page's rows come with their
case, product and holder in the same query (a constant number of statements whatever the page's size); the
counts of the tabs and the total stop at `paging.TAB_COUNT_LIMIT`.
"""
from sqlalchemy import and_, literal, or_, select, union
from sqlalchemy.orm import contains_eager, joinedload, selectinload
from sqlalchemy.sql.util import find_tables

from .. import clock
from ..cases.access import case_task, task_criteria, unit_clauses
from ..cases.models import Case
from ..directory.models import Product
from ..extensions import db
from ..paging import TAB_COUNT_LIMIT, Page, counted_up_to
from .access import entity_tasks, inbox_clauses
from .models import HumanTask

SCOPES = ("mine", "claimable", "all-visible")
# overdue first (they are due earliest), then by due date, tasks without one last; the index
# ix_human_tasks_inbox_order and each branch's index end with these columns
ORDER = (HumanTask.due_at.is_(None), HumanTask.due_at, HumanTask.id)


def scope_branches(user, scope, status):
    """The tasks of a tab in this status, as filters on HumanTask (joined with Case) whose union is the tab:
    each branch carries the status and is answered by an index of its own, in the inbox's order. A
    producer's tasks are theirs ("mine") without a claim."""
    is_status = HumanTask.status == status
    if scope == "mine":
        if status != "open":
            return [and_(is_status, HumanTask.completed_by_id == user.id)]
        branches = [and_(is_status, HumanTask.claimed_by_id == user.id),
                    and_(is_status, HumanTask.assignee_id == user.id, HumanTask.claimed_by_id.is_(None))]
        if entity_tasks(user) is not None:
            branches.append(and_(is_status, entity_tasks(user)))
        return branches
    if scope == "claimable":
        unclaimed = HumanTask.claimed_by_id.is_(None)
        return [and_(is_status, unclaimed, clause) for clause in inbox_clauses(user)]
    if user.has_role("admin"):
        return [is_status]
    for_me = or_(HumanTask.assignee_id.is_(None), HumanTask.assignee_id == user.id)
    # a case seen through one of its tasks: the tasks of those cases, read from the reader's tasks (a semi-join from
    # the index on assignee and case to the one on case, status and assignee), not by testing every open task
    task = case_task()
    seen = [HumanTask.case_id.in_(select(task.case_id).where(criterion(task)))
            for criterion in task_criteria(user)]
    return [and_(is_status, clause, for_me) for clause in seen + unit_clauses(user)]


def _filtered(statement, filters, now):
    if "district_id" in filters:
        statement = statement.where(Case.district_id == filters["district_id"])
    if "step" in filters:
        statement = statement.where(HumanTask.step == filters["step"])
    if "product_group" in filters:
        statement = statement.where(Case.product_id.in_(
            select(Product.id).where(Product.group_code == filters["product_group"])))
    if "overdue" in filters:
        overdue = and_(HumanTask.due_at.is_not(None), HumanTask.due_at < now)
        statement = statement.where(overdue if filters["overdue"] else ~overdue)
    if "due_before" in filters:
        statement = statement.where(HumanTask.due_at < filters["due_before"])
    return statement


def _tasks(branch, filters, now, columns):
    """The branch's tasks (those columns), joined with their case only where the branch or a filter reads it: most
    branches are answered from their index alone."""
    statement = _filtered(select(*columns).where(branch), filters, now)
    if Case.__table__ in find_tables(statement.whereclause, check_columns=True):
        statement = statement.join(Case, Case.id == HumanTask.case_id)
    return statement


def _first(branch, filters, now, count):
    """The first `count` tasks of a branch, in the inbox's order (read from the branch's index, no sort)."""
    statement = _tasks(branch, filters, now, (HumanTask.id, HumanTask.due_at))
    return select(statement.order_by(*ORDER).limit(count).subquery())


def inbox(user, scope="mine", status="open", page=1, per_page=25, **filters):
    """(the page of tasks, as a `paging.Page`, open counts per scope up to paging.TAB_COUNT_LIMIT); overdue first,
    then by due date. Each branch of the tab gives its first `page * per_page` tasks in that order from its
    index; the page is taken from their union, so no query sorts every match. Each task comes with its case and
    the case's product; its assignee and the person who claimed it come from the session (the reader, mostly) or
    one more statement each: two outer joins to users cost PostgreSQL more to plan than that statement to run."""
    now, page = clock.now(), max(page, 1)
    branches = scope_branches(user, scope, status)
    end = page * per_page
    items = []
    if branches:
        firsts = union(*[_first(branch, filters, now, end) for branch in branches]).subquery()
        items = db.session.scalars(
            select(HumanTask).join(firsts, firsts.c.id == HumanTask.id).join(Case, Case.id == HumanTask.case_id)
            .options(contains_eager(HumanTask.case).joinedload(Case.product), selectinload(HumanTask.assignee),
                     selectinload(HumanTask.claimed_by))
            .order_by(*ORDER).offset(end - per_page).limit(per_page)).unique().all()
    limit = max(TAB_COUNT_LIMIT, end + 1)
    # the open tab's count, counted far enough to know whether a page follows, is its total, unless filtered
    if status == "open" and not filters:
        counts = open_counts(user, scope, limit)
        total, counts[scope] = counts[scope], min(counts[scope], TAB_COUNT_LIMIT)
    else:
        counts = open_counts(user)
        total = db.session.scalar(select(_count(branches, filters, now, limit)))
    return Page(items, page, per_page, total, total >= limit), counts


def _count(branches, filters, now, limit):
    """The tasks of the branches counted up to `limit`, as a scalar subquery: each branch's ids read from its index
    in any order, no further than the limit, and their union (a task may be in several branches) counted."""
    if not branches:
        return literal(0)
    return counted_up_to(union(*[select(_tasks(branch, filters, now, (HumanTask.id,)).limit(limit).subquery())
                                 for branch in branches]), limit)


def open_counts(user, shown=None, limit=TAB_COUNT_LIMIT):
    """{scope: open tasks}, each counted up to paging.TAB_COUNT_LIMIT, the `shown` one up to `limit`, in one
    statement."""
    counts = [_count(scope_branches(user, scope, "open"), {}, None, limit if scope == shown else TAB_COUNT_LIMIT)
              .label(scope.replace("-", "_")) for scope in SCOPES]
    return dict(zip(SCOPES, db.session.execute(select(*counts)).one(), strict=True))
