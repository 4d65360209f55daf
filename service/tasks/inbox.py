"""The inbox: a query over the tasks table (indexed), never over workflow state.

Every branch of a tab's clause has an index of its own (migrations 0019, 0022, 0024); the page's rows come with
their case and product in the same query, their assignee and holder in one more each at most (a constant number of
statements whatever the page's size); the counts of the tabs and the total stop at `paging.TAB_COUNT_LIMIT`.

The statements are built once per reader, tab and page and then kept in each process's memory (`Reader`,
`STATEMENTS_KEPT`): building a union of some ten subqueries and hashing it for SQLAlchemy's cache cost 3 ms of a
20 ms inbox page. A statement is a function of its key alone (who reads, with which roles and units, the roles'
levels, the tab, the page, the filters), so that a kept one is the one that would be built; it holds no row.
"""
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import and_, case, literal, or_, select, union
from sqlalchemy.orm import contains_eager, selectinload
from sqlalchemy.sql.util import find_tables

from .. import clock
from ..auth.models import RoleHolder
from ..cases.access import case_task, role_levels, task_criteria, unit_clauses
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
# statements of each kind kept per process, the least recently used dropped first: 50-70 KiB each, so at most
# about 20 MB for a worker serving more readers than that at once
STATEMENTS_KEPT = 128


class RoleAt(NamedTuple):
    role_code: str
    unit_id: int | None


@dataclass(frozen=True)
class Reader(RoleHolder):
    """What the inbox's statements read of the person they are for (as a User: `id`, `entity_id`,
    `role_assignments`, `has_role`), and the roles' levels the access rules read with it; hashable, the key of the
    kept statements."""
    id: int
    entity_id: int | None
    role_assignments: tuple[RoleAt, ...]
    role_levels: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, user):
        return cls(user.id, user.entity_id,
                   tuple(RoleAt(assignment.role_code, assignment.unit_id) for assignment in user.role_assignments),
                   tuple(sorted(role_levels().items())))


class Branches(NamedTuple):
    """A tab's branches: filters on HumanTask (joined with Case) whose union is the tab. Each `direct` one is read
    from an index of its own, in the inbox's order; each of `through_tasks` reads the cases of the reader's own tasks
    first (on SQLite, all of them), then those cases' tasks."""
    direct: list
    through_tasks: list

    def all(self):
        return self.direct + self.through_tasks


def scope_branches(user, scope, status):
    """The tasks of a tab in this status, as `Branches`, each carrying the status. A producer's tasks are theirs
    ("mine") without a claim."""
    is_status = HumanTask.status == status
    if scope == "mine":
        if status != "open":
            return Branches([and_(is_status, HumanTask.completed_by_id == user.id)], [])
        branches = [and_(is_status, HumanTask.claimed_by_id == user.id),
                    and_(is_status, HumanTask.assignee_id == user.id, HumanTask.claimed_by_id.is_(None))]
        if entity_tasks(user) is not None:
            branches.append(and_(is_status, entity_tasks(user)))
        return Branches(branches, [])
    if scope == "claimable":
        unclaimed = HumanTask.claimed_by_id.is_(None)
        return Branches([and_(is_status, unclaimed, clause) for clause in inbox_clauses(user)], [])
    if user.has_role("admin"):
        return Branches([is_status], [])
    for_me = or_(HumanTask.assignee_id.is_(None), HumanTask.assignee_id == user.id)
    # a case seen through one of its tasks: the tasks of those cases, read from the reader's tasks (a semi-join from
    # the index on assignee and case to the one on case, status and assignee), not by testing every open task. The
    # cases of a national lane's tasks (the national levels') are few, the products that reach the Ministry: they
    # are read first as a set of their own (OFFSET 0, which PostgreSQL does not merge into the branch), then their
    # open tasks sorted. Merged, PostgreSQL took them for spread evenly over the inbox's order and tested open tasks
    # one by one until 25 matched (27-32 ms at 100,000 cases; 9 ms read first). A reader's own tasks may be
    # thousands (a council member's sheets): the planner merges those as it sees fit.
    task = case_task()
    own, *national = task_criteria(user)
    seen = [HumanTask.case_id.in_(select(task.case_id).where(own(task)))] + [
        HumanTask.case_id.in_(select(task.case_id).where(criterion(task)).offset(0)) for criterion in national]
    return Branches([and_(is_status, clause, for_me) for clause in unit_clauses(user)],
                    [and_(is_status, clause, for_me) for clause in seen])


