"""The programme's own records beside the cases: support given to a producer (amounts and totals per source,
recorded by the case's officials), the survey inventory whose potential product becomes a case, and the
public document library."""
import re
from datetime import datetime, timezone
from io import BytesIO

from tests.cycle import IDEA, Cycle
from tests.statements import statements_of

BINH_LU = "Tam Đường/Bình Lư"


def test_the_case_s_officials_record_support_and_the_totals_add_up(app, people, unit_id, clock):
    clock.set(datetime(2020, 9, 1, 8, 0, tzinfo=timezone.utc))
    case = Cycle(people, unit_id(BINH_LU))
    grants = [("district", {"kind": "fund", "source": "district_budget", "amount_vnd": 50_000_000,
                            "given_on": "2020-08-20", "description": "Máy đóng gói"}),
              ("province", {"kind": "loan", "source": "credit", "amount_vnd": 200_000_000, "given_on": "2020-08-25"}),
              ("commune", {"kind": "fund", "source": "district_budget", "amount_vnd": 15_500_000,
                           "given_on": "2020-08-30"}),
              ("district", {"kind": "advice", "source": "ntm_programme", "amount_vnd": 0, "given_on": "2020-08-31"})]
    for username, grant in grants:
        response = people[username].post(f"/api/v1/cases/{case.id}/support", json=grant)
        assert response.status_code == 201, response.json

    found = people["producer"].get(f"/api/v1/cases/{case.id}/support").json
    assert found["total_vnd"] == 265_500_000 == found["entity_total_vnd"]
    assert found["by_source"] == {"district_budget": 65_500_000, "credit": 200_000_000, "ntm_programme": 0}
    assert [item["kind"] for item in found["items"]] == ["advice", "fund", "loan", "fund"]

    grant = grants[0][1]
    assert people["producer"].post(f"/api/v1/cases/{case.id}/support", json=grant).status_code == 403
    assert people["district-chair"].post(f"/api/v1/cases/{case.id}/support", json=grant).status_code == 403
    assert people["district-2"].post(f"/api/v1/cases/{case.id}/support", json=grant).status_code == 404
    assert people["producer-2"].get(f"/api/v1/cases/{case.id}/support").status_code == 404
    for bad in ({"amount_vnd": -1}, {"source": "lottery"}, {"given_on": "2020-09-02"}, {"kind": None}):
        assert people["district"].post(f"/api/v1/cases/{case.id}/support", json={**grant, **bad}).status_code == 422

    page = people["producer"].get(f"/cases/{case.id}").get_data(as_text=True)
    assert "data-support-total>265.500.000<" in page and f'action="/cases/{case.id}/support"' not in page
    official_page = people["district"].get(f"/cases/{case.id}").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', official_page).group(1)
    response = people["district"].post(f"/cases/{case.id}/support", data={
        "csrf_token": token, "kind": "training", "source": "province_budget", "amount_vnd": "1000000",
        "given_on": "2020-09-01"})
    assert response.status_code == 302
    assert "data-support-total>266.500.000<" in people["district"].get(f"/cases/{case.id}").get_data(as_text=True)


