"""A producer's tasks are the entity's: in its inbox as its own, done without a claim, told in its words;
and commune officers hear of registrations, with a badge on the menu."""
import re

import pytest
from sqlalchemy import select

from service.auth.models import User
from service.demo.seed import find_user
from service.extensions import db
from service.notifications.models import Notification
from tests.cycle import BUSINESS_PLAN, Cycle

from .support import csrf_token

pytestmark = pytest.mark.one_database

BINH_LU = "Tam Đường/Bình Lư"


def html_of(response):
    return response.get_data(as_text=True)


def post(client, path, data, token_from):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, token_from)})


def notices(app, username, kind):
    with app.app_context():
        return list(db.session.scalars(select(Notification).where(
            Notification.user_id == find_user(username).id, Notification.kind == kind).order_by(Notification.id)))


@pytest.fixture
def plan_due(people, unit_id, once):
    """A case accepted by the district: the producer is to submit the business plan. Built once
    (`once`)."""
    def build():
        case = Cycle(people, unit_id(BINH_LU))
        case.decide("commune", "commune_check_idea", "forward")
        case.decide("district", "district_review_idea", "accept")
        return case.case

    return Cycle.resumed(people, once(build))


def test_the_plan_is_the_producers_own_task_without_a_claim(plan_due, people):
    producer = people["producer"]
    inbox = html_of(producer.get("/inbox"))
    task = plan_due.task("producer", "submit_business_plan")

    assert f'data-task-id="{task["id"]}"' in inbox and 'data-testid="entity-task"' in inbox
    assert "Việc của bạn" in inbox and "/claim" not in inbox
    assert re.findall(r'data-count="([a-z-]+)">(\d+)<', inbox)[:2] == [("mine", "1"), ("claimable", "0")]
    path = f"/tasks/{task['id']}"
    page = html_of(producer.get(path))
    assert "Việc của bạn" in page and "Nhận việc" not in page and "/claim" not in page
    assert 'name="summary"' in page

    response = post(producer, path, {**BUSINESS_PLAN, "investment_vnd": "500000000"}, path)

    assert response.status_code == 302 and response.location == "/inbox"
    assert plan_due.refresh()["current_step"] == "district_review_plan"


def test_claiming_a_producers_task_answers_that_no_claim_is_needed(plan_due, people):
    task = plan_due.task("producer", "submit_business_plan")

    response = people["producer"].post(f"/api/v1/tasks/{task['id']}/claim")

    assert response.status_code == 409 and response.json["error"] == "claim_not_needed"
    assert " / " in response.json["message"]
    assert people["producer"].get(f"/api/v1/tasks/{task['id']}").json["claimed_by"] is None
    assert people["commune"].post(f"/api/v1/tasks/{task['id']}/claim").status_code == 403


def test_officials_see_the_producers_task_as_the_entitys(plan_due, people):
    task = plan_due.task("producer", "submit_business_plan")
    page = html_of(people["district"].get(f"/tasks/{task['id']}"))

    assert "Việc của chủ thể HTX Nông nghiệp và Dịch vụ Bình Lư." in page and "Nhận việc" not in page


def test_the_producer_is_told_in_its_own_words(app, plan_due, people):
    [notice] = notices(app, "producer", "producer_task")
    assert notice.params["form"] == "Phương án kinh doanh / Business plan"
    assert notices(app, "producer", "task_claimable") == []

    page = html_of(people["producer"].get("/notifications"))
    assert f"Hồ sơ {plan_due.case['reference']} (Miến dong Bình Lư) cần bạn nộp «Phương án kinh doanh»." in page
    english = html_of(people["producer"].get("/notifications?lang=en"))
    assert f"Case {plan_due.case['reference']} (Miến dong Bình Lư) needs your “Business plan”." in english


def test_a_return_tells_the_producer_what_to_send_again(app, people, unit_id):
    case = Cycle(people, unit_id(BINH_LU))
    case.decide("commune", "commune_check_idea", "return", "Bổ sung mô tả")

    page = html_of(people["producer"].get("/notifications"))
    assert (f"Hồ sơ {case.case['reference']} (Miến dong Bình Lư) được trả lại cho bạn: «Sửa ý tưởng sản phẩm». "
            "Lý do: Bổ sung mô tả") in page


# --- registrations -------------------------------------------------------------------------------------

def registration(commune_id, username):
    return {"entity_name": f"HTX {username}", "entity_type": "cooperative", "commune_id": str(commune_id),
            "username": username, "full_name": "Lò Văn Bình", "email": f"{username}@example.vn",
            "password": "che-son-binh", "password_again": "che-son-binh"}


def badge(html):
    """The count beside the menu's "registrations" entry, 0 when there is none."""
    match = re.search(r'href="/registrations"[^>]*>[^<]*<mark class="nav-count" data-testid="nav-count">(\d+)<', html)
    return int(match.group(1)) if match else 0


def test_a_registration_tells_the_commune_officer_and_counts_on_the_menu(app, client, people, unit_id):
    commune = people["commune"]
    assert badge(html_of(commune.get("/inbox"))) == 0
    post(client, "/register", registration(unit_id(BINH_LU), "htx-son-binh"), "/register")
    post(client, "/register", registration(unit_id(BINH_LU), "htx-ban-hon"), "/register")
    post(client, "/register", registration(unit_id("Than Uyên/Mường Mít"), "htx-muong-mit"), "/register")

    [first, second] = notices(app, "commune", "registration")
    assert first.params["entity"] == "HTX htx-son-binh" and first.case_id is None
    assert notices(app, "district", "registration") == []
    assert badge(html_of(commune.get("/inbox"))) == 2
    page = html_of(commune.get("/notifications"))
    assert "Đăng ký mới chờ duyệt" in page
    assert "HTX htx-son-binh (xã Bình Lư) đăng ký tài khoản htx-son-binh (Lò Văn Bình) và chờ bạn duyệt." in page
    response = commune.post(f"/notifications/{first.id}/open", data={"csrf_token": csrf_token(commune, "/notifications")})
    assert response.location == "/registrations"

    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == "htx-son-binh"))
    post(commune, f"/registrations/{user_id}/approve", {}, "/registrations")

    assert badge(html_of(commune.get("/inbox"))) == 1
    assert badge(html_of(people["producer"].get("/inbox"))) == 0
