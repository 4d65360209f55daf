"""An administrator edits a version's decision table (the star bands) in dmn-js and saves it as a new
version: new cases are rated by the new bands, cases already running keep theirs.

These tests change the deployed versions, so they run on a server of their own.
"""
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from service.demo.seed import find_unit
from service.extensions import db
from service.process_models.models import ProcessModel
from service.process_models.operations import files_of

from ..cycle import Cycle
from .harness import LiveServer, demo_app, sign_in
from .test_admin_modeler import api_users, version_id
from .test_content_security_policy import watched


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = demo_app(tmp_path_factory.mktemp("decisions"))
    served = LiveServer(app)
    served.app = app
    yield served
    served.stop()


@pytest.fixture
def editor(browser, server):
    """The admin's page on the star table of version 1, reached from the versions page, once it is open;
    `editor.violations` collects what the Content-Security-Policy blocked."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    page = sign_in(context.new_page(), "admin")
    page.violations = []
    watched(page, page.violations)
    page.goto("/admin/process-models")
    page.locator(f"a[href='/admin/process-models/{version_id(server.app, 1)}/decisions/star_rating.dmn']").click()
    expect(page.locator("#decision-app")).to_have_attribute("data-ready", "true")
    yield page
    context.close()


def edit_cell(page, cell_id, text):
    """Click into a cell of the table, replace its text by typing, leave it."""
    page.locator(f'td[data-element-id="{cell_id}"] .content-editable').click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.locator("h1").click()


def test_a_broken_cell_is_refused_with_its_problem_on_the_cell(server, editor):
    edit_cell(editor, "star_rating_rule_3_score", "45 <= ? <")

    editor.click("#save-version")

    expect(editor.locator("#save-message")).to_contain_text("Phiên bản không hợp lệ")
    problem = editor.locator("#problem-list li[data-element=star_rating_rule_3_score]")
    expect(problem).to_contain_text("ô của bảng quyết định")  # the page's language
    expect(problem).not_to_contain_text("decision cell")
    expect(editor.locator('td[data-element-id="star_rating_rule_3_score"].has-problem')).to_have_count(1)
    assert version_id(server.app, 2) is None
    assert editor.violations == []


def test_moving_the_three_star_threshold_rates_new_cases_by_the_new_bands(server, editor):
    app = server.app
    users = api_users(app, "producer", "commune", "district", "district-chair", "district-council-1",
                      "district-council-2", "province", "admin")
    with app.app_context():
        commune_id = find_unit("Tam Đường/Bình Lư").id
    started_before = Cycle(users, commune_id).through_district_dossier()

    edit_cell(editor, "star_rating_rule_3_score", "45 <= ? < 70")
    edit_cell(editor, "star_rating_rule_2_score", "30 <= ? < 45")
    editor.click("#save-version")

    expect(editor.locator("#save-message")).to_contain_text("Đã lưu phiên bản 2.")
    assert editor.violations == []
    with app.app_context():
        old, new = (db.session.scalar(select(ProcessModel).filter_by(key="ocop_cycle", version=number))
                    for number in (1, 2))
        old_files, new_files = files_of(old), files_of(new)
    assert set(new_files) == set(old_files)
    assert {name for name in new_files if new_files[name] != old_files[name]} == {"star_rating.dmn"}
    assert b"45 &lt;= ? &lt; 70" in new_files["star_rating.dmn"]

    started_after = Cycle(users, commune_id).through_district_dossier().evaluate("district", [47, 47, 47])
    started_before.evaluate("district", [47, 47, 47])

    rated_new, rated_old = started_after.refresh(), started_before.refresh()
    assert (rated_new["score"], rated_new["stars"]) == (47.0, 3)
    assert started_after.task("province", "province_check_dossier")
    assert (rated_old["score"], rated_old["stars"], rated_old["status"]) == (47.0, 2, "completed")

    editor.goto("/admin/process-models")
    expect(editor.locator("tr[data-version='2'] a.decision-link")).to_have_text("Bảng quyết định star_rating.dmn")
