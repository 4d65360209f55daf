"""Every list reads a page in a fixed number of SQL statements, whatever the page's size: the inbox (API and page,
every tab), the case list (API, the officials' page, the producer's "my cases"), notifications, the audit log and the
survey's inventory (page and API)."""
import pytest

from tests.cycle import Cycle
from tests.statements import statements_of


@pytest.fixture
def thirteen(people, unit_id):
    """Thirteen ideas from Bình Lư: the commune forwards six to the district and claims six of the others."""
    cases = [Cycle(people, unit_id("Tam Đường/Bình Lư"), product_name=f"Sản phẩm {n}") for n in range(13)]
    for case in cases[:6]:
        case.decide("commune", "commune_check_idea", "forward")
    for case in cases[6:12]:
        task = case.task("commune", "commune_check_idea")
        assert people["commune"].post(f"/api/v1/tasks/{task['id']}/claim").status_code == 200
    return cases


def statements_for(app, client, path):
    client.get(path)  # caches warmed: the session's role levels, the process's steps
    with statements_of(app) as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(statements), response


PAGED = [  # (who, path with the page size n, how many rows a page of 100 holds)
    ("commune", "/api/v1/tasks?scope=mine&per_page={n}", 6),
    ("district", "/api/v1/tasks?scope=claimable&per_page={n}", 6),
    ("district", "/api/v1/tasks?scope=all-visible&per_page={n}", 13),
    ("admin", "/api/v1/tasks?scope=all-visible&status=completed&per_page={n}", 6),
    ("district", "/api/v1/cases?per_page={n}", 13),
    ("district", "/cases?per_page={n}", 13),
    ("producer", "/cases?per_page={n}", 13),
    ("district", "/cases.xlsx?per_page={n}", 13),
]


def test_a_page_of_5_and_a_page_of_100_take_the_same_statements(app, thirteen, people):
    differences = {}
    for username, path, rows in PAGED:
        five, response = statements_for(app, people[username], path.format(n=5))
        hundred, full = statements_for(app, people[username], path.format(n=100))
        if path.startswith("/api/"):
            assert (len(response.json["items"]), len(full.json["items"])) == (5, rows), path
        if five != hundred:
            differences[f"{username} {path}"] = (five, hundred)
    assert differences == {}


@pytest.mark.parametrize("username, path", [
    ("commune", "/inbox?tab=mine"), ("district", "/inbox?tab=claimable"), ("district", "/inbox?tab=all-visible"),
    ("commune", "/notifications"), ("admin", "/admin/audit"),
])
def test_a_page_with_two_rows_and_a_page_with_ten_take_the_same_statements(app, people, unit_id, username, path):
    def ideas():
        """One idea the commune claims, one it forwards to the district."""
        claimed = Cycle(people, unit_id("Tam Đường/Bình Lư"))
        task = claimed.task("commune", "commune_check_idea")
        assert people["commune"].post(f"/api/v1/tasks/{task['id']}/claim").status_code == 200
        Cycle(people, unit_id("Tam Đường/Bình Lư")).decide("commune", "commune_check_idea", "forward")

    ideas()
    two, _ = statements_for(app, people[username], path)
    for _ in range(4):
        ideas()
    ten, _ = statements_for(app, people[username], path)
    assert ten == two


@pytest.mark.parametrize("username, path", [("district", "/survey"), ("admin", "/survey"),
                                            ("province", "/api/v1/survey-items?per_page=100")])
def test_the_survey_reads_two_rows_and_ten_in_the_same_statements(app, people, unit_id, username, path):
    """Each row with its commune, district and case; the cases it may be linked to, with their products and
    entities; the counts per district."""
    communes = ["Bình Lư", "Sơn Bình", "Bản Giang", "Bản Hon", "Nà Tăm", "Hồ Thầu", "Khun Há", "Nùng Nàng",
                "Giang Ma", "Tả Lèng"]
    cases = [Cycle(people, unit_id("Tam Đường/Bình Lư")) for _ in range(2)]

    def rows(first, last):
        """Rows of as many communes, the first of them linked to a case."""
        for n in range(first, last):
            item = {"year": 2020, "commune_id": unit_id(f"Tam Đường/{communes[n]}"), "product_name": f"Sản phẩm {n}",
                    "producer_name": f"Hộ {n}"}
            response = people["district"].post("/api/v1/survey-items", json=item)
            assert response.status_code == 201
            if n in (0, 2):
                linked = people["district"].post(f"/api/v1/survey-items/{response.json['id']}/case",
                                                 json={"case_id": cases[n // 2].id})
                assert linked.status_code == 200, linked.json

    rows(0, 2)
    unlinked = {"year": 2020, "commune_id": unit_id("Tam Đường/Bình Lư"), "product_name": "Sản phẩm chưa gắn",
                "producer_name": "Hộ Bình Lư"}
    assert people["district"].post("/api/v1/survey-items", json=unlinked).status_code == 201
    two, _ = statements_for(app, people[username], path)  # Bình Lư's second case offered to that row
    rows(2, 10)
    for _ in range(3):
        Cycle(people, unit_id("Tam Đường/Bình Lư"))
    ten, response = statements_for(app, people[username], path)  # the three new ones, each of its own product
    assert ten == two
    if path.startswith("/api/"):
        assert len(response.json["items"]) == 11