def test_a_potential_product_of_the_survey_becomes_a_case(app, people, unit_id):
    item = {"year": 2020, "commune_id": unit_id(BINH_LU), "product_name": "Miến dong Bình Lư",
            "group_code": "thuc_pham", "producer_name": "HTX Nông nghiệp và Dịch vụ Bình Lư",
            "entity_type": "cooperative"}
    response = people["district"].post("/api/v1/survey-items", json=item)
    assert response.status_code == 201, response.json
    item_id = response.json["id"]
    people["district"].post("/api/v1/survey-items", json={**item, "product_name": "Chè Shan tuyết"})
    assert people["district-2"].post("/api/v1/survey-items", json=item).status_code == 403
    assert people["producer"].post("/api/v1/survey-items", json=item).status_code == 403
    assert people["district"].post("/api/v1/survey-items", json={**item, "commune_id": unit_id("Tam Đường")}
                                   ).status_code == 422
    assert people["district-2"].get("/api/v1/survey-items").json["items"] == []
    assert people["district-2"].put(f"/api/v1/survey-items/{item_id}/status",
                                    json={"status": "contacted"}).status_code == 404
    assert people["district"].put(f"/api/v1/survey-items/{item_id}/status",
                                  json={"status": "contacted", "note": "Đã gặp giám đốc HTX"}).status_code == 200

    case = Cycle(people, unit_id(BINH_LU))
    elsewhere = people["producer-2"].post("/api/v1/cases", json={
        **IDEA, "product_name": "Gạo Séng Cù", "commune_id": unit_id("Than Uyên/Mường Mít")})
    assert elsewhere.status_code == 201, elsewhere.json
    assert people["district"].post(f"/api/v1/survey-items/{item_id}/case",
                                   json={"case_id": elsewhere.json["id"]}).status_code == 404
    assert people["province"].post(f"/api/v1/survey-items/{item_id}/case",
                                   json={"case_id": elsewhere.json["id"]}).status_code == 422
    response = people["district"].post(f"/api/v1/survey-items/{item_id}/case", json={"case_id": case.id})
    assert response.status_code == 200, response.json
    assert (response.json["status"], response.json["case_id"]) == ("case", case.id)
    assert response.json["case_reference"] == case.refresh()["reference"]
    assert people["district"].post(f"/api/v1/survey-items/{item_id}/case", json={"case_id": case.id}).status_code == 409
    assert people["district"].put(f"/api/v1/survey-items/{item_id}/status",
                                  json={"status": "dropped"}).status_code == 409

    found = people["province"].get("/api/v1/survey-items").json
    assert found["counts"] == {"Tam Đường": {"potential": 1, "contacted": 0, "dropped": 0, "case": 1,
                                             "products": 2, "producers": 1}}
    assert len(people["district"].get("/api/v1/survey-items?status=case").json["items"]) == 1


