"""The programme's stages, and which stage each step of the process belongs to.

A case goes through the stages in this order (Decision 490 / 1048, the 2019 rules): the idea,
the business plan, the product dossier, the district council, the province, the national
council, and the result. The case page's step tracker and the grouping of its timeline both
read `stage_of`.

`STEP_STAGES` names the human steps of the bundled diagrams (bpmn/ocop-2019, -2023, -2025: the 2025 one
has no district level, and the commune reviews the plan and checks the dossier). A step it
does not name (an administrator's edited diagram) takes the stage of its lane, and a lane that
spans several stages (the district officer's, the producer's) gives no stage: the caller keeps
the stage the case was in before.
"""
from flask_babel import lazy_gettext as _l

STAGES = {
    "idea": _l("Ý tưởng"),
    "plan": _l("Phương án kinh doanh"),
    "dossier": _l("Hồ sơ sản phẩm"),
    "district": _l("Cấp huyện"),
    "province": _l("Cấp tỉnh"),
    "national": _l("Trung ương"),
    "result": _l("Kết quả"),
}
STAGE_ORDER = list(STAGES)

STEP_STAGES = {
    "commune_check_idea": "idea",
    "revise_idea_commune": "idea",
    "district_review_idea": "idea",
    "revise_idea_district": "idea",
    "submit_business_plan": "plan",
    "district_review_plan": "plan",
    "commune_review_plan": "plan",
    "submit_dossier": "dossier",
    "district_check_dossier": "dossier",
    "commune_check_dossier": "dossier",
    "district_council_scoring": "district",
    "district_council_below_quorum": "district",
    "district_chair_decision": "district",
    "submit_test_results_district": "district",
    "province_check_dossier": "province",
    "revise_dossier_province": "province",
    "province_council_scoring": "province",
    "province_council_below_quorum": "province",
    "province_chair_decision": "province",
    "submit_test_results_province": "province",
    "national_council_scoring": "national",
    "national_council_below_quorum": "national",
    "national_decision": "national",
}
LANE_STAGES = {
    "commune_officer": "idea",
    "district_council": "district",
    "district_chair": "district",
    "province_officer": "province",
    "province_council": "province",
    "province_chair": "province",
    "national_officer": "national",
    "national_council": "national",
}


def stage_of(step, lane=None):
    """The stage code of a step ("district_council_scoring" -> "district"), or None when neither
    the step nor its lane tells."""
    return STEP_STAGES.get(step) or LANE_STAGES.get(lane)
