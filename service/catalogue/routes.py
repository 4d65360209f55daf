"""The catalogue's API: the public catalogue (no sign-in), product photos, points of sale and fairs."""
from flask import Blueprint, request
from flask_login import current_user, login_required
from marshmallow import Schema

from ..bodies import json_body, load_form, query_args
from ..cases.schemas import Page
from ..errors import NotFound, Unprocessable
from ..extensions import db
from ..paging import page_body
from ..web.caching import cacheable
from . import operations, queries
from .schemas import (
    CataloguePage,
    CatalogueQuery,
    FairInput,
    FairOutput,
    ListedProductDetail,
    PointInput,
    PointOutput,
)

bp = Blueprint("catalogue_api", __name__, url_prefix="/api/v1")


@bp.get("/public/catalogue")
def catalogue():
    """The public catalogue: certified products with a valid certificate, searched and filtered.
    ---
    get:
      tags: [catalogue]
      security: []
      parameters: [{in: query, schema: CatalogueQuery}]
      description: >
        No sign-in. Only products whose certificate is valid today (not revoked, not superseded, not expired),
        each at its highest stars, best first. Answers carry an ETag and Cache-Control.
      responses:
        200: {content: {application/json: {schema: CataloguePage}}}
        422: {description: a bad filter}
    """
    args = query_args(CatalogueQuery())
    page, per_page = args.pop("page"), args.pop("per_page")
    rows, total = queries.catalogue_page(page, per_page, **args)
    return cacheable(CataloguePage().dump({"items": rows, "total": total, "page": page, "per_page": per_page}))


@bp.get("/public/catalogue/<int:product_id>")
def catalogue_product(product_id):
    """One product of the public catalogue, with its certificate and where to buy it.
    ---
    get:
      tags: [catalogue]
      security: []
      responses:
        200: {content: {application/json: {schema: ListedProductDetail}}}
        404: {description: "no such product in the catalogue (none, or no valid certificate)"}
    """
    row = queries.listed_product(product_id)
    if row is None:
        raise NotFound("product_not_listed", "Sản phẩm không có trong danh mục / The product is not in the catalogue")
    points, fairs = queries.where_to_buy(product_id)
    detail = ListedProductDetail().dump(row)
    detail.update(ListedProductDetail(only=("points_of_sale", "fairs")).dump(
        {"points_of_sale": points, "fairs": fairs}))
    return cacheable(detail)


@bp.put("/products/<int:product_id>/photo")
@login_required
def set_photo(product_id):
    """Attach or replace a product's photo for the catalogue (its producer, the office of its district or province).
    ---
    put:
      tags: [catalogue]
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}}, required: [file]}
      responses:
        200: {description: the photo is stored}
        404: {description: "no such product, or not yours to change"}
        413: {description: larger than OCOP_MAX_PHOTO_BYTES}
        422: {description: "no file, or not a JPEG, PNG or WebP image"}
    """
    load_form(Schema())
    upload = request.files.get("file")
    if upload is None:
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={"file": ["Bắt buộc / Required"]})
    photo = operations.set_photo(product_id, current_user, upload)
    db.session.commit()
    return {"product_id": photo.product_id, "content_type": photo.content_type, "size": photo.size}


@bp.get("/public/points-of-sale")
def points_of_sale():
    """The OCOP points of sale with their certified products (public), by name, a page at a time.
    ---
    get:
      tags: [catalogue]
      security: []
      parameters: [{in: query, schema: Page}]
      responses:
        200: {description: "{items: [PointOutput], total, page, per_page, count_limit}"}
        422: {description: a bad page or page size}
    """
    args = query_args(Page())
    result = queries.points_of_sale(args["page"], args["per_page"])
    return cacheable(page_body(result, PointOutput(many=True).dump(_with_listed(result.items))))


