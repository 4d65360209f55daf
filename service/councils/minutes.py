"""The council's minutes (biên bản họp hội đồng): when the chair of a district or provincial council
approves a round's result, the service keeps the minutes as a PDF with the case, a document of the
dossier that goes on to the next level.

The approval records the session (`record_minutes`: what the minutes say, as plain values in
`proceedings`); the PDF is written after the approval commits by a job on the queue (`write_minutes`,
service/jobs.py), once, its SHA-256 audited as it is written. Until then the case file lists the
minutes as being prepared; a job that fails is retried (every failure is logged by the queue), and
`flask ocop write-minutes` queues again those a killed worker or a job that gave up left unwritten.

The minutes name the council (its name, founding decision number and date), the day, each member
with their position and whether they scored, were absent or did not score for a conflict of
interest, each scored sheet (parts A, B, C and the total), the mean of the totals unrounded and as
the case shows it (cut to two decimals), the stars and the chair's decision with their remarks.

They name who gave which sheet, so producers never get them (`reads_minutes`): a producer sees the
council's result on the case (score, stars, the council's role), never a member's sheet.
Everyone else who may see the case (officials, council members, the next level's reviewers,
administrators) reads them. The PDF is made with fpdf2 and the DejaVu fonts, as certificates are
(`certificates/document.py`), so its Vietnamese text can be searched and extracted as typed.
"""
import hashlib
from datetime import date

from babel.numbers import format_decimal
from fpdf import FPDF
from sqlalchemy import func, select, update

from .. import clock
from ..audit.log import record
from ..cases.models import Case
from ..cases.progress import shown_score
from ..certificates.fonts import FONT, add_fonts
from ..certificates.lifecycle import today
from ..criteria.forms import SHEET_FORM
from ..errors import Conflict, NotFound
from ..extensions import db
from ..jobs import enqueue, enqueue_after_commit, job
from ..tasks.models import CouncilScore, HumanTask
from .members import CHAIR_LANES, council_of, linked_members
from .models import CouncilMinutes

LEVEL_NAMES = {"district": "cấp huyện", "province": "cấp tỉnh"}
POSITIONS = {"chair": "Chủ tịch", "vice_chair": "Phó Chủ tịch", "member": "Thành viên", "secretary": "Thư ký"}
DECISIONS = {"approve": "phê duyệt kết quả chấm điểm của hội đồng"}


def _pdf():
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    add_fonts(pdf)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, 15)
    pdf.set_creation_date(clock.now())
    return pdf


def _vi(number, pattern):
    return format_decimal(number, pattern, locale="vi")


def _day(iso_date):
    return date.fromisoformat(iso_date).strftime("%d/%m/%Y")


def _round_sheets(case, level, decision):
    """The sheets of the round the chair's `decision` concludes: each member's latest sheet of the
    level since the previous decision of the same step, {member id: (task, CouncilScore or None)}."""
    previous = db.session.scalar(select(func.max(HumanTask.id)).where(
        HumanTask.case_id == case.id, HumanTask.step == decision.step, HumanTask.status == "completed",
        HumanTask.id < decision.id)) or 0
    tasks = db.session.scalars(select(HumanTask).where(
        HumanTask.case_id == case.id, HumanTask.lane == f"{level}_council", HumanTask.form_name == SHEET_FORM,
        HumanTask.status == "completed", HumanTask.id > previous, HumanTask.id < decision.id)
        .order_by(HumanTask.id)).all()
    scores = {score.human_task_id: score for score in db.session.scalars(
        select(CouncilScore).where(CouncilScore.human_task_id.in_([task.id for task in tasks])))}
    return {task.assignee_id: (task, scores.get(task.id)) for task in tasks}


