"""The OCOP offices' forms for points of sale and fairs: register one with its products, change it, remove it.

The same operations as the API (`operations.save_point`, `save_fair`, `delete`), so the same checks: the
office of the unit's district or province only, every product with a valid certificate. A form that does not
validate comes back (422) with the typed values and a message under each field.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from marshmallow import ValidationError

from ..auth.permissions import manages
from ..directory.offices import units_to_choose
from ..errors import Unprocessable
from ..extensions import db
from . import operations, queries
from .operations import POINT_KINDS
from .schemas import FairInput, PointInput

bp = Blueprint("catalogue_office", __name__, template_folder="templates")

POINT_FIELDS = ("name", "kind", "address", "phone", "unit_id")
FAIR_FIELDS = ("name", "starts_on", "ends_on", "place", "description", "unit_id")


def listed_choices():
    """(id, product, producer, stars) of every product in the catalogue today, by name."""
    return sorted(((row.Product.id, row.Product.name, row.ProducingEntity.name, row.Certificate.stars)
                   for row in db.session.execute(queries.listed_products())), key=lambda choice: choice[1])


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
    if request.method == "POST":
        errors, values, product_ids = _save(schema, fields, save, found)
        if not errors:
            flash(saved_message, "success")
            return redirect(url_for(done_endpoint))
    return render_template(template, found=found, values=values, chosen=set(product_ids), errors=errors,
                           units=units, products=listed_choices(), kinds=POINT_KINDS, provinces=provinces,
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
