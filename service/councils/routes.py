"""Council endpoints: the minutes of a case's councils (not for producers: `minutes.reads_minutes`)."""
from flask import Blueprint, Response
from flask_login import current_user, login_required

from ..cases.access import get_case
from .minutes import get_minutes, minutes_of
from .schemas import MinutesOutput

bp = Blueprint("councils", __name__, url_prefix="/api/v1")


@bp.get("/cases/<int:case_id>/minutes")
@login_required
def list_minutes(case_id):
    """The minutes of the case's councils, oldest first.
    ---
    get:
      tags: [councils]
      summary: The council minutes of a case
      description: Each approved council round at the district or the province leaves its minutes (PDF).
        Producers get an empty list (the minutes name who gave which sheet).
      responses:
        200: {description: the minutes, content: {application/json: {schema: {type: array, items: MinutesOutput}}}}
        404: {description: the case is not found or not visible to you}
    """
    return MinutesOutput(many=True).dump(minutes_of(get_case(case_id, current_user), current_user))


@bp.get("/cases/<int:case_id>/minutes/<int:minutes_id>.pdf")
@login_required
def minutes_pdf(case_id, minutes_id):
    """A council's minutes as a PDF.
    ---
    get:
      tags: [councils]
      summary: Download a council's minutes (PDF)
      description: For those who may see the case, producers excepted.
      responses:
        200: {description: the PDF, content: {application/pdf: {schema: {type: string, format: binary}}}}
        404: {description: not found or not visible to you}
    """
    minutes = get_minutes(get_case(case_id, current_user), minutes_id, current_user)
    response = Response(minutes.content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{minutes.filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
