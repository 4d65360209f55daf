"""Import of earlier records through the API: the certificates' template filled in and uploaded, read by the
job queue row by row; bad rows reported (row, column, Vietnamese then English) while good rows are kept; the same
file again creates nothing new; an imported certificate lives the life of every certificate (the catalogue while
valid, a re-evaluation from `flask ocop timers` six months before it expires); jurisdictions; the survey's import."""
from datetime import date, datetime, timezone
from io import BytesIO

from openpyxl import load_workbook

from service.cases.models import Case, Certificate
from service.directory.models import ProducingEntity, Product
from service.extensions import db
from service.imports.template import COLUMNS
from service.recognition.models import RecognitionDecision
from service.survey.models import SurveyItem

GOOD = {"number": "LC-2023-0007", "level": "Tỉnh", "stars": 4, "score": 78.5, "decision_number": "1520/QĐ-UBND",
        "decided_on": date(2023, 6, 15), "signer_name": "Hà Trọng Hải", "signer_title": "Phó Chủ tịch UBND tỉnh",
        "product_name": "Chè Shan tuyết Bình Lư", "subgroup_code": "do_uong_khong_con",
        "producer_name": "HTX Chè Bình Lư",
        "entity_type": "Hợp tác xã", "tax_code": "6200123456", "district": "Tam Đường", "commune": "Bình Lư"}
SECOND = {**GOOD, "number": "LC-2023-0008", "stars": 3, "score": 66, "product_name": "Miến dong Sơn Bình",
          "subgroup_code": "thuc_pham_che_bien", "producer_name": "Hộ ông Lò Văn Sơn", "entity_type": "hộ sản xuất",
          "tax_code": None, "commune": "Sơn Bình", "decided_on": "15/06/2023"}
BAD = {**GOOD, "number": "LC-2023-0009", "stars": 6, "product_name": None, "commune": "Không có"}


def filled(client, kind, rows):
    """The template downloaded by `client`, its rows filled from row 4 on, as an upload."""
    response = client.get(f"/api/v1/imports/{kind}/template")
    assert response.status_code == 200, response.get_data(as_text=True)
    book = load_workbook(BytesIO(response.data))
    sheet = book["Dữ liệu"]
    for offset, row in enumerate(rows):
        for index, column in enumerate(COLUMNS[kind], start=1):
            sheet.cell(row=4 + offset, column=index, value=row.get(column.key))
    out = BytesIO()
    book.save(out)
    return {"file": (BytesIO(out.getvalue()), f"{kind}.xlsx")}


def upload(client, kind, rows):
    response = client.post(f"/api/v1/imports/{kind}", data=filled(client, kind, rows),
                           content_type="multipart/form-data")
    assert response.status_code == 202, response.json
    return client.get(response.headers["Location"]).json


def counts(app):
    with app.app_context():
        return tuple(db.session.query(model).count() for model in (Case, Certificate, ProducingEntity, Product,
                                                                 RecognitionDecision))


def test_the_template_names_its_columns_in_vietnamese_and_english_with_lists(people):
    book = load_workbook(BytesIO(people["province"].get("/api/v1/imports/certificates/template").data))
    sheet = book["Dữ liệu"]
    assert sheet["A1"].value == "Số giấy chứng nhận *" and sheet["A2"].value == "Certificate number"
    assert sheet["A3"].value == "LC-2019-0001"  # the example, never imported
    lists = {str(validation.sqref).split(":")[0]: validation.formula1
             for validation in sheet.data_validations.dataValidation}
    assert lists["C4"] == "'Danh mục'!$B$2:$B$4"  # stars 3, 4, 5
    assert [cell.value for cell in book["Danh mục"]["B"][1:4]] == [3, 4, 5]
    assert "Tam Đường" in [cell.value for cell in book["Danh mục"]["F"]]
    assert "do_uong_khong_con" in [cell.value for cell in book["Danh mục"]["E"]]


