"""The OCOP offices' training page: who is still untrained within their jurisdiction, a session recorded with
the people ticked, who then leave the list; nobody else opens it."""
import re

import pytest

from tests.cycle import Cycle
from tests.web.support import csrf_token

pytestmark = pytest.mark.one_database


def untrained(page):
    return set(re.findall(r'data-untrained="([a-z]+:\d+)"', page))


def test_the_district_office_records_a_session_from_the_untrained_list(people, unit_id):
    Cycle(people, unit_id("Tam Đường/Bình Lư"))
    district = people["district"]
    page = district.get("/training").get_data(as_text=True)
    assert "Cán bộ OCOP xã Bình Lư" in page and "HTX Nông nghiệp và Dịch vụ Bình Lư" in page
    assert "· Lãnh đạo chủ thể sản xuất · Bình Lư · Tam Đường</small>" in page
    assert "Phòng NN&amp;PTNT huyện Than Uyên" not in page and "Sở NN&amp;PTNT tỉnh Lai Châu" not in page
    ticked = sorted(untrained(page))[:2]
    form = {"csrf_token": csrf_token(district, "/training"), "held_on": "2020-05-12", "level": "district",
            "topic": "Quy trình đánh giá OCOP", "trainer": "Sở NN&PTNT", "unit_id": str(unit_id("Tam Đường")),
            "attendee": ticked}
    refused = district.post("/training", data={**form, "held_on": "12/05/2020"})
    assert refused.status_code == 422
    assert sorted(re.findall(r'value="([a-z]+:\d+)" checked', refused.get_data(as_text=True))) == ticked
    response = district.post("/training", data=form)
    assert response.status_code == 302
    page = district.get("/training").get_data(as_text=True)
    assert untrained(page).isdisjoint(ticked) and "Quy trình đánh giá OCOP" in page
    assert "2 người dự" in page
    assert district.post("/training", data={**form, "unit_id": str(unit_id("Than Uyên"))}).status_code == 403
    for outsider in ("producer", "commune", "district-chair"):
        assert people[outsider].get("/training").status_code == 403
    assert "Phòng NN&amp;PTNT huyện Than Uyên" in people["province"].get("/training").get_data(as_text=True)


def test_an_administrator_chooses_the_province_first_among_several(people, unit_id, second_province):
    """Every province's training is an administrator's: in a directory of several provinces the page asks for the
    province first and shows that province's untrained people and sessions; an office keeps its own province."""
    admin, điện_biên = people["admin"], second_province["province_id"]
    form = {"held_on": "2020-05-12", "level": "province", "topic": "Quy trình đánh giá OCOP", "trainer": "Sở NN&PTNT",
            "unit_id": str(unit_id("Lai Châu"))}
    lai_châu = f"/training?province_id={unit_id('Lai Châu')}"
    assert admin.post(lai_châu, data={**form, "csrf_token": csrf_token(admin, lai_châu)}).headers["Location"] == \
        lai_châu

    first = admin.get("/training").get_data(as_text=True)
    chosen = admin.get(f"/training?province_id={điện_biên}").get_data(as_text=True)
    unknown = admin.get("/training?province_id=999999")

    assert 'data-testid="province-step"' in first and "<h1>Tập huấn</h1>" in first
    assert "Tập huấn · Điện Biên" in chosen and "Quy trình đánh giá OCOP" not in chosen
    assert "Cán bộ OCOP xã Bình Lư" not in chosen
    assert "Quy trình đánh giá OCOP" in admin.get(lai_châu).get_data(as_text=True)
    assert unknown.status_code == 404 and 'data-testid="province-step"' in unknown.get_data(as_text=True)
    province = people["province"].get("/training").get_data(as_text=True)
    assert "Tập huấn · Lai Châu" in province and 'data-testid="province-step"' not in province
    assert "Quy trình đánh giá OCOP" in province


def test_the_sessions_come_a_page_at_a_time_newest_first(people, unit_id, monkeypatch):
    monkeypatch.setattr("service.training.pages.SESSIONS_PER_PAGE", 2)
    district = people["district"]
    for day in (10, 11, 12):
        assert district.post("/api/v1/training-sessions", json={
            "held_on": f"2020-05-{day}", "level": "district", "topic": f"Lớp ngày {day}", "trainer": "Sở NN&PTNT",
            "unit_id": unit_id("Tam Đường"), "attendees": []}).status_code == 201

    first = district.get("/training").get_data(as_text=True)
    assert re.findall(r"<strong>(Lớp ngày \d+)</strong>", first) == ["Lớp ngày 12", "Lớp ngày 11"]
    assert "Trang 1 / 2 · 3 lớp" in first and 'href="/training?page=2" rel="next"' in first
    second = district.get("/training?page=2").get_data(as_text=True)
    assert re.findall(r"<strong>(Lớp ngày \d+)</strong>", second) == ["Lớp ngày 10"] and 'rel="prev"' in second
    assert "Cán bộ OCOP xã Bình Lư" in second  # the untrained list and the form stay on every page
    assert district.get("/training?page=3").status_code == 404
