"""The public catalogue's pages, no sign-in: the products with a valid certificate (search, filters by stars,
product group and district, small pages), a product with its certificate's verification page and where to buy
it, its photo, the points of sale and the fairs."""
from math import ceil

from flask import Blueprint, abort, render_template, request, send_file
from flask_login import current_user
from marshmallow import ValidationError
from sqlalchemy import select

from ..auth.permissions import manages
from ..directory.models import ProductGroup
from ..extensions import db
from ..web.caching import cacheable
from . import queries
from .models import ProductPhoto
from .office import is_office
from .operations import POINT_KINDS, photo_path
from .schemas import CatalogueQuery

bp = Blueprint("catalogue", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/catalogue")


def product_groups():
    """The top-level product groups, one per code (the first rule set's name), for the filter and the cards."""
    groups = {}
    for group in db.session.scalars(select(ProductGroup).where(ProductGroup.parent_id.is_(None))
                                    .order_by(ProductGroup.rule_set, ProductGroup.id)):
        groups.setdefault(group.code, group)
    return groups


@bp.get("/catalogue")
def index():
    try:
        args = CatalogueQuery(exclude=("per_page",)).load(
            {name: value for name, value in request.args.items() if value != "" and name != "lang"})
    except ValidationError:
        abort(400)
    page = args.pop("page")
    units = queries.units_listed(args)
    rows, total = queries.catalogue_page(page, **units.filters)
    pages = max(1, ceil(total / queries.PER_PAGE))
    if page > pages:
        abort(404)
    return cacheable(render_template("catalogue/index.html", rows=rows, total=total, page=page, pages=pages,
                                     args=units.filters, groups=product_groups(), provinces=units.provinces,
                                     districts=units.districts))


@bp.get("/catalogue/<int:product_id>")
def product(product_id):
    row = queries.listed_product(product_id)
    if row is None:
        abort(404)
    points, fairs = queries.where_to_buy(product_id)
    return cacheable(render_template("catalogue/product.html", row=row, points=points, fairs=fairs,
                                     groups=product_groups(), kinds=POINT_KINDS))


@bp.get("/catalogue/<int:product_id>/photo")
def photo(product_id):
    """The product's photo, while the product is in the catalogue; cached a day (its ETag is its SHA-256)."""
    found = db.session.get(ProductPhoto, product_id)
    if found is None or not queries.is_listed(product_id):
        abort(404)
    response = send_file(photo_path(found), mimetype=found.content_type, etag=found.sha256, max_age=86400,
                         conditional=True)
    response.cache_control.public = True
    return response


@bp.get("/points-of-sale")
def points_of_sale():
    result = queries.points_of_sale(request.args.get("page", 1, type=int), queries.POINTS_PER_PAGE)
    if result.page > max(result.pages, 1):
        abort(404)
    listed = queries.listed_ids({product.id for point in result.items for product in point.products})
    return cacheable(render_template("catalogue/points.html", points=result.items, result=result, listed=listed,
                                     kinds=POINT_KINDS, office=is_office(current_user),
                                     changeable=_changeable(result.items)))


@bp.get("/fairs")
def fairs():
    found = queries.upcoming_fairs()
    listed = queries.listed_ids({product.id for fair in found for product in fair.products})
    return cacheable(render_template("catalogue/fairs.html", fairs=found, listed=listed,
                                     office=is_office(current_user), changeable=_changeable(found)))


def _changeable(found):
    """The ids of the points or fairs the signed-in office may change (none for a visitor)."""
    if not is_office(current_user):
        return set()
    return {item.id for item in found if manages(current_user, item.unit)}
