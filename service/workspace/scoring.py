"""A council member's score sheet: the parts of its criteria sheet with their maxima, the total and its star band.

The bands are those of the 2019 rules (Decision 1048/QĐ-TTg), as the diagram's decision table
rates a product: the page shows them while a member fills the sheet; the engine decides. The
chair deciding on a round sees every member's sheet with the mean and the spread
(`council_round`); members whose totals differ by more than OCOP_COUNCIL_MAX_SPREAD points score
again before the chair decides (the diagram's spread loop, `service/councils/rules.py`).
"""
from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..tasks.models import CouncilScore, HumanTask

CHAIR_FORM = "chair_decision"
STAR_BANDS = ((90, 5), (70, 4), (50, 3), (30, 2), (0, 1))  # (lowest total, stars)


def sheet_layout(schema):
    """What the page's live total needs from a form built from a criteria sheet (`x-criteria-sheet`): the parts
    with their maxima, and each criterion field's part, points per option and whether it is mandatory."""
    return {
        "parts": [{"code": part["code"], "maximum": part["maximum"]} for part in schema["x-criteria-sheet"]["parts"]],
        "criteria": {name: {"part": spec["x-part"], "points": spec["x-points"], "mandatory": spec["x-mandatory"]}
                     for name, spec in schema["properties"].items() if "x-points" in spec},
    }


def stars_for(total):
    return next(stars for lowest, stars in STAR_BANDS if total >= lowest)


def sheet_summary(task):
    """The parts, total, star band and mandatory result of a member's submitted sheet, as the service summed it;
    None before it is submitted."""
    score = db.session.scalar(select(CouncilScore).where(CouncilScore.human_task_id == task.id))
    if score is None:
        return None
    return {"parts": {"A": score.part_a, "B": score.part_b, "C": score.part_c}, "total": score.total,
            "stars": stars_for(score.total), "not_achieved": score.not_achieved}


def council_round(case, task):
    """For a chair's decision: the sheets of the council round it decides on (each member's parts,
    total and remarks), their mean and spread (highest total less lowest); None before any sheet.
    The round is the latest level's sheets since the previous decision of the same step, each
    member's latest (an out-of-line member's second sheet replaces the first)."""
    scores = db.session.scalars(select(CouncilScore).where(CouncilScore.case_id == case.id,
                                                           CouncilScore.human_task_id < task.id)
                                .order_by(CouncilScore.id)).all()
    if not scores:
        return None
    previous = db.session.scalar(select(func.max(HumanTask.id)).where(
        HumanTask.case_id == case.id, HumanTask.step == task.step, HumanTask.status == "completed",
        HumanTask.id < task.id)) or 0
    latest = {score.member_id: score for score in scores
              if score.level == scores[-1].level and score.human_task_id > previous}
    sheets = sorted(latest.values(), key=lambda sheet: sheet.id)
    if not sheets:
        return None
    totals = [sheet.total for sheet in sheets]
    return {"level": sheets[0].level, "sheets": sheets, "mean": round(sum(totals) / len(totals), 2),
            "spread": round(max(totals) - min(totals), 2),
            "limit": current_app.config["OCOP_COUNCIL_MAX_SPREAD"],
            "too_wide": max(totals) - min(totals) > current_app.config["OCOP_COUNCIL_MAX_SPREAD"]}
