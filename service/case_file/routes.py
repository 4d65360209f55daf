"""Case file endpoints: the sections with their versions and reviews, and one version whole."""
from flask import Blueprint
from flask_login import current_user, login_required

from ..cases.access import get_case
from ..errors import NotFound
from ..process_models.operations import bundle_of
from .operations import changed_fields, names_who_did, reviews, versions
from .schemas import CaseFileOutput, VersionDetail
from .sections import SECTION_TITLES, SECTIONS

bp = Blueprint("case_file", __name__, url_prefix="/api/v1", template_folder="templates")


def _reviews_by(case, user):
    """The case's reviews, each with `by`: the reviewer's name, or for a producer a council's role."""
    found = reviews(case, bundle_of(case.process_model))
    for review in found:
        task = review.task
        named = names_who_did(task, user) and task.completed_by is not None
        review.by = task.completed_by.full_name if named else task.lane
    return found


def _with_changes(found):
    previous = {}
    for version in found:
        version.changed = changed_fields(previous.get(version.section), version)
        previous[version.section] = version
    return found


@bp.get("/cases/<int:case_id>/file")
@login_required
def case_file(case_id):
    """The case file: each section the producer submitted, its versions and the reviews that judged them.
    ---
    get:
      tags: [cases]
      responses:
        200: {content: {application/json: {schema: CaseFileOutput}}}
        404: {description: "No such case, or not yours to see"}
    """
    case = get_case(case_id, current_user)
    found, judged = _with_changes(versions(case)), _reviews_by(case, current_user)
    sections = []
    for section in SECTIONS:
        mine = [version for version in found if version.section == section]
        if mine:
            sections.append({"section": section, "title": str(SECTION_TITLES[section]), "current": mine[-1].number,
                             "versions": mine, "reviews": [review for review in judged if review.section == section]})
    return CaseFileOutput().dump({"sections": sections})


@bp.get("/cases/<int:case_id>/file/<section>/versions/<int:number>")
@login_required
def case_file_version(case_id, section, number):
    """One version of a section of the case file: its whole content, what changed, the reviews that judged it.
    ---
    get:
      tags: [cases]
      responses:
        200: {content: {application/json: {schema: VersionDetail}}}
        404: {description: "No such case, section or version"}
    """
    case = get_case(case_id, current_user)
    version = next((version for version in _with_changes(versions(case))
                    if version.section == section and version.number == number), None)
    if version is None:
        raise NotFound("version_not_found", "Không có phiên bản này trong hồ sơ / No such version in the case file")
    version.reviews = [review for review in _reviews_by(case, current_user)
                       if review.section == section and review.version_number == number]
    return VersionDetail().dump(version)
