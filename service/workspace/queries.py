"""What the inbox shows beside its page of tasks (service/tasks/inbox.py reads the page), each read in one query."""
from sqlalchemy import select

from ..directory.models import ProductGroup
from ..extensions import db
from ..process_models.models import ProcessModel
from ..process_models.operations import bundle_of


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
