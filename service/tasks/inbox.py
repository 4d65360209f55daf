"""The inbox: a query over the tasks table (indexed), never over workflow state."""
from sqlalchemy import and_, case as when, func, or_, select

from .. import clock
from ..cases.access import inbox_clauses, visible_cases
from ..cases.models import Case
from ..directory.models import Product
from ..extensions import db
from .models import HumanTask

SCOPES = ("mine", "claimable", "all-visible")


def scope_clause(user, scope, status):
    if scope == "mine":
        if status == "open":
            return or_(HumanTask.claimed_by_id == user.id,
                       and_(HumanTask.assignee_id == user.id, HumanTask.claimed_by_id.is_(None)))
        return HumanTask.completed_by_id == user.id
    if scope == "claimable":
        return and_(HumanTask.claimed_by_id.is_(None), inbox_clauses(user))
    if user.has_role("admin"):
        return visible_cases(user)
    return and_(visible_cases(user), or_(HumanTask.assignee_id.is_(None), HumanTask.assignee_id == user.id))


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
    """(tasks on the page, total, open counts per scope); overdue first, then by due date."""
    now = clock.now()
    base = (select(HumanTask).join(Case, Case.id == HumanTask.case_id)
            .where(HumanTask.status == status, scope_clause(user, scope, status)))
    base = _filtered(base, filters, now)
    total = db.session.scalar(select(func.count()).select_from(base.order_by(None).subquery()))
    overdue_first = when((and_(HumanTask.due_at.is_not(None), HumanTask.due_at < now), 0), else_=1)
    items = db.session.scalars(base.order_by(overdue_first, HumanTask.due_at.is_(None), HumanTask.due_at,
                                             HumanTask.id)
                               .limit(per_page).offset((page - 1) * per_page)).all()
    return items, total, open_counts(user)


def open_counts(user):
    counts = {}
    for scope in SCOPES:
        statement = (select(func.count(HumanTask.id)).join(Case, Case.id == HumanTask.case_id)
                     .where(HumanTask.status == "open", scope_clause(user, scope, "open")))
        counts[scope] = db.session.scalar(statement)
    return counts
