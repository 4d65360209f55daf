"""What the inbox shows beside its page of tasks, each read in one query whatever the page's size."""
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from ..auth.models import Role, User
from ..cases.models import Case
from ..directory.models import AdministrativeUnit, ProductGroup
from ..extensions import db
from ..process_models.models import ProcessModel
from ..process_models.operations import bundle_of


def load_rows(tasks):
    """Attach to each task its case (with its product) and the person holding it, read in one query
    each, so that the rows read `task.case.product` and `task.claimed_by` without more queries."""
    case_ids = {task.case_id for task in tasks}
    user_ids = {task.claimed_by_id for task in tasks} - {None}
    cases = {case.id: case for case in db.session.scalars(
        select(Case).options(joinedload(Case.product)).where(Case.id.in_(case_ids)))} if case_ids else {}
    users = {user.id: user for user in db.session.scalars(
        select(User).where(User.id.in_(user_ids)))} if user_ids else {}
    for task in tasks:
        set_committed_value(task, "case", cases[task.case_id])
        set_committed_value(task, "claimed_by", users.get(task.claimed_by_id))


def roles_by_code():
    return {role.code: role for role in db.session.scalars(select(Role))}


def district_choices():
    return db.session.scalars(select(AdministrativeUnit).where(AdministrativeUnit.level == "district")
                              .order_by(AdministrativeUnit.name)).all()


def product_group_choices():
    """The top-level product groups, one per code."""
    groups = {}
    for group in db.session.scalars(select(ProductGroup).where(ProductGroup.parent_id.is_(None))
                                    .order_by(ProductGroup.id)):
        groups.setdefault(group.code, group)
    return list(groups.values())


def step_choices():
    """[(step, title)] of the human steps of every process version, read from the (cached) diagrams."""
    steps = {}
    for model in db.session.scalars(select(ProcessModel).order_by(ProcessModel.version)):
        steps.update(bundle_of(model).human_steps)
    return sorted(steps.items(), key=lambda step: step[1])
