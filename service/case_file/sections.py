"""The sections of a case file, in the order the programme fills them."""
from flask_babel import lazy_gettext as _l

SECTIONS = ("idea", "business_plan", "dossier")
SECTION_TITLES = {
    "idea": _l("Ý tưởng sản phẩm"),
    "business_plan": _l("Phương án kinh doanh"),
    "dossier": _l("Hồ sơ sản phẩm"),
}
ANSWER_FIELD = "response"  # a filling form's field for the producer's answer to the reviewer: not section content
