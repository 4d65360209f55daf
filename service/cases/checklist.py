"""The dossier as a checklist: the documents a dossier holds under the case's rule set
(`DocumentRequirement`, seeded per rule set), the files filed under each, and what is missing.

An upload names its item (`item_for`); a file filed under no item is one of the "other documents".
A required item is missing while no file is filed under it; a required item with a condition is
asked for only when the condition holds for the case (`CONDITIONS`), and is otherwise shown as
supporting. The case page, the task pages and `GET /api/v1/cases/<id>/checklist` read
`checklist_of`.
"""
from dataclasses import dataclass, field

from sqlalchemy import select

from ..directory.models import DocumentRequirement
from ..errors import Unprocessable
from ..extensions import db
from .models import Attachment

# DocumentRequirement.condition -> when it holds for a case. A cooperative group (tổ hợp tác) works
# under a cooperation contract and holds no business registration.
CONDITIONS = {
    "registered_entity": lambda case: case.entity.entity_type != "cooperative_group",
}


@dataclass
class ChecklistItem:
    requirement: DocumentRequirement
    required: bool  # asked for this case: the requirement is required and its condition holds
    attachments: list = field(default_factory=list)

    @property
    def missing(self):
        return self.required and not self.attachments


@dataclass
class Checklist:
    rule_set: str
    items: list  # [ChecklistItem], in the rule set's order
    other: list  # attachments filed under no item of the rule set

    @property
    def missing(self):
        return [item for item in self.items if item.missing]


def requirements_of(rule_set):
    """The rule set's checklist items, in order."""
    return db.session.scalars(select(DocumentRequirement).where(DocumentRequirement.rule_set == rule_set)
                              .order_by(DocumentRequirement.position, DocumentRequirement.id)).all()


def item_for(case, code):
    """The code under which to file an upload of `case`: None (other documents) when none is given, else
    an item of the case's rule set; another code is refused."""
    if not code:
        return None
    rule_set = case.process_model.rule_set
    if code not in {requirement.code for requirement in requirements_of(rule_set)}:
        message = (f"Mục “{code}” không có trong danh mục hồ sơ theo quy định {rule_set} / "
                   f"“{code}” is not an item of the {rule_set} dossier checklist")
        raise Unprocessable("invalid_item", message, details={"item": [message]})
    return code


def _asked_for(requirement, case):
    return requirement.required and (requirement.condition is None or CONDITIONS[requirement.condition](case))


def checklist_of(case):
    """The case's checklist: each item of its rule set with the files filed under it, and the other files."""
    items = {requirement.code: ChecklistItem(requirement, _asked_for(requirement, case))
             for requirement in requirements_of(case.process_model.rule_set)}
    other = []
    for attachment in db.session.scalars(select(Attachment).where(Attachment.case_id == case.id)
                                         .order_by(Attachment.id)):
        item = items.get(attachment.requirement_code)
        (item.attachments if item is not None else other).append(attachment)
    return Checklist(rule_set=case.process_model.rule_set, items=list(items.values()), other=other)
