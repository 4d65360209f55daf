"""The dossier as a checklist: the documents of the case's rule set, uploads filed under an item,
and what the dossier checks see missing."""
import io

import pytest
from sqlalchemy import select

from service.auth.models import User
from service.directory.models import DocumentRequirement
from service.extensions import db
from tests.cycle import Cycle
from tests.web.support import csrf_token

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REQUIRED_2019 = ["phieu_dang_ky", "phuong_an_kinh_doanh", "mo_ta_chu_the", "dang_ky_kinh_doanh"]


@pytest.fixture
def case(people, unit_id):
    return Cycle(people, unit_id("Tam Đường/Bình Lư"))


def attach(client, case_id, name="ho-so.pdf", **fields):
    return client.post(f"/api/v1/cases/{case_id}/attachments", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(PDF), name), **fields})


def checklist(client, case_id):
    response = client.get(f"/api/v1/cases/{case_id}/checklist")
    assert response.status_code == 200, response.json
    return response.json


def test_a_2019_case_lists_the_2019_documents_required_first(case, people):
    body = checklist(people["district"], case.id)

    assert body["rule_set"] == "2019"
    codes = [item["code"] for item in body["items"]]
    assert codes[:4] == REQUIRED_2019 and "phieu_kiem_nghiem" in codes and "so_huu_tri_tue" in codes
    assert "tu_danh_gia" not in codes  # the self-assessment came with the 2023 rules
    assert [item["code"] for item in body["items"] if item["required"]] == REQUIRED_2019
    assert body["missing"] == REQUIRED_2019 and body["other"] == []
    first = body["items"][0]
    assert first["name_vi"].startswith("Phiếu đăng ký sản phẩm") and first["name_en"].startswith("Product registration")


def test_the_2023_and_2025_rules_add_the_self_assessment(app, demo):
    with app.app_context():
        required = {rule_set: db.session.scalars(
            select(DocumentRequirement.code).where(DocumentRequirement.rule_set == rule_set,
                                                   DocumentRequirement.required)
            .order_by(DocumentRequirement.position)).all() for rule_set in ("2019", "2023", "2025")}
    assert required["2019"] == REQUIRED_2019
    assert required["2023"] == required["2025"] == REQUIRED_2019 + ["tu_danh_gia"]


def test_an_upload_is_filed_under_its_item_and_the_item_is_no_longer_missing(case, people):
    response = attach(people["producer"], case.id, "phieu-dang-ky.pdf", item="phieu_dang_ky")
    assert response.status_code == 201, response.json
    assert response.json["item"] == "phieu_dang_ky"

    body = checklist(people["district"], case.id)
    registration = next(item for item in body["items"] if item["code"] == "phieu_dang_ky")
    assert [a["filename"] for a in registration["attachments"]] == ["phieu-dang-ky.pdf"]
    assert registration["missing"] is False
    assert body["missing"] == REQUIRED_2019[1:]
    listed = people["district"].get(f"/api/v1/cases/{case.id}/attachments").json
    assert [(a["filename"], a["item"]) for a in listed] == [("phieu-dang-ky.pdf", "phieu_dang_ky")]


def test_a_supporting_document_is_never_missing_and_an_upload_without_item_is_another_document(case, people):
    assert attach(people["producer"], case.id, "kiem-nghiem.pdf", item="phieu_kiem_nghiem").status_code == 201
    assert attach(people["producer"], case.id, "anh-san-pham.pdf").json["item"] is None
    assert attach(people["producer"], case.id, "ghi-chu.pdf", item="").json["item"] is None

    body = checklist(people["producer"], case.id)
    tests = next(item for item in body["items"] if item["code"] == "phieu_kiem_nghiem")
    assert (tests["required"], tests["missing"], len(tests["attachments"])) == (False, False, 1)
    assert [a["filename"] for a in body["other"]] == ["anh-san-pham.pdf", "ghi-chu.pdf"]
    assert body["missing"] == REQUIRED_2019


@pytest.mark.parametrize("item", ["khong_co", "tu_danh_gia", "x" * 51])
def test_an_item_outside_the_cases_rule_set_is_refused(case, people, item):
    response = attach(people["producer"], case.id, item=item)

    assert response.status_code == 422
    if len(item) <= 50:
        assert response.json["error"] == "invalid_item"
        assert response.json["message"] == (f"Mục “{item}” không có trong danh mục hồ sơ theo quy định 2019 / "
                                            f"“{item}” is not an item of the 2019 dossier checklist")
        assert "item" in response.json["details"]
    else:
        assert response.json["details"] == {"item": ["Longer than maximum length 50."]}
    assert people["producer"].get(f"/api/v1/cases/{case.id}/attachments").json == []


def test_an_unknown_form_field_is_refused(case, people):
    response = attach(people["producer"], case.id, category="phieu_dang_ky")
    assert response.status_code == 422 and "category" in response.json["details"]


def test_the_checklist_is_only_for_those_who_see_the_case(case, people):
    assert people["district-2"].get(f"/api/v1/cases/{case.id}/checklist").status_code == 404
    assert people["producer-2"].get(f"/api/v1/cases/{case.id}/checklist").status_code == 404
    assert attach(people["producer-2"], case.id, item="phieu_dang_ky").status_code == 404


def test_a_cooperative_group_is_not_asked_for_a_business_registration(app, client, auth, people, unit_id):
    client.post("/register", data={
        "entity_name": "Tổ hợp tác chè Sơn Bình", "entity_type": "cooperative_group",
        "commune_id": str(unit_id("Tam Đường/Bình Lư")), "business_registration_no": "", "username": "tht-son-binh",
        "full_name": "Lò Văn Bình", "email": "binh@example.vn", "password": "che-son-binh",
        "password_again": "che-son-binh", "csrf_token": csrf_token(client, "/register")})
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == "tht-son-binh"))
    commune = people["commune"]
    commune.post(f"/registrations/{user_id}/approve",
                 data={"csrf_token": csrf_token(commune, "/registrations")})
    group = Cycle({"producer": auth.login("tht-son-binh", "che-son-binh")}, unit_id("Tam Đường/Bình Lư"))

    body = checklist(people["district"], group.id)

    registration = next(item for item in body["items"] if item["code"] == "dang_ky_kinh_doanh")
    assert (registration["required"], registration["missing"]) == (False, False)
    assert body["missing"] == ["phieu_dang_ky", "phuong_an_kinh_doanh", "mo_ta_chu_the"]
