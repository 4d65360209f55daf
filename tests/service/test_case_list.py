"""The case list of the API (`GET /api/v1/cases`): search, filters, sorting and paging, within what each
person may see. The web page and its Excel file read the same query (tests/web/test_case_list.py)."""
import pytest

from service.cases.listing import SEARCH_LIMIT
from tests.cycle import Cycle


def listed_ids(client, **query):
    response = client.get("/api/v1/cases", query_string=query)
    assert response.status_code == 200, response.json
    return [case["id"] for case in response.json["items"]]


@pytest.mark.parametrize("lookup_limit", [SEARCH_LIMIT, 1])
def test_search_finds_cases_by_product_reference_and_producer(listed, people, monkeypatch, lookup_limit):
    """Whether the cases that match are looked up and listed by id (as many as the limit) or the list is read in
    its order (a search matching more, here with a limit of one case), the search finds the same cases."""
    monkeypatch.setattr("service.cases.listing.SEARCH_LIMIT", lookup_limit)
    admin = people["admin"]

    assert listed_ids(admin, q="miến DONG") == [listed.mien.id]
    assert listed_ids(admin, q=listed.che.case["reference"]) == [listed.che.id]
    assert listed_ids(admin, q="mường mít") == [listed.gao.id]
    assert sorted(listed_ids(admin, q="HTX Nông nghiệp và Dịch vụ")) == sorted([listed.mien.id, listed.che.id])
    assert listed_ids(admin, q="không có") == []


def test_each_filter_narrows_the_list(listed, people, unit_id):
    admin = people["admin"]
    tam_duong, than_uyen = unit_id("Tam Đường"), unit_id("Than Uyên")

    assert sorted(listed_ids(admin, district_id=tam_duong)) == sorted([listed.mien.id, listed.che.id])
    assert len(listed_ids(admin, province_id=unit_id("Lai Châu"))) == 3
    assert listed_ids(admin, province_id=tam_duong) == []  # a district is no province
    assert listed_ids(admin, commune_id=unit_id("Than Uyên/Mường Mít")) == [listed.gao.id]
    assert listed_ids(admin, commune_id=unit_id("Tam Đường/Bình Lư"), step="district_review_idea") == [listed.che.id]
    assert listed_ids(admin, product_group="do_uong") == [listed.che.id]
    assert listed_ids(admin, year=2027) == [listed.gao.id]  # 1 January in Vietnam, 31 December in UTC
    assert sorted(listed_ids(admin, year=2026)) == sorted([listed.mien.id, listed.che.id])
    assert listed_ids(admin, district_id=than_uyen, status="active") == [listed.gao.id]
    assert listed_ids(admin, status="completed") == [] and listed_ids(admin, stars=2) == []

    listed.mien.through_district_dossier().evaluate("district", [40, 42, 38])

    assert listed_ids(admin, stars=2) == [listed.mien.id] == listed_ids(admin, status="completed")


def test_sorting_both_ways_and_paging(listed, people):
    admin = people["admin"]
    by_product = [listed.che.id, listed.gao.id, listed.mien.id]

    assert listed_ids(admin, sort="product", order="asc") == by_product
    assert listed_ids(admin, sort="product", order="desc") == by_product[::-1]
    assert listed_ids(admin) == [listed.gao.id, listed.che.id, listed.mien.id]  # newest first
    assert listed_ids(admin, sort="producer", order="asc")[0] == listed.gao.id  # HTX Nông nghiệp Mường Mít
    assert listed_ids(admin, sort="producer", order="desc")[-1] == listed.gao.id
    assert listed_ids(admin, sort="district", order="asc")[-1] == listed.gao.id  # Tam Đường, then Than Uyên
    assert listed_ids(admin, sort="step", order="asc")[0] == listed.che.id  # Huyện ..., then Xã ...
    page = admin.get("/api/v1/cases", query_string={"sort": "product", "order": "asc", "per_page": 2,
                                                    "page": 2}).json
    assert ([case["id"] for case in page["items"]], page["total"], page["page"], page["per_page"]) == \
        ([listed.mien.id], 3, 2, 2)
    assert listed_ids(admin, page=3, per_page=2) == []


def test_a_district_officer_finds_nothing_of_another_district_even_by_filter(listed, people, unit_id):
    than_uyen = people["district-2"]

    assert listed_ids(than_uyen) == [listed.gao.id]
    assert listed_ids(than_uyen, district_id=unit_id("Tam Đường")) == []
    assert listed_ids(than_uyen, q="Miến") == []
    assert listed_ids(people["producer"], q="Gạo") == []
    assert sorted(listed_ids(people["district"])) == sorted([listed.mien.id, listed.che.id])


def test_an_unknown_sort_or_parameter_is_refused(listed, people):
    for query in ({"sort": "password"}, {"order": "up"}, {"year": "2026x"}, {"colour": "red"}):
        response = people["admin"].get("/api/v1/cases", query_string=query)
        assert response.status_code == 422 and response.json["error"] == "invalid_request", query


def test_wildcards_in_a_search_are_searched_as_themselves(listed, people):
    assert listed_ids(people["admin"], q="%") == [] and listed_ids(people["admin"], q="_") == []


def test_the_national_office_and_council_list_the_cases_that_reached_them_and_no_other(people, unit_id):
    """They see a case once it has a task of a national lane (or given to them); their list is read from those tasks
    (by their lane and assignee), not by testing every case of the database."""
    referred = Cycle(people, unit_id("Tam Đường/Bình Lư")).through_district_dossier()
    referred.evaluate("district", [92, 91, 93])
    referred.decide("province", "province_check_dossier", "complete")
    referred.evaluate("province", [93, 92, 91])
    Cycle(people, unit_id("Tam Đường/Bình Lư"), product_name="Chè chưa lên trung ương")

    assert listed_ids(people["national"]) == [referred.id]
    assert listed_ids(people["national-council-2"]) == [referred.id]
    assert listed_ids(people["national"], q="Chè chưa lên") == []
    page = people["national"].get("/cases").get_data(as_text=True)
    assert f'data-case-id="{referred.id}"' in page and "Chè chưa lên trung ương" not in page
