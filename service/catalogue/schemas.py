"""Bodies of the catalogue's endpoints: the public catalogue, points of sale and fairs."""
from flask import url_for
from marshmallow import Schema, fields, validate

from ..certificates.lifecycle import verify_url
from .operations import POINT_KINDS
from .queries import PER_PAGE


class CatalogueQuery(Schema):
    q = fields.String(validate=validate.Length(max=200), metadata={"description": "part of the product's or producer's name"})
    stars = fields.Integer(validate=validate.Range(min=1, max=5))
    product_group = fields.String(validate=validate.Length(max=50), metadata={"description": "a product group code"})
    province_id = fields.Integer()
    district_id = fields.Integer()
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=PER_PAGE, validate=validate.Range(min=1, max=50))


class Place(Schema):
    id = fields.Integer()
    name = fields.String()


class PointBrief(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    address = fields.String()
    phone = fields.String(allow_none=True)


class FairBrief(Schema):
    id = fields.Integer()
    name = fields.String()
    starts_on = fields.Date()
    ends_on = fields.Date()
    place = fields.String()


class ListedProduct(Schema):
    """A product of the catalogue, from a row of `queries.listed_products`."""
    id = fields.Function(lambda row: row.Product.id)
    name = fields.Function(lambda row: row.Product.name)
    group = fields.Function(lambda row: row.Product.group_code)
    description = fields.Function(lambda row: row.Product.description)
    stars = fields.Function(lambda row: row.Certificate.stars)
    level = fields.Function(lambda row: row.Certificate.level)
    certificate_number = fields.Function(lambda row: row.Certificate.number)
    valid_until = fields.Function(lambda row: row.Certificate.valid_until.isoformat())
    verify_url = fields.Function(lambda row: verify_url(row.Certificate))
    producer = fields.Function(lambda row: row.ProducingEntity.name)
    commune = fields.Function(lambda row: row[3].name)
    district = fields.Function(lambda row: {"id": row[4].id, "name": row[4].name} if row[4] is not None else None)
    photo_url = fields.Function(lambda row: url_for("catalogue.photo", product_id=row.Product.id, _external=True)
                                if row.has_photo else None)


class CataloguePage(Schema):
    items = fields.List(fields.Nested(ListedProduct))
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


class ListedProductDetail(ListedProduct):
    points_of_sale = fields.List(fields.Nested(PointBrief))
    fairs = fields.List(fields.Nested(FairBrief))


class ProductBrief(Schema):
    id = fields.Integer()
    name = fields.String()


class PointInput(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    kind = fields.String(required=True, validate=validate.OneOf(tuple(POINT_KINDS)))
    address = fields.String(required=True, validate=validate.Length(min=1, max=500))
    phone = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=50))
    unit_id = fields.Integer(required=True, metadata={"description": "the commune or district it lies in"})
    product_ids = fields.List(fields.Integer(), load_default=list, validate=validate.Length(max=500))


class PointOutput(PointBrief):
    unit = fields.Nested(Place)
    products = fields.List(fields.Nested(ProductBrief))


class FairInput(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    place = fields.String(required=True, validate=validate.Length(min=1, max=500))
    description = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5000))
    unit_id = fields.Integer(required=True, metadata={"description": "the province or district that takes part"})
    product_ids = fields.List(fields.Integer(), load_default=list, validate=validate.Length(max=500))


class FairOutput(FairBrief):
    description = fields.String(allow_none=True)
    unit = fields.Nested(Place)
    products = fields.List(fields.Nested(ProductBrief))
