"""The dashboard page: aggregate figures only, for everyone (no sign-in needed), for one plan year."""
from flask import abort, render_template, request
from flask_babel import gettext as _

from ..directory.choices import chosen_province
from ..directory.models import AdministrativeUnit
from ..extensions import db
from ..training.coverage import ROLE_NAMES, coverage
from ..web.caching import cacheable
from ..web.i18n import bilingual
from . import bp, figures


def _step_label(status, step_title):
    if step_title and status in ("active", "incident"):
        return bilingual(step_title)
    return {"completed": _("Đã kết thúc"), "rejected": _("Không được công nhận"), "incident": _("Đang gặp sự cố"),
            "active": _("Đang xử lý")}.get(status, status)


def _charts(year, provinces):
    steps = {}
    for status, step_title, count in figures.cases_by_step(year):
        label = _step_label(status, step_title)
        steps[label] = steps.get(label, 0) + count
    stars = figures.products_by_stars(year)
    districts = [district for province in provinces for district in province["districts"]]
    taking_part = figures.products_by_district(year, [district["id"] for district in districts]) if districts else {}
    series = (("recognised", _("Được công nhận (giấy chứng nhận còn hiệu lực)")),
              ("in_progress", _("Đang đánh giá")), ("potential", _("Tiềm năng 5 sao (chờ Trung ương)")),
              ("rated", _("Đã phân hạng, không được công nhận")))
    return {
        "steps": {"labels": list(steps), "datasets": [{"label": _("Số hồ sơ"), "data": list(steps.values())}]},
        "stars": {"labels": [f"{count}★" for count in figures.STARS],
                  "datasets": [{"label": label, "data": list(stars[name].values())} for name, label in series]},
        "districts": {"labels": [district["name"] for district in districts], "datasets": [
            {"label": _("Sản phẩm tham gia"), "data": [taking_part.get(district["id"], 0) for district in districts]},
            {"label": _("Sản phẩm được công nhận từ 3 sao"),
             "data": [district["figures"]["three_stars"]["value"] for district in districts]}]},
    }


@bp.get("/dashboard")
def index():
    """The year's figures; in a directory of several provinces, the totals of them all, and the targets, districts
    and training of the province chosen (`province_id`) only: a country's 63 provinces would make a page of some
    700 districts, and each province's training coverage reads its officials and entities. Cached by HTTP as the
    catalogue is (`cacheable`): the same page for every visitor, five minutes in their browser or a proxy."""
    offered = figures.years()
    year = request.args.get("year", type=int) if "year" in request.args else figures.this_year()
    if year not in offered:
        abort(404)
    chosen, choices, errors = chosen_province(request.args.get("province_id", ""))
    provinces = figures.targets(year, chosen.id) if chosen is not None or not choices else []
    cases, products, entities = figures.totals(year)
    day = figures.reference_day(year)
    training = {province["id"]: coverage(db.session.get(AdministrativeUnit, province["id"]), day)
                for province in provinces}
    page = render_template("dashboard/index.html", year=year, years=offered, provinces=provinces,
                           province=chosen, province_choices=choices, errors=errors,
                           charts=_charts(year, provinces), by_level=figures.recognised_by_level(year),
                           reference_day=day, training=training, training_roles=ROLE_NAMES,
                           totals={"cases": cases, "products": products, "entities": entities})
    return (page, 404) if errors else cacheable(page)
