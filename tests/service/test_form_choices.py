"""Forms in the API as the web renders them: the start form and task forms with the directory's choices
(product groups, communes), a registered producer's entity from the account, and revisions checked
against the same choices as the idea."""
import re
from html import unescape

import pytest
from sqlalchemy import select

from service.admin.operations import assign_role, create_user
from service.auth.models import User
from service.cases.models import Case
from service.demo.seed import find_user
from service.directory.models import AdministrativeUnit, ProductGroup
from service.extensions import db
from tests.cycle import IDEA, Cycle
from tests.web.support import csrf_token

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


def test_the_start_form_offers_the_communes_of_its_province(people, newcomer, second_province):
    """With a second province in the directory: the producer's form (that of its entity's province, Lai Châu) offers
    Lai Châu's communes; the form of the other province, asked for, offers that province's; a newcomer, whose
    province nothing tells, is asked for it, since each province applies its own rule set."""
    province_id, commune_id = second_province["province_id"], second_province["commune_id"]

    own = people["producer"].get("/api/v1/forms/start").json["form"]["properties"]["commune_id"]
    other = people["producer"].get(f"/api/v1/forms/start?province_id={province_id}")
    unknown = newcomer.get("/api/v1/forms/start")
    newcomers = newcomer.get(f"/api/v1/forms/start?province_id={province_id}")

    assert set(own["enum"]) == second_province["lai_chau"]
    assert other.status_code == 200, other.json
    assert other.json["form"]["properties"]["commune_id"]["x-enum-titles"] == {str(commune_id): "Sa Lông, Mường Chà"}
    assert unknown.status_code == 422 and unknown.json["error"] == "province_required"
    assert "province_id" in unknown.json["details"] and " / " in unknown.json["message"]
    assert newcomers.json["form"]["properties"]["commune_id"]["enum"] == [commune_id]


def province_step(html):
    """[(value, label)] of the province choice a page asks for first, or None when it asks for none."""
    if 'data-testid="province-step"' not in html:
        return None
    markup = html[html.index('data-testid="province-step"'):html.index("</select>")]
    options = re.findall(r'<option value="([^"]*)">([^<]*)</option>', markup)
    return [(unescape(value), unescape(label)) for value, label in options]


def test_a_newcomer_chooses_the_province_before_the_idea_form(app, newcomer, second_province):
    """In a directory of several provinces the idea page of a producer without an entity asks for the province first,
    then lists that province's communes, and the idea it submits is a case of that province."""
    province_id, commune_id = second_province["province_id"], second_province["commune_id"]

    first = newcomer.get("/cases/new")
    chosen = newcomer.get(f"/cases/new?province_id={province_id}")
    unknown = newcomer.get("/cases/new?province_id=999999")
    not_a_number = newcomer.get("/cases/new?province_id=hai")

    assert first.status_code == 200
    assert {label for _, label in province_step(first.get_data(as_text=True))} == {"— Chọn —", "Điện Biên", "Lai Châu"}
    assert 'name="commune_id"' not in first.get_data(as_text=True)
    page = chosen.get_data(as_text=True)
    assert chosen.status_code == 200 and province_step(page) is None and "<strong>Điện Biên</strong>" in page
    assert rendered_choices(page, "commune_id") == [(str(commune_id), "Sa Lông, Mường Chà")]
    for refused in (unknown, not_a_number):
        assert refused.status_code == 404
        assert "Không có tỉnh này trong danh mục" in refused.get_data(as_text=True)
    path = f"/cases/new?province_id={province_id}"
    submitted = newcomer.post(path, data={**IDEA, "product_group": "tp", "product_subgroup": "tp_gao_ngu_coc",
                                          "commune_id": str(commune_id), "csrf_token": csrf_token(newcomer, path)})
    assert submitted.status_code == 302, submitted.get_data(as_text=True)
    with app.app_context():
        case = db.session.scalar(select(Case).order_by(Case.id.desc()))
        assert (case.province_id, case.commune_id) == (province_id, commune_id)


def test_registration_asks_for_the_province_before_the_communes(app, second_province):
    """In a directory of several provinces the registration page asks for the province first, then lists its
    communes, and registers the entity in the commune chosen there."""
    province_id, commune_id = second_province["province_id"], second_province["commune_id"]
    client = app.test_client()
    path = f"/register?province_id={province_id}"

    first = client.get("/register").get_data(as_text=True)
    chosen = client.get(path).get_data(as_text=True)
    response = client.post(path, data={
        "entity_name": "HTX Sa Lông", "entity_type": "cooperative", "commune_id": str(commune_id),
        "username": "htx-sa-long", "full_name": "Lò Văn Long", "email": "long@example.vn",
        "password": "sa-long-123", "password_again": "sa-long-123", "csrf_token": csrf_token(client, path)})

    assert {label for _, label in province_step(first)} == {"— Chọn —", "Điện Biên", "Lai Châu"}
    assert 'name="commune_id"' not in first and 'name="username"' not in first
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', chosen[chosen.index('id="commune_id"'):])
    assert options == [(str(commune_id), "Sa Lông, Mường Chà")]
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "htx-sa-long"))
        assert (user.entity.name, user.entity.commune_id) == ("HTX Sa Lông", commune_id)
