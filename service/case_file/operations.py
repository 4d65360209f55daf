"""Recording and reading the case file's versions, and the reviews that judged them.

`record_version` runs in the transaction that completes the filling task (or submits the idea), so
a version exists exactly when its submission does. A revision of the idea also updates the product
(name, description, group and sub-group), which lists, the inbox and certificates show.
"""
from dataclasses import dataclass

from sqlalchemy import select

from .. import clock
from ..extensions import db
from ..tasks.models import HumanTask
from .models import SectionVersion
from .sections import ANSWER_FIELD, SECTIONS

PRODUCT_FIELDS = {"product_name": "name", "description": "description", "product_group": "group_code",
                  "product_subgroup": "subgroup_code"}


def section_filled_by(schema):
    """The section a form's data is a version of (its "x-section"), or None."""
    return (schema or {}).get("x-section")


def section_reviewed_by(schema):
    """The section a form judges (its "x-reviews"), or None."""
    return (schema or {}).get("x-reviews")


def names_who_did(task, user):
    """Whether `user` reads the name of whoever did `task`: not a producer reading a council's or its
    chair's work (a producer is told which council acted, never which member)."""
    return not (user.has_role("producer") and task.lane.endswith(("_council", "_chair")))


def versions(case, section=None):
    """The case's versions, by section and number (of one section when given)."""
    statement = select(SectionVersion).where(SectionVersion.case_id == case.id)
    if section is not None:
        statement = statement.where(SectionVersion.section == section)
    found = db.session.scalars(statement.order_by(SectionVersion.id)).all()
    return sorted(found, key=lambda version: (SECTIONS.index(version.section), version.number))


def current_version(case, section):
    return db.session.scalar(select(SectionVersion).where(SectionVersion.case_id == case.id,
                                                          SectionVersion.section == section)
                             .order_by(SectionVersion.number.desc()).limit(1))


def self_assessment_of(case):
    """The producer's self-assessment in the case's current dossier (parts, total), or None."""
    version = current_version(case, "dossier")
    assessment = version.data.get("self_assessment") if version is not None else None
    return assessment if isinstance(assessment, dict) else None


def record_version(case, section, form_name, data, user, task=None, new_case=False):
    """A new version of `section` from a form's validated data: the fields the form gives replace
    those of the current version, the others (and those it leaves empty) are kept; the answer to the
    reviewer is kept apart. `new_case`: the case was made in this transaction, so it has no version yet."""
    previous = None if new_case else current_version(case, section)
    content = {name: value for name, value in data.items() if name != ANSWER_FIELD and value is not None}
    version = SectionVersion(case_id=case.id, section=section, number=previous.number + 1 if previous else 1,
                             data={**(previous.data if previous else {}), **content},
                             answer=data.get(ANSWER_FIELD), form_name=form_name,
                             human_task_id=task.id if task is not None else None, submitted_by_id=user.id,
                             submitted_at=clock.now())
    db.session.add(version)
    if section == "idea":
        for field, attribute in PRODUCT_FIELDS.items():
            if field in content:
                setattr(case.product, attribute, content[field])
    return version


def prefilled(schema, version):
    """A filling form as the producer gets it: each field's default is its value at the section's current
    version; without a version (a first submission) there is no reviewer to answer, so no answer field."""
    if version is None:
        return {**schema, "properties": {name: spec for name, spec in schema["properties"].items()
                                         if name != ANSWER_FIELD},
                "required": [name for name in schema.get("required", []) if name != ANSWER_FIELD]}
    return {**schema, "properties": {name: {**spec, "default": version.data[name]}
                                     if version.data.get(name) is not None else spec
                                     for name, spec in schema["properties"].items()}}


def changed_fields(before, after):
    """The fields whose value differs between two versions' data, in the newer one's order."""
    if before is None:
        return []
    names = list(after.data) + [name for name in before.data if name not in after.data]
    return [name for name in names if before.data.get(name) != after.data.get(name)]


@dataclass
class Review:
    """A completed task that judged a section: its decision (None for a score sheet) and reason,
    and the number of the version it judged."""

    task: HumanTask
    section: str
    version_number: int | None
    decision: str | None
    reason: str | None


def reviews(case, bundle):
    """The completed reviews of the case, oldest first. A review judged the latest version recorded
    before its task was created."""
    statement = select(HumanTask).where(HumanTask.case_id == case.id, HumanTask.status == "completed",
                                        HumanTask.form_name.is_not(None))
    found = []
    all_versions = versions(case)
    for task in db.session.scalars(statement.order_by(HumanTask.id)):
        judged = section_reviewed_by(bundle.form(task.form_name))
        if judged is None:
            continue
        data = task.submitted_data or {}
        if data.get("absent") or data.get("conflict"):
            continue
        found.append(Review(task=task, section=judged, version_number=version_judged(all_versions, judged, task),
                            decision=data.get("decision"), reason=data.get("reason") or data.get("remarks")))
    return found


def version_judged(all_versions, section, task, including_own=False):
    """The number of the version of `section` a review task judged: the latest recorded before the
    task (`including_own`: or by it, the version a filling task submitted)."""
    last = task.id if including_own else task.id - 1
    numbers = [version.number for version in all_versions if version.section == section
               and (version.human_task_id is None or version.human_task_id <= last)]
    return max(numbers) if numbers else None
