"""The case file on the web pages: each task page starts with what it is about (the section at its
current version, what changed since the last review, the producer's answer, earlier decisions), a
resubmission comes filled in, the chair sees every member's sheet, and each version has its page."""
import re

import pytest

from tests.cycle import BUSINESS_PLAN, DOSSIER, Cycle


@pytest.fixture
def new_case(people, unit_id):
    return lambda: Cycle(people, unit_id("Tam Đường/Bình Lư"))


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def block(html, testid):
    """The HTML of the first element marked data-testid=`testid` (up to its section's end)."""
    start = html.index(f'data-testid="{testid}"')
    return html[start:html.index("</section>", start)]


def test_the_reviewer_sees_the_revision_and_the_producers_answer(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "return", "Tên sản phẩm cần ghi rõ loại")
    revise = case.task("producer", "revise_idea_commune")
    form = page(people["producer"], f"/tasks/{revise['id']}")
    case.complete("producer", "revise_idea_commune", {
        "product_name": "Miến dong Bình Lư loại 1", "response": "Đã ghi rõ loại 1"})
    check = case.task("commune", "commune_check_idea")

    html = page(people["commune"], f"/tasks/{check['id']}")

    assert 'value="Miến dong Bình Lư"' in form  # the revision form is filled with the last answers
    assert "Tên sản phẩm cần ghi rõ loại" in form
    about = block(html, "under-review")
    assert "Phiên bản 2" in about
    changes = re.findall(r'data-testid="change"><td>(.*?)</td><td><del>(.*?)</del></td><td><ins>(.*?)</ins>', about)
    assert [(before, after) for _title, before, after in changes] == [("Miến dong Bình Lư", "Miến dong Bình Lư loại 1")]
    assert "Đã ghi rõ loại 1" in about
    assert "Tên sản phẩm cần ghi rõ loại" in about  # the earlier decision and its reason
    assert about.index('data-testid="under-review"') < html.index('class="task-form')


def test_the_district_officer_reads_the_business_plan_before_deciding(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    case.complete("producer", "submit_business_plan", BUSINESS_PLAN)
    review = case.task("district", "district_review_plan")

    about = block(page(people["district"], f"/tasks/{review['id']}"), "under-review")

    assert "Phương án kinh doanh" in about
    assert "Mở rộng sản xuất miến dong" in about and "20 tấn/năm" in about
    assert "500.000.000" in about  # the investment in Vietnamese form
    assert 'data-testid="section-idea"' in about  # the rest of the file, folded


def test_the_chair_sees_each_members_sheet_the_mean_and_the_spread(new_case, people):
    case = new_case().through_district_dossier()
    case.score("district", [58, 64, 67])
    decision = case.task("district-chair", "district_chair_decision")

    html = page(people["district-chair"], f"/tasks/{decision['id']}")

    sheets = block(html, "council-round")
    assert len(re.findall('data-testid="member-sheet"', sheets)) == 3
    assert re.search(r'data-testid="round-mean"><strong>63,0<', sheets)
    assert re.search(r'data-testid="round-spread">9,0<', sheets)
    assert 'data-testid="spread-warning"' not in sheets  # a wider round never reaches the chair
    assert "Hồ sơ sản phẩm" in block(html, "under-review")  # the dossier the council judged


def test_each_version_has_its_page_with_what_changed(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "return", "Bổ sung mô tả")
    case.complete("producer", "revise_idea_commune", {"product_name": "Miến dong Bình Lư",
                                                      "description": "Sợi nhỏ, dai", "response": "Đã bổ sung"})

    case_page = page(people["producer"], f"/cases/{case.id}")
    second = page(people["producer"], f"/cases/{case.id}/file/idea/2")
    first = page(people["producer"], f"/cases/{case.id}/file/idea/1")

    assert f'href="/cases/{case.id}/file/idea/1"' in case_page
    assert "Sợi nhỏ, dai" in second and "Đã bổ sung" in second and 'data-testid="change"' in second
    assert "Bổ sung mô tả" in first  # the review that judged version 1
    assert people["producer"].get(f"/cases/{case.id}/file/idea/3").status_code == 404
    assert people["producer-2"].get(f"/cases/{case.id}/file/idea/1").status_code == 404