def test_bad_rows_are_reported_row_by_row_and_the_good_rows_kept_and_a_rerun_creates_nothing(app, people):
    province = people["province"]
    demo = counts(app)
    status = upload(province, "certificates", [GOOD, BAD, SECOND])

    assert (status["state"], status["steps_done"], status["steps_total"]) == ("done", 3, 3)
    assert (status["created"], status["skipped"], status["refused"]) == (2, 0, 1)
    problems = {(problem["row"], problem["column"]): problem["message"] for problem in status["problems"]}
    assert set(problems) == {(5, "Số sao / Stars"), (5, "Tên sản phẩm / Product name"), (5, "Xã / Commune")}
    assert problems[(5, "Tên sản phẩm / Product name")] == "Bắt buộc phải nhập / Required"
    assert problems[(5, "Xã / Commune")].startswith("Không có xã này trong huyện / ")
    before = counts(app)
    assert [now - then for now, then in zip(before, demo, strict=True)] == [2, 2, 2, 2, 1]  # one decision, both

    again = upload(province, "certificates", [GOOD, BAD, SECOND])
    assert (again["created"], again["skipped"], again["refused"]) == (0, 2, 1)
    assert counts(app) == before

    with app.app_context():
        certificate = db.session.query(Certificate).filter_by(number="LC-2023-0007").one()
        decision = certificate.recognition.decision
        assert (decision.number, decision.decided_on, decision.signer_name) == ("1520/QĐ-UBND", date(2023, 6, 15),
                                                                                "Hà Trọng Hải")
        assert decision.imported and decision.published and decision.level == "province"
        assert (certificate.issued_on, certificate.valid_until, certificate.stars) == (date(2023, 6, 15),
                                                                                       date(2026, 6, 15), 4)
        assert certificate.case.imported and certificate.case.status == "completed"
        assert certificate.case.entity.business_registration_no == "6200123456"
        case_id = certificate.case_id

    case = province.get(f"/api/v1/cases/{case_id}").json
    assert case["summary"].startswith("Đạt 4 sao cấp tỉnh; đã cấp giấy chứng nhận số LC-2023-0007")
    assert case["open_tasks"] == [] and case["certificates"][0]["status"] == "valid"
    assert province.get(f"/cases/{case_id}").status_code == 200
    assert province.get(f"/api/v1/cases/{case_id}/diagram").status_code == 200


def test_an_imported_certificate_is_in_the_catalogue_while_valid_then_re_evaluated_by_the_timers(app, people, clock,
                                                                                               runner):
    upload(people["province"], "certificates", [GOOD])
    visitor = app.test_client()
    [item] = visitor.get("/api/v1/public/catalogue").json["items"]
    assert (item["name"], item["stars"], item["certificate_number"]) == ("Chè Shan tuyết Bình Lư", 4, "LC-2023-0007")
    token = item["verify_url"].rsplit("/", 1)[1]
    verified = visitor.get(f"/api/v1/public/certificates/{token}").json
    assert verified["status"] == "valid"
    assert "1520/QĐ-UBND" in visitor.get(f"/verify/{token}").get_data(as_text=True)

    assert "re-evaluations: 1 case(s) opened" in runner.invoke(args=["ocop", "timers"]).output  # within six months
    assert "re-evaluations: 0 case(s) opened" in runner.invoke(args=["ocop", "timers"]).output
    cases = people["district"].get("/api/v1/cases?product_group=do_uong").json["items"]
    assert {(case["status"], case["imported"]) for case in cases} == {("completed", True), ("active", False)}
    reevaluation = next(case for case in cases if case["status"] == "active")
    assert reevaluation["product_name"] == "Chè Shan tuyết Bình Lư"
    assert people["commune"].get("/api/v1/tasks?scope=claimable").json["total"] == 1

    clock.set(datetime(2026, 6, 16, 3, 0, tzinfo=timezone.utc))  # the day after its last day, in Vietnam
    assert visitor.get("/api/v1/public/catalogue").json["total"] == 0


