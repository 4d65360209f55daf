"""The public catalogue: certified products with a valid certificate only, for anyone without signing in,
cached by ETag; points of sale and fairs registered by the offices of their units; product photos."""
import re
from datetime import datetime, timezone
from io import BytesIO

import pytest
from PIL import Image

from tests.cycle import Cycle
from tests.statements import statements_of
from tests.service.test_certificates import PRODUCT, certified_once


@pytest.fixture
def product(people, unit_id, once):
    """The demo producer's product, certified 4★ by the province, and its certificate. Built once (`once`)."""
    return certified_once(people, unit_id, once)


PUBLIC_LISTS = ["/points-of-sale", "/api/v1/public/points-of-sale", "/fairs", "/api/v1/public/fairs"]


def listed(client, **query):
    response = client.get("/api/v1/public/catalogue", query_string=query)
    assert response.status_code == 200, response.json
    return response.json


def png(size=(40, 30)):
    out = BytesIO()
    Image.new("RGB", size, (120, 160, 60)).save(out, "PNG")
    return out.getvalue()


def test_a_visitor_finds_a_certified_product_with_its_verification_page_without_signing_in(app, product):
    _, certificate = product
    visitor = app.test_client()

    found = listed(visitor)
    [item] = found["items"]
    assert (item["name"], item["stars"], item["producer"]) == (PRODUCT, 4, "HTX Nông nghiệp và Dịch vụ Bình Lư")
    assert item["district"]["name"] == "Tam Đường" and item["verify_url"] == certificate["verify_url"]
    assert listed(visitor, q="miến")["total"] == 1 and listed(visitor, q="chè")["total"] == 0
    assert listed(visitor, stars=4)["total"] == 1 and listed(visitor, stars=5)["total"] == 0
    assert listed(visitor, product_group="thuc_pham")["total"] == 1
    assert listed(visitor, product_group="do_uong")["total"] == 0
    assert listed(visitor, district_id=item["district"]["id"] + 1)["total"] == 0
    assert visitor.get("/api/v1/public/catalogue?stars=9").status_code == 422

    page = visitor.get("/catalogue")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and PRODUCT in text and 'data-stars="4"' in text
    assert "csrf-token" not in text and "Set-Cookie" not in page.headers
    assert page.headers["Cache-Control"] == "public, max-age=300"
    assert visitor.get("/catalogue", headers={"If-None-Match": page.headers["ETag"]}).status_code == 304
    detail = visitor.get(f"/catalogue/{item['id']}").get_data(as_text=True)
    assert f'href="/verify/{certificate["verify_url"].rsplit("/", 1)[1]}"' in detail
    assert visitor.get("/catalogue?stars=x").status_code == 400
    assert visitor.get("/catalogue?page=2").status_code == 404


def test_no_revoked_or_expired_certificate_appears(app, people, product, clock):
    _, certificate = product
    visitor = app.test_client()
    product_id = listed(visitor)["items"][0]["id"]
    clock.set(datetime(2029, 3, 3, 1, 0, tzinfo=timezone.utc))  # the day after its last day, in Vietnam
    assert listed(visitor)["total"] == 0
    assert visitor.get(f"/catalogue/{product_id}").status_code == 404
    assert visitor.get(f"/api/v1/public/catalogue/{product_id}").status_code == 404

    clock.set(datetime(2026, 6, 1, 8, 0, tzinfo=timezone.utc))
    assert listed(visitor)["total"] == 1
    response = people["province"].post(f"/api/v1/certificates/{certificate['id']}/revoke", json={
        "decision": "12/QĐ-UBND", "decision_date": "2026-05-30", "reason": "Vi phạm an toàn thực phẩm"})
    assert response.status_code == 200, response.json
    assert listed(visitor)["total"] == 0
    assert PRODUCT not in visitor.get("/catalogue").get_data(as_text=True)


def test_a_superseded_certificate_gives_way_to_its_re_evaluation(app, people, product, clock, runner):
    case, old = product
    clock.set(datetime(2028, 9, 2, 8, 0, tzinfo=timezone.utc))
    assert "re-evaluations: 1 case(s) opened" in runner.invoke(args=["ocop", "timers"]).output
    [again] = [item for item in people["producer"].get("/api/v1/cases").json["items"] if item["id"] != case.id]
    reevaluation = Cycle.__new__(Cycle)
    reevaluation.users, reevaluation.id = people, again["id"]
    reevaluation.through_district_dossier().evaluate("district", [60, 62, 64])
    reevaluation.decide("province", "province_check_dossier", "complete")
    reevaluation.evaluate("province", [60, 62, 64])
    reevaluation.recognise("province")
    [renewed] = reevaluation.refresh()["certificates"]

    [item] = listed(app.test_client())["items"]
    assert (item["stars"], item["certificate_number"]) == (3, renewed["number"])
    assert item["certificate_number"] != old["number"]


