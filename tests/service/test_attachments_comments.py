"""Dossier documents and comments, visible to those who may see the case and nobody else."""
import io
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from tests.cycle import Cycle

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + b"\0" * 32


@pytest.fixture
def case(people, unit_id):
    return Cycle(people, unit_id("Tam Đường/Bình Lư"))


def attach(client, case, name, content):
    return client.post(f"/api/v1/cases/{case.id}/attachments", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(content), name)})


def test_a_producer_attaches_a_pdf_that_the_district_can_download(case, people):
    response = attach(people["producer"], case, "ke-hoach.pdf", PDF)
    assert response.status_code == 201, response.json
    body = response.json
    assert (body["content_type"], body["size"]) == ("application/pdf", len(PDF))
    assert len(body["sha256"]) == 64
    download = people["district"].get(f"/api/v1/cases/{case.id}/attachments/{body['id']}")
    assert download.status_code == 200 and download.data == PDF
    assert "attachment" in download.headers["Content-Disposition"]
    assert people["district-2"].get(f"/api/v1/cases/{case.id}/attachments/{body['id']}").status_code == 404
    assert [a["filename"] for a in people["commune"].get(f"/api/v1/cases/{case.id}/attachments").json] == ["ke-hoach.pdf"]


def test_images_are_accepted_by_content(case, people):
    assert attach(people["producer"], case, "anh.png", PNG).json["content_type"] == "image/png"


@pytest.mark.parametrize("name, content", [
    ("virus.pdf", b"MZ\x90\x00\x03" + b"\0" * 64),
    ("script.pdf", b"#!/bin/sh\nrm -rf /\n"),
    ("empty.pdf", b""),
])
def test_files_that_are_not_documents_are_refused_whatever_their_name(case, people, name, content):
    response = attach(people["producer"], case, name, content)
    assert response.status_code == 422 and response.json["error"] == "file_type_refused"


def test_a_file_over_the_limit_is_refused(case, people, app, monkeypatch):
    monkeypatch.setitem(app.config, "OCOP_MAX_ATTACHMENT_BYTES", 1024)
    response = attach(people["producer"], case, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 413
    assert people["producer"].get(f"/api/v1/cases/{case.id}/attachments").json == []


def test_an_upload_whose_transaction_fails_leaves_no_file_and_no_row(case, people, app, monkeypatch):
    def lose_the_race(*args, **kwargs):
        raise OperationalError("INSERT INTO audit_log", {}, Exception("database is locked"))

    monkeypatch.setattr("service.cases.attachments.record", lose_the_race)
    response = attach(people["producer"], case, "ke-hoach.pdf", PDF)

    assert response.status_code == 409, response.json
    assert list(Path(app.config["OCOP_ATTACHMENT_FOLDER"]).iterdir()) == []
    assert people["producer"].get(f"/api/v1/cases/{case.id}/attachments").json == []
    monkeypatch.undo()
    assert attach(people["producer"], case, "ke-hoach.pdf", PDF).status_code == 201
    assert len(list(Path(app.config["OCOP_ATTACHMENT_FOLDER"]).iterdir())) == 1


def test_comments_are_shared_with_those_who_see_the_case(case, people):
    posted = people["district"].post(f"/api/v1/cases/{case.id}/comments", json={"body": "Cần bổ sung ảnh sản phẩm"})
    assert posted.status_code == 201
    assert [c["body"] for c in people["producer"].get(f"/api/v1/cases/{case.id}/comments").json] == \
        ["Cần bổ sung ảnh sản phẩm"]
    assert people["producer-2"].get(f"/api/v1/cases/{case.id}/comments").status_code == 404
    assert people["producer-2"].post(f"/api/v1/cases/{case.id}/comments", json={"body": "x"}).status_code == 404
    assert people["district"].post(f"/api/v1/cases/{case.id}/comments", json={"body": ""}).status_code == 422
