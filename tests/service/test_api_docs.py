"""The OpenAPI document and the readable API page."""
from openapi_spec_validator import validate


def test_openapi_document_is_valid_and_lists_the_api(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    spec = response.get_json()
    validate(spec)
    assert spec["paths"]["/api/v1/auth/login"]["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/LoginInput"}
    assert spec["paths"]["/api/v1/me"]["get"]["summary"].startswith("The signed-in user")
    assert "MeOutput" in spec["components"]["schemas"]


def test_routes_without_yaml_are_listed_with_their_summary_and_path_parameters(make_app):
    app = make_app()

    @app.get("/api/v1/things/<int:thing_id>")
    def show_thing(thing_id):
        """One thing."""

    spec = app.test_client().get("/api/openapi.json").get_json()
    validate(spec)
    path = spec["paths"]["/api/v1/things/{thing_id}"]
    assert path["get"]["summary"] == "One thing."
    assert path["parameters"] == [{"in": "path", "name": "thing_id", "required": True, "schema": {"type": "integer"}}]


def test_docs_page_is_plain_html_without_scripts(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "/api/v1/auth/login" in page
    assert 'id="schema-LoginInput"' in page
    assert "<script" not in page
    assert "http://" not in page and "https://" not in page
