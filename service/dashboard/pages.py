"""The dashboard page: aggregate figures only, for everyone (no sign-in needed)."""
from flask import render_template
from flask_babel import gettext as _

from ..web.i18n import bilingual
from . import bp, figures


def _step_label(status, step_title):
    if step_title and status in ("active", "incident"):
        return bilingual(step_title)
    return {"completed": _("Đã kết thúc"), "rejected": _("Không được công nhận"), "incident": _("Đang gặp sự cố"),
            "active": _("Đang xử lý")}.get(status, status)


def _charts(provinces):
    steps = {}
    for status, step_title, count in figures.cases_by_step():
        label = _step_label(status, step_title)
        steps[label] = steps.get(label, 0) + count
    stars = figures.products_by_stars()
    taking_part = figures.products_by_district()
    districts = [district for province in provinces for district in province["districts"]]
    return {
        "steps": {"labels": list(steps), "datasets": [{"label": _("Số hồ sơ"), "data": list(steps.values())}]},
        "stars": {"labels": [f"{count}★" for count in stars],
                  "datasets": [{"label": _("Sản phẩm"), "data": list(stars.values())}]},
        "districts": {"labels": [district["name"] for district in districts], "datasets": [
            {"label": _("Sản phẩm tham gia"), "data": [taking_part.get(district["id"], 0) for district in districts]},
            {"label": _("Sản phẩm từ 3 sao"),
             "data": [district["figures"]["three_stars"]["value"] for district in districts]}]},
    }


@bp.get("/dashboard")
def index():
    provinces = figures.targets()
    cases, products, entities = figures.totals()
    return render_template("dashboard/index.html", provinces=provinces, charts=_charts(provinces),
                           totals={"cases": cases, "products": products, "entities": entities})
