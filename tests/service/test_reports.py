"""Reports to the province and the Ministry: each report's figures against the cases, recognition decisions,
certificates, support and training that produced them, for a period and a jurisdiction; the refusals; the
workbook read back."""
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from service.demo.seed import find_user
from tests.cycle import Cycle
from tests.statements import statements_of

BINH_LU = "Tam Đường/Bình Lư"
MUONG_MIT = "Than Uyên/Mường Mít"


def approved(people, commune, stars_totals=(80, 82, 78), **idea):
    """A case whose province result (4★ for the default totals; 4★ potential 5★ from 90 points, the case
    running on toward the national council) waits for its recognition decision."""
    case = Cycle(people, commune, **idea).through_district_dossier().evaluate("district", [72, 76, 74])
    case.decide("province", "province_check_dossier", "complete")
    return case.evaluate("province", list(stars_totals))


def certified(people, commune, stars_totals=(80, 82, 78), **idea):
    """A case whose province result is recognised by the province's decision, dated the day it was approved."""
    case = approved(people, commune, stars_totals, **idea)
    case.recognise("province")
    return case


def table(report, key):
    return next(table for table in report["tables"] if table["key"] == key)


def row(table, label):
    return next(row for row in table["rows"] if row["label"] == label)


def get(people, username, path, expect=200, **query):
    response = people[username].get(path, query_string=query)
    assert response.status_code == expect, response.get_json()
    return response.get_json() if response.is_json else response


@pytest.fixture
def programme_2020(people, unit_id, clock, once):
    """In 2020 (Vietnam time): a 4★ product of the demo cooperative in Tam Đường; a product the province
    recognised 4★ potential 5★ and the Ministry 5★; a product the province recognised 4★ potential 5★, at
    the national council (a potential 5★); a case waiting at the commune's check, and a case of producer-2's
    cooperative in Than Uyên; in 2021 a 3★ product in Tam Đường. Each recognised by a decision dated the day
    its result was approved. Built once (`once`)."""
    def build():
        clock.set(datetime(2020, 6, 1, 3, 0, tzinfo=UTC))
        tea = certified(people, unit_id(BINH_LU), product_name="Trà Oolong Bình Lư")
        five = certified(people, unit_id(BINH_LU), (93, 92, 91), product_name="Mật ong bạc hà")
        five.evaluate("national", [95, 96, 97]).recognise("national")
        referred = certified(people, unit_id(BINH_LU), (93, 92, 91), product_name="Miến dong Bình Lư")
        waiting = Cycle(people, unit_id(BINH_LU), product_name="Măng khô")
        other = Cycle({"producer": people["producer-2"]}, unit_id(MUONG_MIT), product_name="Gạo séng cù Mường Mít")
        clock.set(datetime(2021, 3, 1, 3, 0, tzinfo=UTC))
        later = certified(people, unit_id(BINH_LU), (66, 68, 70), product_name="Chè shan tuyết")
        cycles = {"tea": tea, "five": five, "referred": referred, "waiting": waiting, "other": other, "later": later}
        return {name: cycle.case for name, cycle in cycles.items()}

    cycles = {name: Cycle.resumed(people, case) for name, case in once(build).items()}
    cycles["other"].users = {"producer": people["producer-2"]}
    return cycles


def certificate_of(case):
    [certificate] = case.refresh("province")["certificates"]
    return certificate


