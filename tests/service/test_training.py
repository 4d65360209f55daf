"""Training sessions and the coverage against the plan's 100%: the demo's OCOP officials (commune officer of
Bình Lư, the Tam Đường and Than Uyên district offices, the provincial office) and the leaders of the entities
taking part, per district and per role, on the dashboard and in the API; who is still untrained."""
import re
from datetime import datetime, timezone

import pytest

from service.demo.seed import find_user
from tests.cycle import Cycle
from tests.statements import statements_of


@pytest.fixture
def entity_id(app, people, unit_id):
    """The demo producer's entity, taking part with a case."""
    Cycle(people, unit_id("Tam Đường/Bình Lư"))
    with app.app_context():
        return find_user("producer").entity_id


def user_id(app, username):
    with app.app_context():
        return find_user(username).id


def session(unit, *attendees, held_on="2020-05-12"):
    return {"held_on": held_on, "level": "district", "topic": "Chu trình OCOP và hồ sơ đánh giá",
            "trainer": "Văn phòng Điều phối NTM tỉnh", "unit_id": unit, "attendees": list(attendees)}


def test_coverage_per_district_and_role_counts_who_attended(app, people, unit_id, entity_id, clock):
    clock.set(datetime(2020, 6, 1, 8, 0, tzinfo=timezone.utc))
    tam_duong, lai_chau = unit_id("Tam Đường"), unit_id("Lai Châu")
    body = session(tam_duong, {"user_id": user_id(app, "commune")},
                   {"entity_id": entity_id, "name": "Nguyễn Văn A, Giám đốc HTX"})
    response = people["district"].post("/api/v1/training-sessions", json=body)
    assert response.status_code == 201, response.json
    assert [a["name"] for a in response.json["attendees"]] == ["Cán bộ OCOP xã Bình Lư", "Nguyễn Văn A, Giám đốc HTX"]
    assert people["district"].post("/api/v1/training-sessions",
                                   json=session(tam_duong, {"user_id": user_id(app, "district")},
                                                held_on="2020-07-01")).status_code == 201

    found = app.test_client().get(f"/api/v1/public/training/coverage?province_id={lai_chau}&on=2020-06-01").json
    units = {unit["name"]: unit for unit in found["districts"]}
    assert units["Tam Đường"]["officials"] == {"trained": 1, "total": 2, "percent": 50, "met": False}
    assert units["Tam Đường"]["leaders"] == {"trained": 1, "total": 1, "percent": 100, "met": True}
    assert units["Than Uyên"]["officials"]["trained"] == 0 and units["Lai Châu"]["officials"]["total"] == 1
    assert found["roles"]["commune_officer"] == {"trained": 1, "total": 1, "percent": 100, "met": True}
    assert found["roles"]["district_officer"]["trained"] == 0 and found["roles"]["producer"]["met"]
    later = app.test_client().get(f"/api/v1/public/training/coverage?province_id={lai_chau}&on=2020-07-01").json
    assert later["roles"]["district_officer"] == {"trained": 1, "total": 2, "percent": 50, "met": False}

    def dashboard_row():
        page = people["district"].get("/dashboard?year=2020").get_data(as_text=True)
        return page, " ".join(re.search(r'<tr data-training-unit="Tam Đường">(.*?)</tr>', page, re.DOTALL).group(1).split())

    page, row = dashboard_row()  # as of the year's reference day: today, 1 June
    assert "<strong>1</strong>/2 (50%)" in row and "<strong>1</strong>/1 (100%)" in row
    assert re.search(r'data-training-role="province_officer">[^<]*<span class="figure not-met"><strong>0</strong>/1',
                     page)
    clock.set(datetime(2020, 7, 2, 8, 0, tzinfo=timezone.utc))
    assert "<strong>2</strong>/2 (100%)" in dashboard_row()[1]

def test_only_the_office_of_the_unit_records_a_session_and_attendees_must_exist(app, people, unit_id):
    tam_duong = unit_id("Tam Đường")
    for outsider in ("district-2", "producer", "commune", "district-chair"):
        assert people[outsider].post("/api/v1/training-sessions", json=session(tam_duong)).status_code == 403
    assert people["province"].post("/api/v1/training-sessions", json=session(tam_duong)).status_code == 201
    assert people["district"].post("/api/v1/training-sessions",
                                   json=session(tam_duong, {"user_id": 999_999})).status_code == 422
    twice = {"user_id": user_id(app, "commune")}
    assert people["district"].post("/api/v1/training-sessions", json=session(tam_duong, twice, twice)).status_code == 422
    assert people["district"].post("/api/v1/training-sessions",
                                   json=session(tam_duong, {"name": "Ai đó"})).status_code == 422
    assert people["district"].post("/api/v1/training-sessions", json={**session(tam_duong), "level": "x"}).status_code == 422
    assert len(people["district-2"].get("/api/v1/training-sessions").json["items"]) == 0
    assert len(people["district"].get("/api/v1/training-sessions").json["items"]) == 1


