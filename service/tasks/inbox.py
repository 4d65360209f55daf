"""The inbox: a query over the tasks table (indexed), never over workflow state.

Every branch of a tab's clause has an index of its own (migrations 0004, 0015); the page's rows come with their
case, product and holder in the same query (a constant number of statements whatever the page's size); the
counts of the tabs and the total stop at `paging.COUNT_LIMIT`.
"""
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from .. import clock
from ..cases.access import visible_cases
from ..cases.models import Case
from ..directory.models import Product
from ..paging import count_up_to, paginate
from .access import entity_tasks, inbox_clauses
from .models import HumanTask

SCOPES = ("mine", "claimable", "all-visible")


def scope_clause(user, scope, status):
    """The tasks of a tab in this status; each branch of an OR carries the status, so that the
    database can answer each branch from its own index. A producer's tasks are theirs ("mine")
    without a claim."""
    is_status = HumanTask.status == status
    if scope == "mine":
        if status != "open":
            return and_(is_status, HumanTask.completed_by_id == user.id)
        branches = [and_(is_status, HumanTask.claimed_by_id == user.id),
                    and_(is_status, HumanTask.assignee_id == user.id, HumanTask.claimed_by_id.is_(None))]
        if entity_tasks(user) is not None:
            branches.append(and_(is_status, entity_tasks(user)))
        return or_(*branches)
    if scope == "claimable":
        unclaimed = HumanTask.claimed_by_id.is_(None)
        return or_(*[and_(is_status, unclaimed, clause) for clause in inbox_clauses(user)])
    of_visible_cases = HumanTask.case_id.in_(select(Case.id).where(visible_cases(user)))
    if user.has_role("admin"):
        return and_(is_status, of_visible_cases)
    return and_(is_status, of_visible_cases,
                or_(HumanTask.assignee_id.is_(None), HumanTask.assignee_id == user.id))


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


def inbox(user, scope="mine", status="open", page=1, per_page=25, **filters):
    """(the page of tasks as a `paging.paginate` pagination, open counts per scope up to paging.COUNT_LIMIT);
    overdue first, then by due date. Each task comes with its case, the case's product, its assignee and the
    person who claimed it."""
    now = clock.now()
    base = (select(HumanTask).join(Case, Case.id == HumanTask.case_id)
            .options(contains_eager(HumanTask.case).joinedload(Case.product), joinedload(HumanTask.assignee),
                     joinedload(HumanTask.claimed_by))
            .where(scope_clause(user, scope, status)))
    base = _filtered(base, filters, now)
    # Overdue tasks are exactly those due earliest, so "overdue first, then by due date" is the
    # order of due dates, tasks without one last.
    pagination = paginate(base.order_by(HumanTask.due_at.is_(None), HumanTask.due_at, HumanTask.id),
                          page=page, per_page=per_page)
    return pagination, open_counts(user)


def open_counts(user):
    """{scope: open tasks}, each counted up to paging.COUNT_LIMIT."""
    return {scope: count_up_to(select(HumanTask.id).join(Case, Case.id == HumanTask.case_id)
                               .where(scope_clause(user, scope, "open")))
            for scope in SCOPES}
