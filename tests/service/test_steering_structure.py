"""The steering structure per unit: the offices record their bodies (founding decision, term, members in
positions) within their reach, and the coverage check lists what each unit still lacks."""
import re

import pytest
from sqlalchemy import func, select

from service.demo.seed import find_unit, find_user
from service.directory.models import AdministrativeUnit
from service.extensions import db
from tests.statements import statements_of

STEERING = {"kind": "steering_committee", "name": "Ban chỉ đạo Chương trình OCOP tỉnh Lai Châu",
            "decision_number": "120/QĐ-UBND", "decision_date": "2020-02-10"}


@pytest.fixture
def ids(app, people):
    with app.app_context():
        units = {path: find_unit(path).id for path in ("Lai Châu", "Tam Đường", "Than Uyên", "Tam Đường/Bình Lư")}
        users = {name: find_user(name).id for name in ("province", "province-chair", "district", "district-chair")}
        counts = dict(db.session.execute(select(AdministrativeUnit.level, func.count())
                                         .group_by(AdministrativeUnit.level)).all())
        tam_duong_communes = db.session.scalar(select(func.count()).where(
            AdministrativeUnit.parent_id == units["Tam Đường"]))
    return {**units, **users, "counts": counts, "tam_duong_communes": tam_duong_communes}


def missing(coverage, unit_id):
    return next(row["missing"] for row in coverage["units"] if row["unit_id"] == unit_id)


def test_the_coverage_lists_what_each_unit_lacks_against_the_data(people, ids):
    coverage = people["admin"].get("/api/v1/bodies/coverage").json
    counts = ids["counts"]
    assert coverage["total"] == counts["province"] + counts["district"] + counts["commune"]
    assert missing(coverage, ids["Lai Châu"]) == ["steering_committee", "help_team"]  # the demo has its council
    assert missing(coverage, ids["Tam Đường"]) == ["help_team"]
    assert missing(coverage, ids["Than Uyên"]) == ["council", "help_team"]
    assert missing(coverage, ids["Tam Đường/Bình Lư"]) == []  # the demo's commune officer
    assert coverage["complete"] == 1  # Bình Lư, the only commune with its officer
    assert len(coverage["missing"]) == coverage["total"] - 1


def test_the_province_office_records_its_steering_committee_and_its_members(people, ids):
    province = people["province"]
    created = province.post("/api/v1/bodies", json={**STEERING, "unit_id": ids["Lai Châu"]})
    assert created.status_code == 201, created.json
    body = created.json
    assert (body["level"], body["term_from"], body["term_until"], body["members"]) == (
        "province", "2020-02-10", None, [])
    assert missing(province.get("/api/v1/bodies/coverage").json, ids["Lai Châu"]) == [
        "steering_committee", "help_team"]  # a body without members does not count yet
    member = province.put(f"/api/v1/bodies/{body['id']}/members",
                          json={"user_id": ids["province-chair"], "position": "chair"})
    assert member.status_code == 200
    assert [(m["username"], m["position"]) for m in member.json["members"]] == [("province-chair", "chair")]
    assert missing(province.get("/api/v1/bodies/coverage").json, ids["Lai Châu"]) == ["help_team"]
    listed = province.get("/api/v1/bodies", query_string={"kind": "steering_committee"}).json["items"]
    assert [item["id"] for item in listed] == [body["id"]]


def test_a_body_out_of_its_term_does_not_count(people, ids):
    province = people["province"]
    old = province.post("/api/v1/bodies", json={**STEERING, "unit_id": ids["Lai Châu"], "term_until": "2025-12-31"})
    assert old.status_code == 201
    province.put(f"/api/v1/bodies/{old.json['id']}/members", json={"user_id": ids["province"], "position": "member"})
    assert "steering_committee" in missing(province.get("/api/v1/bodies/coverage").json, ids["Lai Châu"])