@bp.get("/public/fairs")
def fairs():
    """The fairs not over yet, soonest first, with the certified products shown there (public).
    ---
    get:
      tags: [catalogue]
      security: []
      responses:
        200: {content: {application/json: {schema: {type: array, items: FairOutput}}}}
    """
    return cacheable({"items": FairOutput(many=True).dump(_with_listed(queries.upcoming_fairs()))})


def _with_listed(found):
    """Each point or fair as a dict whose products are only those still in the catalogue."""
    listed = queries.listed_ids({product.id for item in found for product in item.products})
    return [{**{column.key: getattr(item, column.key) for column in item.__table__.columns}, "unit": item.unit,
             "products": [product for product in item.products if product.id in listed]} for item in found]


@bp.post("/points-of-sale")
@login_required
def create_point():
    """Register a point of sale with its products (the OCOP office of its district or province).
    ---
    post:
      tags: [catalogue]
      requestBody: {content: {application/json: {schema: PointInput}}}
      responses:
        201: {content: {application/json: {schema: PointOutput}}}
        403: {description: not the office of this unit}
        422: {description: "a missing or invalid field, or a product without a valid certificate"}
    """
    point = operations.save_point(current_user, json_body(PointInput()))
    db.session.commit()
    return PointOutput().dump(point), 201


@bp.put("/points-of-sale/<int:point_id>")
@login_required
def update_point(point_id):
    """Change a point of sale and its products (the office of its unit).
    ---
    put:
      tags: [catalogue]
      requestBody: {content: {application/json: {schema: PointInput}}}
      responses:
        200: {content: {application/json: {schema: PointOutput}}}
        403: {description: not the office of this unit}
        404: {description: no such point of sale}
        422: {description: "a missing or invalid field, or a product without a valid certificate"}
    """
    point = operations.get_point(point_id)
    operations.save_point(current_user, json_body(PointInput()), point)
    db.session.commit()
    return PointOutput().dump(point)


@bp.delete("/points-of-sale/<int:point_id>")
@login_required
def delete_point(point_id):
    """Remove a point of sale (the office of its unit).
    ---
    delete:
      tags: [catalogue]
      responses:
        204: {description: removed}
        403: {description: not the office of this unit}
        404: {description: no such point of sale}
    """
    operations.delete(current_user, operations.get_point(point_id), "point_of_sale.deleted")
    db.session.commit()
    return "", 204


@bp.post("/fairs")
@login_required
def create_fair():
    """Register a fair with the products shown there (the OCOP office of the province or district taking part).
    ---
    post:
      tags: [catalogue]
      requestBody: {content: {application/json: {schema: FairInput}}}
      responses:
        201: {content: {application/json: {schema: FairOutput}}}
        403: {description: not the office of this unit}
        422: {description: "a missing or invalid field, ends before it starts, or a product without a valid certificate"}
    """
    fair = operations.save_fair(current_user, json_body(FairInput()))
    db.session.commit()
    return FairOutput().dump(fair), 201


@bp.put("/fairs/<int:fair_id>")
@login_required
def update_fair(fair_id):
    """Change a fair and its products (the office of its unit).
    ---
    put:
      tags: [catalogue]
      requestBody: {content: {application/json: {schema: FairInput}}}
      responses:
        200: {content: {application/json: {schema: FairOutput}}}
        403: {description: not the office of this unit}
        404: {description: no such fair}
        422: {description: a missing or invalid field}
    """
    fair = operations.get_fair(fair_id)
    operations.save_fair(current_user, json_body(FairInput()), fair)
    db.session.commit()
    return FairOutput().dump(fair)


@bp.delete("/fairs/<int:fair_id>")
@login_required
def delete_fair(fair_id):
    """Remove a fair (the office of its unit).
    ---
    delete:
      tags: [catalogue]
      responses:
        204: {description: removed}
        403: {description: not the office of this unit}
        404: {description: no such fair}
    """
    operations.delete(current_user, operations.get_fair(fair_id), "fair.deleted")
    db.session.commit()
    return "", 204
