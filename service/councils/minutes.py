"""The council's minutes (biên bản họp hội đồng): when the chair of a district or provincial council
approves a round's result, the service writes the minutes as a PDF and keeps it with the case, a
document of the dossier that goes on to the next level.

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

from babel.numbers import format_decimal
from fpdf import FPDF
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from .. import clock
from ..audit.log import record
from ..cases.progress import shown_score
from ..certificates.fonts import FONT, add_fonts
from ..certificates.lifecycle import today
from ..criteria.forms import SHEET_FORM
from ..directory.models import CouncilMember
from ..errors import NotFound
from ..extensions import db
from ..tasks.models import CouncilScore, HumanTask
from .members import CHAIR_LANES, council_of, linked_to_entity
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


def _day(value):
    return value.strftime("%d/%m/%Y")


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


def minutes_pdf(case, level, council, decision, chair, data, day):
    """The minutes of the round `decision` (the chair's task, completed with `decision.submitted_data`) concludes,
    as PDF bytes; `data` is the workflow's data (the level's unrounded score and stars)."""
    sheets = _round_sheets(case, level, decision)
    members = db.session.scalars(select(CouncilMember).where(CouncilMember.council_id == council.id)
                                 .options(joinedload(CouncilMember.user)).order_by(CouncilMember.id)).all() \
        if council is not None else []
    linked = set(linked_to_entity(case, [member.user_id for member in members]))
    pdf = _pdf()
    pdf.set_title(f"Biên bản họp hội đồng {case.reference}")
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 7, "BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP "
                   + LEVEL_NAMES.get(level, level).upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    def line(text, style=""):
        pdf.set_font(FONT, style, 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")

    if council is not None:
        line(f"Hội đồng: {council.name}", "B")
        if council.decision_number:
            founded = f" ngày {_day(council.decision_date)}" if council.decision_date else ""
            line(f"Thành lập theo Quyết định số {council.decision_number}{founded}")
    line(f"Ngày họp: {_day(day)}")
    line(f"Sản phẩm: {case.product.name} (hồ sơ {case.reference})")
    line(f"Chủ thể: {case.entity.name}")
    pdf.ln(2)
    line("Thành phần và phiếu chấm", "B")
    pdf.set_font(FONT, "", 10)
    with pdf.table(col_widths=(52, 24, 44, 14, 14, 14, 18), text_align=("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT",
                                                                         "RIGHT", "RIGHT")) as table:
        table.row(("Thành viên", "Chức danh", "Tham dự", "A", "B", "C", "Tổng"))
        for member in members:
            attendance, score = _attendance(member, sheets, linked)
            points = [_vi(value, "#,##0.##") for value in (score.part_a, score.part_b, score.part_c, score.total)] \
                if score is not None else ["", "", "", ""]
            table.row((member.user.full_name, POSITIONS.get(member.position, member.position), attendance, *points))
    pdf.ln(3)
    score, stars = data.get(f"{level}_score"), data.get(f"{level}_stars")
    if score is not None:
        line(f"Điểm bình quân của các phiếu (chưa làm tròn): {_vi(score, '#,##0.######')}")
        line(f"Điểm ghi nhận (lấy hai chữ số thập phân, không làm tròn lên): {_vi(shown_score(score), '#,##0.00')}")
    if stars is not None:
        line(f"Kết quả: đạt {stars} sao {LEVEL_NAMES.get(level, level)}", "B")
    submitted = decision.submitted_data or {}
    line(f"Quyết định của Chủ tịch hội đồng ({chair.full_name}): "
         f"{DECISIONS.get(submitted.get('decision'), submitted.get('decision'))}")
    if submitted.get("reason"):
        line(f"Ý kiến của Chủ tịch hội đồng: {submitted['reason']}")
    remarks = [(member.user.full_name, sheets[member.user_id][1].remarks) for member in members
               if member.user_id in sheets and sheets[member.user_id][1] is not None and sheets[member.user_id][1].remarks]
    for name, text in remarks:
        line(f"Nhận xét của {name}: {text}")
    return bytes(pdf.output())


def write_minutes(case, decision, chair, data):
    """Keep the minutes of the round the chair's `decision` approved, when it is a council chair's
    approval (district or province); returns the CouncilMinutes, or None for any other task."""
    level = CHAIR_LANES.get(decision.lane)
    if level is None or (decision.submitted_data or {}).get("decision") != "approve":
        return None
    council = council_of(case, level)
    day = today()
    content = minutes_pdf(case, level, council, decision, chair, data, day)
    minutes = CouncilMinutes(case_id=case.id, level=level, council_id=council.id if council else None,
                             human_task_id=decision.id, filename=f"bien-ban-hoi-dong-{level}-{case.reference}.pdf",
                             content=content, size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                             created_at=clock.now())
    db.session.add(minutes)
    db.session.flush()
    record("council.minutes_written", case=case, task_id=decision.id, level=level, minutes_id=minutes.id,
           chair_id=chair.id, sha256=minutes.sha256)
    return minutes


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
    """One minutes of the case, if the user may read it; 404 otherwise."""
    minutes = db.session.get(CouncilMinutes, minutes_id)
    if minutes is None or minutes.case_id != case.id or not reads_minutes(user):
        raise NotFound("minutes_not_found", "Không tìm thấy biên bản / Minutes not found")
    return minutes