def test_a_district_office_works_within_its_district(people, ids):
    district = people["district"]
    help_team = {"kind": "help_team", "name": "Tổ giúp việc OCOP huyện Tam Đường", "decision_number": "45/QĐ-UBND",
                 "decision_date": "2020-05-04"}
    refused = district.post("/api/v1/bodies", json={**help_team, "unit_id": ids["Than Uyên"]})
    assert refused.status_code == 422 and "unit_id" in refused.json["details"]
    assert district.post("/api/v1/bodies", json={**help_team, "unit_id": ids["Lai Châu"]}).status_code == 422
    created = district.post("/api/v1/bodies", json={**help_team, "unit_id": ids["Tam Đường"]})
    assert created.status_code == 201
    assert {item["unit_id"] for item in district.get("/api/v1/bodies").json["items"]} == {ids["Tam Đường"]}
    coverage = district.get("/api/v1/bodies/coverage").json
    assert coverage["total"] == 1 + ids["tam_duong_communes"]
    other = people["admin"].post("/api/v1/bodies", json={**help_team, "name": "Tổ công tác Than Uyên",
                                                         "unit_id": ids["Than Uyên"]})
    assert district.get(f"/api/v1/bodies/{other.json['id']}").status_code == 404


@pytest.mark.parametrize("change, field", [
    ({"decision_date": "2099-01-01"}, "decision_date"),
    ({"term_from": "2021-01-01", "term_until": "2020-12-31"}, "term_until"),
    ({"kind": "committee"}, "kind"),
    ({"decision_number": ""}, "decision_number"),
])
def test_bad_input_is_refused_field_by_field(people, ids, change, field):
    response = people["province"].post("/api/v1/bodies", json={**STEERING, "unit_id": ids["Lai Châu"], **change})
    assert response.status_code == 422 and field in response.json["details"]


def test_bad_members_are_refused(people, ids):
    body = people["province"].post("/api/v1/bodies", json={**STEERING, "unit_id": ids["Lai Châu"]}).json
    unknown = people["province"].put(f"/api/v1/bodies/{body['id']}/members", json={"user_id": 999999,
                                                                                    "position": "member"})
    assert unknown.status_code == 422
    position = people["province"].put(f"/api/v1/bodies/{body['id']}/members",
                                      json={"user_id": ids["province"], "position": "king"})
    assert position.status_code == 422


def test_people_outside_the_offices_are_refused(people):
    assert people["producer"].get("/api/v1/bodies").status_code == 403
    assert people["district-council-1"].get("/api/v1/bodies/coverage").status_code == 403
    assert people["commune"].get("/steering").status_code == 403


