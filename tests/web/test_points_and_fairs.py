"""The offices' forms for points of sale and fairs: a district office registers a point of sale with a certified
product from the public list, sees a message under each field it left wrong, changes and removes it; it cannot
register one in another district nor open another district's; a visitor sees no form and no edit link."""
import re

import pytest

from tests.service.test_certificates import PRODUCT, certified
from tests.web.support import csrf_token

pytestmark = pytest.mark.one_database


def test_the_district_office_registers_changes_and_removes_a_point_of_sale(people, unit_id):
    product_id = certified(people, unit_id).refresh()["product_id"]
    district = people["district"]
    listing = district.get("/points-of-sale").get_data(as_text=True)
    assert 'href="/points-of-sale/new"' in listing

    form_page = district.get("/points-of-sale/new").get_data(as_text=True)
    assert f'data-product="{product_id}"' in form_page and PRODUCT in form_page
    assert f'value="{unit_id("Tam Đường/Bình Lư")}"' in form_page
    assert f'value="{unit_id("Than Uyên")}"' not in form_page
    form = {"csrf_token": csrf_token(district, "/points-of-sale/new"), "name": "Quầy OCOP chợ Bình Lư",
            "kind": "market", "address": "Chợ trung tâm xã Bình Lư", "phone": "",
            "unit_id": str(unit_id("Tam Đường/Bình Lư")), "product_id": [str(product_id)]}

    wrong = district.post("/points-of-sale/new", data={**form, "name": "", "kind": "moon"})
    text = wrong.get_data(as_text=True)
    assert wrong.status_code == 422
    assert re.search(r'id="name-error" class="field-error">[^<]+<', text)
    assert 'id="kind-error"' in text and "Chợ trung tâm xã Bình Lư" in text  # the typed values stay
    outside = district.post("/points-of-sale/new", data={**form, "unit_id": str(unit_id("Than Uyên"))})
    assert outside.status_code == 403

    assert district.post("/points-of-sale/new", data=form).status_code == 302
    [point] = district.get("/api/v1/public/points-of-sale").json["items"]
    assert point["products"] == [{"id": product_id, "name": PRODUCT}] and point["phone"] is None
    listing = district.get("/points-of-sale").get_data(as_text=True)
    assert f'href="/points-of-sale/{point["id"]}/edit"' in listing
    edit = district.get(f"/points-of-sale/{point['id']}/edit").get_data(as_text=True)
    assert 'value="Quầy OCOP chợ Bình Lư"' in edit and f'value="{product_id}" checked' in edit

    changed = district.post(f"/points-of-sale/{point['id']}/edit", data={**form, "name": "Quầy OCOP Bình Lư",
                                                                         "product_id": []})
    assert changed.status_code == 302
    [point] = district.get("/api/v1/public/points-of-sale").json["items"]
    assert (point["name"], point["products"]) == ("Quầy OCOP Bình Lư", [])

    visitor_page = people["producer"].get("/points-of-sale").get_data(as_text=True)
    assert "/points-of-sale/new" not in visitor_page and "/edit" not in visitor_page
    assert people["producer"].get("/points-of-sale/new").status_code == 403
    assert people["commune"].get(f"/points-of-sale/{point['id']}/edit").status_code == 403
    producer_token = csrf_token(people["producer"], "/points-of-sale")
    assert people["producer"].post(f"/points-of-sale/{point['id']}/delete",
                                   data={"csrf_token": producer_token}).status_code == 403

    removed = district.post(f"/points-of-sale/{point['id']}/delete", data={"csrf_token": form["csrf_token"]})
    assert removed.status_code == 302
    assert district.get("/api/v1/public/points-of-sale").json["items"] == []
    assert district.get(f"/points-of-sale/{point['id']}/edit").status_code == 404


def test_a_fair_that_ends_before_it_starts_is_refused_under_its_end_date(people, unit_id):
    product_id = certified(people, unit_id).refresh()["product_id"]
    province = people["province"]
    form_page = province.get("/fairs/new").get_data(as_text=True)
    assert f'value="{unit_id("Than Uyên")}"' in form_page  # the province office takes part for any district
    form = {"csrf_token": csrf_token(province, "/fairs/new"), "name": "Hội chợ OCOP Lai Châu",
            "starts_on": "2030-12-10", "ends_on": "2030-12-05", "place": "Quảng trường nhân dân tỉnh",
            "description": "", "unit_id": str(unit_id("Lai Châu")), "product_id": [str(product_id)]}
    wrong = province.post("/fairs/new", data=form)
    assert wrong.status_code == 422 and 'id="ends_on-error"' in wrong.get_data(as_text=True)
    assert province.post("/fairs/new", data={**form, "starts_on": "10/12/2030"}).status_code == 422

    assert province.post("/fairs/new", data={**form, "ends_on": "2030-12-14"}).status_code == 302
    [fair] = province.get("/api/v1/public/fairs").json["items"]
    assert fair["products"] == [{"id": product_id, "name": PRODUCT}]
    assert f'href="/fairs/{fair["id"]}/edit"' in province.get("/fairs").get_data(as_text=True)
    assert f'/fairs/{fair["id"]}/edit' not in people["district"].get("/fairs").get_data(as_text=True)
    assert people["district"].get(f"/fairs/{fair['id']}/edit").status_code == 403


