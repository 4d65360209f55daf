"""What the council's people record besides their sheets: a member's absence (the council's
secretary or officer) and a member's own declared conflict of interest. Either closes the
member's sheet for the round without a score, so the round can conclude on the others if they
make a quorum (`rules.council_result`)."""
from sqlalchemy import select

from ..audit.log import record
from ..auth.permissions import holds
from ..cases.access import get_case, jurisdiction_of
from ..cases.models import Case
from ..criteria.forms import SHEET_FORM
from ..errors import Conflict, Forbidden, NotFound, Unprocessable
from ..extensions import db
from ..tasks.models import HumanTask
from ..tasks.operations import finish
from .members import council_of


def _open_sheet(task_id, user):
    """A council member's open sheet on a case the user may see, the case row locked."""
    task = db.session.get(HumanTask, task_id)
    if task is None:
        raise NotFound("task_not_found", "Không tìm thấy nhiệm vụ / Task not found")
    case = get_case(task.case_id, user)
    db.session.execute(select(Case.id).where(Case.id == case.id).with_for_update())
    db.session.refresh(task)
    db.session.refresh(case)
    if task.form_name != SHEET_FORM or task.assignee_id is None:
        raise Unprocessable("not_a_council_sheet", "Nhiệm vụ này không phải phiếu chấm của thành viên hội đồng / "
                                                   "This task is not a council member's score sheet")
    if task.status != "open":
        raise Conflict("task_closed", "Phiếu chấm đã đóng / The score sheet is already closed")
    return task, case


def records_attendance(user, task, case):
    """Whether the user keeps the council's attendance for this sheet: the council's secretary, the
    officer of the council's level for the case (district, province or national office), or an
    administrator."""
    level = task.lane.removesuffix("_council")
    council = council_of(case, level)
    secretary = council is not None and any(member.user_id == user.id and member.position == "secretary"
                                            for member in council.members)
    officer = f"{level}_officer"
    return user.has_role("admin") or secretary or holds(user, officer, jurisdiction_of(case, officer))


def record_absence(task_id, user):
    """The member holding this sheet is absent from the council's session: the sheet closes without a
    score (`{"absent": true}`)."""
    task, case = _open_sheet(task_id, user)
    if not records_attendance(user, task, case):
        raise Forbidden("not_attendance_keeper", "Chỉ thư ký hoặc cơ quan thường trực của hội đồng ghi nhận vắng mặt / "
                                                 "Only the council's secretary or its office records absences")
    member_id = task.assignee_id
    finish(task, case, user, {"absent": True})
    record("council.absence_recorded", case=case, user=user, task_id=task.id, step=task.step, member_id=member_id)
    return task


def declare_conflict(task_id, user, reason):
    """The member holding this sheet declares an interest in the product: they do not score it."""
    task, case = _open_sheet(task_id, user)
    if task.assignee_id != user.id:
        raise NotFound("task_not_found", "Không tìm thấy nhiệm vụ / Task not found")
    if not isinstance(reason, str) or not reason.strip() or len(reason) > 2000:
        raise Unprocessable("invalid_form", "Cần nêu lý do (tối đa 2000 ký tự) / Give a reason (at most 2000 characters)",
                            details={"reason": ["Cần nêu lý do (tối đa 2000 ký tự) / "
                                                "Give a reason (at most 2000 characters)"]})
    finish(task, case, user, {"conflict": True, "reason": reason.strip()})
    record("council.conflict_declared", case=case, user=user, task_id=task.id, step=task.step, reason=reason.strip())
    return task
