"""Selecting a case's product as a leading product (sản phẩm chủ lực) of a plan year, or dropping it:
the district OCOP office for its district, the provincial OCOP office for the province."""
from sqlalchemy import select

from .. import clock
from ..audit.log import record
from ..auth.permissions import holds
from ..cases.listing import local_zone
from ..errors import Forbidden, Unprocessable
from ..extensions import db
from .models import LeadingProduct

SELECTORS = {"district": "district_officer", "province": "province_officer"}
FIRST_YEAR = 2018  # Decision 490/QĐ-TTg approved the programme in 2018


def this_year():
    """The current year in the programme's time zone."""
    return clock.now().astimezone(local_zone()).year


def selecting_levels(case, user):
    """The levels ("district", "province") at which this user selects leading products for the case's product."""
    return [level for level, role in SELECTORS.items()
            if getattr(case, f"{level}_id") is not None and holds(user, role, getattr(case, f"{level}_id"))]


def leading_of(product):
    """[(year, level)] of the product's selections, newest year first."""
    return db.session.execute(select(LeadingProduct.year, LeadingProduct.level)
                              .where(LeadingProduct.product_id == product.id)
                              .order_by(LeadingProduct.year.desc(), LeadingProduct.level)).all()


def set_leading(case, user, leading, year=None, level=None):
    """Select (`leading` true) or drop the case's product as a leading product of `year` (this year by
    default) at `level` (the one the user selects at, when they hold only one). Returns the selection
    or None when dropped."""
    levels = selecting_levels(case, user)
    if not levels:
        raise Forbidden("not_selector", "Chỉ cơ quan thường trực OCOP huyện hoặc tỉnh chọn sản phẩm chủ lực / "
                                        "Only the district or provincial OCOP office selects leading products")
    if level is None and len(levels) > 1:
        raise Unprocessable("invalid_input", "Hãy chọn cấp huyện hoặc tỉnh / Choose the district or province level",
                            details={"level": ["Bắt buộc / Required"]})
    level = level or levels[0]
    if level not in levels:
        raise Forbidden("not_selector", "Bạn không chọn sản phẩm chủ lực ở cấp này / "
                                        "You do not select leading products at this level")
    year = this_year() if year is None else year
    if not FIRST_YEAR <= year <= this_year() + 1:
        raise Unprocessable("invalid_input", "Năm kế hoạch không hợp lệ / The plan year is out of range",
                            details={"year": [f"Từ {FIRST_YEAR} đến {this_year() + 1} / "
                                              f"From {FIRST_YEAR} to {this_year() + 1}"]})
    selection = db.session.scalar(select(LeadingProduct).where(
        LeadingProduct.product_id == case.product_id, LeadingProduct.year == year, LeadingProduct.level == level))
    if leading and selection is None:
        selection = LeadingProduct(product_id=case.product_id, year=year, level=level,
                                   unit_id=getattr(case, f"{level}_id"), selected_by_id=user.id,
                                   selected_at=clock.now())
        db.session.add(selection)
        record("product.leading_selected", case=case, user=user, product=case.product.name, year=year, level=level)
    elif not leading and selection is not None:
        db.session.delete(selection)
        record("product.leading_dropped", case=case, user=user, product=case.product.name, year=year, level=level)
        selection = None
    db.session.flush()
    return selection
