"""The lists that grow with a country rather than with a case: the administrators' accounts, the public points of
sale, the survey's inventory, each read a page at a time, a province's training coverage beside the country's
training record, the offices' point-of-sale and fair forms beside the country's catalogue, and the audit log.

    .venv/bin/python -m benchmarks.lists [--points 3000] [--survey 30000] [--trainings 5] [--certified 15000]
                                         [--audit 1000000] [--requests 20]

Builds a SQLite database with the demo data and a country's directory (`directory.fill_directory`: 63 provinces,
10,248 communes), adds an account holding the commune officer's role in each commune, `--points` points of sale,
`--survey` survey rows, `--trainings` training sessions per province, each attended by every commune officer of
its province, `--certified` products in the catalogue spread over the country and `--audit` audit entries, in bulk,
then prints each list's first and last page, the province's training pages, the offices' forms, the catalogue and
the audit log, unfiltered and by action and by user: KB, statements and the median of the CPU time. A list read a page at a time costs the same on its last page as on its
first, whatever the rows; one that read every row cost, before, some 20,000 statements and 3.8 s for the accounts,
6,000 statements and 0.9 s for 3,000 points of sale, and 3.4 s and 17 MB for an administrator's survey of 20,000
rows.
"""
import argparse
import math
import tempfile
from datetime import date, timedelta

from sqlalchemy import insert, select

from service import clock
from service.admin.queries import PER_PAGE as ACCOUNTS_PER_PAGE
from service.audit.models import AuditEntry
from service.auth.models import RoleAssignment, User
from service.cases.models import Case, Certificate
from service.catalogue.models import PointOfSale
from service.catalogue.queries import POINTS_PER_PAGE
from service.demo.seed import find_unit, find_user
from service.directory.models import AdministrativeUnit, ProducingEntity, Product
from service.extensions import db
from service.process_models.operations import latest_version
from service.survey.models import SurveyItem
from service.survey.pages import PER_PAGE as SURVEY_PER_PAGE
from service.training.models import TrainingAttendee, TrainingSession

from .application import make_app
from .directory import fill_directory, measure


def _insert(model, rows):
    """A multi-row INSERT of `rows` (none: nothing), returning their ids."""
    return db.session.execute(insert(model).returning(model.id), rows).scalars().all() if rows else []


def fill_catalogue(count):
    """`count` products in the catalogue spread over the country's communes, each of an entity of its own with a
    completed case and a certificate valid until 2099, in a few multi-row INSERTs; returns the certificates."""
    communes = db.session.execute(select(AdministrativeUnit.id, AdministrativeUnit.parent_id)
                                  .where(AdministrativeUnit.level == "commune").order_by(AdministrativeUnit.id)).all()
    parents = dict(db.session.execute(select(AdministrativeUnit.id, AdministrativeUnit.parent_id)).all())
    now, model, producer = clock.now(), latest_version().id, find_user("producer").id
    places = [communes[n * 7919 % len(communes)] for n in range(count)]
    entities = _insert(ProducingEntity, [{"name": f"Chủ thể OCOP {n:05d}", "entity_type": "cooperative",
                                          "commune_id": commune, "created_at": now}
                                         for n, (commune, _) in enumerate(places)])
    products = _insert(Product, [{"entity_id": entity, "name": f"Đặc sản {n:05d}", "group_code": "thuc_pham",
                                  "created_at": now} for n, entity in enumerate(entities)])
    cases = _insert(Case, [
        {"reference": f"CAT-{n:05d}", "product_id": product, "entity_id": entity, "commune_id": commune,
         "district_id": district, "province_id": parents[district], "process_model_id": model,
         "status": "completed", "stars": 3 + n % 2, "created_by_id": producer, "created_at": now, "updated_at": now,
         "version_id": 1}
        for n, (product, entity, (commune, district)) in enumerate(zip(products, entities, places, strict=True))])
    _insert(Certificate, [{"case_id": case, "product_id": product, "number": f"{n:05d}/QĐ-UBND", "level": "province",
                           "stars": 3 + n % 2, "issued_on": date(2025, 1, 1), "valid_until": date(2099, 1, 1)}
                          for n, (case, product) in enumerate(zip(cases, products, strict=True))])
    db.session.commit()
    return db.session.scalar(select(db.func.count(Certificate.id)))


def fill_audit(count):
    """`count` audit entries over three years, by the country's accounts, in multi-row INSERTs: sign-ins and task
    completions mostly, one revoked certificate in 10,000; returns the entries in the log."""
    users = db.session.scalars(select(User.id).order_by(User.id)).all()
    start = clock.now() - timedelta(days=3 * 365)
    step = timedelta(days=3 * 365) / max(count, 1)
    for first in range(0, count, 50_000):
        db.session.execute(insert(AuditEntry), [
            {"user_id": users[n * 7919 % len(users)], "details": {},
             "action": "certificate.revoked" if n % 10_000 == 0 else ("user.signed_in", "task.completed")[n % 2],
             "created_at": start + n * step} for n in range(first, min(first + 50_000, count))])
    db.session.commit()
    return db.session.scalar(select(db.func.count(AuditEntry.id)))


