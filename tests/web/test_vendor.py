"""/vendor/ serves only the whitelisted files of node_modules, with a long cache."""
import json

import pytest

from service.web.vendor import is_whitelisted

pytestmark = pytest.mark.one_database


@pytest.mark.parametrize("filename", [
    "bpmn-js/dist/bpmn-viewer.production.min.js",
    "bpmn-js/dist/bpmn-modeler.production.min.js",
    "bpmn-js/dist/assets/diagram-js.css",
    "bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css",
    "bpmn-js/dist/assets/bpmn-font/font/bpmn.woff2",
    "chart.js/dist/chart.umd.min.js",
    "@picocss/pico/css/pico.min.css",
    "dmn-js/dist/dmn-modeler.production.min.js",
    "dmn-js/dist/assets/dmn-js-decision-table.css",
    "dmn-js/dist/assets/dmn-font/font/dmn.woff2",
])
def test_the_libraries_files_are_whitelisted(filename):
    assert is_whitelisted(filename)


@pytest.mark.parametrize("filename", [
    "bpmn-js/package.json",
    "bpmn-js/dist/assets/bpmn-font/font/../../../package.json",
    "bpmn-js/dist/assets/bpmn-font/font/.hidden",
    "bpmn-js/dist/assets/bpmn-font/css/sub/x.css",
    "chart.js/dist/chart.js",
    "@picocss/pico/css/pico.css",
    "@picocss/pico",
    "left-pad/index.js",
    "",
])
def test_nothing_else_is(filename):
    assert not is_whitelisted(filename)


@pytest.fixture
def node_modules(tmp_path):
    folder = tmp_path / "node_modules"
    (folder / "chart.js" / "dist").mkdir(parents=True)
    (folder / "chart.js" / "package.json").write_text(json.dumps({"name": "chart.js", "version": "9.9.9"}))
    (folder / "chart.js" / "dist" / "chart.umd.min.js").write_text("window.Chart = {};")
    return folder


def test_a_whitelisted_file_is_served_for_a_year(make_app, node_modules):
    client = make_app(OCOP_NODE_MODULES=str(node_modules)).test_client()

    response = client.get("/vendor/chart.js/dist/chart.umd.min.js")

    assert response.status_code == 200
    assert response.get_data(as_text=True) == "window.Chart = {};"
    assert response.cache_control.max_age == 365 * 24 * 3600
    assert response.cache_control.public and response.cache_control.immutable


def test_other_files_are_not_found(make_app, node_modules):
    client = make_app(OCOP_NODE_MODULES=str(node_modules)).test_client()

    assert client.get("/vendor/chart.js/package.json").status_code == 404
    assert client.get("/vendor/bpmn-js/dist/bpmn-viewer.production.min.js").status_code == 404


def test_addresses_carry_the_installed_version(make_app, node_modules):
    from service.web.vendor import vendor_url

    app = make_app(OCOP_NODE_MODULES=str(node_modules))
    with app.test_request_context():
        assert vendor_url("chart.js/dist/chart.umd.min.js") == "/vendor/chart.js/dist/chart.umd.min.js?v=9.9.9"
