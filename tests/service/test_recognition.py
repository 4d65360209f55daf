"""Recognition decisions: the office of a level recognises a batch of approved results of its
jurisdiction by a decision (number, date, signer) that it drafts, may edit, then publishes; each
product then gets its certificate dated on the decision. Through the API and the office's pages."""
import re

import pytest

from tests.cycle import Cycle, decision_fields, waiting
from tests.statements import statements_of

BINH_LU = "Tam Đường/Bình Lư"
DECISIONS = "/api/v1/recognition-decisions"


def approved(people, unit_id, name="Miến dong Bình Lư", totals=(80, 82, 78)):
    """A case of the demo producer whose province result waits for its decision."""
    case = Cycle(people, unit_id(BINH_LU), product_name=name)
    case.through_district_dossier().evaluate("district", [72, 76, 74])
    case.decide("province", "province_check_dossier", "complete")
    case.evaluate("province", list(totals))
    return case


@pytest.fixture
def batch(people, unit_id, once):
    """Three cases of the demo producer waiting for their decision, built once (`once`)."""
    def build():
        return [approved(people, unit_id, name).case for name in ("Miến dong Bình Lư", "Trà Oolong", "Mật ong bạc hà")]

    return [Cycle.resumed(people, case) for case in once(build)]


def draft(people, cases, username="province", **fields):
    return people[username].post(DECISIONS, json={**decision_fields(**{"decided_on": "2026-03-02", **fields}),
                                                  "case_ids": [case.id for case in cases]})


def test_the_office_s_lists_read_the_same_statements_whatever_their_rows(app, people, unit_id):
    """The waiting results and the decisions, on the page and through the API, each with its case, product,
    producer, units, decision and certificate, read as many statements for three results as for one; the
    decisions, which add up over the years, a page at a time."""
    lists = ["/recognition", "/api/v1/recognitions", DECISIONS]

    def statements():
        counts = {}
        for path in lists:
            people["province"].get(path)
            with statements_of(app) as sent:
                assert people["province"].get(path).status_code == 200, path
            counts[path] = len(sent)
        return counts

    first = approved(people, unit_id)
    assert draft(people, [first]).status_code == 201
    few = statements()
    others = [approved(people, unit_id, name) for name in ("Trà Oolong", "Mật ong bạc hà")]
    assert draft(people, others).status_code == 201

    assert len(people["province"].get("/api/v1/recognitions").json["items"]) == 3
    assert statements() == few
    newest, older = (people["province"].get(DECISIONS, query_string={"per_page": 1, "page": n}).json for n in (1, 2))
    assert (newest["total"], older["total"], older["page"]) == (2, 2, 2)
    assert newest["items"][0]["id"] > older["items"][0]["id"]
    assert people["province"].get("/recognition?page=2").status_code == 404


def test_a_batch_decision_recognises_several_products_and_dates_their_certificates(people, batch, clock):
    assert set(waiting(people)) == {case.id for case in batch}
    clock.advance(days=10)
    created = draft(people, batch, number="365/QĐ-UBND", decided_on="2026-03-10")
    assert created.status_code == 201, created.json
    decision = created.json
    assert (decision["published"], decision["certificates"], decision["issuer"]) == (False, [], "12")
    assert [r["case_id"] for r in decision["recognitions"]] == [case.id for case in batch]
    assert all(case.refresh()["awaiting_recognition"] for case in batch)

    published = people["province"].post(f"{DECISIONS}/{decision['id']}/publish")

    assert published.status_code == 200, published.json
    certificates = published.json["certificates"]
    assert [c["number"] for c in certificates] == [f"OCOP-12-2026-{n:04d}" for n in (1, 2, 3)]
    assert {(c["issued_on"], c["valid_until"]) for c in certificates} == {("2026-03-10", "2029-03-10")}
    assert {c["decision"]["number"] for c in certificates} == {"365/QĐ-UBND"}
    for case in batch:
        detail = case.refresh("producer")
        assert detail["awaiting_recognition"] is False and len(detail["certificates"]) == 1
    assert waiting(people) == {}
    assert people["province"].get(f"{DECISIONS}/{decision['id']}").json["published"] is True


def test_a_draft_is_edited_and_a_published_decision_is_not(people, batch):
    decision = draft(people, batch[:2]).json
    path = f"{DECISIONS}/{decision['id']}"
    edited = people["province"].put(path, json={**decision_fields(number="77/QĐ-UBND", decided_on="2026-03-02"),
                                                "case_ids": [batch[1].id, batch[2].id]})
    assert edited.status_code == 200, edited.json
    assert [r["case_id"] for r in edited.json["recognitions"]] == [batch[1].id, batch[2].id]
    assert waiting(people)[batch[0].id]["decision"] is None
    assert waiting(people)[batch[2].id]["decision"]["number"] == "77/QĐ-UBND"
    assert people["province"].post(f"{path}/publish").status_code == 200

    again = people["province"].put(path, json={**decision_fields(decided_on="2026-03-02"), "case_ids": [batch[0].id]})
    assert again.status_code == 409 and again.json["error"] == "decision_published"
    assert people["province"].post(f"{path}/publish").status_code == 409


