"""Pages of lists whose counts stay cheap however long the list: rows are counted exactly up to a limit.

A COUNT(*) of every match reads every match: 20,000 index entries for a district's tasks at 100,000 cases.
`count_up_to` stops at COUNT_LIMIT (1,000) rows, so that a count costs at most that whatever the size of the
database; a list or a tab with more says "1.000+". `paginate` counts far enough to know the page after this
one too, so that paging on stays possible past the limit.
"""
import math
from dataclasses import dataclass

from sqlalchemy import func, select

from .extensions import db

COUNT_LIMIT = 1000
# The inbox's tabs count up to 100 ("100+", as mail clients show "99+"): three tabs are counted on every visit
# to the inbox, and a badge says "more than anyone works through today" as well at 100 as at 1,000, for a tenth
# of the index entries read by an official or council member with thousands of tasks.
TAB_COUNT_LIMIT = 100


def count_up_to(statement, limit=COUNT_LIMIT):
    """How many rows `statement` selects, counting no further than `limit`."""
    return db.session.scalar(select(counted_up_to(statement, limit)))


def counted_up_to(statement, limit=COUNT_LIMIT):
    """`count_up_to` as a scalar subquery, for several counts in one statement."""
    return select(func.count()).select_from(statement.order_by(None).limit(limit).subquery()).scalar_subquery()


def paginate(statement, page, per_page):
    """`db.paginate` whose `total` is counted up to COUNT_LIMIT, or far enough to know whether a page follows;
    `capped` says that the total stopped there (there are at least that many)."""
    pagination = db.paginate(statement, page=page, per_page=per_page, error_out=False, count=False)
    limit = max(COUNT_LIMIT, pagination.page * pagination.per_page + 1)
    pagination.total = count_up_to(statement, limit)
    pagination.capped = pagination.total >= limit
    return pagination


def page_body(page, items, count_limit=COUNT_LIMIT, **more):
    """The API's answer for a page of a list, the same for every list: {items (the page's rows, dumped), total,
    page, per_page, count_limit, ...`more`}; `total` is exact up to `count_limit`, or up to the end of the page
    after this one (`paginate`): a total equal to it means at least that many."""
    return {"items": items, "total": page.total, "page": page.page, "per_page": page.per_page,
            "count_limit": count_limit, **more}


def page_of(items, page, per_page):
    """A `Page` of a list already in memory (counted exactly: it is all there)."""
    start = (page - 1) * per_page
    return Page(items[start:start + per_page], page, per_page, len(items), False)


@dataclass
class Page:
    """A page read without `db.paginate` (the inbox's, or of a list in memory: `page_of`), with the same
    attributes."""
    items: list
    page: int
    per_page: int
    total: int
    capped: bool

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.per_page))
