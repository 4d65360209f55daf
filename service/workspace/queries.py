"""What the inbox shows beside its page of tasks (service/tasks/inbox.py reads the page), each read in one query."""
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..directory.models import AdministrativeUnit, ProductGroup
from ..extensions import db
from ..process_models.models import ProcessModel
from ..process_models.operations import bundle_of


def district_choices():
    """The districts with their province, by name."""
    return db.session.scalars(select(AdministrativeUnit).options(joinedload(AdministrativeUnit.parent))
                              .where(AdministrativeUnit.level == "district").order_by(AdministrativeUnit.name)).all()


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
