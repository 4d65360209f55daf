"""Outside /api/ every error answers as a page of the site, in the visitor's language, with no internals;
a page whose action the engine could not carry out says what happened to the visitor's submission."""
import io
import logging
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from service.errors import Conflict, NotFound, Unprocessable
from tests.cycle import Cycle

from .support import csrf_token

pytestmark = pytest.mark.one_database

DIAGRAM = (Path(__file__).parents[2] / "bpmn" / "ocop-2019" / "ocop_cycle.bpmn").read_bytes()


def html_of(response):
    return response.get_data(as_text=True)


def deploy(admin, diagram):
    response = admin.post("/api/v1/process-models", content_type="multipart/form-data",
                          data={"files": [(io.BytesIO(diagram), "ocop_cycle.bpmn")]})
    assert response.status_code == 201, response.json


def assert_a_page(response, status):
    html = html_of(response)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert 'class="brand"' in html and 'data-status="%d"' % status in html  # the site's layout
    assert 'href="/"' in html  # a way back
    assert not html.lstrip().startswith("{") and '"error"' not in html
    return html


@pytest.fixture
def failing_app(make_app, demo):
    app = make_app()

    @app.get("/test/incident")
    def incident():
        raise Conflict("incident", "Quy trình dừng ở bước init_counters / The process stopped at init_counters",
                       details={"element": "init_counters", "message": "KeyError: 'missing'"})

    @app.get("/test/refused")
    def refused():
        raise Unprocessable("invalid_form", "Dữ liệu biểu mẫu không hợp lệ / The form data is invalid",
                            details={"product_name": ["Bắt buộc"]})

    @app.get("/test/missing")
    def missing():
        raise NotFound("case_not_found", "Không tìm thấy hồ sơ / Case not found")

    @app.get("/test/crash")
    def crash():
        raise RuntimeError("secret internals")

    @app.get("/test/lost-race")
    def lost_race():
        raise StaleDataError("UPDATE statement on table 'cases' expected to update 1 row(s); 0 were matched")

    @app.get("/test/database-down")
    def database_down():
        raise OperationalError("SELECT secret_column FROM cases", {}, Exception("connection refused"))

    @app.get("/api/v1/test/odd-details")
    def odd_details():
        raise Unprocessable("invalid_request", "Dữ liệu gửi lên không hợp lệ / The request is invalid",
                            details={None: ["no name"], "": ["empty"], 3: {"nested": {1.5, }}, "when": Path("/x")})

    return app


@pytest.mark.parametrize("path, status, vietnamese, english", [
    ("/test/incident", 409, "quản trị viên đã được báo", "an administrator has been told"),
    ("/test/refused", 422, "Dữ liệu biểu mẫu không hợp lệ", "The form data is invalid"),
    ("/test/missing", 404, "Không tìm thấy hồ sơ", "Case not found"),
    ("/test/crash", 500, "Lỗi hệ thống", "Internal error"),
    ("/test/lost-race", 409, "Người khác vừa thay đổi dữ liệu này", "Someone else changed these data"),
    ("/test/database-down", 503, "Cơ sở dữ liệu tạm thời không truy cập được", "The database is unavailable"),
    ("/no-such-page", 404, "Không tìm thấy trang", "Page not found"),
    ("/logout", 405, "Thao tác không được hỗ trợ", "Action not supported"),
])
def test_every_error_outside_the_api_is_a_page_in_the_visitors_language(failing_app, path, status, vietnamese,
                                                                        english):
    client = failing_app.test_client()

    page = assert_a_page(client.get(path), status)
    client.get("/?lang=en")
    english_page = assert_a_page(client.get(path), status)

    assert '<html lang="vi">' in page and vietnamese in page and english not in page
    assert '<html lang="en">' in english_page and english in english_page
    for internals in ("init_counters", "KeyError", "missing'", "secret", "Traceback", "cases"):
        assert internals not in page and internals not in english_page


