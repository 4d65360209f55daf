"""Who may see a case: `visible_cases` (a filter), `get_case` (load and authorize), and the unit
a role acts for on a case. Who may act on a task is in service/tasks/access.py.

A case is visible to its producer, to officials whose role covers its commune, district or
province, to the national office and council once the case has reached them, to council
members it was assigned to, and to administrators. Anything else answers 404, so that
nobody learns which cases exist outside their jurisdiction.
"""
from functools import cache

from sqlalchemy import ARRAY, any_, cast, exists, func, or_, select, union
from sqlalchemy.orm import aliased, joinedload

from ..auth.models import roles_by_code
from ..auth.permissions import OFFICIALS
from ..errors import NotFound
from ..extensions import db
from ..tasks.models import HumanTask
from .models import Case

UNIT_COLUMN = {"commune": Case.commune_id, "district": Case.district_id, "province": Case.province_id}


def role_levels():
    """{role code: level}, from the roles read once per database session (`roles_by_code`)."""
    return {code: role.level for code, role in roles_by_code().items()}


def visible_cases(user):
    """A filter on Case for the cases this user may see. A case seen through one of its tasks is tested by an EXISTS
    on the case's tasks (read by their case index): a list read in its order stops at its page when the user's cases
    are many (a council member may hold thousands of sheets), and testing one case never lists the cases of every
    task someone was given. Someone who sees cases only through tasks (the national office and council) sees few of
    them among every case: their filter reads those tasks' cases (their indexes by assignee and by lane), then each
    of those cases by its id (`_among`), so that a list does not test every case of the database for them. An OCOP
    official (`OFFICIALS`) sees the cases of a commune, district or province, and is seldom named on a task: their
    named tasks' cases are a semi-join (`_among`) beside their units', so that the database reads each branch
    through its index when the unit holds few of the cases (a commune among a country's), and still walks the list's
    order when it holds most of them; the EXISTS made a commune's list test every case of the country."""
    if user.has_role("admin"):
        return Case.id.is_not(None)
    task = case_task()
    units = unit_clauses(user)
    criteria = [criterion(task) for criterion in task_criteria(user)]
    if not units:
        case_ids = [select(task.case_id).where(criterion) for criterion in criteria]
        return _among(Case.id, union(*case_ids) if len(case_ids) > 1 else case_ids[0])
    if all(assignment.role_code in OFFICIALS for assignment in user.role_assignments):
        return or_(*(_among(Case.id, select(task.case_id).where(criterion)) for criterion in criteria), *units)
    return or_(*(exists().where(task.case_id == Case.id, criterion) for criterion in criteria), *units)


def _among(column, selection):
    """`column IN (selection)`, `selection` a SELECT of one column. PostgreSQL is asked `column = ANY
    (CAST((SELECT array_agg(...) FROM (selection)) AS INTEGER[]))`: an array computed once, which it reads
    through the column's index, alone or beside the other branches of an OR (a BitmapOr). An `IN (subquery)` under
    an OR is a filter it tests on every row, estimating that half of them match; alone, it hashed the selection
    and read every case to probe it (29 ms for the national office's 1,000 cases among 100,000, 7 ms by the
    index)."""
    if db.session.get_bind().dialect.name == "postgresql":
        selected = selection.subquery()
        return column == any_(cast(select(func.array_agg(selected.c[0])).scalar_subquery(), ARRAY(column.type)))
    return column.in_(selection)


@cache
def case_task():
    """The alias of a case's task in the visibility's EXISTS, made once: the first comparison of a new
    alias's columns builds them, which cost every request."""
    return aliased(HumanTask, name="case_task")


def task_criteria(user):
    """[a function of a HumanTask alias giving a filter]: this user sees a case that has a task meeting one of them
    (first, one assigned to them; then, for the national levels, a task of a national lane). Not for
    administrators."""
    criteria = [lambda task: task.assignee_id == user.id]
    levels = role_levels()
    if any(levels.get(assignment.role_code) == "national" for assignment in user.role_assignments):
        national_lanes = sorted(code for code, level in levels.items() if level == "national")
        criteria.append(lambda task: task.lane.in_(national_lanes))
    return criteria


def unit_clauses(user):
    """The other filters on Case by which this user sees cases: their entity's, their units'. Not for
    administrators."""
    levels = role_levels()
    clauses = []
    if user.entity_id is not None and user.has_role("producer"):
        clauses.append(Case.entity_id == user.entity_id)
    for assignment in user.role_assignments:
        level = levels.get(assignment.role_code)
        if level in UNIT_COLUMN and assignment.unit_id is not None:
            clauses.append(UNIT_COLUMN[level] == assignment.unit_id)
    return clauses


def get_case(case_id, user, detail=False):
    """The case, if this user may see it; 404 otherwise. With `detail`, what the case's detail (the API's
    answer, the case's page) shows of it beyond its row is read with it: product, entity, units, version."""
    statement = select(Case).where(Case.id == case_id, visible_cases(user))
    if detail:
        statement = statement.options(*(joinedload(relation) for relation in (
            Case.product, Case.entity, Case.commune, Case.district, Case.province, Case.process_model)))
    case = db.session.scalar(statement)
    if case is None:
        raise NotFound("case_not_found", "Không tìm thấy hồ sơ / Case not found")
    return case


def unit_at(case, level):
    """The case's commune, district or province id at that level (None for national and system levels)."""
    return getattr(case, f"{level}_id") if level in UNIT_COLUMN else None


def jurisdiction_of(case, role_code):
    """The administrative unit a role acts for on this case (None for national and system roles)."""
    return unit_at(case, role_levels().get(role_code))
