"""Reads about tasks that pages, the API and notifications share."""
from sqlalchemy import select

from ..extensions import db
from .models import HumanTask

RETURN_DECISIONS = ("return", "rescore", "defer")


def returned_with(task):
    """For a producer's task: the latest review that sent the case back, with its reason."""
    if task.lane != "producer":
        return None
    review = db.session.scalar(
        select(HumanTask).where(HumanTask.case_id == task.case_id, HumanTask.status == "completed",
                                HumanTask.id < task.id, HumanTask.lane != "producer")
        .order_by(HumanTask.id.desc()).limit(1))
    decision = (review.submitted_data or {}).get("decision") if review is not None else None
    if decision not in RETURN_DECISIONS:
        return None
    return {"step": review.step, "title": review.title, "decision": decision,
            "reason": review.submitted_data.get("reason"), "at": review.completed_at.isoformat()}
