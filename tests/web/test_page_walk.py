"""What the walk through the new pages fixed: the case page links its recognition decision for the office that
can open it; a report's product groups follow the page's language; the training form starts at the district
level for a district office; the top bar groups the programme's pages and administration per role."""
import re

import pytest

from tests.service.test_certificates import certified

pytestmark = pytest.mark.one_database


def test_the_case_page_links_its_decision_for_the_office_only(people, unit_id):
    case = certified(people, unit_id)
    [decision] = people["province"].get("/api/v1/recognition-decisions").json["items"]
    link = f'href="/recognition/decisions/{decision["id"]}" data-testid="summary-decision"'
    assert link in people["province"].get(f"/cases/{case.id}").get_data(as_text=True)
    assert link in people["admin"].get(f"/cases/{case.id}").get_data(as_text=True)
    producer_page = people["producer"].get(f"/cases/{case.id}").get_data(as_text=True)
    assert "1234/QĐ-UBND" in producer_page and "summary-decision" not in producer_page


def test_a_report_names_the_product_groups_in_the_pages_language(people, unit_id):
    certified(people, unit_id)
    province = people["province"]
    vietnamese = province.get("/reports/recognitions?year=2026&lang=vi").get_data(as_text=True)
    english = province.get("/reports/recognitions?year=2026&lang=en").get_data(as_text=True)
    group_rows = re.compile(r'<section data-table="recognitions_by_group">(.*?)</section>', re.DOTALL)
    assert "Thực phẩm" in group_rows.search(vietnamese).group(1)
    assert "Food" in group_rows.search(english).group(1) and "Thực phẩm" not in group_rows.search(english).group(1)


def test_the_training_form_starts_at_the_level_of_the_office(people):
    selected = re.compile(r'<option value="(\w+)" selected>')
    assert selected.findall(people["district"].get("/training").get_data(as_text=True))[0] == "district"
    assert selected.findall(people["province"].get("/training").get_data(as_text=True))[0] == "province"


def groups(page):
    return re.findall(r'data-testid="nav-group">([^<]+)</summary>', page)


def test_the_top_bar_groups_the_programme_pages_and_administration(people):
    admin = people["admin"].get("/notifications").get_data(as_text=True)
    assert groups(admin) == ["Chương trình", "Quản trị"]
    assert 'class="nav-flat"><a href="/admin/audit"' in admin  # flat behind the menu button on a phone
    district = people["district"].get("/notifications").get_data(as_text=True)
    assert groups(district) == ["Chương trình"]
    for path in ("/training", "/points-of-sale", "/fairs", "/library", "/steering", "/dashboard"):
        assert f'<a href="{path}"' in district.split("<main")[0]
    producer = people["producer"].get("/notifications").get_data(as_text=True)
    assert groups(producer) == [] and '<a href="/dashboard"' in producer.split("<main")[0]
    assert '<a href="/training"' not in producer.split("<main")[0]