def _attendance(member, sheets, linked):
    """What the member did in the round, in the minutes' words, and their sheet if they scored."""
    task, score = sheets.get(member.user_id, (None, None))
    if score is not None:
        return "Có mặt, chấm điểm", score
    if member.user_id in linked or (task is not None and (task.submitted_data or {}).get("conflict")):
        return "Không chấm: xung đột lợi ích", None
    if task is not None and (task.submitted_data or {}).get("absent"):
        return "Vắng mặt", None
    if member.position == "secretary":
        return "Thư ký, không chấm điểm", None
    return "Không có phiếu", None


def proceedings_of(case, level, council, decision, chair, data, day):
    """What the minutes of the round `decision` (the chair's task, completed with `decision.submitted_data`)
    concludes record, as plain values kept with them: the council, the day, each member in their position
    with what they did and their sheet, the level's unrounded score and stars (`data`, the workflow's),
    the chair's decision. Taken at the approval, so a later change of the council or of a name does not
    change a past session's minutes."""
    sheets = _round_sheets(case, level, decision)
    members = council.members if council is not None else []
    linked = set(linked_members(case, council)) if council is not None else set()
    rows = []
    for member in members:
        attendance, score = _attendance(member, sheets, linked)
        rows.append({"name": member.user.full_name, "position": member.position, "attendance": attendance,
                     "points": None if score is None else [score.part_a, score.part_b, score.part_c, score.total],
                     "remarks": score.remarks if score is not None else None})
    submitted = decision.submitted_data or {}
    return {"level": level, "reference": case.reference, "product": case.product.name, "entity": case.entity.name,
            "day": day.isoformat(),
            "council": None if council is None else {
                "name": council.name, "decision_number": council.decision_number,
                "decision_date": council.decision_date.isoformat() if council.decision_date else None},
            "members": rows, "score": data.get(f"{level}_score"), "stars": data.get(f"{level}_stars"),
            "chair": chair.full_name, "decision": submitted.get("decision"), "reason": submitted.get("reason")}


