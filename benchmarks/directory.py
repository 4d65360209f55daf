"""The pages that offer units of the directory, with the demo's one province and with a country's directory.

    .venv/bin/python -m benchmarks.directory [--provinces 63] [--districts 11] [--communes 15] [--requests 60]

Each request (REQUESTS: registration, a producer's idea, the case list, the inbox, the role form, the report form,
an office's point-of-sale form, library and training pages, the catalogue, as the people who use them) is measured
on two SQLite databases in turn: the demo data, and the demo data to which `fill_directory` has added the other
provinces of a country (by default 62 more, each with 11 districts of 15 communes and a council per district and
province: 63 provinces, 690 districts, 10,248 communes, 747 councils, about what Vietnam's directory held before
2025). Printed for each: the page's size, its statements and the
median of its CPU time (in process on SQLite: all of its work), and the growth of the size and of that time.
The two databases' requests alternate, and the median is compared, not the p95 of the elapsed time: on a shared
2-core machine pages of 10-30 ms move their p95 by more than the directory does. A page that listed every unit
of the country would grow some sixty times; the target is the inbox's, ≤ 1.3×.
"""
import argparse
import statistics
import tempfile
import time

from sqlalchemy import insert, select

from service.demo.seed import find_unit, find_user
from service.directory.models import AdministrativeUnit, Council
from service.extensions import db

from .application import make_app
from .cycle_costs import statements

TARGET_RATIO = 1.3
# (who, what): None signs nobody in; {province}, {district} and {user} are the demo's Lai Châu, Tam Đường and
# district officer
REQUESTS = [
    (None, "/register"),
    (None, "/register?province_id={province}"),
    ("producer", "/cases/new"),
    ("producer", "/api/v1/forms/start"),
    ("admin", "/cases"),
    ("admin", "/cases?province_id={province}"),
    ("admin", "/cases?district_id={district}"),
    ("province", "/cases"),
    ("admin", "/inbox?tab=all-visible"),
    ("admin", "/inbox?tab=all-visible&province_id={province}"),
    ("district", "/inbox?tab=all-visible"),
    ("admin", "/admin/users/{user}"),
    ("admin", "/admin/users/{user}?province_id={province}"),
    ("admin", "/reports"),
    ("province", "/reports"),
    ("district", "/points-of-sale/new"),
    ("district", "/library"),
    ("district", "/training"),
    (None, "/catalogue"),
]


def fill_directory(provinces, districts, communes):
    """Adds provinces until the directory holds `provinces`, each with `districts` districts of `communes` communes,
    and a council for each new province and district, in a few multi-row INSERTs."""
    have = db.session.query(AdministrativeUnit).filter_by(level="province").count()
    for number in range(have + 1, provinces + 1):
        province = db.session.execute(insert(AdministrativeUnit).returning(AdministrativeUnit.id), [
            {"code": f"{number:02d}", "name": f"Tỉnh {number:02d}", "level": "province"}]).scalar_one()
        district_ids = db.session.execute(insert(AdministrativeUnit).returning(AdministrativeUnit.id), [
            {"name": f"Huyện {number:02d}-{n:02d}", "level": "district", "parent_id": province}
            for n in range(1, districts + 1)]).scalars().all()
        db.session.execute(insert(AdministrativeUnit), [
            {"name": f"Xã {number:02d}-{d:02d}-{n:02d}", "level": "commune", "parent_id": district_id}
            for d, district_id in enumerate(district_ids, 1) for n in range(1, communes + 1)])
        db.session.execute(insert(Council), [
            {"level": level, "unit_id": unit_id, "name": f"Hội đồng đánh giá, phân hạng sản phẩm OCOP {unit_id}"}
            for level, unit_id in [("province", province)] + [("district", unit) for unit in district_ids]])
    db.session.commit()


def _client(app, username, path):
    """A test client of `app`, signed in as `username` (None: nobody), that has fetched `path` once."""
    client = app.test_client()
    if username:
        response = client.post("/api/v1/auth/login", json={"username": username, "password": "demo"})
        assert response.status_code == 200, response.get_json()
    assert client.get(path).status_code == 200, path
    return client


def _size_and_statements(app, client, path):
    with app.app_context(), statements() as sent:
        size = len(client.get(path).data)
    return size, len(sent)


def measure(apps, username, paths, repeat):
    """[(bytes, statements, median ms of this process's CPU time: on SQLite all the request's work)] of one request
    to each app (`paths`: the request in each), the apps' requests taken in turn so that the machine's moods
    fall on each alike."""
    clients = [_client(app, username, path) for app, path in zip(apps, paths, strict=True)]
    times = [[] for _ in apps]
    for _ in range(repeat):
        for client, path, spent in zip(clients, paths, times, strict=True):
            start = time.process_time()
            client.get(path)
            spent.append((time.process_time() - start) * 1000)
    return [(*_size_and_statements(app, client, path), statistics.median(spent))
            for app, client, path, spent in zip(apps, clients, paths, times, strict=True)]


def _units(app):
    with app.app_context():
        return {"province": find_unit("Lai Châu").id, "district": find_unit("Tam Đường").id,
                "user": find_user("district").id}


def directory_figures(provinces=63, districts=11, communes=15, repeat=60):
    """(the unit counts of each database, [(who, request, (bytes, statements, median CPU ms) with one province,
    the same with a country)]) of REQUESTS."""
    apps = [make_app(f"sqlite:///{tempfile.mkdtemp()}/{name}.sqlite") for name in ("province", "country")]
    with apps[1].app_context():
        fill_directory(provinces, districts, communes)
    counts = []
    for app in apps:
        with app.app_context():
            counts.append({level: db.session.scalar(select(db.func.count()).where(AdministrativeUnit.level == level))
                           for level in ("province", "district", "commune")})
    units = [_units(app) for app in apps]
    return counts, [(username, path, *measure(apps, username, [path.format(**ids) for ids in units], repeat))
                    for username, path in REQUESTS]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=63)
    parser.add_argument("--districts", type=int, default=11)
    parser.add_argument("--communes", type=int, default=15)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    counts, rows = directory_figures(args.provinces, args.districts, args.communes, args.requests)
    for name, count in zip(("province", "country"), counts, strict=True):
        print(f"{name}: {count['province']:,} provinces, {count['district']:,} districts, "
              f"{count['commune']:,} communes (SQLite)")
    print(f"per request: KB, statements, median CPU ms, with one province → with a country; growth of the size and of "
          f"the time (target ≤ {TARGET_RATIO}×)")
    for username, path, (size, sent, median), (size_n, sent_n, median_n) in rows:
        print(f"    {username or '(nobody)':<10} {path:<46} {size / 1024:6.1f} → {size_n / 1024:6.1f} KB "
              f"{sent:3d} → {sent_n:3d} statements {median:6.1f} → {median_n:6.1f} ms   "
              f"{size_n / size:5.2f}× {median_n / median:5.2f}×")


if __name__ == "__main__":
    main()