def test_the_district_office_registers_points_of_sale_and_fairs_in_its_district_only(app, people, unit_id,
                                                                                     product):
    visitor = app.test_client()
    product_id = listed(visitor)["items"][0]["id"]
    uncertified = Cycle(people, unit_id("Tam Đường/Bình Lư"), product_name="Trà Shan tuyết").refresh()["product_id"]
    point = {"name": "Điểm bán OCOP chợ Tam Đường", "kind": "market", "address": "Chợ trung tâm huyện",
             "unit_id": unit_id("Tam Đường/Bình Lư"), "product_ids": [product_id]}

    response = people["district"].post("/api/v1/points-of-sale", json=point)
    assert response.status_code == 201, response.json
    point_id = response.json["id"]
    assert response.json["products"] == [{"id": product_id, "name": PRODUCT}]
    for outsider in ("district-2", "producer", "commune"):
        assert people[outsider].post("/api/v1/points-of-sale", json=point).status_code == 403
        assert people[outsider].delete(f"/api/v1/points-of-sale/{point_id}").status_code == 403
    assert people["district"].post("/api/v1/points-of-sale",
                                   json={**point, "product_ids": [uncertified]}).status_code == 422
    assert people["district"].post("/api/v1/points-of-sale", json={**point, "kind": "spaceport"}).status_code == 422
    assert people["district"].post("/api/v1/points-of-sale",
                                   json={**point, "unit_id": unit_id("Than Uyên")}).status_code == 403
    assert visitor.post("/api/v1/points-of-sale", json=point).status_code == 401
    assert people["province"].put(f"/api/v1/points-of-sale/{point_id}",
                                  json={**point, "kind": "supermarket"}).status_code == 200

    fair = {"name": "Hội chợ OCOP Tây Bắc", "starts_on": "2026-07-01", "ends_on": "2026-07-05",
            "place": "Sơn La", "unit_id": unit_id("Tam Đường"), "product_ids": [product_id]}
    assert people["district"].post("/api/v1/fairs", json={**fair, "ends_on": "2026-06-30"}).status_code == 422
    assert people["district-2"].post("/api/v1/fairs", json=fair).status_code == 403
    assert people["district"].post("/api/v1/fairs", json=fair).status_code == 201

    detail = visitor.get(f"/api/v1/public/catalogue/{product_id}").json
    assert [p["name"] for p in detail["points_of_sale"]] == [point["name"]]
    assert [f["name"] for f in detail["fairs"]] == [fair["name"]]
    page = visitor.get(f"/catalogue/{product_id}").get_data(as_text=True)
    assert point["name"] in page and fair["name"] in page
    assert point["name"] in visitor.get("/points-of-sale").get_data(as_text=True)
    assert fair["name"] in visitor.get("/fairs").get_data(as_text=True)
    assert visitor.get("/api/v1/public/points-of-sale").json["items"][0]["products"][0]["id"] == product_id
    assert people["district"].delete(f"/api/v1/points-of-sale/{point_id}").status_code == 204
    assert visitor.get("/api/v1/public/points-of-sale").json["items"] == []


def test_points_of_sale_come_a_page_at_a_time_and_fairs_in_the_same_statements(app, people, unit_id, product,
                                                                               monkeypatch):
    """A country has thousands of points of sale: the page shows 50 (here 3) by name and the API `per_page`; a page
    of points or the fairs, each with its unit and products, reads as many statements as one of fewer."""
    monkeypatch.setattr("service.catalogue.queries.POINTS_PER_PAGE", 3)
    visitor = app.test_client()
    product_id = listed(visitor)["items"][0]["id"]

    def register(numbers):
        for number in numbers:
            assert people["district"].post("/api/v1/points-of-sale", json={
                "name": f"Điểm bán {number}", "kind": "shop", "address": "Thị trấn Tam Đường",
                "unit_id": unit_id("Tam Đường/Bình Lư"), "product_ids": [product_id]}).status_code == 201
            assert people["district"].post("/api/v1/fairs", json={
                "name": f"Hội chợ {number}", "starts_on": "2026-07-01", "ends_on": "2026-07-05", "place": "Lai Châu",
                "unit_id": unit_id("Tam Đường"), "product_ids": [product_id]}).status_code == 201

    def statements(path):
        visitor.get(path)
        with statements_of(app) as sent:
            assert visitor.get(path).status_code == 200
        return len(sent)

    register([1])
    few = {path: statements(path) for path in PUBLIC_LISTS}
    register(range(2, 6))
    many = {path: statements(path) for path in PUBLIC_LISTS}

    assert many == few
    first, second = visitor.get("/points-of-sale").get_data(as_text=True), visitor.get("/points-of-sale?page=2")
    assert re.findall(r"<strong>(Điểm bán \d)</strong>", first) == ["Điểm bán 1", "Điểm bán 2", "Điểm bán 3"]
    assert "Trang 1 / 2" in first and "Điểm bán 5</strong>" in second.get_data(as_text=True)
    assert visitor.get("/points-of-sale?page=3").status_code == 404
    api = visitor.get("/api/v1/public/points-of-sale?per_page=2&page=3").json
    assert ([item["name"] for item in api["items"]], api["total"]) == (["Điểm bán 5"], 5)
    assert visitor.get("/api/v1/public/points-of-sale?per_page=0").status_code == 422
    assert len(visitor.get("/api/v1/public/fairs").json["items"]) == 5


