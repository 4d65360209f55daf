"""A task form rendered from its JSON Schema, its texts read back as the schema's types, the validator's
messages next to the fields."""
import pytest
from flask import render_template_string
from werkzeug.datastructures import MultiDict

from service.errors import Unprocessable
from service.forms.rendering import SchemaForm
from service.forms.validation import form_problems, validate_form_data

pytestmark = pytest.mark.one_database

SCHEMA = {
    "type": "object",
    "title": "Xã xem xét ý tưởng / Commune checks the idea",
    "properties": {
        "decision": {"type": "string", "title": "Quyết định / Decision", "enum": ["approve", "return", "reject"],
                     "x-enum-titles": ["Chấp thuận / Approve", "Trả lại / Return", "Từ chối / Reject"]},
        "reason": {"type": "string", "title": "Lý do / Reason", "maxLength": 2000},
        "reference": {"type": "string", "title": "Số văn bản / Reference", "maxLength": 40},
        "score": {"type": "integer", "title": "Điểm / Score", "minimum": 0, "maximum": 100},
        "area": {"type": "number", "title": "Diện tích (ha) / Area (ha)", "minimum": 0},
        "visited": {"type": "boolean", "title": "Đã thăm thực địa / Site visited"},
        "district": {"type": "string", "title": "Huyện / District",
                     "enum": ["tam_duong", "than_uyen", "phong_tho", "muong_te", "sin_ho"]},
    },
    "required": ["decision", "score", "visited"],
    "additionalProperties": False,
    "allOf": [{"if": {"properties": {"decision": {"enum": ["return", "reject"]}}, "required": ["decision"]},
               "then": {"required": ["reason"]}}],
}
MACRO = '{% from "macros/forms.html" import schema_fields %}{{ schema_fields(form) }}'


def make_form(values=None):
    return SchemaForm(SCHEMA, values=values)


def submit(form, formdata):
    """What a task page does with a POST: the texts as typed values, validated; messages onto the form."""
    try:
        return validate_form_data(SCHEMA, form.read(MultiDict(formdata)))
    except Unprocessable as error:
        form.errors.update(error.details)
        return None


def test_the_form_follows_the_projects_rules():
    assert form_problems("commune_check_idea", SCHEMA) == []


def test_a_valid_submission_gives_typed_values():
    form = make_form()

    data = submit(form, {"decision": "approve", "score": " 85 ", "area": "2,5", "visited": "true",
                         "csrf_token": "ignored", "reason": ""})

    assert data == {"decision": "approve", "score": 85, "area": 2.5, "visited": True, "reason": None,
                    "reference": None, "district": None}
    assert form.errors == {}


@pytest.mark.parametrize("texts, typed", [
    ({"score": "5.0", "area": "30"}, {"score": 5.0, "area": 30}),
    ({"score": "-3", "area": ".5"}, {"score": -3, "area": 0.5}),
    ({"score": "8,5", "area": "1e3"}, {"score": 8.5, "area": 1000.0}),
    ({"score": "1 000", "area": "nan"}, {"score": "1 000", "area": "nan"}),
    ({"visited": "on"}, {"visited": True}),
    ({"visited": "false"}, {"visited": False}),
    ({"visited": "yes"}, {"visited": "yes"}),
    ({"visited": "1"}, {"visited": "1"}),
    ({"reason": "  ", "reference": " Số 12 "}, {"reference": "Số 12"}),
])
def test_the_pages_texts_become_the_schemas_types_and_other_texts_stay_text(texts, typed):
    assert make_form().read(MultiDict(texts)) == typed


def test_each_mistake_is_reported_on_its_field():
    form = make_form()

    assert submit(form, {"decision": "reject", "score": "120", "area": "a lot", "reference": "x" * 41,
                         "visited": "yes"}) is None
    assert form.errors == {
        "score": ["Giá trị phải từ 0 đến 100 / Must be between 0 and 100."],
        "area": ["Phải là một số / Must be a number."],
        "reference": ["Tối đa 40 ký tự / At most 40 characters."],
        "visited": ["Chọn Có hoặc Không / Must be Yes or No (true or false)."],
        "reason": ["Bắt buộc phải nhập / This field is required."],
    }


