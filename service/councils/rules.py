"""A council round's result, as the diagram's compute step asks for it (`council_result`).

A round's sheets are those of the council's members at the case's level, one per member: a
scored sheet (parts A, B, C), or one the secretary or the council's officer marked absent
(`{"absent": true}`), or the member's declared conflict of interest (`{"conflict": true}`).
Members linked to the producing entity are never given a sheet. The result needs a quorum of
the council's scoring members (all of them count, the conflicted too), the chair among those
who scored; the score is the mean of the scored totals, unrounded, so that the decision table
rates 89.9967 as 4 stars. When totals differ by more than the allowed spread, the members
outside the tightest band of that width that holds most totals are out of line and score again.
"""
from math import ceil

from flask import current_app

from ..audit.log import record
from ..tasks.assignment import sheet_total
from .members import council_chair, council_of, linked_members, scoring_members

PRECISION = 6  # digits kept when comparing totals, so that 80 and 90.000000001 differ by 10


def quorum_of(members, ratio):
    """How many of `members` scoring members the council needs: at least `ratio` of them."""
    return max(1, ceil(round(members * ratio, PRECISION)))


def out_of_line(totals, limit):
    """The members (keys of `totals`) outside the band of width `limit` that holds the most totals,
    the band nearest the median on a tie; none when every total lies within `limit` of the others."""
    values = sorted(totals.values())
    if not values or round(values[-1] - values[0], PRECISION) <= limit:
        return []
    median = values[len(values) // 2] if len(values) % 2 else (values[len(values) // 2 - 1] + values[len(values) // 2]) / 2

    def held(low):
        return [member for member, total in totals.items() if low <= round(total, PRECISION) <= round(low + limit, PRECISION)]

    low = min(values, key=lambda start: (-len(held(start)), abs(start + limit / 2 - median)))
    kept = set(held(low))
    return [member for member in totals if member not in kept]


def council_result(case, level, sheets):
    """The round as the diagram records it: `score` (the unrounded mean of the scored totals, None
    below quorum), `quorate`, `needed`, `members`, `scored`, `absent`, `conflicted`, `spread`,
    `out_of_line` (member ids who score again)."""
    council = council_of(case, level)
    members = scoring_members(council) if council is not None else []
    linked = linked_members(case, council) if council is not None else []
    chair = council_chair(council)
    totals = {sheet["member"]: sheet_total(sheet) for sheet in sheets
              if not sheet.get("absent") and not sheet.get("conflict")}
    needed = quorum_of(len(members), current_app.config["OCOP_COUNCIL_QUORUM"])
    quorate = len(totals) >= needed and (chair is None or chair in totals)
    spread = round(max(totals.values()) - min(totals.values()), PRECISION) if totals else 0
    return {
        "score": sum(totals.values()) / len(totals) if quorate else None,
        "quorate": quorate, "needed": needed, "members": len(members), "chair": chair,
        "scored": list(totals), "spread": spread,
        "absent": [sheet["member"] for sheet in sheets if sheet.get("absent")],
        "conflicted": linked + [sheet["member"] for sheet in sheets if sheet.get("conflict")],
        "out_of_line": out_of_line(totals, current_app.config["OCOP_COUNCIL_MAX_SPREAD"]) if quorate else [],
    }


def record_round(case, data, created, actor):
    """Put on the record why a council's round did not go to its chair: the out-of-line members asked
    to score again (`council.spread_rescore`), or a council below quorum (`council.below_quorum`)."""
    for level in {row.step.split("_")[0] for row in created}:
        steps = {row.step for row in created}
        result = data.get(f"{level}_round") or {}
        if f"{level}_council_scoring" in steps and result.get("out_of_line"):
            record("council.spread_rescore", case=case, user=actor, level=level, spread=result["spread"],
                   limit=current_app.config["OCOP_COUNCIL_MAX_SPREAD"], members=result["out_of_line"])
        if f"{level}_council_below_quorum" in steps:
            record("council.below_quorum", case=case, user=actor, level=level, scored=len(result.get("scored", [])),
                   needed=result.get("needed"), members=result.get("members"), absent=result.get("absent", []),
                   conflicted=result.get("conflicted", []))
