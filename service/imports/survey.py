"""One row of the survey's template: a potential product and its producer in a commune, added to the survey's
inventory (service/survey/). Natural key, so that a re-run adds nothing twice: the year, the commune, the
producer's and the product's names (letter case and spacing aside)."""
from sqlalchemy import select

from ..directory.models import ProductGroup
from ..extensions import db
from ..survey.models import SurveyItem
from ..survey.operations import add_item
from .places import same
from .template import ENTITY_TYPES, Cells, RowRefused


def import_row(row, user, model, places):
    """Import one row in the caller's transaction (`places`: where the import's rows lie): "created", or
    "skipped" when the inventory holds it already; RowRefused with its problems otherwise."""
    cells = Cells("survey", row)
    values = {"year": cells.number("year", 2018, 2100, whole=True), "product_name": cells.text("product_name"),
              "group_code": cells.text("group_code", 50), "producer_name": cells.text("producer_name"),
              "entity_type": cells.choice("entity_type", ENTITY_TYPES), "note": cells.text("note", 2000)}
    commune = places.commune_of(cells)
    if values["group_code"] and db.session.scalar(select(ProductGroup.id).where(
            ProductGroup.rule_set == model.rule_set, ProductGroup.code == values["group_code"],
            ProductGroup.parent_id.is_(None))) is None:
        cells.refuse("group_code", f"Không có nhóm sản phẩm này trong bộ quy định {model.rule_set} / No such product "
                                   f"group in the {model.rule_set} rule set")
    if cells.problems:
        raise RowRefused(cells.problems)
    if any(same(item.producer_name, values["producer_name"]) and same(item.product_name, values["product_name"])
           for item in db.session.scalars(select(SurveyItem).where(SurveyItem.year == values["year"],
                                                                   SurveyItem.commune_id == commune.id))):
        return "skipped"
    add_item(user, {**values, "commune_id": commune.id})
    return "created"