def minutes_pdf(proceedings):
    """The minutes as PDF bytes, from what the approval recorded (`proceedings_of`)."""
    level = proceedings["level"]
    council = proceedings["council"]
    pdf = _pdf()
    pdf.set_title(f"Biên bản họp hội đồng {proceedings['reference']}")
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 7, "BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP "
                   + LEVEL_NAMES.get(level, level).upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    def line(text, style=""):
        pdf.set_font(FONT, style, 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")

    if council is not None:
        line(f"Hội đồng: {council['name']}", "B")
        if council["decision_number"]:
            founded = f" ngày {_day(council['decision_date'])}" if council["decision_date"] else ""
            line(f"Thành lập theo Quyết định số {council['decision_number']}{founded}")
    line(f"Ngày họp: {_day(proceedings['day'])}")
    line(f"Sản phẩm: {proceedings['product']} (hồ sơ {proceedings['reference']})")
    line(f"Chủ thể: {proceedings['entity']}")
    pdf.ln(2)
    line("Thành phần và phiếu chấm", "B")
    pdf.set_font(FONT, "", 10)
    with pdf.table(col_widths=(52, 24, 44, 14, 14, 14, 18), text_align=("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT",
                                                                         "RIGHT", "RIGHT")) as table:
        table.row(("Thành viên", "Chức danh", "Tham dự", "A", "B", "C", "Tổng"))
        for member in proceedings["members"]:
            points = [_vi(value, "#,##0.##") for value in member["points"] or ()] or ["", "", "", ""]
            table.row((member["name"], POSITIONS.get(member["position"], member["position"]), member["attendance"],
                       *points))
    pdf.ln(3)
    score, stars = proceedings["score"], proceedings["stars"]
    if score is not None:
        line(f"Điểm bình quân của các phiếu (chưa làm tròn): {_vi(score, '#,##0.######')}")
        line(f"Điểm ghi nhận (lấy hai chữ số thập phân, không làm tròn lên): {_vi(shown_score(score), '#,##0.00')}")
    if stars is not None:
        line(f"Kết quả: đạt {stars} sao {LEVEL_NAMES.get(level, level)}", "B")
    line(f"Quyết định của Chủ tịch hội đồng ({proceedings['chair']}): "
         f"{DECISIONS.get(proceedings['decision'], proceedings['decision'])}")
    if proceedings["reason"]:
        line(f"Ý kiến của Chủ tịch hội đồng: {proceedings['reason']}")
    for member in proceedings["members"]:
        if member["remarks"]:
            line(f"Nhận xét của {member['name']}: {member['remarks']}")
    return bytes(pdf.output())


def record_minutes(case, decision, chair, data):
    """Record the session whose round the chair's `decision` approved, when it is a council chair's
    approval (district or province), and queue the job that writes its minutes once the approval
    commits; returns the CouncilMinutes (its PDF still to be written), or None for any other task."""
    level = CHAIR_LANES.get(decision.lane)
    if level is None or (decision.submitted_data or {}).get("decision") != "approve":
        return None
    council = council_of(case, level)
    minutes = CouncilMinutes(case_id=case.id, level=level, council_id=council.id if council else None,
                             human_task_id=decision.id, filename=f"bien-ban-hoi-dong-{level}-{case.reference}.pdf",
                             proceedings=proceedings_of(case, level, council, decision, chair, data, today()),
                             created_at=clock.now())
    db.session.add(minutes)
    enqueue_after_commit(write_minutes, minutes)
    return minutes


@job(retries=5, retry_delay=60)
def write_minutes(minutes_id):
    """Write the PDF of minutes recorded at an approval, once: a conditional update keeps the first
    run's file (a job queued twice, or two workers), and audits its SHA-256 in the same transaction."""
    minutes = db.session.get(CouncilMinutes, minutes_id)
    if minutes is None or minutes.written_at is not None:
        return
    content = minutes_pdf(minutes.proceedings)
    sha256 = hashlib.sha256(content).hexdigest()
    written = db.session.execute(update(CouncilMinutes).where(
        CouncilMinutes.id == minutes_id, CouncilMinutes.written_at.is_(None)).values(
        content=content, size=len(content), sha256=sha256, written_at=clock.now())).rowcount == 1
    if written:
        decision = db.session.get(HumanTask, minutes.human_task_id)
        record("council.minutes_written", case=db.session.get(Case, minutes.case_id), task_id=decision.id,
               level=minutes.level, minutes_id=minutes_id, chair_id=decision.completed_by_id, sha256=sha256)
    db.session.commit()


def queue_unwritten():
    """Queue `write_minutes` for every minutes still being prepared; returns how many."""
    waiting = db.session.scalars(select(CouncilMinutes.id).where(CouncilMinutes.written_at.is_(None))
                                 .order_by(CouncilMinutes.id)).all()
    for minutes_id in waiting:
        enqueue(write_minutes, minutes_id)
    return len(waiting)


def reads_minutes(user):
    """Whether the user may read a council's minutes of a case they may see: not a producer (the
    minutes name who gave which sheet)."""
    return user.has_role("admin") or not user.has_role("producer")


def minutes_of(case, user):
    """The minutes of the case's councils, oldest first, as the user may read them (none for producers)."""
    if not reads_minutes(user):
        return []
    return db.session.scalars(select(CouncilMinutes).where(CouncilMinutes.case_id == case.id)
                              .order_by(CouncilMinutes.id)).all()


def get_minutes(case, minutes_id, user):
    """One written minutes of the case, if the user may read it; 404 otherwise, 409 while being prepared."""
    minutes = db.session.get(CouncilMinutes, minutes_id)
    if minutes is None or minutes.case_id != case.id or not reads_minutes(user):
        raise NotFound("minutes_not_found", "Không tìm thấy biên bản / Minutes not found")
    if minutes.written_at is None:
        raise Conflict("minutes_being_prepared",
                       "Biên bản đang được lập, hãy thử lại sau ít phút / The minutes are being prepared; try again shortly")
    return minutes