def test_the_province_counts_the_certificates_issued_in_the_period_by_stars_level_group_unit_and_entity(
        people, programme_2020):
    report = get(people, "province", "/api/v1/reports/recognitions", year=2020)

    assert report["period"] == {"from": "2020-01-01", "to": "2020-12-31"}
    assert report["unit"]["name"] == "Lai Châu" and report["breakdown"] == "district"
    assert report["issuer"] == "Cơ quan thường trực OCOP tỉnh (Sở NN&PTNT) Lai Châu"
    stars = table(report, "recognitions_by_stars")
    assert [(row["label"], row["province"], row["national"], row["total"]) for row in stars["rows"]] == [
        ("3★", 0, 0, 0), ("4★", 3, 0, 3), ("5★", 0, 1, 1)], "the 5★ product holds the province's 4★ too"
    assert stars["total"] == {"province": 3, "national": 1, "total": 4}
    [potential] = stars["extra"]
    assert potential == {"label": "Trong đó: 4★ tiềm năng 5★, đang chờ kết quả Trung ương", "province": 1,
                         "total": 1}
    assert table(report, "awaiting_decision")["total"]["total"] == 0
    assert row(table(report, "recognitions_by_group"), "Thực phẩm") == {
        "label": "Thực phẩm", "stars_3": 0, "stars_4": 3, "stars_5": 1, "total": 4}
    by_unit = table(report, "recognitions_by_unit")
    assert row(by_unit, "Tam Đường")["total"] == 4 and row(by_unit, "Than Uyên")["total"] == 0
    assert by_unit["total"]["total"] == 4
    assert row(table(report, "recognitions_by_entity_type"), "Hợp tác xã")["total"] == 4
    listed = table(report, "recognitions_list")
    assert sorted(item["product"] for item in listed["rows"]) == [
        "Miến dong Bình Lư", "Mật ong bạc hà", "Mật ong bạc hà", "Trà Oolong Bình Lư"]
    assert listed["total"] is None
    tea = certificate_of(programme_2020["tea"])
    assert {"label": tea["number"], "issued_on": "2020-06-01", "valid_until": "2023-06-01", "stars": 4,
            "level": "Cấp tỉnh", "status": "Còn hiệu lực"}.items() <= next(
        item for item in listed["rows"] if item["label"] == tea["number"]).items()

    next_year = get(people, "province", "/api/v1/reports/recognitions", year=2021)
    assert table(next_year, "recognitions_by_stars")["total"] == {"province": 1, "national": 0, "total": 1}
    assert row(table(next_year, "recognitions_by_stars"), "3★")["province"] == 1
    across = get(people, "province", "/api/v1/reports/recognitions", **{"from": "2020-06-02", "to": "2021-03-01"})
    assert [item["product"] for item in table(across, "recognitions_list")["rows"]] == ["Chè shan tuyết"]


def test_results_awaiting_their_decision_at_the_period_s_end_and_the_potential_five_stars(
        people, programme_2020, unit_id, clock):
    candidate = approved(people, unit_id(BINH_LU), (93, 92, 91), product_name="Rượu ngô Bình Lư")
    first_quarter = {"from": "2021-01-01", "to": "2021-03-31"}
    report = get(people, "province", "/api/v1/reports/recognitions", **first_quarter)
    awaiting = table(report, "awaiting_decision")
    assert row(awaiting, "Cấp tỉnh") == {"label": "Cấp tỉnh", "stars_3": 0, "stars_4": 1, "stars_5": 0, "total": 1}
    assert awaiting["total"]["total"] == 1
    assert awaiting["extra"] == [{"label": "Trong đó: 4★ tiềm năng 5★", "stars_4": 1, "total": 1}]
    stars = table(report, "recognitions_by_stars")
    assert row(stars, "4★")["province"] == 0 and stars["extra"][0]["total"] == 0, "no certificate yet"

    clock.set(datetime(2021, 4, 2, 3, 0, tzinfo=UTC))
    candidate.recognise("province", decided_on="2021-04-01")

    assert table(get(people, "province", "/api/v1/reports/recognitions", **first_quarter),
                 "awaiting_decision")["total"]["total"] == 1, "not decided by the period's end"
    year = get(people, "province", "/api/v1/reports/recognitions", year=2021)
    assert table(year, "awaiting_decision")["total"]["total"] == 0
    stars = table(year, "recognitions_by_stars")
    assert (row(stars, "4★")["province"], stars["extra"][0]["province"]) == (1, 1)

    programme_2020["referred"].evaluate("national", [86, 88, 87])  # 5★ not reached: it keeps the province's 4★
    stars = table(get(people, "province", "/api/v1/reports/recognitions", year=2020), "recognitions_by_stars")
    assert row(stars, "4★")["province"] == 3 and stars["extra"][0]["total"] == 0