def test_a_form_with_a_part_without_a_name_is_a_bad_request_page(failing_app):
    body = b'--B\r\nContent-Disposition: form-data; name="username"\r\n\r\nx\r\n' \
           b'--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--\r\n'

    response = failing_app.test_client().post("/login", data=body, content_type="multipart/form-data; boundary=B")

    assert "Yêu cầu không hợp lệ" in assert_a_page(response, 400)


def test_an_error_page_offers_the_page_the_visitor_came_from(failing_app):
    response = failing_app.test_client().get("/test/missing", headers={"Referer": "http://localhost/cases?page=2"})

    assert 'href="/cases?page=2"' in assert_a_page(response, 404)


def test_error_details_are_made_json_safe(failing_app):
    response = failing_app.test_client().get("/api/v1/test/odd-details")

    assert response.status_code == 422
    assert response.json["details"] == {"null": ["no name"], "": ["empty"], "3": {"nested": [1.5]}, "when": "/x"}


def test_when_the_error_page_itself_fails_a_fixed_page_with_the_status_answers(failing_app, monkeypatch, caplog):
    def broken_layout(*args, **kwargs):
        raise RuntimeError("the layout failed")

    monkeypatch.setattr("service.web.errors.render_template", broken_layout)
    with caplog.at_level(logging.ERROR):
        response = failing_app.test_client().get("/test/missing")

    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Không tìm thấy" in html_of(response) and "layout" not in html_of(response)
    assert "the layout failed" in caplog.text


def test_when_the_json_answer_fails_a_fixed_answer_with_the_status_answers(failing_app, monkeypatch, caplog):
    def broken_encoder(*args, **kwargs):
        raise TypeError("'<' not supported between instances of 'NoneType' and 'str'")

    monkeypatch.setattr("service.errors.jsonify", broken_encoder)
    with caplog.at_level(logging.ERROR):
        response = failing_app.test_client().get("/api/v1/test/odd-details")

    assert response.status_code == 422
    assert response.json == {"error": "invalid_request", "message": "Dữ liệu gửi lên không hợp lệ / The request is "
                                                                    "invalid", "details": None}
    assert "NoneType" in caplog.text


# --- pages whose action the engine could not carry out ------------------------------------------------

def test_an_idea_whose_first_step_fails_is_received_and_the_producer_is_told_so(people):
    marker = b"idea_returns = 0\n"
    deploy(people["admin"], DIAGRAM.replace(marker, b"idea_returns = idea['no_such_field']\n"))
    producer = people["producer"]

    response = producer.post("/cases/new", data={
        "product_name": "Mật ong bạc hà", "product_group": "thuc_pham", "product_subgroup": "thuc_pham_che_bien",
        "csrf_token": csrf_token(producer, "/cases/new")})

    assert response.status_code == 302 and response.location.startswith("/cases/")
    page = producer.get(response.location)
    html = html_of(page)
    assert page.status_code == 200 and "Mật ong bạc hà" in html
    assert "Đã nhận ý tưởng “Mật ong bạc hà”" in html and "bạn không cần gửi lại" in html
    for internals in ("KeyError", "no_such_field", "init_counters"):
        assert internals not in html
    [case] = producer.get("/api/v1/cases").json["items"]
    assert case["status"] == "incident"


def test_a_decision_the_engine_cannot_carry_out_is_recorded_and_the_reviewer_told_so(people, unit_id):
    deploy(people["admin"], DIAGRAM.replace(b'commune_check_idea["decision"] == "forward"',
                                            b'commune_check_idea["verdict"] == "forward"'))
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    task = case.task("commune", "commune_check_idea")
    commune, path = people["commune"], f"/tasks/{task['id']}"

    response = commune.post(path, data={"decision": "forward", "reason": "", "csrf_token": csrf_token(commune, path)})

    assert response.status_code == 302 and response.location == "/inbox"
    html = html_of(commune.get("/inbox"))
    assert f"cho hồ sơ {case.case['reference']}. Bước tiếp theo đang chờ quản trị viên" in html
    assert "verdict" not in html and "Quy trình dừng ở bước" not in html
    [incident] = people["admin"].get("/api/v1/incidents").json["items"]
    assert (incident["action"], incident["human_task_id"]) == ("complete", task["id"])
