"""Diagrams a person uploads: accepted, or refused with a message that names what is wrong."""

import pytest

from workflows import check_bundle

from .support import INTEROP, ROLES, review_files


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
<bpmn:process id="p" isExecutable="true" name="&secret;"/></bpmn:definitions>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">&lol2;</bpmn:definitions>"""


def problems_of(files):
    bundle, problems = check_bundle(files, ROLES)
    assert (bundle is None) == bool(problems)
    return problems


def test_the_review_diagram_is_accepted():
    assert problems_of(review_files()) == []


@pytest.mark.parametrize("content", [XXE, LAUGHS], ids=["external-entity", "entity-expansion"])
def test_documents_with_a_doctype_are_refused_before_parsing(content):
    [problem] = problems_of({"evil.bpmn": content})
    assert problem.file == "evil.bpmn"
    assert "DOCTYPE" in problem.message
    assert "root:" not in problem.message


def test_xml_that_is_not_well_formed_is_refused_with_its_line():
    [problem] = problems_of({"broken.bpmn": b"<definitions>\n<unclosed>"})
    assert "not well-formed" in problem.message and problem.line == 2


@pytest.mark.parametrize("script, reason", [
    ("import os", "import"),
    ("x = ().__class__.__base__.__subclasses__()", "_"),
    ("x = open('/etc/passwd').read()", None),
    ("while True:\n    pass", "while"),
    ("x = __import__('os')", "_"),
])
def test_scripts_that_escape_the_sandbox_are_refused_or_fail_harmlessly(script, reason, clock):
    files = review_files(**{'outcome = {"status": "ok", "n": len(check)}': script})
    problems = problems_of(files)
    if reason is None:
        assert problems == []  # compiles, but `open` is not among the builtins: see test_engine
    else:
        [problem] = problems
        assert problem.element == "ok" and reason in problem.message


def test_each_problem_names_its_element():
    files = review_files(**{
        'check["decision"] == "ok"': "check[",
        'name="district_officer"': 'name="treasurer"',
        "<bpmn:timeDuration>review_sla</bpmn:timeDuration>": "<bpmn:timeCycle>R3/PT1H</bpmn:timeCycle>",
        'value="check.schema.json"': 'value="missing.schema.json"',
    })
    problems = {problem.element: problem.message for problem in problems_of(files)}
    assert "was never closed" in problems["f3"]
    assert "'treasurer' is not a known role" in problems["l2"]
    assert "cycle timers" in problems["check_overdue"]
    assert "missing.schema.json" in problems["check"]


def test_a_human_task_outside_any_lane_is_refused():
    files = review_files(**{"<bpmn:flowNodeRef>check</bpmn:flowNodeRef>": ""})
    [problem] = problems_of(files)
    assert problem.element == "check" and "outside any lane" in problem.message


def test_unexpected_files_are_refused():
    files = {**review_files(), "notes.txt": b"hello"}
    [problem] = problems_of(files)
    assert problem.file == "notes.txt"


def test_the_reference_diagrams_come_with_the_tests():
    assert len(INTEROP) == 21
    assert (INTEROP[0].parent / "LICENSE.txt").read_text().startswith("This work is licensed under the Creative Commons")


@pytest.mark.parametrize("path", INTEROP, ids=lambda p: p.name)
def test_reference_diagrams_from_other_tools_are_refused_with_clear_messages(path):
    problems = problems_of({path.name: path.read_bytes()})
    assert problems, "these descriptive diagrams are not executable here"
    for problem in problems:
        assert problem.message
        assert problem.element or problem.file is None or "process" in problem.message