def test_support_given_to_producers_by_source_kind_and_unit_within_the_period(people, programme_2020):
    grants = [("district", "tea", "training", "province_budget", 15_000_000, "2020-06-01"),
              ("commune", "tea", "fund", "ntm_programme", 250_000_000, "2020-12-31"),
              ("district", "referred", "fund", "province_budget", 100_000_000, "2021-01-05"),
              ("district-2", "other", "advice", "district_budget", 5_000_000, "2020-06-01")]
    for username, case, kind, source, amount, day in grants:
        response = people[username].post(f"/api/v1/cases/{programme_2020[case].id}/support", json={
            "kind": kind, "source": source, "amount_vnd": amount, "given_on": day})
        assert response.status_code == 201, response.json

    report = get(people, "province", "/api/v1/reports/support", year=2020)
    sources = table(report, "support_by_source")
    assert row(sources, "Ngân sách tỉnh") == {"label": "Ngân sách tỉnh", "training": 15_000_000, "advice": 0,
                                              "loan": 0, "fund": 0, "other": 0, "total": 15_000_000}
    assert row(sources, "Chương trình MTQG xây dựng nông thôn mới")["fund"] == 250_000_000
    assert row(sources, "Ngân sách huyện")["advice"] == 5_000_000 and row(sources, "Tín dụng, ngân hàng")["total"] == 0
    assert sources["total"] == {"training": 15_000_000, "advice": 5_000_000, "loan": 0, "fund": 250_000_000,
                                "other": 0, "total": 270_000_000}
    units = table(report, "support_by_unit")
    assert row(units, "Tam Đường") == {"label": "Tam Đường", "entities": 1, "training": 15_000_000, "advice": 0,
                                       "loan": 0, "fund": 250_000_000, "other": 0, "total": 265_000_000}
    assert (row(units, "Than Uyên")["entities"], row(units, "Than Uyên")["total"]) == (1, 5_000_000)
    assert units["total"]["entities"] == 2

    assert table(get(people, "province", "/api/v1/reports/support", year=2021),
                 "support_by_source")["total"]["total"] == 100_000_000
    district = get(people, "district", "/api/v1/reports/support", year=2020)
    assert table(district, "support_by_source")["total"]["total"] == 265_000_000
    assert row(table(district, "support_by_unit"), "Bình Lư")["total"] == 265_000_000
    page = people["province"].get("/reports/support?year=2020").get_data(as_text=True)
    assert '<td data-column="total">270.000.000</td>' in page
    book = load_workbook(BytesIO(people["province"].get("/api/v1/reports/support.xlsx?year=2020").data))
    assert book.sheetnames == ["Hỗ trợ theo nguồn", "Hỗ trợ theo đơn vị"]
    assert [cell.value for cell in book["Hỗ trợ theo nguồn"][17]] == [
        "Tổng cộng", 15_000_000, 5_000_000, 0, 250_000_000, 0, 270_000_000]


def test_the_programme_report_shows_who_is_trained_against_the_plan(app, people, programme_2020, unit_id,
                                                                    second_province):
    with app.app_context():
        commune, entity = find_user("commune").id, find_user("producer").entity_id
    response = people["district"].post("/api/v1/training-sessions", json={
        "held_on": "2020-05-12", "level": "district", "topic": "Chu trình OCOP và hồ sơ đánh giá",
        "trainer": "Văn phòng Điều phối NTM tỉnh", "unit_id": unit_id("Tam Đường"),
        "attendees": [{"user_id": commune}, {"entity_id": entity, "name": "Nguyễn Văn A, Giám đốc HTX"}]})
    assert response.status_code == 201, response.json

    coverage = table(get(people, "province", "/api/v1/reports/programme", year=2020), "training_coverage")
    assert [item["label"] for item in coverage["rows"]] == ["Lai Châu", "Tam Đường", "Than Uyên"]
    assert row(coverage, "Tam Đường") == {"label": "Tam Đường", "officials_trained": 1, "officials": 2,
                                          "leaders_trained": 1, "leaders": 1}
    assert coverage["total"] == {"officials_trained": 1, "officials": 4, "leaders_trained": 1, "leaders": 2}
    assert "Đến ngày 31/12/2020: cán bộ 25%, lãnh đạo chủ thể 50% đã được tập huấn" in coverage["note"]
    before = table(get(people, "province", "/api/v1/reports/programme", year=2019), "training_coverage")
    assert before["total"]["officials_trained"] == 0
    district = table(get(people, "district", "/api/v1/reports/programme", year=2020), "training_coverage")
    assert [item["label"] for item in district["rows"]] == ["Tam Đường"]
    national = table(get(people, "national", "/api/v1/reports/programme", year=2020), "training_coverage")
    assert row(national, "Lai Châu") == {"label": "Lai Châu", **coverage["total"]}
    assert row(national, "Điện Biên") == {"label": "Điện Biên", "officials_trained": 0, "officials": 0,
                                          "leaders_trained": 0, "leaders": 0}  # nobody to train there yet


