"""Every /api/ error is JSON with a code, a message and details."""
import logging

import pytest

from service.errors import Conflict


def test_unknown_api_path_is_404_json(client):
    response = client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response.get_json() == {"error": "not_found", "message": "Không tìm thấy / Not found", "details": None}


def test_wrong_method_is_405_json(client):
    response = client.get("/api/v1/auth/login")

    assert response.status_code == 405
    assert response.get_json()["error"] == "method_not_allowed"
    assert "POST" in response.headers["Allow"]


def test_unreadable_json_is_400(client):
    response = client.post("/api/v1/auth/login", data="{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_json"


def test_a_body_that_is_not_json_is_415(client):
    response = client.post("/api/v1/auth/login", data="username=a", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 415
    assert response.get_json()["error"] == "unsupported_media_type"


def test_a_too_large_body_is_413(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 100)

    response = client.post("/api/v1/auth/login", json={"username": "x" * 200, "password": "demo"})

    assert response.status_code == 413
    assert response.get_json()["error"] == "too_large"


@pytest.fixture
def failing_app(make_app):
    app = make_app()

    @app.get("/api/v1/test/conflict")
    def conflict():
        raise Conflict("task_claimed", "Nhiệm vụ đã được nhận / The task is claimed", details={"by": "district"})

    @app.get("/api/v1/test/crash")
    def crash():
        raise RuntimeError("secret internals")

    return app


def test_service_errors_carry_their_status_code_and_details(failing_app):
    response = failing_app.test_client().get("/api/v1/test/conflict")

    assert response.status_code == 409
    assert response.get_json() == {"error": "task_claimed", "message": "Nhiệm vụ đã được nhận / The task is claimed",
                                   "details": {"by": "district"}}


def test_unexpected_errors_are_logged_and_answer_500_without_internals(failing_app, caplog):
    with caplog.at_level(logging.ERROR):
        response = failing_app.test_client().get("/api/v1/test/crash")

    assert response.status_code == 500
    assert response.get_json()["error"] == "internal_error"
    assert "secret" not in response.get_data(as_text=True)
    assert "secret internals" in caplog.text


def test_pages_outside_the_api_keep_html_errors(client):
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_ids_and_numbers_beyond_a_database_column_are_refused_not_crashed(app, demo, auth):
    district = auth.as_user("district")
    huge = 2**80
    assert district.get(f"/api/v1/cases/{huge}").status_code == 404
    assert district.post(f"/api/v1/tasks/{huge}/claim").status_code == 404
    response = district.get("/api/v1/cases", query_string={"page": huge})
    assert response.status_code == 422 and response.json["error"] == "out_of_range"
    response = district.get("/api/v1/cases", query_string={"district_id": huge})
    assert response.status_code == 422