def test_numbers_dates_and_cases_are_checked(people, batch, unit_id):
    first = draft(people, batch[:1], number="5/QĐ-UBND")
    assert first.status_code == 201
    same_number = draft(people, batch[1:2], number="5/QĐ-UBND")
    assert same_number.status_code == 422 and "number" in same_number.json["details"]
    future = draft(people, batch[1:2], decided_on="2026-03-03")
    assert future.status_code == 422 and "tương lai" in future.json["details"]["decided_on"][0]
    before_approval = draft(people, batch[1:2], decided_on="2026-03-01")
    assert before_approval.status_code == 422 and "decided_on" in before_approval.json["details"]
    in_another = draft(people, batch[:2])
    assert in_another.status_code == 409 and in_another.json["details"]["case_ids"] == [batch[0].id]
    running = Cycle(people, unit_id(BINH_LU))
    not_waiting = draft(people, [running])
    assert not_waiting.status_code == 422 and not_waiting.json["details"] == {"case_ids": [running.id]}
    for body in ({**decision_fields(decided_on="2026-03-02"), "case_ids": []},
                 {**decision_fields(decided_on="2026-03-02", signer_name="  "), "case_ids": [batch[2].id]},
                 {**decision_fields(decided_on="not a date"), "case_ids": [batch[2].id]}):
        assert people["province"].post(DECISIONS, json=body).status_code == 422


def test_only_the_office_of_the_level_and_jurisdiction_prepares_and_sees_decisions(people, batch):
    assert draft(people, batch[:1], username="producer").status_code == 403
    assert draft(people, batch[:1], username="province-chair").status_code == 403
    district = draft(people, batch[:1], username="district")
    assert district.status_code == 422, "the district office has no province-level results"
    national = draft(people, batch[:1], username="national")
    assert national.status_code == 422 and national.json["details"] == {"case_ids": [batch[0].id]}
    assert people["district-2"].get("/api/v1/recognitions").json["items"] == []
    decision = draft(people, batch[:1]).json
    for outsider in ("producer", "district", "national", "district-2"):
        assert people[outsider].get(f"{DECISIONS}/{decision['id']}").status_code == 404
        assert people[outsider].post(f"{DECISIONS}/{decision['id']}/publish").status_code == 404
    assert people["admin"].get(f"{DECISIONS}/{decision['id']}").status_code == 200
    assert people["admin"].post(f"{DECISIONS}/{decision['id']}/publish").status_code == 403


def csrf(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_the_office_ticks_waiting_results_drafts_and_publishes_a_decision_on_its_pages(people, batch):
    office = people["province"]
    menu = office.get("/inbox").get_data(as_text=True)
    assert 'href="/recognition"' in menu
    assert 'href="/recognition"' not in people["producer"].get("/inbox").get_data(as_text=True)
    assert people["producer"].get("/recognition").status_code == 404
    listing = office.get("/recognition").get_data(as_text=True)
    assert listing.count('data-testid="waiting-result"') == 3 and "Miến dong Bình Lư" in listing
    form = office.get(f"/recognition/decisions/new?case_id={batch[0].id}&case_id={batch[1].id}").get_data(as_text=True)
    assert form.count(" checked") == 2
    fields = {"csrf_token": csrf(form), "number": "88/QĐ-UBND", "decided_on": "2026-03-02",
              "signer_name": "Giàng A Tính", "signer_title": "KT. CHỦ TỊCH, PHÓ CHỦ TỊCH",
              "case_id": [str(batch[0].id), str(batch[1].id)]}
    refused = office.post("/recognition/decisions/new", data={**fields, "decided_on": "2026-04-01"})
    assert refused.status_code == 422 and "Ngày quyết định không thể ở tương lai" in refused.get_data(as_text=True)
    none_chosen = office.post("/recognition/decisions/new", data={**fields, "case_id": []})
    assert none_chosen.status_code == 422 and "Chọn ít nhất một sản phẩm." in none_chosen.get_data(as_text=True)
    created = office.post("/recognition/decisions/new", data=fields)
    assert created.status_code == 302
    page_url = created.headers["Location"]
    page = office.get(page_url).get_data(as_text=True)
    assert "Dự thảo" in page and page.count('data-testid="decision-recognition"') == 2
    confirm = office.get(f"{page_url}/publish").get_data(as_text=True)
    assert "2 sản phẩm dưới đây được cấp giấy chứng nhận ngày 02/03/2026" in confirm
    assert office.post(f"{page_url}/publish", data={"csrf_token": csrf(confirm)}).status_code == 302

    published = office.get(page_url).get_data(as_text=True)
    assert "Đã ban hành" in published and published.count('data-testid="certificate-pdf"') == 2
    assert 'data-testid="edit-decision"' not in published
    pdf = re.search(r'href="(/api/v1/certificates/\d+\.pdf)" data-testid="certificate-pdf"', published).group(1)
    assert office.get(pdf).mimetype == "application/pdf"
    edit = office.get(f"{page_url}/edit")
    assert edit.status_code == 302
    case_page = people["producer"].get(f"/cases/{batch[2].id}").get_data(as_text=True)
    assert "Chờ quyết định công nhận" in case_page
    listed = people["district"].get("/cases").get_data(as_text=True)
    assert listed.count('data-testid="awaiting-recognition"') == 1


def test_a_potential_five_star_result_shows_so_on_the_list_and_the_case_page(people, unit_id):
    case = approved(people, unit_id, totals=(93, 92, 91))
    [result] = waiting(people).values()
    assert result["potential_five"] is True and result["stars"] == 4
    assert "tiềm năng 5 sao" in people["province"].get("/recognition").get_data(as_text=True)
    page = people["producer"].get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Tỉnh công nhận 4 sao (tiềm năng 5 sao), chờ quyết định công nhận" in page
    case.recognise()
    certificate = case.case["certificates"][0]
    assert certificate["potential_five"] is True
    verification = people["producer"].get(certificate["verify_url"].replace("http://127.0.0.1:5000", ""))
    assert "tiềm năng 5 sao" in verification.get_data(as_text=True)