def test_a_whole_number_written_with_a_fraction_part_is_whole_and_another_fraction_is_not():
    assert submit(make_form(), {"decision": "approve", "score": "8.0", "visited": "false"})["score"] == 8
    form = make_form()
    assert submit(form, {"decision": "approve", "score": "8.5", "visited": "false"}) is None
    assert form.errors == {"score": ["Phải là một số nguyên / Must be a whole number."]}


def test_the_widgets_follow_the_schema():
    widgets = {field.name: field.widget for field in make_form().fields}

    assert widgets == {"decision": "radio", "reason": "textarea", "reference": "text", "score": "integer",
                       "area": "number", "visited": "boolean", "district": "select"}


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


def test_the_macro_draws_fields_with_values_and_messages(request_context):
    form = make_form()
    submit(form, {"decision": "return", "score": "abc", "visited": "true"})
    html = render_template_string(MACRO, form=form)
    form = make_form()
    submit(form, {"decision": "return", "score": "5", "visited": "true"})
    html_after_fixing_the_score = render_template_string(MACRO, form=form)

    assert "Quyết định" in html and "Decision" not in html
    assert '<input type="radio" name="decision" value="return" checked>' in html
    assert "Trả lại" in html
    assert 'name="score" type="text" value="abc"' in html
    assert '<small id="score-error" class="field-error">Phải là một số nguyên</small>' in html
    assert '<small id="reason-error" class="field-error">Bắt buộc phải nhập</small>' in html_after_fixing_the_score
    assert '<textarea id="field-reason" name="reason" rows="5" maxlength="2000"' in html
    assert '<option value="tam_duong">tam_duong</option>' in html
    assert 'name="visited" value="true" checked' in html
    assert "Từ 0 đến 100" in html


def test_saved_values_are_shown_first(request_context):
    html = render_template_string(MACRO, form=make_form(values={"score": 40, "visited": False, "decision": "approve"}))

    assert 'name="score" type="text" value="40"' in html
    assert 'name="visited" value="false" checked' in html
    assert 'name="decision" value="approve" checked' in html


def test_the_macro_speaks_english_when_asked(app):
    with app.test_request_context("/?lang=en"):
        app.preprocess_request()
        form = make_form()
        submit(form, {"decision": "return", "score": "abc"})
        html = render_template_string(MACRO, form=form)

    assert "Decision" in html and "Quyết định" not in html
    assert "Must be a whole number." in html
    assert "This field is required." in html
    assert "Yes" in html and "Có" not in html


SHEET = {
    "type": "object",
    "properties": {
        "product_description": {"type": "string", "title": "Mô tả / Description", "maxLength": 200},
        "self_assessment": {"type": "object", "title": "Tự đánh giá / Self-assessment", "properties": {
            "c_a1": {"type": "string", "title": "A1 / A1", "enum": ["o1", "o2"], "x-enum-titles": ["2 điểm", "4 điểm"]},
            "c_a2": {"type": "string", "title": "A2 / A2", "enum": ["o1", "o2"]},
        }, "required": ["c_a1", "c_a2"]},
    },
}


def test_an_object_is_drawn_as_its_fields_and_read_back_as_one_object_only_when_given(request_context):
    form = SchemaForm(SHEET, values={"self_assessment": {"c_a1": "o2"}})
    html = render_template_string(MACRO, form=form)

    assert [field.name for field in form.fields] == ["product_description", "self_assessment.c_a1",
                                                     "self_assessment.c_a2"]
    assert '<input type="radio" name="self_assessment.c_a1" value="o2" checked>' in html
    assert form.read(MultiDict({"self_assessment.c_a1": "o1", "self_assessment.c_a2": "o2"})) == {
        "self_assessment": {"c_a1": "o1", "c_a2": "o2"}}
    assert form.read(MultiDict({"product_description": "Miến dong"})) == {"product_description": "Miến dong"}
