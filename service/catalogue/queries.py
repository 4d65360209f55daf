"""The catalogue's queries: the products holding a valid certificate today, one row per product at its
highest stars, searched and filtered in SQL and paged.

Valid is `certificates.lifecycle.status_of` in SQL: issued, not revoked, not superseded by a re-evaluation's
certificate, not past `valid_until` (today by the case clock, Vietnam's date).
"""
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..cases.listing import districts_to_choose
from ..cases.models import Certificate
from ..certificates.lifecycle import today
from ..directory.models import AdministrativeUnit, ProducingEntity, Product
from ..extensions import db
from ..paging import paginate
from .models import (
    Fair,
    PointOfSale,
    ProductPhoto,
    fair_products,
    point_of_sale_products,
)

PER_PAGE = 12
POINTS_PER_PAGE = 50


def valid_certificates(on=None, certificate=Certificate):
    """Criteria on Certificate (or an alias of it): valid on a day (today by default)."""
    day = on or today()
    return [certificate.revoked_at.is_(None), certificate.superseded_by_id.is_(None),
            certificate.issued_on <= day, certificate.valid_until >= day]


def _best_certificate():
    """Criteria on Certificate: valid, and no valid certificate of its product ranks higher (more stars, then
    issued later, then the later row): asked of each certificate through the index of products, so that a
    district's products are ranked without ranking the country's."""
    better = db.aliased(Certificate)
    outranks = or_(better.stars > Certificate.stars,
                   and_(better.stars == Certificate.stars,
                        or_(better.issued_on > Certificate.issued_on,
                            and_(better.issued_on == Certificate.issued_on, better.id > Certificate.id))))
    return [*valid_certificates(), ~exists().where(better.product_id == Certificate.product_id,
                                                   *valid_certificates(certificate=better), outranks)]


def listed_products(q=None, stars=None, product_group=None, province_id=None, district_id=None):
    """A query of (Product, Certificate, entity, commune, district, has_photo) rows, best stars first."""
    commune, district = db.aliased(AdministrativeUnit), db.aliased(AdministrativeUnit)
    query = (select(Product, Certificate, ProducingEntity, commune, district,
                    ProductPhoto.product_id.is_not(None).label("has_photo"))
             .join(Certificate, Certificate.product_id == Product.id)
             .join(ProducingEntity, ProducingEntity.id == Product.entity_id)
             .join(commune, commune.id == ProducingEntity.commune_id)
             .outerjoin(district, district.id == commune.parent_id)
             .outerjoin(ProductPhoto, ProductPhoto.product_id == Product.id)
             .where(*_best_certificate()))
    if q:
        pattern = f"%{q.strip()}%"
        query = query.where(or_(Product.name.ilike(pattern), ProducingEntity.name.ilike(pattern)))
    if stars:
        query = query.where(Certificate.stars == stars)
    if product_group:
        query = query.where(Product.group_code == product_group)
    if province_id:
        query = query.where(district.parent_id == province_id)
    if district_id:
        query = query.where(district.id == district_id)
    return query.order_by(Certificate.stars.desc(), Product.name, Product.id)


def catalogue_page(page=1, per_page=PER_PAGE, **filters):
    """(rows, total) of one page of the catalogue."""
    query = listed_products(**filters)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    return rows, total


def listed_product(product_id):
    """The catalogue's row of one product, or None when it holds no valid certificate."""
    return db.session.execute(listed_products().where(Product.id == product_id)).first()


def is_listed(product_id):
    return db.session.scalar(select(Certificate.id).where(Certificate.product_id == product_id,
                                                          *valid_certificates()).limit(1)) is not None


def listed_ids(product_ids):
    """Those of the product ids that hold a valid certificate today."""
    return set(db.session.scalars(select(Certificate.product_id).where(Certificate.product_id.in_(product_ids),
                                                                       *valid_certificates())))


def where_to_buy(product_id):
    """(points of sale, fairs not over yet) showing the product."""
    points = db.session.scalars(select(PointOfSale).join(point_of_sale_products)
                                .where(point_of_sale_products.c.product_id == product_id)
                                .order_by(PointOfSale.name)).all()
    fairs = db.session.scalars(select(Fair).join(fair_products)
                               .where(fair_products.c.product_id == product_id, Fair.ends_on >= today())
                               .order_by(Fair.starts_on)).all()
    return points, fairs


def units_listed(filters):
    """`FilterUnits` of the catalogue's form (`cases.listing.districts_to_choose`): the districts that have a
    product in the catalogue; in a directory of several provinces, the provinces first, then the districts of the
    province chosen (a country's are some seven hundred)."""
    return districts_to_choose(districts_listed, filters)


def districts_listed(province_id=None):
    """The districts that have a product in the catalogue (of one province, or all), with their province, by name."""
    commune, district = db.aliased(AdministrativeUnit), db.aliased(AdministrativeUnit)
    query = (select(district).options(joinedload(district.parent)).distinct()
             .join(commune, commune.parent_id == district.id)
             .join(ProducingEntity, ProducingEntity.commune_id == commune.id)
             .join(Product, Product.entity_id == ProducingEntity.id)
             .join(Certificate, Certificate.product_id == Product.id)
             .where(*valid_certificates()).order_by(district.name))
    if province_id is not None:
        query = query.where(district.parent_id == province_id)
    return db.session.scalars(query).all()


def points_of_sale(page, per_page):
    """A page of the points of sale by name (a `paging.paginate` pagination: a country's are thousands), each with
    its unit and products, read in the same statements whatever the page's size."""
    return paginate(select(PointOfSale).options(joinedload(PointOfSale.unit), selectinload(PointOfSale.products))
                    .order_by(PointOfSale.name, PointOfSale.id), page, per_page)


def upcoming_fairs():
    """The fairs not over yet, soonest first, each with its unit and products, read in the same statements whatever
    their number."""
    return db.session.scalars(select(Fair).options(joinedload(Fair.unit), selectinload(Fair.products))
                              .where(Fair.ends_on >= today()).order_by(Fair.starts_on, Fair.id)).all()
