"""An administrator edits the process diagram in the bpmn-js modeler and saves it as a new version.

These tests change the deployed versions, so they run on a server of their own, not on the
session's shared `live_server`.
"""
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from service.cases.models import Case
from service.demo.data import DEMO_PASSWORD
from service.demo.seed import find_unit
from service.extensions import db
from service.process_models.models import ProcessModel
from service.process_models.operations import check_files, upload_files

from ..cycle import Cycle
from .harness import LiveServer, demo_app, sign_in

FIELD_CHECK = "Xã xác minh thực địa / Commune field check"
SAVE_XML = "async () => (await window.ocopModeler.saveXML({format: true})).xml"

# Inserts a user task `commune_field_check` in the commune officer's lane on the commune's forward
# path, between the gateway commune_decision and district_review_idea; selects it for the panel.
INSERT_FIELD_CHECK = """(name) => {
  const modeler = window.ocopModeler;
  const registry = modeler.get("elementRegistry");
  const modeling = modeler.get("modeling");
  const forward = registry.get("flow_commune_decision_to_district_review_idea");
  const task = modeling.createShape({type: "bpmn:UserTask"}, {x: 1150, y: 385},
                                    registry.get("ocop_cycle_2019_participant"));
  modeling.updateProperties(task, {id: "commune_field_check"});
  modeling.updateLabel(task, name);
  modeling.reconnectEnd(forward, task, {x: task.x, y: task.y + task.height / 2});
  modeling.connect(task, registry.get("district_review_idea"));
  modeler.get("selection").select(task);
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = demo_app(tmp_path_factory.mktemp("modeler"))
    served = LiveServer(app)
    served.app = app
    yield served
    served.stop()


@pytest.fixture
def modeler(browser, server):
    """The admin's page on the modeler of version 1, once the diagram is loaded."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    page = sign_in(context.new_page(), "admin")
    page.goto(f"/admin/process-models/{version_id(server.app, 1)}/edit")
    expect(page.locator("#modeler-app")).to_have_attribute("data-ready", "true")
    yield page
    context.close()


def version_id(app, version):
    with app.app_context():
        return db.session.scalar(select(ProcessModel.id).filter_by(key="ocop_cycle", version=version))


def api_users(app, *usernames):
    clients = {}
    for username in usernames:
        clients[username] = app.test_client()
        response = clients[username].post("/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 200
    return clients


def test_an_unchanged_diagram_saved_by_the_modeler_keeps_what_the_service_reads(server, modeler):
    xml = modeler.evaluate(SAVE_XML)

    for kept in ("<bpmn:loopDataInputRef>district_to_score</bpmn:loopDataInputRef>",
                 "<bpmn:loopDataOutputRef>national_scores</bpmn:loopDataOutputRef>",
                 '<bpmn:inputDataItem id="province_council_member" name="council_member" />',
                 "<spiffworkflow:preScript>council_member = district_council_member</spiffworkflow:preScript>",
                 "<spiffworkflow:postScript>national_council_score = dict(council_score, member=council_member)</spiffworkflow:postScript>",
                 'spiffworkflow:scriptsOnInstances="true"',
                 "<spiffworkflow:calledDecisionId>star_rating</spiffworkflow:calledDecisionId>",
                 '<spiffworkflow:property name="formJsonSchemaFilename" value="council_score.schema.json" />'):
        assert kept in xml
    with server.app.app_context():
        bundle, problems = check_files(upload_files({"ocop_cycle.bpmn": xml.encode()}))
    assert problems == []


def test_an_invalid_diagram_is_refused_with_its_problems_on_the_diagram(server, modeler):
    modeler.evaluate("""() => {
      const modeler = window.ocopModeler;
      modeler.get("modeling").updateLabel(modeler.get("elementRegistry").get("lane_district_chair"), "chu_tich_huyen");
    }""")

    modeler.click("#save-version")

    expect(modeler.locator("#save-message")).to_contain_text("Phiên bản không hợp lệ")
    problem = modeler.locator("#problem-list li[data-element=lane_district_chair]")
    expect(problem).to_contain_text("làn 'chu_tich_huyen' không phải một vai trò đã có")  # the page's language
    expect(problem).not_to_contain_text("is not a known role")
    expect(modeler.locator('[data-element-id="lane_district_chair"].has-problem')).to_have_count(1)
    expect(modeler.locator(".problem-badge")).not_to_have_count(0)
    assert version_id(server.app, 2) is None


def test_a_task_added_in_the_modeler_is_followed_by_new_cases_only(server, modeler):
    app = server.app
    users = api_users(app, "producer", "commune", "district")
    with app.app_context():
        commune_id = find_unit("Tam Đường/Bình Lư").id
    started_before = Cycle(users, commune_id)

    modeler.evaluate(INSERT_FIELD_CHECK, FIELD_CHECK)
    expect(modeler.locator("#property-id")).to_have_text("commune_field_check")
    modeler.select_option("#properties-form select[name=form]", "commune_check_idea.schema.json")
    modeler.click("#save-version")

    expect(modeler.locator("#save-message")).to_contain_text("Đã lưu phiên bản 2.")
    new_version = version_id(app, 2)
    assert new_version is not None
    started_after = Cycle(users, commune_id)
    started_after.decide("commune", "commune_check_idea", "forward")
    field_check = started_after.task("commune", "commune_field_check")
    assert field_check["title"] == FIELD_CHECK
    started_before.decide("commune", "commune_check_idea", "forward")
    started_before.task("district", "district_review_idea")
    with app.app_context():
        assert db.session.get(Case, started_before.id).process_model_id == version_id(app, 1)
        assert db.session.get(Case, started_after.id).process_model_id == new_version

    modeler.goto("/admin/process-models")
    expect(modeler.locator("tr[data-rule-set='2019'][data-version='2'] .running-cases")).to_have_text("1")
    expect(modeler.locator("tr[data-rule-set='2019'][data-version='1'] .running-cases")).to_have_text("1")