def test_the_sessions_are_those_of_the_office_s_units_read_in_the_same_statements_whatever_their_number(
        app, people, unit_id, entity_id):
    """The sessions of the units an office runs, read from the units within its own (a country's sessions are
    not read to keep a province's), each with its unit and attendees, in as many statements for three as for one,
    a page at a time."""
    tam_duong, commune = unit_id("Tam Đường"), user_id(app, "commune")

    def record(count):
        for _ in range(count):
            assert people["district"].post("/api/v1/training-sessions", json=session(
                tam_duong, {"user_id": commune}, {"entity_id": entity_id, "name": "Giám đốc HTX"})).status_code == 201

    def statements():
        counts = {}
        for path in ("/api/v1/training-sessions", "/training"):
            people["district"].get(path)
            with statements_of(app) as sent:
                assert people["district"].get(path).status_code == 200
            counts[path] = len(sent)
        return counts

    record(1)
    few = statements()
    record(2)

    assert statements() == few
    assert len(people["province"].get("/api/v1/training-sessions").json["items"]) == 3
    assert len(people["admin"].get("/api/v1/training-sessions").json["items"]) == 3
    assert people["district-2"].get("/api/v1/training-sessions").json["items"] == []
    [first, *_] = people["district"].get("/api/v1/training-sessions").json["items"]
    assert [attendee["entity"] for attendee in first["attendees"]] == [None, "HTX Nông nghiệp và Dịch vụ Bình Lư"]
    page = people["district"].get("/api/v1/training-sessions?per_page=2&page=2").json
    assert (page["total"], page["page"], page["per_page"], len(page["items"])) == (3, 2, 2, 1)
    for bad in ("per_page=0", "per_page=101", "page=0", "page=x"):
        assert people["district"].get(f"/api/v1/training-sessions?{bad}").status_code == 422, bad


def test_the_untrained_list_stays_within_the_office_s_jurisdiction(app, people, unit_id, entity_id):
    lai_chau = unit_id("Lai Châu")
    people["district"].post("/api/v1/training-sessions",
                            json=session(unit_id("Tam Đường"), {"user_id": user_id(app, "district")}))
    whole = people["province"].get(f"/api/v1/training/untrained?province_id={lai_chau}").json["items"]
    assert {(p["kind"], p["name"], p["commune"], p["district"]) for p in whole} == {
        ("user", "Cán bộ OCOP xã Bình Lư", "Bình Lư", "Tam Đường"),
        ("user", "Phòng NN&PTNT huyện Than Uyên", None, "Than Uyên"), ("user", "Sở NN&PTNT tỉnh Lai Châu", None, None),
        ("entity", "HTX Nông nghiệp và Dịch vụ Bình Lư", "Bình Lư", "Tam Đường")}
    pages = [people["province"].get("/api/v1/training/untrained", query_string={
        "province_id": lai_chau, "per_page": 3, "page": page}).json for page in (1, 2)]
    assert [(len(page["items"]), page["total"]) for page in pages] == [(3, 4), (1, 4)]
    assert pages[0]["items"] + pages[1]["items"] == whole
    assert people["province"].get(f"/api/v1/training/untrained?province_id={lai_chau}&per_page=0").status_code == 422
    own = people["district-2"].get(f"/api/v1/training/untrained?province_id={lai_chau}").json["items"]
    assert [p["name"] for p in own] == ["Phòng NN&PTNT huyện Than Uyên"]
    assert people["producer"].get(f"/api/v1/training/untrained?province_id={lai_chau}").status_code == 403
    assert app.test_client().get(f"/api/v1/training/untrained?province_id={lai_chau}").status_code == 401
    assert people["province"].get("/api/v1/training/untrained?province_id=999999").status_code == 404


def test_someone_trained_by_another_province_s_session_counts_as_trained_in_their_own(
        app, people, unit_id, entity_id, second_province):
    """Whoever held the session: Lai Châu's commune officer and producer trained at a session of Điện Biên count
    in Lai Châu's coverage and leave its untrained list, and are nobody in Điện Biên's."""
    lai_chau, dien_bien = unit_id("Lai Châu"), second_province["province_id"]
    body = {**session(dien_bien, {"user_id": user_id(app, "commune")}, {"entity_id": entity_id, "name": "Giám đốc"}),
            "level": "province"}
    assert people["admin"].post("/api/v1/training-sessions", json=body).status_code == 201

    coverage = f"/api/v1/public/training/coverage?province_id={lai_chau}"
    roles = app.test_client().get(f"{coverage}&on=2020-06-01").json["roles"]
    assert roles["commune_officer"]["trained"] == 1 and roles["producer"] == {
        "trained": 1, "total": 1, "percent": 100, "met": True}
    untrained = people["province"].get(f"/api/v1/training/untrained?province_id={lai_chau}").json["items"]
    assert {p["name"] for p in untrained} == {"Phòng NN&PTNT huyện Tam Đường", "Phòng NN&PTNT huyện Than Uyên",
                                              "Sở NN&PTNT tỉnh Lai Châu"}
    before = app.test_client().get(f"{coverage}&on=2020-05-11").json
    assert before["roles"]["commune_officer"]["trained"] == 0 and before["roles"]["producer"]["trained"] == 0
    assert app.test_client().get(f"/api/v1/public/training/coverage?province_id={dien_bien}").json == {
        "districts": [], "roles": {}}
