"""Administrators upload process versions: checked, versioned, refused with reasons when wrong."""
import io
import json
from pathlib import Path

import pytest

from tests.cycle import Cycle
from tests.statements import statements_of
from tests.workflows.support import INTEROP

BUNDLED = Path(__file__).parents[2] / "bpmn" / "ocop-2019"
DIAGRAM = (BUNDLED / "ocop_cycle.bpmn").read_bytes() if (BUNDLED / "ocop_cycle.bpmn").exists() else b""


def upload(client, *files, **form):
    data = {**form, "files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post("/api/v1/process-models", data=data, content_type="multipart/form-data")


def versions_2019(client):
    """The versions of the 2019 rule set (Decision 1048), whose bundle these tests upload new versions of."""
    return client.get("/api/v1/process-models", query_string={"rule_set": "2019"}).json["items"]


def test_the_bundled_versions_of_each_rule_set_are_deployed_with_their_files(people):
    models = people["admin"].get("/api/v1/process-models").json["items"]
    assert [(m["key"], m["rule_set"], m["version"], m["effective_from"]) for m in models] == [
        ("ocop_cycle", "2025", 1, "2025-07-06"), ("ocop_cycle", "2023", 1, "2023-02-24"),
        ("ocop_cycle", "2019", 1, "2019-08-21")]
    [model] = versions_2019(people["admin"])
    assert (model["key"], model["version"], model["rule_set"]) == ("ocop_cycle", 1, "2019")
    assert "ocop_cycle.bpmn" in model["files"] and "forms/council_score.schema.json" in model["files"]
    response = people["district"].get(f"/api/v1/process-models/{model['id']}/files/ocop_cycle.bpmn")
    assert response.status_code == 200 and response.data == DIAGRAM


def test_only_administrators_upload(people):
    assert upload(people["district"], ("ocop_cycle.bpmn", DIAGRAM)).status_code == 403


XXE = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>"""


@pytest.mark.parametrize("name, content, expected", [
    ("evil.bpmn", XXE, "DOCTYPE"),
    ("broken.bpmn", b"<definitions><process>", "not well-formed"),
    ("empty.bpmn", b"", "not well-formed"),
    ("ocop_cycle.bpmn", DIAGRAM.replace(b'name="district_officer"', b'name="treasurer"'), "treasurer"),
    ("ocop_cycle.bpmn", DIAGRAM.replace(b"review_sla", b"review_sla +", 1), "review_sla +"),
])
def test_malicious_and_broken_uploads_are_refused_with_the_problem_named(people, name, content, expected):
    response = upload(people["admin"], (name, content))
    assert response.status_code == 422, response.json
    assert response.json["error"] == "invalid_process_model"
    assert any(expected in problem["message"] for problem in response.json["details"]["problems"])
    assert people["admin"].get("/api/v1/process-models").json["total"] == 3


def halves(problem):
    """(Vietnamese, English) of a problem's message, which holds exactly one " / " between them."""
    vietnamese, english = problem["message"].split(" / ")
    return vietnamese, english


def test_the_problems_of_a_diagram_are_said_in_vietnamese_and_english(people):
    broken = (DIAGRAM.replace(b'name="district_officer"', b'name="treasurer"')
              .replace(b"idea_returns &gt; max_returns", b"idea_returns / 2 &gt;"))

    response = upload(people["admin"], ("ocop_cycle.bpmn", broken))

    assert response.status_code == 422
    assert response.json["message"] == "Mô hình quy trình không hợp lệ / The process model is invalid"
    problems = {problem["element"]: halves(problem) for problem in response.json["details"]["problems"]}
    lane = next(said for said in problems.values() if "treasurer" in said[0])
    assert lane[0].startswith("làn 'treasurer' không phải một vai trò đã có (các vai trò: ")
    assert lane[1].startswith("lane 'treasurer' is not a known role (known: ")
    vietnamese, english = problems["flow_check_idea_returns_to_idea_returns_exceeded"]
    assert vietnamese.startswith("điều kiện 'idea_returns/2 >' bị từ chối: ")
    assert english.startswith("condition 'idea_returns/2 >' is refused: ")


@pytest.mark.parametrize("path", INTEROP, ids=lambda p: p.name)
def test_diagrams_from_other_modelling_tools_are_refused_clearly(people, path):
    response = upload(people["admin"], (path.name, path.read_bytes()))
    assert response.status_code == 422
    assert all(all(halves(problem)) for problem in response.json["details"]["problems"])


def test_an_upload_without_files_is_refused(people):
    response = people["admin"].post("/api/v1/process-models", data={}, content_type="multipart/form-data")
    assert response.status_code == 422 and response.json["error"] == "no_files"


def test_new_cases_follow_a_new_version_while_running_cases_stay_on_theirs(people, unit_id):
    old = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    changed = DIAGRAM.replace("Xã kiểm tra ý tưởng".encode(), "Xã thẩm tra ý tưởng".encode())
    assert changed != DIAGRAM
    response = upload(people["admin"], ("ocop_cycle.bpmn", changed))
    assert response.status_code == 201, response.json
    assert response.json["version"] == 2
    assert "forms/commune_check_idea.schema.json" in response.json["files"]
    new = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    assert (old.refresh()["process_version"], new.refresh()["process_version"]) == (1, 2)
    assert new.task("commune", "commune_check_idea")["title"].startswith("Xã thẩm tra")
    assert old.task("commune", "commune_check_idea")["title"].startswith("Xã kiểm tra")
    versions = {m["version"]: m["running_cases"] for m in versions_2019(people["admin"])}
    assert versions == {1: 1, 2: 1}
    old.decide("commune", "commune_check_idea", "forward")
    assert old.refresh()["current_step"] == "district_review_idea"


def test_an_edit_of_an_older_version_carries_over_that_versions_forms(people):
    [first] = versions_2019(people["admin"])
    form = (BUNDLED / "forms" / "council_score.schema.json").read_bytes()
    changed_form = form.replace("Nhận xét".encode(), "Ý kiến nhận xét".encode())
    assert changed_form != form
    second = upload(people["admin"], ("ocop_cycle.bpmn", DIAGRAM), ("council_score.schema.json", changed_form))
    assert second.status_code == 201, second.json
    third = upload(people["admin"], ("ocop_cycle.bpmn", DIAGRAM.replace(b"Commune checks", b"Commune examines")),
                   based_on=str(first["id"]))
    assert third.status_code == 201, third.json
    served = people["admin"].get(f"/api/v1/process-models/{third.json['id']}/files/forms/council_score.schema.json")
    assert served.data == form
    assert upload(people["admin"], ("ocop_cycle.bpmn", DIAGRAM), based_on="999").status_code == 422


def business_plan_form(change):
    form = json.loads((BUNDLED / "forms" / "business_plan.schema.json").read_text())
    change(form)
    return json.dumps(form).encode()


@pytest.mark.parametrize("change, expected", [
    (lambda form: form["properties"]["summary"].update(maxLength="long"),
     "form business_plan, field 'summary', keyword 'maxLength': 'long' is not of type 'integer'"),
    (lambda form: form["properties"]["investment_vnd"].update(minimum="zero"),
     "form business_plan, field 'investment_vnd', keyword 'minimum': 'zero' is not of type 'number'"),
    (lambda form: form["properties"]["timeline"].update(type="date"),
     "form business_plan, field 'timeline', keyword 'type'"),
    (lambda form: form["properties"]["timeline"].update(type="array"),
     "form business_plan, field 'timeline': type must be one of string, integer, number, boolean"),
    (lambda form: form["properties"]["summary"].pop("maxLength"),
     "form business_plan, field 'summary': a text field needs a maxLength"),
    (lambda form: form["properties"]["investment_vnd"].pop("maximum"),
     "form business_plan, field 'investment_vnd': a whole-number field needs a minimum and a maximum"),
    (lambda form: form["properties"]["investment_vnd"].update(maximum=2**64),
     "form business_plan, field 'investment_vnd': a whole-number field needs a minimum and a maximum"),
    (lambda form: form["properties"]["investment_vnd"].update(minimum=10, maximum=1),
     "form business_plan, field 'investment_vnd': minimum is greater than maximum"),
    (lambda form: form.pop("additionalProperties"),
     "form business_plan: the schema must say \"additionalProperties\": false"),
    (lambda form: form["required"].append("budget"),
     "form business_plan: required field 'budget' is not among the properties"),
    (lambda form: form["properties"].update(Budget={"type": "integer", "minimum": 0, "maximum": 9}),
     "form business_plan, field 'Budget': names are lower-case letters"),
    (lambda form: form.update({"$schema": "http://json-schema.org/draft-07/schema#"}),
     "form business_plan: \"$schema\" must be"),
    (lambda form: form.update(allOf=[{"if": {"properties": {"summary": {"const": "x"}}},
                                      "then": {"required": ["timeline"]}}]),
     "form business_plan, allOf rule 0: the condition needs \"required\": ['summary']"),
])
def test_a_form_that_breaks_json_schema_or_the_projects_rules_is_refused_naming_form_and_field(
        people, change, expected):
    response = upload(people["admin"], ("ocop_cycle.bpmn", DIAGRAM),
                      ("business_plan.schema.json", business_plan_form(change)))

    assert response.status_code == 422, response.json
    problems = [problem["message"].split(" / ") for problem in response.json["details"]["problems"]
                if problem["file"] == "forms/business_plan.schema.json"]
    assert any(english.startswith(expected) for _vietnamese, english in problems), problems
    assert all(vietnamese.startswith("biểu mẫu business_plan") for vietnamese, _english in problems)
    assert people["admin"].get("/api/v1/process-models").json["total"] == 3


def test_seeding_again_keeps_the_administrators_newer_version(people, app, unit_id):
    changed = DIAGRAM.replace("Xã kiểm tra ý tưởng".encode(), "Xã thẩm tra ý tưởng".encode())
    assert upload(people["admin"], ("ocop_cycle.bpmn", changed)).status_code == 201

    for _ in range(2):
        result = app.test_cli_runner().invoke(args=["ocop", "seed-demo"])
        assert result.exit_code == 0, result.output
        assert "process versions deployed: none new" in result.output

    versions = people["admin"].get("/api/v1/process-models").json["items"]
    assert sorted((model["rule_set"], model["version"]) for model in versions) == [
        ("2019", 1), ("2019", 2), ("2023", 1), ("2025", 1)]
    case = Cycle(people, unit_id("Tam Đường/Bình Lư"))
    assert case.refresh()["process_version"] == 2
    assert case.task("commune", "commune_check_idea")["title"].startswith("Xã thẩm tra")


def test_seeding_twice_deploys_each_bundled_version_once(app, runner, demo):
    first = runner.invoke(args=["ocop", "seed-demo"])
    second = runner.invoke(args=["ocop", "seed-demo"])

    assert "process versions deployed: ocop_cycle 2019 v1, ocop_cycle 2023 v1, ocop_cycle 2025 v1." in first.output
    assert "process versions deployed: none new." in second.output
    with app.app_context():
        from service.process_models.operations import latest_version
        assert [latest_version(rule_set=rule_set).version for rule_set in ("2019", "2023", "2025")] == [1, 1, 1]


def test_the_versions_are_listed_by_rule_set_and_an_unknown_rule_set_is_refused(people):
    assert [m["rule_set"] for m in people["admin"].get("/api/v1/process-models",
                                                       query_string={"rule_set": "2023"}).json["items"]] == ["2023"]
    response = people["admin"].get("/api/v1/process-models", query_string={"rule_set": "2020"})
    assert response.status_code == 422 and "rule_set" in response.json["details"]


def test_the_versions_come_a_page_at_a_time(people):
    """Every version a process was given over the years, each rule set's newest first, a page at a time."""
    pages = [people["admin"].get("/api/v1/process-models", query_string={"per_page": 2, "page": page}).json
             for page in (1, 2)]
    assert [(page["total"], page["page"], len(page["items"])) for page in pages] == [(3, 1, 2), (3, 2, 1)]
    assert [m["rule_set"] for page in pages for m in page["items"]] == ["2025", "2023", "2019"]
    for bad in ("per_page=0", "per_page=101", "page=0"):
        assert people["admin"].get(f"/api/v1/process-models?{bad}").status_code == 422, bad


def test_three_versions_and_four_are_read_in_the_same_statements(app, people):
    """The API's list and the administrators' page: each version with its author and its files' names, neither one
    version at a time nor a version's diagrams and forms, which listing it does not need."""
    paths = ["/api/v1/process-models", "/admin/process-models"]

    def listing(path):
        people["admin"].get(path)
        with statements_of(app) as statements:
            assert people["admin"].get(path).status_code == 200
        return statements

    three = [listing(path) for path in paths]
    changed = DIAGRAM.replace(b"Commune checks", b"Commune examines")
    assert upload(people["admin"], ("ocop_cycle.bpmn", changed)).status_code == 201
    four = [listing(path) for path in paths]
    assert [len(statements) for statements in four] == [len(statements) for statements in three]
    assert not any("process_model_files.content" in statement for statements in four for statement in statements)


@pytest.mark.parametrize("parts", [
    [b'Content-Disposition: form-data; name="key"', b"Content-Disposition: form-data"],
    [b'Content-Disposition: form-data; name="files"; filename="ocop_cycle.bpmn"', b'Content-Disposition: form-data; '
                                                                                   b'name=""'],
    [b'Content-Disposition: form-data; filename="ocop_cycle.bpmn"', b'Content-Disposition: form-data; name="x"'],
], ids=["no-name", "empty-name", "file-without-name"])
def test_form_parts_without_a_name_are_refused_with_a_clear_message(people, parts):
    body = b"".join(b"--B\r\n" + part + b"\r\n\r\nx\r\n" for part in parts) + b"--B--\r\n"
    response = people["admin"].post("/api/v1/process-models", data=body,
                                    content_type="multipart/form-data; boundary=B")

    assert response.status_code == 422
    assert response.json["error"] == "unnamed_field"
    assert "Every part of the form needs a name" in response.json["message"]
