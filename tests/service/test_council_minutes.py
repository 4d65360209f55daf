"""A council's minutes: when its chair approves the round, the service writes them as a PDF in the case
file; the next level's reviewers find them on their task page; producers never get them."""
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.cycle import Cycle


@pytest.fixture
def district_approved(people, unit_id, once):
    """A case the district council scored and its chair approved, built once (`once`)."""
    def build():
        case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
        case.score("district", [71, 72, 74])
        case.complete("district-chair", "district_chair_decision",
                      {"decision": "approve", "reason": "Sản phẩm đạt yêu cầu, đề nghị tỉnh đánh giá"})
        return case.case

    return Cycle.resumed(people, once(build))


def pdf_text(response):
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.data)).pages)
    return " ".join(text.split())  # lines wrap where the page ends them


def test_the_chairs_approval_leaves_the_minutes_with_every_sheet_and_the_mean(district_approved, people):
    listed = people["district"].get(f"/api/v1/cases/{district_approved.id}/minutes")
    assert listed.status_code == 200 and [item["level"] for item in listed.json] == ["district"]
    assert listed.json[0]["council"] == "Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Tam Đường"
    text = pdf_text(people["district"].get(listed.json[0]["url"]))
    assert "BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP CẤP HUYỆN" in text
    assert "Chủ tịch Hội đồng huyện Tam Đường" in text and "Thành viên Hội đồng huyện Tam Đường 2" in text
    assert "Thư ký, không chấm điểm" in text  # district-council-3, the secretary
    for total in ("71", "72", "74"):
        assert total in text
    assert "72,333333" in text and "Điểm ghi nhận (lấy hai chữ số thập phân, không làm tròn lên): 72,33" in text
    assert "đạt 4 sao cấp huyện" in text
    assert "phê duyệt kết quả" in text and "Sản phẩm đạt yêu cầu, đề nghị tỉnh đánh giá" in text


def test_the_province_council_minutes_name_its_founding_decision(district_approved, people):
    district_approved.decide("province", "province_check_dossier", "complete")
    district_approved.evaluate("province", [80, 82, 84])
    listed = people["province"].get(f"/api/v1/cases/{district_approved.id}/minutes").json
    assert [item["level"] for item in listed] == ["district", "province"]
    text = pdf_text(people["province"].get(listed[1]["url"]))
    assert "Thành lập theo Quyết định số 365/QĐ-UBND ngày 08/04/2020" in text
    assert "Điểm ghi nhận (lấy hai chữ số thập phân, không làm tròn lên): 82,00" in text


def test_the_next_levels_reviewer_finds_the_minutes_on_the_task_page(district_approved, people):
    task = district_approved.task("province", "province_check_dossier")
    page = people["province"].get(f"/tasks/{task['id']}").get_data(as_text=True)
    minutes = people["province"].get(f"/api/v1/cases/{district_approved.id}/minutes").json[0]
    assert 'data-testid="council-minutes"' in page and minutes["url"] in page


def test_a_rescoring_leaves_no_minutes(people, unit_id):
    case = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    case.score("district", [71, 72, 74])
    case.decide("district-chair", "district_chair_decision", "rescore", "Chấm lại sau khi thảo luận")
    assert people["district"].get(f"/api/v1/cases/{case.id}/minutes").json == []


def test_producers_never_get_the_minutes(district_approved, people):
    producer = people["producer"]
    assert producer.get(f"/api/v1/cases/{district_approved.id}/minutes").json == []
    url = people["district"].get(f"/api/v1/cases/{district_approved.id}/minutes").json[0]["url"]
    assert producer.get(url).status_code == 404
    page = producer.get(f"/cases/{district_approved.id}").get_data(as_text=True)
    assert 'data-testid="council-minutes"' not in page and "Biên bản hội đồng" not in page
    assert district_approved.refresh("producer")["stars"] == 4