def test_imports_stay_within_the_importers_jurisdiction(app, people):
    """A row's district and commune are found by name whatever their letter case and spacing; a district the
    importer does not run, a district or a commune the directory does not hold are refused on their column."""
    spelled = {**GOOD, "district": "  tam   ĐƯỜNG ", "commune": "BÌNH LƯ"}
    elsewhere = {**GOOD, "number": "LC-2023-0100", "district": "Than Uyên", "commune": "Mường Mít"}
    unknown = {**GOOD, "number": "LC-2023-0101", "district": "Tam Đường Mới"}
    no_commune = {**GOOD, "number": "LC-2023-0102", "commune": "Mường Mít"}  # a commune of another district
    status = upload(people["district"], "certificates", [spelled, elsewhere, unknown, no_commune])
    assert (status["created"], status["refused"]) == (1, 3)
    assert status["problems"] == [
        {"row": 5, "column": "Huyện / District", "message": "Ngoài phạm vi quản lý của bạn / Outside your jurisdiction"},
        {"row": 6, "column": "Huyện / District", "message": "Không có huyện này / No such district"},
        {"row": 7, "column": "Xã / Commune", "message": "Không có xã này trong huyện / No such commune in the district"}]

    for username in ("producer", "commune", "district-council-1"):
        client = people[username]
        assert client.get("/api/v1/imports/certificates/template").status_code == 403
        refused = client.post("/api/v1/imports/certificates", data={"file": (BytesIO(b"x"), "a.xlsx")},
                              content_type="multipart/form-data")
        assert refused.status_code == 403 and refused.json["error"] == "not_import_office"
    assert people["district-2"].get(f"/api/v1/imports/jobs/{status['id']}").status_code == 404
    assert people["admin"].get(f"/api/v1/imports/jobs/{status['id']}").status_code == 200


def test_a_file_that_is_not_the_template_is_refused_at_once(people):
    province = people["province"]
    not_excel = province.post("/api/v1/imports/certificates", data={"file": (BytesIO(b"%PDF-1.4 x"), "a.xlsx")},
                              content_type="multipart/form-data")
    assert not_excel.status_code == 422 and not_excel.json["error"] == "file_type_refused"
    survey_file = filled(province, "survey", [])
    wrong = province.post("/api/v1/imports/certificates", data=survey_file, content_type="multipart/form-data")
    assert wrong.status_code == 422 and wrong.json["error"] == "invalid_workbook"
    assert province.get("/api/v1/imports/diplomas/template").status_code == 404


def test_the_survey_is_imported_into_the_inventory_without_duplicates(app, people):
    rows = [{"year": 2020, "district": "Tam Đường", "commune": "Bình Lư", "product_name": "Miến dong",
             "group_code": "thuc_pham", "producer_name": "Hộ ông Lò Văn B", "entity_type": "Hộ sản xuất"},
            {"year": 2020, "district": "Tam Đường", "commune": "Sơn Bình", "product_name": "Rượu ngô",
             "producer_name": "HTX Sơn Bình"},
            {"year": 1990, "district": "Tam Đường", "commune": "Sơn Bình", "product_name": "Chè",
             "producer_name": "HTX Sơn Bình", "group_code": "khong_co"}]
    district = people["district"]
    status = upload(district, "survey", rows)
    assert (status["created"], status["refused"]) == (2, 1)
    assert {problem["column"] for problem in status["problems"]} == {"Năm khảo sát / Survey year",
                                                                      "Mã nhóm sản phẩm / Product group code"}
    assert upload(district, "survey", rows)["skipped"] == 2
    listed = district.get("/api/v1/survey-items").json
    assert listed["counts"]["Tam Đường"]["potential"] == 2 and len(listed["items"]) == 2
    with app.app_context():
        assert {item.entity_type for item in db.session.query(SurveyItem)} == {"household", None}
