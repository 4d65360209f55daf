"""Forms in the API as the web renders them: the start form and task forms with the directory's choices
(product groups, communes), a registered producer's entity from the account, and revisions checked
against the same choices as the idea."""
import re
from html import unescape

import pytest
from sqlalchemy import select

from service.admin.operations import assign_role, create_user
from service.demo.seed import find_user
from service.directory.models import AdministrativeUnit, ProductGroup
from service.extensions import db
from tests.cycle import IDEA, Cycle

BINH_LU = "Tam Đường/Bình Lư"
OWN_FIELDS = {"entity_name", "entity_type", "commune_id"}


@pytest.fixture
def newcomer(app, auth, people):
    """A producer account without a registered entity, as an administrator creates one."""
    with app.app_context():
        admin = find_user("admin")
        user = create_user("ho-moi", "Hộ Mới", None, "ho-moi-123", admin)
        assign_role(user, "producer", None, admin)
        db.session.commit()
    return auth.login("ho-moi", "ho-moi-123")


def rendered_choices(html, name):
    """[(value, label)] of a field's select options or radio buttons on a page."""
    start = html.index(f'data-field="{name}"')
    end = html.find('class="schema-field"', start)
    markup = html[start:end if end != -1 else len(html)]
    pairs = re.findall(r'(?:<option value="([^"]+)"[^>]*>([^<]*)</option>)|'
                       r'(?:<input type="radio" name="[^"]+" value="([^"]+)"[^>]*>\s*([^<]*?)\s*</label>)', markup)
    return [(unescape(option or radio), unescape((label or radio_label).strip()))
            for option, label, radio, radio_label in pairs]


def vietnamese(title):
    return title.partition(" / ")[0]


def test_the_start_form_publishes_the_choices_the_page_renders(app, newcomer):
    response = newcomer.get("/api/v1/forms/start")

    assert response.status_code == 200
    form = response.json["form"]
    assert response.json["rule_set"] == "2019" and set(form["required"]) >= OWN_FIELDS
    page = newcomer.get("/cases/new").get_data(as_text=True)
    for name in ("product_group", "product_subgroup", "commune_id"):
        spec = form["properties"][name]
        published = [(str(value), vietnamese(spec["x-enum-titles"][str(value)])) for value in spec["enum"]]
        assert published == rendered_choices(page, name), name
    with app.app_context():
        groups = set(db.session.scalars(select(ProductGroup.code).where(ProductGroup.parent_id.is_(None),
                                                                        ProductGroup.rule_set == "2019")))
        communes = set(db.session.scalars(select(AdministrativeUnit.id).where(AdministrativeUnit.level == "commune")))
    assert set(form["properties"]["product_group"]["enum"]) == groups
    assert set(form["properties"]["commune_id"]["enum"]) == communes


def test_a_registered_producer_gets_its_entity_as_defaults(people, unit_id):
    form = people["producer"].get("/api/v1/forms/start").json["form"]

    assert not OWN_FIELDS & set(form["required"])
    assert form["properties"]["entity_name"]["default"] == "HTX Nông nghiệp và Dịch vụ Bình Lư"
    assert form["properties"]["commune_id"]["default"] == unit_id(BINH_LU)


def test_a_registered_producer_submits_an_idea_without_its_entity(app, people, unit_id):
    idea = {name: value for name, value in IDEA.items() if name not in OWN_FIELDS}
    response = people["producer"].post("/api/v1/cases", json=idea)

    assert response.status_code == 201, response.json
    assert response.json["commune"]["id"] == unit_id(BINH_LU)
    with app.app_context():
        assert response.json["entity_name"] == find_user("producer").entity.name
    elsewhere = people["producer"].post("/api/v1/cases", json={**idea, "commune_id": unit_id("Than Uyên/Mường Mít")})
    assert elsewhere.status_code == 422 and "commune_id" in elsewhere.json["details"]


def test_a_producer_without_an_entity_must_name_it(newcomer):
    idea = {name: value for name, value in IDEA.items() if name not in OWN_FIELDS}
    response = newcomer.post("/api/v1/cases", json=idea)

    assert response.status_code == 422
    assert OWN_FIELDS <= set(response.json["details"])


