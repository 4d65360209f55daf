"""The case file on the web pages: each task page starts with what it is about (the section at its
current version, what changed since the last review, the producer's answer, earlier decisions), a
resubmission comes filled in, the chair sees every member's sheet, and each version has its page."""
import io
import re

import pytest

from tests.cycle import BUSINESS_PLAN, DOSSIER, Cycle

pytestmark = pytest.mark.one_database


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


def test_the_producer_reads_which_council_scored_not_which_member(new_case, people):
    case = new_case().through_district_dossier()
    case.evaluate("district", [60, 62, 64])

    producer = page(people["producer"], f"/cases/{case.id}")
    official = page(people["district"], f"/cases/{case.id}")

    member = "Thành viên Hội đồng huyện Tam Đường 1"
    assert member not in producer and "Hội đồng" in block(producer, "timeline")
    assert member in official


def test_the_case_page_links_each_completed_task(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "forward")
    done = people["admin"].get(f"/api/v1/cases/{case.id}/history").json
    task_id = next(entry["details"]["task_id"] for entry in done if entry["action"] == "task.completed")

    html = page(people["district"], f"/cases/{case.id}")

    assert f'href="/tasks/{task_id}" data-testid="completed-task"' in html
    assert "Chuyển lên huyện" in page(people["district"], f"/tasks/{task_id}")



def test_the_dossier_check_starts_with_the_documents_and_what_is_missing(new_case, people):
    case = new_case()
    case.decide("commune", "commune_check_idea", "forward")
    case.decide("district", "district_review_idea", "accept")
    case.complete("producer", "submit_business_plan", BUSINESS_PLAN)
    case.decide("district", "district_review_plan", "approve")
    case.complete("producer", "submit_dossier", DOSSIER)
    items = people["producer"].get(f"/api/v1/cases/{case.id}/checklist").json["items"]
    required = next(item for item in items if item["required"])
    check = case.task("district", "district_check_dossier")
    before = block(page(people["district"], f"/tasks/{check['id']}"), "under-review")
    people["producer"].post(f"/api/v1/cases/{case.id}/attachments",
                            data={"item": required["code"], "file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "giay-to.pdf")})

    after = block(page(people["district"], f"/tasks/{check['id']}"), "under-review")

    assert 'data-testid="review-checklist"' in before and "thiếu" in before
    assert "giay-to.pdf" in after
    assert after.count("badge-missing") == before.count("badge-missing") - 1
