"""A certificate after it is issued: its PDF, its public verification, expiry, revocation, and the
re-evaluation that `flask ocop timers` opens six months before it expires."""
from datetime import datetime, timezone
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from service.cases.models import Case
from service.extensions import db
from tests.cycle import Cycle
from tests.processes import fire_timers_in_fresh_process, timers_at_once_in_fresh_processes

PRODUCT = "Miến dong Bình Lư"
PRODUCER = "HTX Nông nghiệp và Dịch vụ Bình Lư"


def certified(people, unit_id, province_totals=(80, 82, 78)):
    """A case of the demo producer certified by the province (4★ by default)."""
    case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    case.evaluate("district", [72, 76, 74])
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", list(province_totals))
    case.recognise(number="1234/QĐ-UBND")
    return case


def certified_once(people, unit_id, once):
    """(`certified`'s case, its certificate), built by the module's first test that asks and written back for the
    next ones (`once`)."""
    def build():
        case = certified(people, unit_id)
        case.refresh()
        return case.case

    case = Cycle.resumed(people, once(build))
    [certificate] = case.case["certificates"]
    return case, certificate


@pytest.fixture
def certificate(people, unit_id, once):
    """The demo producer's case certified 4★ by the province, built once (`once`)."""
    return certified_once(people, unit_id, once)


def token_of(certificate):
    return certificate["verify_url"].rsplit("/", 1)[1]


def test_the_pdf_names_the_product_with_its_diacritics_and_its_qr_code_opens_the_verification_page(
        people, certificate):
    case, issued = certificate
    assert issued["status"] == "valid" and issued["verify_url"].startswith("http://127.0.0.1:5000/verify/")
    response = people["producer"].get(issued["pdf_url"])
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = PdfReader(BytesIO(response.data))
    [page] = pdf.pages
    text = page.extract_text()
    for expected in (PRODUCT, PRODUCER, "GIẤY CHỨNG NHẬN", "ĐẠT HẠNG 4 SAO", issued["number"], "02/03/2029",
                     "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", issued["verify_url"],
                     "Theo Quyết định số 1234/QĐ-UBND ngày 02/03/2026", "KT. CHỦ TỊCH, PHÓ CHỦ TỊCH Giàng A Tính"):
        assert expected in text, expected
    links = [annotation.get_object()["/A"]["/URI"] for annotation in page["/Annots"]]
    assert links.count(issued["verify_url"]) == 2  # the QR code and the printed address
    fonts = page["/Resources"]["/Font"]
    assert all("/FontFile2" in font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
               for font in fonts.values()), "the fonts are embedded"


def test_the_pdf_answers_only_those_who_may_see_the_case(people, certificate):
    _, issued = certificate
    assert people["province"].get(issued["pdf_url"]).status_code == 200
    for outsider in ("producer-2", "district-2"):
        assert people[outsider].get(issued["pdf_url"]).status_code == 404
    assert people["producer"].get("/api/v1/certificates/999999.pdf").status_code == 404