def csrf(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_the_pages_record_a_body_its_members_and_show_the_coverage(people, ids):
    district = people["district"]
    page = district.get("/steering").get_data(as_text=True)
    assert "Bộ máy chỉ đạo OCOP" in page and "Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Tam Đường" in page
    form = {"csrf_token": csrf(page), "kind": "help_team", "unit_id": ids["Tam Đường"],
            "name": "Tổ giúp việc OCOP huyện Tam Đường", "decision_number": "45/QĐ-UBND", "decision_date": "2020-05-04"}
    refused = district.post("/steering", data={**form, "decision_date": "2099-01-01"})
    assert refused.status_code == 422 and "Ngày quyết định không được sau hôm nay" in refused.get_data(as_text=True)
    created = district.post("/steering", data=form)
    assert created.status_code == 302
    body_page = district.get(created.headers["Location"]).get_data(as_text=True)
    assert "Quyết định số 45/QĐ-UBND ngày 04/05/2020" in body_page and "Chưa có thành viên." in body_page
    added = district.post(created.headers["Location"] + "/members",
                          data={"csrf_token": csrf(body_page), "username": "district", "position": "chair"})
    assert added.status_code == 302
    body_page = district.get(created.headers["Location"]).get_data(as_text=True)
    assert "Phòng NN&amp;PTNT huyện Tam Đường" in body_page
    coverage = district.get("/steering/coverage").get_data(as_text=True)
    rows = re.findall(r'data-testid="coverage-missing"><td>([^<]+)</td>', coverage)
    assert "Tam Đường" not in rows and "Sơn Bình" in rows and "Bình Lư" not in rows
    assert f"2 trên {1 + ids['tam_duong_communes']} đơn vị" in coverage  # Tam Đường now, and Bình Lư


def test_with_several_provinces_an_administrator_checks_the_province_chosen(people, ids, second_province):
    """A country has some ten thousand communes: an administrator chooses the province first; an office keeps
    its own units without choosing."""
    def missing_units(page):
        return re.findall(r'data-testid="coverage-missing"><td>([^<]+)</td>', page)

    admin = people["admin"]
    first = admin.get("/steering/coverage").get_data(as_text=True)
    other = admin.get(f"/steering/coverage?province_id={second_province['province_id']}").get_data(as_text=True)
    lai_chau = admin.get(f"/steering/coverage?province_id={ids['Lai Châu']}").get_data(as_text=True)
    unknown = admin.get("/steering/coverage?province_id=0")

    assert 'data-testid="province-step"' in first and 'data-testid="coverage"' not in first
    assert sorted(missing_units(other)) == sorted(["Điện Biên", "Mường Chà", "Sa Lông"])
    assert "Sơn Bình" in missing_units(lai_chau) and "Sa Lông" not in lai_chau
    assert unknown.status_code == 404 and "Không có tỉnh này trong danh mục" in unknown.get_data(as_text=True)
    office = people["district"].get("/steering/coverage").get_data(as_text=True)
    assert 'data-testid="province-step"' not in office and "Sơn Bình" in missing_units(office)


def test_the_bodies_are_read_in_the_same_statements_however_many(app, people, ids):
    """Each body with its unit and members (their accounts): the API and the page."""
    province, districts = people["province"], ["Tam Đường", "Than Uyên"]

    def record(unit, user):
        body = province.post("/api/v1/bodies", json={**STEERING, "unit_id": ids[unit]}).json
        assert province.put(f"/api/v1/bodies/{body['id']}/members",
                            json={"user_id": ids[user], "position": "chair"}).status_code == 200

    def statements():
        counts = {}
        for path in ("/api/v1/bodies", "/steering"):
            province.get(path)
            with statements_of(app) as sent:
                assert province.get(path).status_code == 200
            counts[path] = len(sent)
        return counts

    few = statements()
    record("Lai Châu", "province-chair")
    for unit in districts:
        record(unit, "district-chair")
    assert statements() == few
    listed = province.get("/api/v1/bodies", query_string={"kind": "steering_committee"}).json["items"]
    assert sorted((item["unit"], [m["username"] for m in item["members"]]) for item in listed) == [
        ("Lai Châu", ["province-chair"]), ("Tam Đường", ["district-chair"]), ("Than Uyên", ["district-chair"])]


def test_with_several_provinces_an_administrator_lists_the_bodies_of_the_province_chosen(people, ids,
                                                                                          second_province):
    """The bodies and the units of the form are the province's: a country's would be thousands."""
    admin, điện_biên = people["admin"], second_province["province_id"]
    created = admin.post("/api/v1/bodies", json={**STEERING, "name": "Ban chỉ đạo OCOP tỉnh Điện Biên",
                                                 "unit_id": điện_biên})
    assert created.status_code == 201, created.json
    country = admin.get("/api/v1/bodies").json
    last = admin.get("/api/v1/bodies", query_string={"per_page": 1, "page": country["total"]}).json
    assert country["total"] == len(country["items"]) > 1 and created.json in country["items"]
    assert (last["items"], last["total"], last["page"]) == (country["items"][-1:], country["total"], country["total"])
    assert admin.get("/api/v1/bodies", query_string={"per_page": 101}).status_code == 422

    first = admin.get("/steering").get_data(as_text=True)
    chosen = admin.get(f"/steering?province_id={điện_biên}").get_data(as_text=True)
    unknown = admin.get("/steering?province_id=0")

    assert 'data-testid="province-step"' in first and 'data-testid="bodies"' not in first
    assert "Ban chỉ đạo OCOP tỉnh Điện Biên" in chosen and "huyện Tam Đường" not in chosen
    form = chosen.split('name="unit_id"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\d+)"', form) == [str(điện_biên), str(second_province["district_id"])]
    assert f'action="/steering?province_id={điện_biên}"' in chosen
    assert unknown.status_code == 404 and 'data-testid="province-step"' in unknown.get_data(as_text=True)
    office = people["province"].get("/steering").get_data(as_text=True)
    assert 'data-testid="province-step"' not in office and "huyện Tam Đường" in office
    assert "Điện Biên" not in office