def test_every_page_links_the_public_catalogue_in_its_footer(app, people):
    for client, path in ((app.test_client(), "/login"), (people["district"], "/inbox"), (people["producer"], "/cases")):
        page = client.get(path).get_data(as_text=True)
        footer = page[page.index("<footer"):]
        for path in ("/catalogue", "/points-of-sale", "/fairs", "/library"):
            assert f'href="{path}"' in footer


def test_an_administrator_chooses_the_province_before_the_units_of_a_new_point_or_fair(people, unit_id,
                                                                                         second_province):
    """An administrator runs every unit: in a directory of several provinces (a country has some ten thousand
    communes) the forms ask for the province first, then offer its units only."""
    admin, điện_biên = people["admin"], second_province["province_id"]

    first = admin.get("/points-of-sale/new").get_data(as_text=True)
    chosen = admin.get(f"/points-of-sale/new?province_id={điện_biên}").get_data(as_text=True)
    fair = admin.get(f"/fairs/new?province_id={unit_id('Lai Châu')}").get_data(as_text=True)
    unknown = admin.get("/fairs/new?province_id=999999")

    assert 'data-testid="province-step"' in first and "data-point-form" not in first
    assert f'value="{second_province["commune_id"]}"' in chosen and "data-point-form" in chosen
    assert f'value="{unit_id("Tam Đường/Bình Lư")}"' not in chosen
    assert f'value="{unit_id("Tam Đường")}"' in fair and f'value="{second_province["district_id"]}"' not in fair
    assert unknown.status_code == 404 and 'data-testid="province-step"' in unknown.get_data(as_text=True)
    district = people["district"].get("/points-of-sale/new").get_data(as_text=True)
    assert 'data-testid="province-step"' not in district and "data-point-form" in district


def test_an_office_is_offered_its_own_units_products_and_finds_others_keeping_what_it_typed(people, unit_id):
    """Than Uyên's office is not offered Tam Đường's product; its search finds it without saving, the typed values
    kept; once chosen it stays offered, checked; Tam Đường's office is offered it."""
    product_id = certified(people, unit_id).refresh()["product_id"]
    than_uyen = people["district-2"]
    assert f'data-product="{product_id}"' not in than_uyen.get("/points-of-sale/new").get_data(as_text=True)
    assert f'data-product="{product_id}"' in people["district"].get("/points-of-sale/new").get_data(as_text=True)
    form = {"csrf_token": csrf_token(than_uyen, "/points-of-sale/new"), "name": "Cửa hàng OCOP Than Uyên",
            "kind": "shop", "address": "Thị trấn Than Uyên", "phone": "", "unit_id": str(unit_id("Than Uyên")),
            "product_q": "miến dong"}

    found = than_uyen.post("/points-of-sale/new", data={**form, "find": "1"})
    text = found.get_data(as_text=True)
    assert found.status_code == 200
    assert re.search(rf'data-found>\s*<label data-product="{product_id}">', text)
    assert 'value="Cửa hàng OCOP Than Uyên"' in text and 'value="miến dong"' in text
    assert than_uyen.get("/api/v1/public/points-of-sale").json["items"] == []
    none = than_uyen.post("/points-of-sale/new", data={**form, "product_q": "rượu vang", "find": "1"})
    assert "Không tìm thấy sản phẩm nào khác khớp với «rượu vang»." in none.get_data(as_text=True)

    assert than_uyen.post("/points-of-sale/new", data={**form, "product_id": [str(product_id)]}).status_code == 302
    [point] = than_uyen.get("/api/v1/public/points-of-sale").json["items"]
    assert point["products"] == [{"id": product_id, "name": PRODUCT}]
    edit = than_uyen.get(f"/points-of-sale/{point['id']}/edit").get_data(as_text=True)
    assert f'value="{product_id}" checked' in edit and "data-found" not in edit