def test_a_revocation_after_the_period_leaves_its_figures_and_counts_in_the_period_it_was_decided(
        people, programme_2020):
    tea = certificate_of(programme_2020["tea"])
    response = people["province"].post(f"/api/v1/certificates/{tea['id']}/revoke", json={
        "decision": "45/QĐ-UBND", "decision_date": "2021-02-15", "reason": "Không duy trì chất lượng"})
    assert response.status_code == 200, response.json

    assert table(get(people, "province", "/api/v1/reports/recognitions", year=2020),
                 "recognitions_by_stars")["total"]["total"] == 4
    certificates = get(people, "province", "/api/v1/reports/certificates", year=2021)
    revoked = row(table(certificates, "certificates_by_kind"), "Bị thu hồi trong kỳ")
    assert (revoked["stars_4"], revoked["total"]) == (1, 1)
    assert row(table(certificates, "certificates_by_unit"), "Tam Đường")["revoked"] == 1
    [listed] = [item for item in table(certificates, "certificates_list")["rows"] if item["label"] == tea["number"]]
    assert listed["decision"] == "45/QĐ-UBND" and listed["decided_on"] == "2021-02-15"
    assert listed["status"] == "Đã thu hồi"


def test_certificates_expiring_within_the_months_asked_and_expired_in_the_period(people, programme_2020, clock):
    clock.set(datetime(2024, 2, 1, 3, 0, tzinfo=UTC))
    expiring = get(people, "province", "/api/v1/reports/certificates", months=5,
                   **{"from": "2023-01-01", "to": "2023-01-31"})
    kinds = table(expiring, "certificates_by_kind")
    assert row(kinds, "Sắp hết hiệu lực (trong 5 tháng)")["total"] == 4  # all four end on 1 June 2023
    assert get(people, "province", "/api/v1/reports/certificates", months=4, **{
        "from": "2023-01-01", "to": "2023-01-31"})["tables"][0]["rows"][0]["total"] == 0

    expired = table(get(people, "province", "/api/v1/reports/certificates", year=2023), "certificates_by_kind")
    assert row(expired, "Hết hiệu lực trong kỳ") == {"label": "Hết hiệu lực trong kỳ", "stars_3": 0, "stars_4": 3,
                                                      "stars_5": 1, "total": 4}
    assert row(table(get(people, "province", "/api/v1/reports/certificates", year=2024), "certificates_by_kind"),
               "Hết hiệu lực trong kỳ")["total"] == 0  # the 2021 certificate ends in March 2024, not yet


def test_entities_and_evaluations_in_progress_by_step_and_by_unit(people, programme_2020):
    entities = get(people, "province", "/api/v1/reports/entities", year=2020)
    assert row(table(entities, "entities_by_type"), "Hợp tác xã") == {
        "label": "Hợp tác xã", "taking_part": 2, "recognised": 1}
    by_unit = table(entities, "entities_by_unit")
    assert row(by_unit, "Tam Đường")["cooperative"] == 1 and row(by_unit, "Than Uyên")["total"] == 1

    evaluations = get(people, "province", "/api/v1/reports/evaluations", year=2020)
    steps = {item["label"]: item["cases"] for item in table(evaluations, "evaluations_by_step")["rows"]}
    assert steps == {"Xã kiểm tra ý tưởng": 2, "Hội đồng cấp quốc gia chấm điểm": 1}
    stages = table(evaluations, "evaluations_by_unit")
    assert (row(stages, "Tam Đường")["idea"], row(stages, "Tam Đường")["national"]) == (1, 1)
    assert row(stages, "Than Uyên")["total"] == 1 and stages["total"]["total"] == 3
    assert table(get(people, "province", "/api/v1/reports/evaluations", year=2021),
                 "evaluations_by_step")["rows"] == []