@pytest.mark.parametrize("changes, field", [
    ({"product_group": "vu_khi"}, "product_group"),
    ({"product_group": "do_uong"}, "product_subgroup"),  # the idea's sub-group is of another group
    ({"product_subgroup": "khong_co"}, "product_subgroup"),
])
def test_an_idea_outside_the_rule_sets_groups_is_refused(people, unit_id, changes, field):
    response = people["producer"].post("/api/v1/cases", json={**IDEA, "commune_id": unit_id(BINH_LU), **changes})

    assert response.status_code == 422 and list(response.json["details"]) == [field]


@pytest.fixture
def returned(people, unit_id):
    case = Cycle(people, unit_id(BINH_LU))
    case.decide("commune", "commune_check_idea", "return", "Ghi rõ nhóm sản phẩm")
    return case


def test_the_revise_form_carries_the_start_forms_group_choices(returned, people):
    task = returned.task("producer", "revise_idea_commune")
    form = people["producer"].get(f"/api/v1/tasks/{task['id']}").json["form"]
    start = people["producer"].get("/api/v1/forms/start").json["form"]

    for name in ("product_group", "product_subgroup"):
        assert form["properties"][name]["enum"] == start["properties"][name]["enum"]
        assert form["properties"][name]["x-enum-titles"] == start["properties"][name]["x-enum-titles"]


@pytest.mark.parametrize("changes, field", [
    ({"product_group": "vu_khi"}, "product_group"),
    ({"product_subgroup": "khong_co"}, "product_subgroup"),
    ({"product_subgroup": "do_uong_co_con"}, "product_subgroup"),  # the product stays a food, this is a drink's
])
def test_a_revision_outside_the_rule_sets_groups_is_refused(returned, people, changes, field):
    task = returned.task("producer", "revise_idea_commune")
    response = people["producer"].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {
        "product_name": "Miến dong Bình Lư", "response": "Đã sửa", **changes}})

    assert response.status_code == 422
    assert list(response.json["details"]) == [field] and " / " in response.json["details"][field][0]


def test_a_revision_within_the_groups_goes_on(returned, people):
    returned.complete("producer", "revise_idea_commune", {
        "product_name": "Miến dong Bình Lư", "product_group": "do_uong", "product_subgroup": "do_uong_co_con",
        "response": "Chuyển sang nhóm đồ uống"})

    assert returned.refresh()["current_step"] == "commune_check_idea"


def test_no_start_form_before_a_process_is_deployed(auth, demo):
    response = auth.login("producer").get("/api/v1/forms/start")

    assert response.status_code == 404 and response.json["error"] == "no_process_model"


def test_the_start_form_offers_the_communes_of_its_province(app, people, newcomer):
    """With a second province in the directory: the producer's form (that of its entity's province, Lai Châu) offers
    Lai Châu's communes; the form of the other province, asked for, offers that province's; a newcomer's, whose
    province nothing tells, every commune, as its page does."""
    with app.app_context():
        lai_chau = set(db.session.scalars(select(AdministrativeUnit.id).where(AdministrativeUnit.level == "commune")))
        province = AdministrativeUnit(code="11", name="Điện Biên", level="province")
        district = AdministrativeUnit(name="Mường Chà", level="district", parent=province)
        commune = AdministrativeUnit(name="Sa Lông", level="commune", parent=district)
        db.session.add_all([province, district, commune])
        db.session.commit()
        province_id, commune_id = province.id, commune.id

    own = people["producer"].get("/api/v1/forms/start").json["form"]["properties"]["commune_id"]
    other = people["producer"].get(f"/api/v1/forms/start?province_id={province_id}")
    everywhere = newcomer.get("/api/v1/forms/start").json["form"]["properties"]["commune_id"]
    page = newcomer.get("/cases/new").get_data(as_text=True)

    assert set(own["enum"]) == lai_chau
    assert other.status_code == 200, other.json
    assert other.json["form"]["properties"]["commune_id"]["x-enum-titles"] == {str(commune_id): "Sa Lông, Mường Chà"}
    assert set(everywhere["enum"]) == lai_chau | {commune_id}
    assert {int(value) for value, _ in rendered_choices(page, "commune_id")} == lai_chau | {commune_id}