def fill_lists(points, survey, trainings):
    """An account per commune (`xa-00001`...), commune officer there, `points` points of sale and `survey` survey rows
    spread over the communes, and `trainings` sessions a province attended by its commune officers, in a few
    multi-row INSERTs; returns (accounts, points of sale, survey rows, training attendances) in the database."""
    district = AdministrativeUnit.__table__.alias("district")
    communes, districts, provinces = zip(*db.session.execute(
        select(AdministrativeUnit.id, AdministrativeUnit.parent_id, district.c.parent_id)
        .join(district, district.c.id == AdministrativeUnit.parent_id).where(AdministrativeUnit.level == "commune")
        .order_by(AdministrativeUnit.id)).all(), strict=True)
    now, admin = clock.now(), find_user("admin").id
    users = _insert(User, [
        {"username": f"xa-{n:05d}", "password_hash": "!", "full_name": f"Cán bộ OCOP xã {n}", "created_at": now}
        for n in range(1, len(communes) + 1)])
    _insert(RoleAssignment, [{"user_id": user, "role_code": "commune_officer", "unit_id": commune}
                             for user, commune in zip(users, communes, strict=True)])
    _insert(PointOfSale, [
        {"name": f"Điểm bán OCOP {n:05d}", "kind": "shop", "address": "Trung tâm xã", "created_by_id": admin,
         "unit_id": communes[n % len(communes)], "created_at": now} for n in range(points)])
    _insert(SurveyItem, [
        {"year": 2020, "commune_id": communes[n % len(communes)], "district_id": districts[n % len(communes)],
         "product_name": f"Sản phẩm tiềm năng {n}", "producer_name": f"Hộ sản xuất {n // 2}", "status": "potential",
         "created_by_id": admin, "created_at": now} for n in range(survey)])
    for province in sorted(set(provinces)):
        sessions = _insert(TrainingSession, [
            {"held_on": date(2020 + n, 6, 1), "level": "province", "topic": f"Tập huấn OCOP {2020 + n}",
             "trainer": "Sở Nông nghiệp", "unit_id": province, "created_by_id": admin, "created_at": now}
            for n in range(trainings)])
        _insert(TrainingAttendee, [
            {"session_id": session, "user_id": user} for session in sessions
            for user, user_province in zip(users, provinces, strict=True) if user_province == province])
    db.session.commit()
    return tuple(db.session.scalar(select(db.func.count(model.id)))
                 for model in (User, PointOfSale, SurveyItem, TrainingAttendee))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=3000)
    parser.add_argument("--survey", type=int, default=30000)
    parser.add_argument("--trainings", type=int, default=5)
    parser.add_argument("--certified", type=int, default=15000)
    parser.add_argument("--audit", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    app = make_app(f"sqlite:///{tempfile.mkdtemp()}/lists.sqlite")
    with app.app_context():
        fill_directory(63, 11, 15)
        accounts, points, survey, attendances = fill_lists(args.points, args.survey, args.trainings)
        certified = fill_catalogue(args.certified)
        audited = fill_audit(args.audit)
        province, district = find_unit("Lai Châu").id, find_unit("Tam Đường").id
    last_accounts, last_points = math.ceil(accounts / ACCOUNTS_PER_PAGE), math.ceil(points / POINTS_PER_PAGE)
    last_survey = math.ceil(survey / SURVEY_PER_PAGE)
    print(f"{accounts:,} accounts, {points:,} points of sale, {survey:,} survey rows, {attendances:,} training "
          f"attendances, {certified:,} certified products, {audited:,} audit entries, a country's directory (SQLite)")
    print("per request: KB, statements, median CPU ms")
    for username, path in [("admin", "/admin/users"), ("admin", f"/admin/users?page={last_accounts}"),
                           (None, "/points-of-sale"), (None, f"/points-of-sale?page={last_points}"),
                           (None, "/api/v1/public/points-of-sale?per_page=100"),
                           ("admin", "/survey"), ("admin", f"/survey?page={last_survey}"), ("province", "/survey"),
                           ("province", "/api/v1/survey-items?per_page=100"), ("province", "/training"),
                           (None, f"/api/v1/public/training/coverage?province_id={province}"),
                           (None, f"/dashboard?province_id={province}"), ("province", "/points-of-sale/new"),
                           ("district", "/points-of-sale/new"), ("province", "/fairs/new"), (None, "/catalogue"),
                           (None, f"/catalogue?province_id={province}"), (None, f"/catalogue?district_id={district}"),
                           (None, f"/api/v1/public/catalogue?district_id={district}"), ("admin", "/admin/audit"),
                           ("admin", "/admin/audit?action=certificate.revoked"), ("admin", "/admin/audit?user=xa-00042")]:
        [(size, sent, median)] = measure([app], username, [path], args.requests)
        print(f"    {username or '(nobody)':<10} {path:<46} {size / 1024:6.1f} KB {sent:3d} statements "
              f"{median:6.1f} ms")


if __name__ == "__main__":
    main()