def test_a_district_office_sees_its_district_by_commune_and_the_ministry_every_province(people, programme_2020,
                                                                                         unit_id):
    district = get(people, "district", "/api/v1/reports/recognitions", year=2020)
    assert district["unit"]["name"] == "Tam Đường" and district["breakdown"] == "commune"
    assert row(table(district, "recognitions_by_unit"), "Bình Lư")["total"] == 4
    assert district["issuer"] == "Cơ quan thường trực OCOP huyện Tam Đường"
    than_uyen = get(people, "district-2", "/api/v1/reports/entities", year=2020)
    assert row(table(than_uyen, "entities_by_type"), "Hợp tác xã")["taking_part"] == 1
    assert table(get(people, "district-2", "/api/v1/reports/recognitions", year=2020),
                 "recognitions_by_stars")["total"]["total"] == 0

    national = get(people, "national", "/api/v1/reports/recognitions", year=2020)
    assert national["unit"] is None and national["breakdown"] == "province"
    assert row(table(national, "recognitions_by_unit"), "Lai Châu")["total"] == 4
    one_district = get(people, "national", "/api/v1/reports/recognitions", year=2020,
                       unit=unit_id("Tam Đường"))
    assert one_district["breakdown"] == "commune"
    assert get(people, "province", "/api/v1/reports/entities", year=2020,
               unit=unit_id("Than Uyên"))["unit"]["name"] == "Than Uyên"


@pytest.mark.parametrize("username", ["producer", "commune", "district-council-1", "province-council-1",
                                      "national-council-1"])
def test_who_is_not_an_ocop_office_gets_no_report(people, demo, username):
    response = people[username].get("/api/v1/reports/recognitions")
    assert response.status_code == 403 and response.json["error"] == "reports_not_allowed"
    assert people[username].get("/reports").status_code == 403


def test_a_unit_outside_the_jurisdiction_is_not_found(people, unit_id, client, demo):
    for username, unit in [("district", "Lai Châu"), ("district", "Than Uyên"), ("district-2", "Tam Đường"),
                           ("province", "Tam Đường/Bình Lư")]:
        response = people[username].get("/api/v1/reports/entities", query_string={"unit": unit_id(unit)})
        assert response.status_code == 404 and response.json["error"] == "unit_not_found", (username, unit)
    assert people["national"].get("/api/v1/reports/entities?unit=99999").status_code == 404
    assert people["province"].get("/api/v1/reports/budget").json["error"] == "report_not_found"
    assert client.get("/api/v1/reports/recognitions").status_code == 401


@pytest.mark.parametrize("query, field", [
    ({"from": "2020-05-01", "to": "2020-04-30"}, "to"), ({"from": "2020-13-01", "to": "2020-12-31"}, "from"),
    ({"from": "2020-01-01"}, "to"), ({"year": "20x0"}, "year"), ({"year": "1999"}, "year"),
    ({"months": "0"}, "months"), ({"months": "37"}, "months"), ({"unit": "-1"}, "unit"),
])
def test_a_bad_period_unit_or_horizon_answers_422_naming_the_field(people, demo, query, field):
    response = people["province"].get("/api/v1/reports/certificates", query_string=query)
    assert response.status_code == 422 and field in response.json["details"], response.json


def header(sheet):
    return [sheet.cell(row=row, column=1).value for row in range(1, 6)]


