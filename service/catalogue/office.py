"""The OCOP offices' forms for points of sale and fairs: register one with its products, change it, remove it.

The same operations as the API (`operations.save_point`, `save_fair`, `delete`), so the same checks: the
office of the unit's district or province only, every product with a valid certificate. A form that does not
validate comes back (422) with the typed values and a message under each field.

The products offered are those of the catalogue made in the units the form offers (a district office's district,
a province office's province) and those already chosen; a search (`product_q`, the "find" button) adds the
catalogue's products of the whole country that match, without saving, the typed values kept: a country's
catalogue runs to some fifteen thousand products, too many to offer as boxes.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from marshmallow import ValidationError

from ..auth.permissions import manages
from ..directory.choices import within
from ..directory.models import ProducingEntity, Product
from ..directory.offices import units_to_choose
from ..errors import Unprocessable
from ..extensions import db
from . import operations, queries
from .operations import POINT_KINDS
from .schemas import FairInput, PointInput

bp = Blueprint("catalogue_office", __name__, template_folder="templates")

POINT_FIELDS = ("name", "kind", "address", "phone", "unit_id")
FAIR_FIELDS = ("name", "starts_on", "ends_on", "place", "description", "unit_id")
FOUND_LIMIT = 50


def _choices(query):
    """(id, product, producer, stars, district) of the rows of a `queries.listed_products` query."""
    return [(row.Product.id, row.Product.name, row.ProducingEntity.name, row.Certificate.stars,
             row[4].name if row[4] is not None else row[3].name) for row in db.session.execute(query)]


def product_choices(units, chosen, q):
    """(offered, found, more): the (id, product, producer, stars, district) of the catalogue's products made within
    `units` ([(id, label)]) or already `chosen`, by name; those matching `q` elsewhere in the country, FOUND_LIMIT
    at most; and whether more matched."""
    offered = _choices(queries.listed_products().where(
        within(ProducingEntity.commune_id, [unit_id for unit_id, _ in units])))
    elsewhere = set(chosen) - {choice[0] for choice in offered}
    if elsewhere:  # a query of its own: one OR of both would read the country's catalogue, not the units' index
        offered += _choices(queries.listed_products().where(Product.id.in_(elsewhere)))
    offered.sort(key=lambda choice: choice[1])
    if not q:
        return offered, [], False
    found = _choices(queries.listed_products(q=q).where(Product.id.not_in([choice[0] for choice in offered]))
                     .limit(FOUND_LIMIT + 1))
    return offered, found[:FOUND_LIMIT], len(found) > FOUND_LIMIT


def _submitted(fields):
    values = {name: request.form.get(name, "").strip() for name in fields}
    product_ids = request.form.getlist("product_id")
    if not all(product_id.isdigit() for product_id in product_ids):
        abort(400)
    return values, [int(product_id) for product_id in product_ids]


def _save(schema, fields, save, found):
    """Validate the form and save; (errors, values, product ids) when it does not validate."""
    values, product_ids = _submitted(fields)
    body = {name: value for name, value in values.items() if value != ""}
    try:
        save(current_user, schema.load({**body, "product_ids": product_ids}), found)
    except ValidationError as error:
        errors = error.messages
    except Unprocessable as error:
        errors = error.details or {"name": [error.message]}
    else:
        db.session.commit()
        return None, values, product_ids
    db.session.rollback()
    return errors, values, product_ids


def _form(kind, found, schema, fields, save, template, done_endpoint, saved_message):
    levels = ("district", "commune") if kind == "point" else ("province", "district")
    units, provinces, province, errors = units_to_choose(levels, found.unit.province if found is not None else None)
    if provinces and province is None:
        return render_template(template, found=None, provinces=provinces, province=None,
                               errors=errors), 404 if errors else 200
    errors = {}
    if found is not None:
        values = {name: "" if getattr(found, name) is None else str(getattr(found, name)) for name in fields}
        product_ids = [product.id for product in found.products]
    else:
        values, product_ids = {}, []
    product_q = request.form.get("product_q", "").strip()[:200]
    if request.method == "POST" and "find" in request.form:
        values, product_ids = _submitted(fields)
    elif request.method == "POST":
        errors, values, product_ids = _save(schema, fields, save, found)
        if not errors:
            flash(saved_message, "success")
            return redirect(url_for(done_endpoint))
    offered, found_products, more = product_choices(units, product_ids, product_q)
    return render_template(template, found=found, values=values, chosen=set(product_ids), errors=errors,
                           units=units, products=offered, found_products=found_products, more_found=more,
                           product_q=product_q, kinds=POINT_KINDS, provinces=provinces,
                           province=province), 422 if errors else 200


@bp.route("/points-of-sale/new", methods=["GET", "POST"])
@login_required
def new_point():
    return _form("point", None, PointInput(), POINT_FIELDS, operations.save_point, "catalogue/point_form.html",
                 "catalogue.points_of_sale", _("Đã lưu điểm bán."))


@bp.route("/points-of-sale/<int:point_id>/edit", methods=["GET", "POST"])
@login_required
def edit_point(point_id):
    point = operations.get_point(point_id)
    if not manages(current_user, point.unit):
        abort(403)
    return _form("point", point, PointInput(), POINT_FIELDS, operations.save_point, "catalogue/point_form.html",
                 "catalogue.points_of_sale", _("Đã lưu điểm bán."))


@bp.post("/points-of-sale/<int:point_id>/delete")
@login_required
def delete_point(point_id):
    operations.delete(current_user, operations.get_point(point_id), "point_of_sale.deleted")
    db.session.commit()
    flash(_("Đã xoá điểm bán."), "success")
    return redirect(url_for("catalogue.points_of_sale"))


@bp.route("/fairs/new", methods=["GET", "POST"])
@login_required
def new_fair():
    return _form("fair", None, FairInput(), FAIR_FIELDS, operations.save_fair, "catalogue/fair_form.html",
                 "catalogue.fairs", _("Đã lưu hội chợ."))


@bp.route("/fairs/<int:fair_id>/edit", methods=["GET", "POST"])
@login_required
def edit_fair(fair_id):
    fair = operations.get_fair(fair_id)
    if not manages(current_user, fair.unit):
        abort(403)
    return _form("fair", fair, FairInput(), FAIR_FIELDS, operations.save_fair, "catalogue/fair_form.html",
                 "catalogue.fairs", _("Đã lưu hội chợ."))


@bp.post("/fairs/<int:fair_id>/delete")
@login_required
def delete_fair(fair_id):
    operations.delete(current_user, operations.get_fair(fair_id), "fair.deleted")
    db.session.commit()
    flash(_("Đã xoá hội chợ."), "success")
    return redirect(url_for("catalogue.fairs"))


def is_office(user):
    """Whether the user may register points of sale and fairs somewhere (the links on the public lists)."""
    return user.is_authenticated and any(user.has_role(role) for role in ("admin", "district_officer",
                                                                         "province_officer"))