def test_anyone_verifies_a_certificate_without_signing_in(app, certificate):
    _, issued = certificate
    visitor = app.test_client()
    page = visitor.get(f"/verify/{token_of(issued)}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for expected in (PRODUCT, PRODUCER, issued["number"], "Còn hiệu lực", "02/03/2029", "★★★★"):
        assert expected in html
    answer = visitor.get(f"/api/v1/public/certificates/{token_of(issued)}").json
    assert answer == {"number": issued["number"], "product": PRODUCT, "producer": PRODUCER, "commune": "Bình Lư",
                      "district": "Tam Đường", "province": "Lai Châu", "level": "province", "stars": 4,
                      "issued_on": "2026-03-02", "valid_until": "2029-03-02", "status": "valid",
                      "revocation": None, "superseded_by": None, "potential_five": False,
                      "decision": {"number": "1234/QĐ-UBND", "decided_on": "2026-03-02", "signer_name": "Giàng A Tính",
                                   "signer_title": "KT. CHỦ TỊCH, PHÓ CHỦ TỊCH"}}
    assert "Số 1234/QĐ-UBND ngày 02/03/2026, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH Giàng A Tính ký" in html
    assert visitor.get(f"/verify/{issued['number']}").status_code == 404
    assert visitor.get("/api/v1/public/certificates/not-a-token").status_code == 404


def test_a_certificate_past_its_validity_shows_expired_everywhere(app, people, certificate, clock):
    case, issued = certificate
    clock.set(datetime(2029, 3, 2, 16, 0, tzinfo=timezone.utc))  # 23:00 on its last day in Vietnam
    assert case.refresh()["certificates"][0]["status"] == "valid"
    clock.set(datetime(2029, 3, 2, 17, 0, tzinfo=timezone.utc))  # midnight: 3 March in Vietnam
    assert case.refresh()["certificates"][0]["status"] == "expired"
    [listed] = [item for item in people["district"].get("/api/v1/cases").json["items"] if item["id"] == case.id]
    assert listed["certificate_status"] == "expired"
    assert "Hết hiệu lực" in app.test_client().get(f"/verify/{token_of(issued)}").get_data(as_text=True)
    assert "Hết hiệu lực" in people["producer"].get(f"/cases/{case.id}").get_data(as_text=True)
    assert "HẾT HIỆU LỰC" in PdfReader(BytesIO(people["producer"].get(issued["pdf_url"]).data)).pages[0].extract_text()


def test_the_province_office_revokes_a_certificate_by_a_decision_with_its_reason(app, people, certificate):
    case, issued = certificate
    revoke = f"/api/v1/certificates/{issued['id']}/revoke"
    decision = {"decision": "123/QĐ-UBND", "decision_date": "2026-03-02",
                "reason": "Không duy trì tiêu chuẩn chất lượng"}
    assert people["producer"].post(revoke, json=decision).status_code == 403
    assert people["district"].post(revoke, json=decision).status_code == 403
    assert people["producer-2"].post(revoke, json=decision).status_code == 404
    assert people["province"].post(revoke, json={**decision, "decision_date": "2026-03-01"}).status_code == 422
    future = people["province"].post(revoke, json={**decision, "decision_date": "2026-03-03"})
    assert future.status_code == 422 and "decision_date" in future.json["details"]
    assert people["province"].post(revoke, json={"decision": "123/QĐ-UBND"}).status_code == 422
    answer = people["province"].post(revoke, json=decision)
    assert answer.status_code == 200, answer.json
    assert answer.json["status"] == "revoked"
    assert answer.json["revocation"] == {"decision": "123/QĐ-UBND", "decision_date": "2026-03-02",
                                         "reason": "Không duy trì tiêu chuẩn chất lượng"}
    assert people["admin"].post(revoke, json=decision).status_code == 409
    history = people["admin"].get(f"/api/v1/cases/{case.id}/history").json
    [entry] = [entry for entry in history if entry["action"] == "certificate.revoked"]
    assert entry["user"] == "province" and entry["details"]["decision"] == "123/QĐ-UBND"
    verification = app.test_client().get(f"/verify/{token_of(issued)}").get_data(as_text=True)
    assert "Đã thu hồi" in verification and "123/QĐ-UBND" in verification
    assert "bị thu hồi theo quyết định 123/QĐ-UBND" in people["producer"].get("/notifications").get_data(as_text=True)


def test_the_revocation_form_of_the_case_page(people, certificate):
    case, issued = certificate
    assert 'data-testid="certificate-revoke"' in people["province"].get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="certificate-revoke"' not in people["producer"].get(f"/cases/{case.id}").get_data(as_text=True)
    form = f"/certificates/{issued['id']}/revoke"
    assert people["producer"].get(form).status_code == 403
    token = people["province"].get(form).get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    refused = people["province"].post(form, data={"csrf_token": token, "decision": "", "decision_date": "",
                                                  "reason": "Vi phạm"})
    assert refused.status_code == 422
    assert "Nhập số quyết định thu hồi." in refused.get_data(as_text=True)
    done = people["province"].post(form, data={"csrf_token": token, "decision": "45/QĐ-UBND",
                                               "decision_date": "2026-03-02", "reason": "Vi phạm nhãn mác"})
    assert done.status_code == 302
    page = people["producer"].get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Đã thu hồi" in page and "45/QĐ-UBND" in page


def test_a_re_evaluation_opens_six_months_before_expiry_once_and_its_certificate_supersedes_the_old(
        app, people, certificate, clock, runner):
    case, issued = certificate
    clock.set(datetime(2028, 9, 1, 8, 0, tzinfo=timezone.utc))
    assert "re-evaluations: 0 case(s) opened" in runner.invoke(args=["ocop", "timers"]).output
    clock.set(datetime(2028, 9, 2, 8, 0, tzinfo=timezone.utc))  # six months before 2 March 2029
    assert "re-evaluations: 1 case(s) opened, 0 failed" in runner.invoke(args=["ocop", "timers"]).output
    assert "re-evaluations: 0 case(s) opened" in runner.invoke(args=["ocop", "timers"]).output
    items = people["producer"].get("/api/v1/cases").json["items"]
    [again] = [item for item in items if item["id"] != case.id]
    reevaluation = Cycle.__new__(Cycle)
    reevaluation.users, reevaluation.id = people, again["id"]
    detail = reevaluation.refresh()
    assert detail["product_name"] == PRODUCT and detail["entity_name"] == PRODUCER
    assert detail["reevaluation_of"]["number"] == issued["number"]
    assert detail["current_step"] == "commune_check_idea"
    assert f"hồ sơ đánh giá lại {again['reference']} đã được mở" in people["producer"].get("/notifications").get_data(
        as_text=True)
    with app.app_context():
        assert db.session.get(Case, again["id"]).product_id == db.session.get(Case, case.id).product_id

    reevaluation.through_district_dossier().evaluate("district", [60, 62, 64])
    reevaluation.decide("province", "province_check_dossier", "complete")
    reevaluation.evaluate("province", [60, 62, 64])
    assert reevaluation.refresh()["certificates"] == [] and case.refresh()["certificates"][0]["status"] == "valid"
    reevaluation.recognise()
    [renewed] = reevaluation.case["certificates"]
    assert renewed["issued_on"] == "2028-09-02" and renewed["valid_until"] == "2031-09-02"
    assert (renewed["stars"], renewed["status"]) == (3, "valid")
    [old] = case.refresh()["certificates"]
    assert (old["status"], old["superseded_by"]) == ("superseded", renewed["number"])
    assert "Đã được thay thế" in app.test_client().get(f"/verify/{token_of(issued)}").get_data(as_text=True)


def test_runners_in_separate_processes_open_a_re_evaluation_once(app, people, certificate, database_url):
    _, issued = certificate
    due = datetime(2028, 10, 1, 8, 0, tzinfo=timezone.utc)
    with app.app_context():
        concurrent = db.engine.dialect.name == "postgresql"
    if concurrent:  # SQLite lets one writer in at a time: its runners take turns
        outputs = timers_at_once_in_fresh_processes(database_url, due, 2)
    else:
        outputs = [fire_timers_in_fresh_process(database_url, due) for _ in range(2)]
    assert sorted("re-evaluations: 1 case(s) opened" in output for output in outputs) == [False, True], outputs
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)
                                 .where(Case.previous_certificate_id == issued["id"])) == 1


def test_a_revoked_certificate_is_not_re_evaluated(people, certificate, clock, runner):
    _, issued = certificate
    people["province"].post(f"/api/v1/certificates/{issued['id']}/revoke",
                            json={"decision": "9/QĐ-UBND", "decision_date": "2026-03-02", "reason": "Giải thể"})
    clock.set(datetime(2028, 12, 1, 8, 0, tzinfo=timezone.utc))
    assert "re-evaluations: 0 case(s) opened" in runner.invoke(args=["ocop", "timers"]).output