def test_the_office_publishes_texts_that_anyone_lists_and_downloads(app, people, unit_id):
    document = {"title": "Kế hoạch thực hiện Chương trình OCOP tỉnh Lai Châu năm 2020", "number": "1234/KH-UBND",
                "issued_on": "2020-05-12", "kind": "plan", "unit_id": str(unit_id("Lai Châu"))}

    def publish(username, content=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", **changes):
        return people[username].post("/api/v1/documents", data={
            **document, **changes, "file": (BytesIO(content), "ke-hoach.pdf")}, content_type="multipart/form-data")

    assert publish("district").status_code == 403
    assert publish("producer").status_code == 403
    assert publish("province", kind="poem").status_code == 422
    assert publish("province", content=b"just text").status_code == 422
    response = publish("province")
    assert response.status_code == 201, response.json

    visitor = app.test_client()
    [listed] = visitor.get("/api/v1/public/documents").json["items"]
    assert (listed["number"], listed["kind"]) == ("1234/KH-UBND", "plan")
    assert visitor.get("/api/v1/public/documents?kind=guide").json["items"] == []
    assert visitor.get("/api/v1/public/documents?kind=x").status_code == 422
    download = visitor.get(listed["download_url"])
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    page = visitor.get("/library").get_data(as_text=True)
    assert document["title"] in page and "Đăng văn bản" not in page
    assert "Đăng văn bản" in people["province"].get("/library").get_data(as_text=True)
    assert people["district-2"].delete(f"/api/v1/documents/{listed['id']}").status_code == 403
    assert people["province"].delete(f"/api/v1/documents/{listed['id']}").status_code == 204
    assert visitor.get("/api/v1/public/documents").json["items"] == []


def test_the_survey_api_reads_a_page_at_a_time_and_counts_every_matching_row(app, people, unit_id):
    for n, producer in enumerate(["HTX Bình Lư", "htx bình lư ", "Hộ Lò Văn A", "Hộ Tao Văn B"]):
        item = {"year": 2020, "commune_id": unit_id(BINH_LU), "product_name": f"Sản phẩm {n}",
                "producer_name": producer}
        assert people["district"].post("/api/v1/survey-items", json=item).status_code == 201

    first = people["province"].get("/api/v1/survey-items?per_page=3").json
    found = people["province"].get("/api/v1/survey-items?per_page=3&page=2").json
    assert (found["total"], found["page"], found["per_page"]) == (4, 2, 3)
    assert sorted(item["product_name"] for item in first["items"] + found["items"]) == [
        f"Sản phẩm {n}" for n in range(4)]
    assert found["counts"] == {"Tam Đường": {"potential": 4, "contacted": 0, "dropped": 0, "case": 0,
                                             "products": 4, "producers": 3}}
    assert people["province"].get("/api/v1/survey-items?page=9").json["items"] == []
    lai_chau = people["province"].get(f"/api/v1/survey-items?province_id={unit_id('Lai Châu')}").json
    elsewhere = people["province"].get("/api/v1/survey-items?province_id=999999").json
    assert (lai_chau["total"], elsewhere["total"], elsewhere["counts"]) == (4, 0, {})
    for bad in ("per_page=0", "per_page=101", "page=0", "status=lost"):
        assert people["province"].get(f"/api/v1/survey-items?{bad}").status_code == 422, bad


def test_the_library_comes_a_page_at_a_time_in_the_same_statements_whatever_its_size(app, people, unit_id,
                                                                                     monkeypatch):
    """Newest first, each text with its issuing unit; the page's pager keeps the kind."""
    monkeypatch.setattr("service.library.routes.PER_PAGE", 2)
    units = ["Lai Châu", "Tam Đường", "Mường Tè", "Sìn Hồ", "Phong Thổ", "Than Uyên", "Tân Uyên", "Nậm Nhùn"]
    visitor = app.test_client()

    def publish(first, last):
        for day in range(first, last):
            response = people["province"].post("/api/v1/documents", data={
                "title": f"Văn bản {day}", "issued_on": f"2020-05-{day + 10}", "kind": "plan",
                "unit_id": str(unit_id(units[day])), "file": (BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\n"), "vb.pdf")},
                content_type="multipart/form-data")
            assert response.status_code == 201, response.json

    def statements(path):
        visitor.get(path)
        with statements_of(app) as sent:
            assert visitor.get(path).status_code == 200
        return len(sent)

    publish(0, 2)
    few = [statements("/library"), statements("/api/v1/public/documents")]
    publish(2, 8)
    assert [statements("/library"), statements("/api/v1/public/documents")] == few

    found = visitor.get("/api/v1/public/documents?per_page=3&page=2").json
    assert (found["total"], found["page"], found["per_page"]) == (8, 2, 3)
    assert [(item["title"], item["unit"]["name"]) for item in found["items"]] == [
        ("Văn bản 4", "Phong Thổ"), ("Văn bản 3", "Sìn Hồ"), ("Văn bản 2", "Mường Tè")]
    for bad in ("per_page=0", "page=0", "kind=poem"):
        assert visitor.get(f"/api/v1/public/documents?{bad}").status_code == 422, bad
    page = visitor.get("/library?kind=plan").get_data(as_text=True)
    assert "Trang 1 / 4 · 8 văn bản" in page and 'href="/library?kind=plan&amp;page=2" rel="next"' in page
    assert re.findall(r'>(Văn bản \d)</a>', page) == ["Văn bản 7", "Văn bản 6"]
    assert visitor.get("/library?page=5").status_code == 404


def test_an_administrator_chooses_the_issuer_s_province_first_among_several(people, unit_id, second_province):
    """An administrator publishes for any province or district: in a directory of several (a country has some seven
    hundred districts) the upload form asks for the province first, then offers its province and districts."""
    admin, điện_biên = people["admin"], second_province["province_id"]

    first = admin.get("/library").get_data(as_text=True)
    chosen = admin.get(f"/library?province_id={điện_biên}").get_data(as_text=True)
    unknown = admin.get("/library?province_id=999999")

    assert 'data-testid="province-step"' in first and 'name="unit_id"' not in first
    options = re.findall(r'<option value="(\d+)"', chosen.split('name="unit_id"')[1].split("</select>")[0])
    assert options == [str(điện_biên), str(second_province["district_id"])]
    assert unknown.status_code == 404 and 'data-testid="province-step"' in unknown.get_data(as_text=True)
    province = people["province"].get("/library").get_data(as_text=True)
    assert 'data-testid="province-step"' not in province
    assert f'<option value="{unit_id("Lai Châu")}"' in province and f'<option value="{điện_biên}"' not in province
