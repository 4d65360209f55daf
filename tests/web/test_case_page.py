"""The case page as its readers see it: the summary in words, the programme's stages, the diagram's
controls, and the timeline grouped by stage with the process's own actions credited to the process."""
import html as markup
import io
import re
from pathlib import Path

import pytest

from tests.cycle import Cycle

from .support import csrf_token

pytestmark = pytest.mark.one_database

DIAGRAM = (Path(__file__).parents[2] / "bpmn" / "ocop-2019" / "ocop_cycle.bpmn").read_bytes()
PROCESS = "Hệ thống / quy trình"


@pytest.fixture
def case_of(people, unit_id):
    return lambda **idea: Cycle(people, unit_id("Tam Đường/Bình Lư"), **idea)


def text(fragment):
    return re.sub(r"\s+", " ", markup.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def page_of(people, case, username="producer", lang="vi"):
    response = people[username].get(f"/cases/{case.id}?lang={lang}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def summary(page):
    return text(re.search(r'data-testid="case-summary">(.*?)</p>', page, re.S).group(1))


def tracker(page):
    """{stage: state} of the step tracker."""
    return dict(re.findall(r'data-stage="(\w+)" data-state="(\w+)"', page))


def timeline(page):
    """[(stage, open, [(who, what)])] of the timeline's groups."""
    groups = []
    for stage, is_open, body in re.findall(
            r'<details class="timeline-stage" data-stage="(\w+)"( open)?>(.*?)</details>', page, re.S):
        entries = [(text(who), text(what)) for who, what in re.findall(
            r'<span class="who[^"]*">(.*?)</span>\s*<span class="what">(.*?)</span>', body, re.S)]
        groups.append((stage, bool(is_open), entries))
    return groups


def test_a_case_at_the_council_says_whom_it_waits_for_and_where_it_is_among_the_stages(people, case_of):
    case = case_of().through_district_dossier()

    page = page_of(people, case)

    assert summary(page) == "Đang chờ Hội đồng cấp huyện chấm điểm"
    facts = text(page[page.index('data-testid="current-step"'):page.index('class="stage-tracker"')])
    assert "Hội đồng cấp huyện chấm điểm" in facts
    assert "Thành viên Hội đồng đánh giá cấp huyện" in facts  # a producer sees the council, not its members
    assert "Thành viên Hội đồng huyện" not in facts
    assert re.search(r'data-testid="due">\d\d/\d\d/\d{4}', page)
    assert tracker(page) == {"idea": "done", "plan": "done", "dossier": "done", "district": "current",
                             "province": "todo", "national": "todo", "result": "todo"}
    assert 'aria-current="step"' in page
    assert summary(page_of(people, case, lang="en")) == "Waiting for: District council scores"
    assert case.refresh("producer")["summary"] == ("Đang chờ Hội đồng cấp huyện chấm điểm / "
                                                   "Waiting for: District council scores")


def test_two_stars_at_the_district_is_the_end_and_the_later_stages_are_skipped(people, case_of):
    case = case_of().through_district_dossier().evaluate("district", [40, 42, 45])

    page = page_of(people, case)

    assert summary(page) == "Đạt 2 sao cấp huyện; sản phẩm không đi tiếp lên tỉnh"
    assert tracker(page) == {"idea": "done", "plan": "done", "dossier": "done", "district": "done",
                             "province": "skipped", "national": "skipped", "result": "done"}
    assert "Hoàn thành:" not in page
    assert text(re.search(r'data-testid="case-outcome">(.*?)</dd>', page, re.S).group(1)) == summary(page)


def test_four_stars_at_the_province_names_the_certificate(people, case_of):
    case = case_of().through_district_dossier().evaluate("district", [72, 76, 74])
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", [80, 81, 82])
    waiting = page_of(people, case)
    assert summary(waiting) == "Đạt 4 sao cấp tỉnh; chờ quyết định công nhận"
    assert "Chờ quyết định công nhận" in text(waiting)
    decision = case.recognise()
    [certificate] = case.refresh("producer")["certificates"]
    valid_until = "/".join(reversed(certificate["valid_until"].split("-")))

    page = page_of(people, case)

    assert summary(page) == (f"Đạt 4 sao cấp tỉnh; đã cấp giấy chứng nhận số {certificate['number']}, "
                             f"hiệu lực đến {valid_until}")
    assert f"Số {certificate['number']}, 4 sao, hiệu lực đến {valid_until}" in text(page)
    assert f"Quyết định số {decision['number']} ngày 02/03/2026" in text(page)
    assert tracker(page)["province"] == "done" and tracker(page)["national"] == "skipped"
    [*_, (stage, is_open, entries)] = timeline(page)
    assert (stage, is_open) == ("result", True)
    assert entries == [(PROCESS, "Quy trình kết thúc"), (PROCESS, "Cấp giấy chứng nhận")], "issued at the decision"


def test_a_rejection_says_where_and_why(people, case_of):
    case = case_of()
    case.decide("commune", "commune_check_idea", "reject", "Chưa có vùng nguyên liệu ổn định")

    page = page_of(people, case)

    assert summary(page) == "Bị từ chối ở cấp xã: Chưa có vùng nguyên liệu ổn định"
    assert summary(page_of(people, case, lang="en")) == "Rejected at commune level: Chưa có vùng nguyên liệu ổn định"
    assert list(tracker(page).values()) == ["done", "skipped", "skipped", "skipped", "skipped", "skipped", "done"]


def test_a_case_stopped_by_an_incident_says_it_waits_for_an_administrator(people, case_of):
    broken = DIAGRAM.replace(b'commune_check_idea["decision"] == "forward"', b'commune_check_idea["verdict"] == "x"')
    assert people["admin"].post("/api/v1/process-models", content_type="multipart/form-data", data={
        "files": [(io.BytesIO(broken), "ocop_cycle.bpmn")]}).status_code == 201
    case = case_of()
    task = case.task("commune", "commune_check_idea")
    assert people["commune"].post(f"/api/v1/tasks/{task['id']}/complete",
                                  json={"data": {"decision": "forward"}}).status_code == 409

    page = page_of(people, case, "admin")

    assert summary(page) == "Tạm dừng: chờ quản trị viên xử lý sự cố"
    assert tracker(page)["idea"] == "current"


def test_the_timeline_is_grouped_by_stage_in_words_and_credits_the_process_with_its_own_actions(people, case_of):
    case = case_of()
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "return", "Bổ sung mô tả vùng nguyên liệu")

    groups = timeline(page_of(people, case))

    assert [(stage, is_open) for stage, is_open, _ in groups] == [("idea", True)]
    entries = groups[0][2]
    assert entries[0] == ("Nguyễn Văn Lư (HTX Bình Lư)", "Gửi ý tưởng sản phẩm")
    assert ("Cán bộ OCOP xã Bình Lư", "Xã kiểm tra ý tưởng → Chuyển lên huyện") in entries
    assert (PROCESS, "Giao nhiệm vụ: Huyện xét duyệt ý tưởng → Cơ quan thường trực OCOP huyện") in entries
    assert ("Phòng NN&PTNT huyện Tam Đường", "Huyện xét duyệt ý tưởng → Trả lại để chủ thể sửa") in entries
    assert (PROCESS, "Giao nhiệm vụ: Chủ thể sửa ý tưởng (huyện) → Chủ thể sản xuất") in entries
    assert not any(what.startswith("Giao nhiệm vụ") and who != PROCESS for who, what in entries)

    case.complete("producer", "revise_idea_district", {"product_name": "Miến dong Bình Lư", "response": "Đã bổ sung"})
    case.decide("district", "district_review_idea", "accept")
    case.complete("producer", "submit_business_plan", {"summary": "Kế hoạch"})
    groups = timeline(page_of(people, case, "district"))
    assert [(stage, is_open) for stage, is_open, _ in groups] == [("idea", False), ("plan", True)]
    assert groups[1][2] == [(PROCESS, "Giao nhiệm vụ: Chủ thể nộp phương án kinh doanh → Chủ thể sản xuất"),
                            ("Nguyễn Văn Lư (HTX Bình Lư)", "Chủ thể nộp phương án kinh doanh"),
                            (PROCESS, "Giao nhiệm vụ: Huyện xét duyệt phương án kinh doanh → Cơ quan thường trực OCOP huyện")]


def test_the_diagram_has_zoom_fit_and_full_screen_controls(people, case_of):
    page = page_of(people, case_of())

    frame = page[page.index('id="diagram-frame"'):page.index('id="case-diagram"')]
    for control in ('data-zoom="in"', 'data-zoom="out"', 'data-zoom="fit"', 'data-zoom="current"', "data-fullscreen"):
        assert control in frame
    assert "Toàn màn hình" in frame and re.search(r'<link rel="stylesheet" href="[^"]*/case\.css', page)
    assert "<script>" not in page and "style=" not in page


def test_a_step_the_stage_table_does_not_know_takes_the_stage_of_its_lane(people, case_of):
    renamed = DIAGRAM.replace(b"province_check_dossier", b"province_reviews_dossier")
    assert people["admin"].post("/api/v1/process-models", content_type="multipart/form-data", data={
        "files": [(io.BytesIO(renamed), "ocop_cycle.bpmn")]}).status_code == 201
    case = case_of().through_district_dossier().evaluate("district", [72, 76, 74])

    page = page_of(people, case)

    assert case.refresh()["current_step"] == "province_reviews_dossier"
    assert tracker(page)["district"] == "done" and tracker(page)["province"] == "current"
    assert summary(page) == "Được huyện đề nghị lên tỉnh; đang chờ Tỉnh kiểm tra hồ sơ"


def test_the_district_office_selects_the_product_as_a_leading_product_on_the_case_page(people, case_of):
    case = case_of()
    page = page_of(people, case, "district")
    assert 'data-leading="district"' in page and "Chọn là sản phẩm chủ lực của huyện năm 2026" in page
    assert 'data-leading=' not in page_of(people, case, "producer")

    response = people["district"].post(f"/cases/{case.id}/leading", data={
        "csrf_token": csrf_token(people["district"], f"/cases/{case.id}"), "level": "district", "year": "2026",
        "leading": "true"})

    assert response.status_code == 302
    page = page_of(people, case, "district")
    assert "Bỏ chọn sản phẩm chủ lực của huyện năm 2026" in page
    assert "của huyện, năm 2026" in text(re.search(r'data-testid="leading">(.*?)</dd>', page, re.S).group(1))
    assert "của huyện, năm 2026" in page_of(people, case, "producer")
    refused = people["producer"].post(f"/cases/{case.id}/leading", data={
        "csrf_token": csrf_token(people["producer"], f"/cases/{case.id}"), "leading": "false"})
    assert refused.status_code == 403
