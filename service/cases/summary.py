"""A case in a few words: the sentence at the top of its page, and its place among the stages.

`summary_of(case)` says where the case stands in the current language of the request ("Đạt 2
sao cấp huyện; sản phẩm không đi tiếp lên tỉnh"); `bilingual_summary` says it in both for the
API ("Tiếng Việt / English"). `tracker_of(case)` gives each stage of the programme its state:
done, current, todo (not reached yet) or skipped.
"""
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..process_models.stages import STAGE_ORDER, STAGES, stage_of
from ..tasks.models import HumanTask
from ..web.i18n import bilingual, local_date


def level_name(level):
    return {"commune": _("cấp xã"), "district": _("cấp huyện"), "province": _("cấp tỉnh"),
            "national": _("cấp quốc gia")}.get(level, level or "")


def current_stage(case):
    """The stage of the step the case waits at, from its open tasks (None when it waits at none)."""
    task = next(iter(case.open_tasks), None)
    return stage_of(case.current_step, task.lane if task else None)


def summary_of(case):
    """Where the case stands, in one sentence of the current language."""
    outcome = case.outcome or {}
    if case.status == "incident":
        return _("Tạm dừng: chờ quản trị viên xử lý sự cố")
    if case.status == "rejected":
        if not outcome.get("level"):
            return _("Bị từ chối")
        if outcome.get("reason"):
            return _("Bị từ chối ở %(level)s: %(reason)s", level=level_name(outcome["level"]),
                     reason=bilingual(outcome["reason"]))
        return _("Bị từ chối ở %(level)s", level=level_name(outcome["level"]))
    if case.status == "completed":
        return _finished(case, outcome)
    if case.current_step_title is None:
        return _("Đang xử lý")
    step = bilingual(case.current_step_title)
    stage = current_stage(case)
    if stage == "national":
        if any(recognition.potential_five for recognition in case.recognitions):
            return _("Tỉnh công nhận 4 sao (tiềm năng 5 sao)%(waiting)s; được đề nghị Trung ương xét 5 sao; đang chờ "
                     "%(step)s", waiting=_waiting_note(case), step=step)
        return _("Được đề nghị Trung ương xét 5 sao; đang chờ %(step)s", step=step)
    if stage == "province":
        return _("Được huyện đề nghị lên tỉnh; đang chờ %(step)s", step=step)
    return _("Đang chờ %(step)s", step=step)


def _waiting_note(case):
    """", chờ quyết định công nhận" while a recognition of the case waits for its decision."""
    if any(recognition.waiting for recognition in case.recognitions):
        return _(", chờ quyết định công nhận")
    return ""


def _finished(case, outcome):
    stars, level = outcome.get("stars"), outcome.get("level")
    if stars is None or level is None:
        return _("Đã hoàn thành quy trình")
    waiting = next((r for r in case.recognitions if r.level == level and r.waiting), None)
    if outcome.get("status") == "five_stars_not_reached":
        province = next((r for r in case.recognitions if r.level == "province"), None)
        if province is not None and province.certificate is not None:
            text = _("Không đạt 5 sao quốc gia; sản phẩm giữ 4 sao cấp tỉnh, giấy chứng nhận số %(number)s",
                     number=province.certificate.number)
        else:
            text = _("Không đạt 5 sao quốc gia; sản phẩm giữ 4 sao cấp tỉnh%(waiting)s", waiting=_waiting_note(case))
    elif outcome.get("status") == "certified":
        certificate = next((c for c in reversed(case.certificates) if c.level == level), None)
        if waiting is not None or certificate is None:
            text = _("Đạt %(stars)s sao %(level)s; chờ quyết định công nhận", stars=stars, level=level_name(level))
        else:
            text = _("Đạt %(stars)s sao %(level)s; đã cấp giấy chứng nhận số %(number)s, hiệu lực đến %(date)s",
                     stars=stars, level=level_name(level), number=certificate.number,
                     date=local_date(certificate.valid_until))
    elif level == "district":
        text = _("Đạt %(stars)s sao cấp huyện; sản phẩm không đi tiếp lên tỉnh", stars=stars)
    elif level == "province":
        text = _("Đạt %(stars)s sao cấp tỉnh; chưa đủ 3 sao để được công nhận", stars=stars)
    else:
        text = _("Đạt %(stars)s sao %(level)s", stars=stars, level=level_name(level))
    if outcome.get("reason"):
        text = f"{text}. {bilingual(outcome['reason'])}"
    return text


def bilingual_summary(case):
    """The summary as "Tiếng Việt / English", for the API."""
    texts = []
    for language in ("vi", "en"):
        with force_locale(language):
            texts.append(summary_of(case))
    return " / ".join(texts)


@dataclass
class TrackedStage:
    code: str
    label: str
    state: str  # done|current|todo|skipped


def tracker_of(case):
    """[TrackedStage] of every stage, in the programme's order, from the steps the case's tasks
    were at (the tasks table keeps every task, open or done) and where it waits now."""
    rows = db.session.execute(select(HumanTask.step, HumanTask.lane).where(HumanTask.case_id == case.id))
    reached = {"idea"} | {stage_of(step, lane) for step, lane in rows} - {None}
    finished = case.status in ("completed", "rejected")
    last = max(STAGE_ORDER.index(stage) for stage in reached)
    current = None if finished else STAGE_ORDER.index(current_stage(case) or STAGE_ORDER[last])
    stages = []
    for index, code in enumerate(STAGE_ORDER):
        if code == "result":
            state = "done" if finished else "todo"
        elif finished:
            state = "done" if code in reached else "skipped"
        elif index == current:
            state = "current"
        elif index < current:
            state = "done" if code in reached else "skipped"
        else:
            state = "todo"
        stages.append(TrackedStage(code=code, label=str(STAGES[code]), state=state))
    return stages
