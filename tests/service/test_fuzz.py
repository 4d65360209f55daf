"""A short fuzz of the API from its OpenAPI document, as an administrator: no request makes it fail.

The full run (every phase, three roles, thousands of requests) is `scripts/fuzz_api.py`; this one
draws a few dozen requests over every operation so that the suite catches a regression.
"""
import schemathesis
from hypothesis import HealthCheck, given, settings


def test_no_request_makes_the_api_fail(app, programme, auth):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    cookies = {"session": auth.login("admin").get_cookie("session").value}
    answered = []

    @given(case=schema.as_strategy())
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def no_server_error(case):
        response = case.call(cookies=cookies)
        answered.append(response.status_code)
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"

    no_server_error()
    assert len(answered) >= 60 and any(status < 300 for status in answered)
