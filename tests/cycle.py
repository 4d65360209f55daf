"""Drive OCOP cases through the public API, as the demo accounts would, in the programme's words."""
import itertools
from datetime import datetime, timedelta, timezone

IDEA = {
    "product_name": "Miến dong Bình Lư",
    "product_group": "thuc_pham",
    "product_subgroup": "thuc_pham_che_bien",
    "description": "Miến làm từ củ dong riềng của bà con Bình Lư",
    "entity_name": "HTX Nông nghiệp và Dịch vụ Bình Lư",
    "entity_type": "cooperative",
}
BUSINESS_PLAN = {"summary": "Mở rộng sản xuất miến dong", "target_market": "Lai Châu, Hà Nội",
                 "production_capacity": "20 tấn/năm", "investment_vnd": 500_000_000, "timeline": "2020-2021"}
DOSSIER = {"product_description": "Miến dong đóng gói 500g", "quality_standard": "TCCS 01:2020",
           "food_safety_certificate": True, "test_results_available": True}
COUNCILS = {  # the scoring members, the chair first (the councils' secretaries do not score)
    "district": ["district-chair", "district-council-1", "district-council-2"],
    "province": ["province-chair", "province-council-1", "province-council-2"],
    "national": ["national-council-1", "national-council-2", "national-council-3"],
}
DECIDERS = {"district": "district-chair", "province": "province-chair", "national": "national"}
OFFICES = {"district": "district", "province": "province", "national": "national"}  # who prepares the decisions
DECISION_NUMBERS = itertools.count(1)
VIETNAM = timezone(timedelta(hours=7))


def waiting(users, level="province", username=None):
    """{case id: recognition} of the results waiting for a decision, as the level's office lists them."""
    response = users[username or OFFICES[level]].get("/api/v1/recognitions", query_string={"level": level})
    assert response.status_code == 200, response.json
    return {item["case_id"]: item for item in response.json["items"]}


def decision_fields(number=None, decided_on=None, **fields):
    return {"number": number or f"{next(DECISION_NUMBERS)}/QĐ-UBND", "decided_on": decided_on,
            "signer_name": "Giàng A Tính", "signer_title": "KT. CHỦ TỊCH, PHÓ CHỦ TỊCH", **fields}


def recognise(users, case_ids, level="province", decided_on=None, number=None, username=None):
    """The office of `level` prepares a decision recognising the waiting results of these cases (dated, by
    default, the day the last of them was approved) and publishes it; returns the published decision."""
    office = users[username or OFFICES[level]]
    results = waiting(users, level, username)
    if decided_on is None:
        decided_on = max(datetime.fromisoformat(results[case_id]["approved_at"]).astimezone(VIETNAM).date()
                         for case_id in case_ids).isoformat()
    response = office.post("/api/v1/recognition-decisions",
                           json={**decision_fields(number, decided_on), "case_ids": list(case_ids)})
    assert response.status_code == 201, response.json
    published = office.post(f"/api/v1/recognition-decisions/{response.json['id']}/publish")
    assert published.status_code == 200, published.json
    return published.json


def sheet(form, total, not_met=False):
    """A council member's sheet on the task's form (built from its criteria sheet) whose chosen options add up
    to `total`: an option per criterion, bonus criteria at their lowest, mandatory ones met (failed, at 0
    points, when `not_met`)."""
    criteria = {name: spec for name, spec in form["properties"].items() if "x-points" in spec}
    reachable = {0: {}}  # points in hundredths -> the choices that reach them
    for name, spec in criteria.items():
        options = {int(option): round(points * 100) for option, points in spec["x-points"].items()
                   if not spec["x-mandatory"] or (points == 0) == not_met}
        if spec["x-bonus"]:
            options = {min(options, key=options.get): 0}
        reachable = {points + extra: {**chosen, name: option}
                     for points, chosen in reachable.items() for option, extra in options.items()}
    wanted = round(total * 100)
    assert wanted in reachable, f"no choice of options on this sheet adds up to {total}"
    return reachable[wanted]


def sheet_of(client, task_id, total, not_met=False):
    """`sheet(form, total, not_met)` on the form of the task `task_id`, as `client` reads it."""
    response = client.get(f"/api/v1/tasks/{task_id}")
    assert response.status_code == 200, response.json
    return sheet(response.json["form"], total, not_met)


class Cycle:
    """One case, moved step by step by the people whose task it is."""

    def __init__(self, users, commune_id, **idea):
        self.users = users
        response = users["producer"].post("/api/v1/cases", json={**IDEA, "commune_id": commune_id, **idea})
        assert response.status_code == 201, response.json
        self.case = response.json
        self.id = self.case["id"]

    @classmethod
    def resumed(cls, users, case):
        """The cycle of a case created before, `case` being the `case` it had then."""
        cycle = cls.__new__(cls)
        cycle.users, cycle.case, cycle.id = users, case, case["id"]
        return cycle

    def refresh(self, username="admin"):
        response = self.users[username].get(f"/api/v1/cases/{self.id}")
        assert response.status_code == 200, response.json
        self.case = response.json
        return self.case

    def recognise(self, level="province", decided_on=None, number=None):
        """The office of `level` recognises this case's waiting result by a decision of its own and publishes it."""
        decision = recognise(self.users, [self.id], level, decided_on, number)
        self.refresh()
        return decision

    def task(self, username, step):
        """The open task of this case at `step` in this user's inbox (mine or claimable)."""
        for scope in ("mine", "claimable"):
            response = self.users[username].get("/api/v1/tasks", query_string={"scope": scope, "step": step,
                                                                               "per_page": 100})
            assert response.status_code == 200, response.json
            for task in response.json["items"]:
                if task["case_id"] == self.id:
                    return task
        raise AssertionError(f"{username} has no {step} task for case {self.id}")

    def complete(self, username, step, data=None, expect=200):
        task = self.task(username, step)
        response = self.users[username].post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data or {}})
        assert response.status_code == expect, response.json
        return response

    def decide(self, username, step, decision, reason=None):
        return self.complete(username, step, {"decision": decision, **({"reason": reason} if reason else {})})

    def score(self, level, totals):
        for member, total in zip(COUNCILS[level], totals):
            self.score_sheet(member, level, total)

    def score_sheet(self, member, level, total, expect=200, not_met=False):
        """`member` fills their sheet at `level` with options adding up to `total` (failing the mandatory
        criteria when `not_met`)."""
        task = self.task(member, f"{level}_council_scoring")
        data = sheet_of(self.users[member], task["id"], total, not_met)
        return self.complete(member, f"{level}_council_scoring", data, expect)

    def through_district_dossier(self):
        self.decide("commune", "commune_check_idea", "forward")
        self.decide("district", "district_review_idea", "accept")
        self.complete("producer", "submit_business_plan", BUSINESS_PLAN)
        self.decide("district", "district_review_plan", "approve")
        self.complete("producer", "submit_dossier", DOSSIER)
        self.decide("district", "district_check_dossier", "complete")
        return self

    def evaluate(self, level, totals, decision="approve"):
        self.score(level, totals)
        self.decide(DECIDERS[level], f"{level}_{'decision' if level == 'national' else 'chair_decision'}",
                    decision, None if decision == "approve" else "Điểm các thành viên chênh lệch nhiều")
        return self
