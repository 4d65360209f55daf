"""Incidents: a case whose engine step failed keeps its last good state until someone retries.

An administrator fixes the cause (council membership, say, or a corrected diagram deployed as
a new version) and retries; the retry replays what failed, optionally after moving the case
to that new version of its process.
"""
from ..audit.log import record
from ..auth.models import User
from ..cases.models import Case
from ..cases.progress import Attempt, advance, begin
from ..auth.permissions import require_admin
from ..errors import NotFound, Unprocessable
from ..extensions import db
from ..tasks.models import HumanTask
from ..tasks.operations import finish
from .models import Incident


def retry(incident_id, admin, process_model=None):
    require_admin(admin)
    incident = db.session.get(Incident, incident_id)
    if incident is None:
        raise NotFound("incident_not_found", "Không tìm thấy sự cố / Incident not found")
    if incident.resolved_at is not None:
        raise Unprocessable("incident_resolved", "Sự cố đã được xử lý / The incident is already resolved")
    case = db.session.get(Case, incident.case_id)
    if process_model is not None and process_model.key != case.process_model.key:
        raise Unprocessable("wrong_process", "Phiên bản thuộc quy trình khác / That version is of another process")
    record("incident.retried", case=case, user=admin, incident_id=incident.id,
           process_model_id=(process_model or case.process_model).id)
    if incident.action == "complete":
        task = db.session.get(HumanTask, incident.payload["task_id"])
        actor = db.session.get(User, incident.payload["user_id"])
        finish(task, case, actor, incident.payload["data"], retry_of=incident, move_to=process_model)
    elif incident.action == "timers":
        advance(case, lambda workflow: workflow.fire_timers(), admin, Attempt("timers", {}, retry_of=incident),
                move_to=process_model)
    else:
        if process_model is not None:
            case.process_model = process_model
        begin(case, incident.payload["data"], admin, retry_of=incident)
    return incident
