"""A product has many evaluations: the producer registers one of the entity's existing products or a
new one, and a product is counted once however often it is submitted."""
from sqlalchemy import event

from service.directory.models import Product
from tests.cycle import IDEA

BINH_LU = "Tam Đường/Bình Lư"


def start_form(people, username="producer"):
    response = people[username].get("/api/v1/forms/start")
    assert response.status_code == 200, response.json
    return response.json["form"]


def products_offered(people, username="producer"):
    """{product name: id} of the existing products the start form offers."""
    form = start_form(people, username)
    if "product_id" not in form["properties"]:
        return {}
    titles = form["properties"]["product_id"]["x-enum-titles"]
    return {title: int(product_id) for product_id, title in titles.items()}


def submit(people, body, username="producer", **headers):
    return people[username].post("/api/v1/cases", json=body, headers=headers)


def reject(people, case_id):
    for scope in ("claimable", "mine"):
        for task in people["commune"].get("/api/v1/tasks", query_string={"scope": scope}).json["items"]:
            if task["case_id"] == case_id:
                response = people["commune"].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {
                    "decision": "reject", "reason": "Chưa đủ điều kiện"}})
                assert response.status_code == 200, response.json
                return
    raise AssertionError(f"no commune check for case {case_id}")


def test_the_start_form_offers_the_entitys_own_products_with_their_fields(people):
    form = start_form(people)

    choice = form["properties"]["product_id"]
    assert "product_id" not in form["required"]
    assert list(products_offered(people)) == ["Miến dong Bình Lư"]
    [product_id] = choice["enum"]
    assert choice["x-product-fields"][str(product_id)] == {
        "product_name": "Miến dong Bình Lư", "product_group": "thuc_pham", "product_subgroup": "thuc_pham_che_bien",
        "description": None}
    assert list(products_offered(people, "producer-2")) == ["Mật ong Thanh Xuân"]


def test_a_product_submitted_twice_is_one_product(people, unit_id):
    miến_dong = products_offered(people)["Miến dong Bình Lư"]

    first = submit(people, {"product_id": miến_dong, "description": "Miến dong sợi nhỏ"})
    assert first.status_code == 201, first.json
    reject(people, first.json["id"])
    second = submit(people, {"product_id": miến_dong})

    assert second.status_code == 201, second.json
    assert first.json["product_id"] == second.json["product_id"] == miến_dong
    assert second.json["product_name"] == "Miến dong Bình Lư" and second.json["description"] == "Miến dong sợi nhỏ"
    assert list(products_offered(people)) == ["Miến dong Bình Lư"]
    version = people["producer"].get(f"/api/v1/cases/{second.json['id']}/file/idea/versions/1").json
    assert version["data"]["product_name"] == "Miến dong Bình Lư" and version["data"]["product_id"] == miến_dong
    assert version["data"]["product_group"] == "thuc_pham"


def test_a_product_chosen_as_a_whole_number_with_a_fraction_part_is_the_same_product(people):
    """The form accepts 7.0 for the whole number 7, so the product it registers is product 7, not a new one."""
    miến_dong = products_offered(people)["Miến dong Bình Lư"]

    response = submit(people, {"product_id": float(miến_dong)})

    assert response.status_code == 201, response.json
    assert response.json["product_id"] == miến_dong
    assert list(products_offered(people)) == ["Miến dong Bình Lư"]


def test_one_submission_of_a_new_product_makes_one_product(people, unit_id):
    response = submit(people, {**IDEA, "commune_id": unit_id(BINH_LU), "product_name": "Miến dong loại 2"},
                      **{"Idempotency-Key": "new-1"})
    again = submit(people, {**IDEA, "commune_id": unit_id(BINH_LU), "product_name": "Miến dong loại 2"},
                   **{"Idempotency-Key": "new-1"})

    assert response.status_code == again.status_code == 201 and again.json["id"] == response.json["id"]
    assert list(products_offered(people)) == ["Miến dong Bình Lư", "Miến dong loại 2"]


def test_a_product_with_a_case_still_running_is_not_submitted_again(people):
    miến_dong = products_offered(people)["Miến dong Bình Lư"]
    running = submit(people, {"product_id": miến_dong}, **{"Idempotency-Key": "again-1"})

    refused = submit(people, {"product_id": miến_dong})
    retried = submit(people, {"product_id": miến_dong}, **{"Idempotency-Key": "again-1"})

    assert refused.status_code == 422 and refused.json["error"] == "product_in_progress"
    assert running.json["reference"] in refused.json["message"] and " / " in refused.json["message"]
    assert running.json["reference"] in refused.json["details"]["product_id"][0]
    assert retried.status_code == 201 and retried.json["id"] == running.json["id"]
    assert people["producer"].get("/api/v1/cases").json["total"] == 1


def test_another_entitys_product_is_refused(people):
    mật_ong = products_offered(people, "producer-2")["Mật ong Thanh Xuân"]

    response = submit(people, {"product_id": mật_ong})

    assert response.status_code == 422 and response.json["error"] == "invalid_form"
    assert "product_id" in response.json["details"]
    assert submit(people, {"product_id": "một"}).status_code == 422
    assert people["producer"].get("/api/v1/cases").json["total"] == 0


def test_a_submission_reads_the_product_it_registers_not_every_product_of_the_entity(people, unit_id):
    for number in range(12):
        response = submit(people, {**IDEA, "commune_id": unit_id(BINH_LU), "product_name": f"Miến dong số {number}"})
        assert response.status_code == 201, response.json
    miến_dong = products_offered(people)["Miến dong Bình Lư"]
    loaded = []

    def count(product, _context):
        loaded.append(product.id)

    event.listen(Product, "load", count)
    try:
        registered = submit(people, {"product_id": miến_dong})
        new = submit(people, {**IDEA, "commune_id": unit_id(BINH_LU), "product_name": "Miến dong số 13"})
    finally:
        event.remove(Product, "load", count)

    assert registered.status_code == new.status_code == 201, (registered.json, new.json)
    assert set(loaded) <= {miến_dong}
    assert len(products_offered(people)) == 14