def _filtered(statement, filters, now):
    for name in ("province_id", "district_id"):
        if name in filters:
            statement = statement.where(getattr(Case, name) == filters[name])
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
    reader, page = Reader.of(user), max(page, 1)
    end = page * per_page
    # the overdue filter compares with the present moment, which no later request shares: its statements are not kept
    now = clock.now() if "overdue" in filters else None
    kept = tuple(sorted(filters.items()))
    page_statement = _built(_page_statement, now)(reader, scope, status, end, per_page, kept, now)
    items = db.session.scalars(page_statement).unique().all() if page_statement is not None else []
    limit = max(TAB_COUNT_LIMIT, end + 1)
    # the open tab's count, counted far enough to know whether a page follows, is its total, unless filtered
    if status == "open" and not filters:
        counts = _open_counts(reader, scope, limit)
        total, counts[scope] = counts[scope], min(counts[scope], TAB_COUNT_LIMIT)
    else:
        counts = _open_counts(reader, None, TAB_COUNT_LIMIT)
        total = db.session.scalar(_built(_total_statement, now)(reader, scope, status, kept, now, limit))
    return Page(items, page, per_page, total, total >= limit), counts


def _built(kept_statement, now):
    """The kept statement's builder: the kept one, or, for a statement holding the present moment, the builder
    itself."""
    return kept_statement.__wrapped__ if now else kept_statement


@lru_cache(maxsize=STATEMENTS_KEPT)
def _page_statement(reader, scope, status, end, per_page, filters, now):
    """The tasks of a page, with their cases and products; None for a tab the reader has no way into."""
    branches = scope_branches(reader, scope, status).all()
    if not branches:
        return None
    firsts = union(*[_first(branch, dict(filters), now, end) for branch in branches]).subquery()
    return (select(HumanTask).join(firsts, firsts.c.id == HumanTask.id).join(Case, Case.id == HumanTask.case_id)
            .options(contains_eager(HumanTask.case).joinedload(Case.product), selectinload(HumanTask.assignee),
                     selectinload(HumanTask.claimed_by))
            .order_by(*ORDER).offset(end - per_page).limit(per_page))


@lru_cache(maxsize=STATEMENTS_KEPT)
def _total_statement(reader, scope, status, filters, now, limit):
    return select(_count(scope_branches(reader, scope, status), dict(filters), now, limit))


def _count(branches, filters, now, limit):
    """The tasks of the `Branches` counted up to `limit`, as a scalar expression: each branch's ids read from its
    index in any order, no further than the limit, and their union (a task may be in several branches) counted.
    The branches through the reader's tasks are read only when the direct ones count fewer than the limit: a
    council member holding 18,000 sheets has them listed only when their district's tasks are fewer than that."""
    counted = _counted(branches.all(), filters, now, limit)
    if not (branches.direct and branches.through_tasks):
        return counted
    return case((_counted(branches.direct, filters, now, limit) >= limit, limit), else_=counted)


def _counted(branches, filters, now, limit):
    if not branches:
        return literal(0)
    return counted_up_to(union(*[select(_tasks(branch, filters, now, (HumanTask.id,)).limit(limit).subquery())
                                 for branch in branches]), limit)


def _open_counts(reader, shown, limit):
    """{scope: open tasks}, each counted up to paging.TAB_COUNT_LIMIT, the `shown` one up to `limit`, in one
    statement."""
    return dict(zip(SCOPES, db.session.execute(_counts_statement(reader, shown, limit)).one(), strict=True))


@lru_cache(maxsize=STATEMENTS_KEPT)
def _counts_statement(reader, shown, limit):
    return select(*[_count(scope_branches(reader, scope, "open"), {}, None,
                           limit if scope == shown else TAB_COUNT_LIMIT).label(scope.replace("-", "_"))
                    for scope in SCOPES])
