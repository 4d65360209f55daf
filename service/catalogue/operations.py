"""What changes the catalogue: a product's photo (its producer or the office of its district or province),
points of sale and fairs (the OCOP office of their unit's district or province)."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import clock
from ..audit.log import record
from ..auth.permissions import manages
from ..cases.attachments import path_of, write_upload
from ..directory.models import AdministrativeUnit, Product
from ..errors import Forbidden, NotFound, Unprocessable
from ..extensions import db
from .models import Fair, PointOfSale, ProductPhoto
from .queries import listed_ids

POINT_KINDS = {"tourist_site": _l("Điểm du lịch"), "market": _l("Chợ"), "supermarket": _l("Siêu thị"),
               "bus_station": _l("Bến xe"), "hotel": _l("Khách sạn"), "restaurant": _l("Nhà hàng"),
               "shop": _l("Cửa hàng")}
PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
NOT_MANAGER = ("Chỉ cơ quan thường trực OCOP huyện, tỉnh của đơn vị này được làm việc này / "
               "Only the district or provincial OCOP office of this unit may do this")


def unit_managed(unit_id, user):
    """The administrative unit, which the user must run the programme for (403), and which must exist (422)."""
    unit = db.session.get(AdministrativeUnit, unit_id)
    if unit is None:
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={"unit_id": ["Không có đơn vị này / No such unit"]})
    if not manages(user, unit):
        raise Forbidden("not_unit_office", NOT_MANAGER)
    return unit


def may_set_photo(user, product):
    return ((user.has_role("producer") and user.entity_id == product.entity_id)
            or manages(user, product.entity.commune))


def set_photo(product_id, user, upload):
    """Attach (or replace) the product's photo: JPEG, PNG or WebP, at most OCOP_MAX_PHOTO_BYTES."""
    product = db.session.get(Product, product_id)
    if product is None or not may_set_photo(user, product):
        raise NotFound("product_not_found", "Không tìm thấy sản phẩm / Product not found")
    _, storage_name, content_type, size, sha256 = write_upload(
        upload, PHOTO_TYPES, current_app.config["OCOP_MAX_PHOTO_BYTES"],
        "Ảnh sản phẩm phải là JPEG, PNG hoặc WebP / A product photo must be JPEG, PNG or WebP")
    photo = db.session.get(ProductPhoto, product.id)
    if photo is None:
        photo = ProductPhoto(product_id=product.id)
        db.session.add(photo)
    photo.storage_name, photo.content_type, photo.size, photo.sha256 = storage_name, content_type, size, sha256
    photo.uploaded_by_id, photo.uploaded_at = user.id, clock.now()
    db.session.flush()
    record("product.photo_set", user=user, product_id=product.id, product=product.name, sha256=sha256, size=size)
    return photo


def photo_path(photo):
    return path_of(photo)


def _products(product_ids):
    """The products, each of which must hold a valid certificate (the catalogue shows no other)."""
    product_ids = list(dict.fromkeys(product_ids))
    found = listed_ids(product_ids) if product_ids else set()
    missing = [product_id for product_id in product_ids if product_id not in found]
    if missing:
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={"product_ids": [(f"Không có giấy chứng nhận OCOP còn hiệu lực: {missing} / "
                                                      f"No valid OCOP certificate: {missing}")]})
    return db.session.scalars(select(Product).where(Product.id.in_(product_ids))).all() if product_ids else []


def _get(model, object_id, code, message):
    found = db.session.get(model, object_id)
    if found is None:
        raise NotFound(code, message)
    return found


def get_point(point_id):
    return _get(PointOfSale, point_id, "point_of_sale_not_found", "Không tìm thấy điểm bán / Point of sale not found")


def get_fair(fair_id):
    return _get(Fair, fair_id, "fair_not_found", "Không tìm thấy hội chợ / Fair not found")


def save_point(user, values, point=None):
    """Register a point of sale (or change one) with its products."""
    if point is not None and not manages(user, point.unit):
        raise Forbidden("not_unit_office", NOT_MANAGER)
    unit_managed(values["unit_id"], user)
    products = _products(values.pop("product_ids", []))
    created = point is None
    point = point or PointOfSale(created_by_id=user.id, created_at=clock.now())
    for name, value in values.items():
        setattr(point, name, value)
    point.products = products
    db.session.add(point)
    db.session.flush()
    record("point_of_sale.saved", user=user, point_of_sale_id=point.id, name=point.name, created=created,
           product_ids=[product.id for product in products])
    return point


def save_fair(user, values, fair=None):
    """Register a fair (or change one) with the products shown there."""
    if fair is not None and not manages(user, fair.unit):
        raise Forbidden("not_unit_office", NOT_MANAGER)
    if values["ends_on"] < values["starts_on"]:
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={"ends_on": ["Ngày kết thúc trước ngày bắt đầu / The fair ends before it starts"]})
    unit_managed(values["unit_id"], user)
    products = _products(values.pop("product_ids", []))
    created = fair is None
    fair = fair or Fair(created_by_id=user.id, created_at=clock.now())
    for name, value in values.items():
        setattr(fair, name, value)
    fair.products = products
    db.session.add(fair)
    db.session.flush()
    record("fair.saved", user=user, fair_id=fair.id, name=fair.name, created=created,
           product_ids=[product.id for product in products])
    return fair


def delete(user, found, action):
    """Remove a point of sale or a fair (the office of its unit)."""
    if not manages(user, found.unit):
        raise Forbidden("not_unit_office", NOT_MANAGER)
    record(action, user=user, id=found.id, name=found.name)
    db.session.delete(found)
    db.session.flush()