def test_the_workbook_has_a_sheet_per_table_with_the_period_the_issuer_headers_and_totals(people, programme_2020):
    response = people["province"].get("/api/v1/reports/recognitions.xlsx?year=2020&lang=en")

    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(
        'filename=bao-cao-ocop-recognitions-2020-01-01-2020-12-31.xlsx')
    book = load_workbook(BytesIO(response.data))
    assert book.sheetnames == ["CN theo sao", "Chờ công nhận", "CN theo nhóm", "CN theo đơn vị", "CN theo chủ thể",
                               "DS công nhận"]
    sheet = book["CN theo sao"]
    assert header(sheet) == ["SẢN PHẨM OCOP ĐƯỢC CÔNG NHẬN",
                             "Đơn vị báo cáo: Cơ quan thường trực OCOP tỉnh (Sở NN&PTNT) Lai Châu",
                             "Phạm vi: Lai Châu", "Kỳ báo cáo: từ ngày 01/01/2020 đến ngày 31/12/2020",
                             f"Ngày lập: {date(2021, 3, 1).strftime('%d/%m/%Y')}"]
    rows = [[cell.value for cell in line] for line in sheet.iter_rows(min_row=8, max_row=13)]
    assert rows == [["Hạng sao", "Cấp tỉnh", "Cấp Trung ương", "Tổng cộng"], ["3★", 0, 0, 0], ["4★", 3, 0, 3],
                    ["5★", 0, 1, 1], ["Tổng cộng", 3, 1, 4],
                    ["Trong đó: 4★ tiềm năng 5★, đang chờ kết quả Trung ương", 1, None, 1]]
    assert sheet["A13"].font.bold is False and sheet["A12"].font.bold is True
    listed = book["DS công nhận"]
    assert listed.cell(row=8, column=7).value == "Ngày cấp"
    assert listed.cell(row=9, column=7).value.date() == date(2020, 6, 1)
    assert listed.cell(row=9, column=7).number_format == "DD/MM/YYYY"


def test_a_period_longer_than_a_year_is_built_in_the_background(people, programme_2020, tmp_path):
    response = people["province"].get("/api/v1/reports/programme.xlsx?from=2020-01-01&to=2021-12-31")
    assert response.status_code == 422 and response.json["error"] == "period_too_long"

    started = people["province"].post("/api/v1/reports/programme/jobs", json={"from": "2020-01-01",
                                                                               "to": "2021-12-31"})

    assert started.status_code == 202, started.json
    status = get(people, "province", started.headers["Location"])
    assert status["state"] == "done" and status["steps_done"] == status["steps_total"] == 17
    assert status["percent"] == 100
    book = load_workbook(BytesIO(people["province"].get(status["download"]).data))
    assert len(book.sheetnames) == 16 and book.sheetnames[-3:] == ["Hỗ trợ theo nguồn", "Hỗ trợ theo đơn vị",
                                                                   "Tập huấn"]
    assert book["CN theo sao"]["A4"].value == "Kỳ báo cáo: từ ngày 01/01/2020 đến ngày 31/12/2021"
    assert book["CN theo sao"].cell(row=12, column=4).value == 5
    assert people["district"].get(started.headers["Location"]).status_code == 404
    assert people["district"].get(status["download"]).status_code == 404
    assert people["admin"].get(status["download"]).status_code == 200


def test_a_background_build_refuses_bad_input(people, demo, unit_id):
    for body, status in [({"year": 1999}, 422), ({"colour": "red"}, 422), ({"unit": unit_id("Than Uyên")}, 404)]:
        response = people["district"].post("/api/v1/reports/recognitions/jobs", json=body)
        assert response.status_code == status, (body, response.json)
    assert people["district"].post("/api/v1/reports/recognitions/jobs", data="x").status_code == 415
    assert people["producer"].post("/api/v1/reports/recognitions/jobs", json={}).status_code == 403


def test_the_certificate_lists_are_read_in_the_same_statements_whatever_their_length(app, people, programme_2020):
    """2021's one certificate and 2020's four (the 5★ product's two): each listed with its product, entity and unit,
    read with it."""
    def statements(year):
        with statements_of(app) as sent:
            report = get(people, "province", "/api/v1/reports/recognitions", year=year)
        return len(sent), report

    one, report = statements(2021)
    assert len(table(report, "recognitions_list")["rows"]) == 1
    four, report = statements(2020)
    assert [row["entity"] for row in table(report, "recognitions_list")["rows"]] == [
        "HTX Nông nghiệp và Dịch vụ Bình Lư"] * 4
    assert four == one