def test_the_producer_attaches_a_photo_and_only_an_image(app, people, product):
    visitor = app.test_client()
    product_id = listed(visitor)["items"][0]["id"]

    def upload(username, content, name="photo.png"):
        return people[username].put(f"/api/v1/products/{product_id}/photo",
                                    data={"file": (BytesIO(content), name)}, content_type="multipart/form-data")

    assert upload("producer", b"%PDF-1.4 not an image", "photo.pdf").status_code == 422
    assert upload("producer-2", png()).status_code == 404
    assert upload("producer", png((3000, 3000)) + b"\0" * (2 << 20)).status_code == 413
    assert upload("producer", png()).status_code == 200
    assert upload("district", png((20, 20))).status_code == 200
    photo_url = listed(visitor)["items"][0]["photo_url"]
    photo = visitor.get(photo_url)
    assert photo.status_code == 200 and photo.mimetype == "image/png" and "public" in photo.headers["Cache-Control"]
    assert Image.open(BytesIO(photo.data)).size == (20, 20)
    assert 'loading="lazy"' in visitor.get("/catalogue").get_data(as_text=True)


def test_with_several_provinces_a_visitor_chooses_the_province_then_its_districts(app, product, second_province,
                                                                                 unit_id):
    """A country's catalogue has some seven hundred districts with products: the page offers the provinces, and a
    province's districts once it is chosen, as the offices' lists do."""
    visitor, dien_bien = app.test_client(), second_province["province_id"]
    lai_chau, tam_duong = unit_id("Lai Châu"), unit_id("Tam Đường")

    def page(**query):
        response = visitor.get("/catalogue", query_string=query)
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        selects = {name: text.split(f'name="{name}"')[1].split("</select>")[0]
                   for name in ("province_id", "district_id")}
        chosen = {name: re.search(r'<option value="(\d+)" selected', options) for name, options in selects.items()}
        return (text, re.findall(r'<option value="(\d+)"', selects["district_id"]),
                {name: int(found.group(1)) if found else None for name, found in chosen.items()})

    everything, districts, _ = page()
    assert 'name="province_id"' in everything and 'data-testid="district_id-chosen-first"' in everything
    assert districts == [] and PRODUCT in everything
    text, districts, chosen = page(province_id=lai_chau)
    assert districts == [str(tam_duong)] and PRODUCT in text and chosen["province_id"] == lai_chau
    text, districts, _ = page(province_id=dien_bien)
    assert districts == [] and 'data-testid="district_id-chosen-first"' not in text and PRODUCT not in text
    text, districts, chosen = page(district_id=tam_duong)
    assert chosen == {"province_id": lai_chau, "district_id": tam_duong} and PRODUCT in text
    text, _, chosen = page(province_id=dien_bien, district_id=tam_duong)
    assert chosen == {"province_id": dien_bien, "district_id": None} and PRODUCT not in text
    assert (listed(visitor, province_id=lai_chau)["total"], listed(visitor, province_id=dien_bien)["total"]) == (1, 0)


def test_a_five_star_product_is_listed_once_at_the_ministry_s_stars_beside_the_province_s_four(app, people,
                                                                                                  unit_id):
    """The province's 4★ certificate stays valid beside the Ministry's 5★: the catalogue lists the product once,
    at 5★ with the national certificate, in the whole country and in its district."""
    from tests.service.test_reports import certified

    case = certified(people, unit_id("Tam Đường/Bình Lư"), (93, 92, 91), product_name="Mật ong bạc hà")
    case.evaluate("national", [95, 96, 97]).recognise("national")
    visitor = app.test_client()
    [item] = listed(visitor)["items"]
    assert (item["name"], item["stars"], item["level"]) == ("Mật ong bạc hà", 5, "national")
    assert [found["stars"] for found in listed(visitor, district_id=item["district"]["id"])["items"]] == [5]
    assert listed(visitor, stars=4)["total"] == 0
