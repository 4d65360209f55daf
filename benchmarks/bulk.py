"""A fast bulk loader of synthetic cases, for measuring lists and the inbox at province and nation scale.

    from benchmarks.bulk import fill_cases
    fill_cases(100_000)   # in an application context, on a database holding the demo data and the process

Each case is the demo producer's, in a commune taken in turn from every commune of the demo data, with one
completed task (the producer's idea) and, while active (9 cases in 10), one open task whose kind is taken in
turn: the commune's check (some claimed by the demo commune officer), the district's review, the producer's
revision, a district council member's score sheet, and the commune's check overdue and escalated to the
district office; one case in a hundred waits instead for the national office's decision (the cases the national
office sees are those that reached it). The rows are written by multi-row INSERTs of 5,000 cases (no ORM objects, no engine), then
ANALYZE refreshes the planner's statistics (on SQLite and on PostgreSQL, where VACUUM also marks the new rows
visible to every transaction, as autovacuum would after such an insert, so that counts read the indexes alone).
100,000 cases take about a minute on SQLite.
"""
from datetime import timedelta

from sqlalchemy import func, insert, select, text

from service import clock
from service.cases.models import Case
from service.demo.seed import find_user
from service.directory.models import AdministrativeUnit, Product
from service.extensions import db
from service.process_models.operations import latest_version
from service.tasks.models import HumanTask

BATCH = 5000


def _open_tasks(case, n, now, people):
    """The open task of the n-th case (a dict for HumanTask's INSERT), by kind taken in turn."""
    base = {"case_id": case["id"], "workflow_task_id": f"bulk-open-{case['id']}", "status": "open",
            "created_at": now, "version_id": 1, "due_at": now + timedelta(days=(n % 30) - 10)}
    if n % 100 == 50:
        return {**base, "step": "national_decision", "title": "Văn phòng OCOP quốc gia quyết định",
                "lane": "national_officer", "unit_id": None, "form_name": "national_decision"}
    kind = n % 5
    if kind == 0:
        return {**base, "step": "commune_check_idea", "title": "Xã kiểm tra ý tưởng", "lane": "commune_officer",
                "unit_id": case["commune_id"], "form_name": "commune_check_idea",
                "claimed_by_id": people["commune"] if n % 10 == 0 else None}
    if kind == 1:
        return {**base, "step": "district_review_idea", "title": "Huyện xem xét ý tưởng", "lane": "district_officer",
                "unit_id": case["district_id"], "form_name": "district_review_idea"}
    if kind == 2:
        return {**base, "step": "revise_idea_commune", "title": "Chủ thể bổ sung ý tưởng", "lane": "producer",
                "unit_id": None, "form_name": "revise_idea"}
    if kind == 3:
        return {**base, "step": "district_council_scoring", "title": "Thành viên hội đồng chấm điểm",
                "lane": "district_council", "unit_id": case["district_id"], "assignee_id": people["district-council-1"],
                "form_name": "criteria_sheet"}
    return {**base, "step": "commune_check_idea", "title": "Xã kiểm tra ý tưởng", "lane": "commune_officer",
            "unit_id": case["commune_id"], "form_name": "commune_check_idea", "due_at": now - timedelta(days=20),
            "escalated_at": now - timedelta(days=5), "escalated_to": "district_officer",
            "escalated_unit_id": case["district_id"]}


def fill_cases(target):
    """Inserts synthetic cases until `target` cases exist (see the module's text); returns how many it added."""
    have = db.session.scalar(select(func.count()).select_from(Case))
    if have >= target:
        return 0
    model, producer = latest_version(), find_user("producer")
    people = {name: find_user(name).id for name in ("commune", "district-council-1")}
    communes = db.session.scalars(select(AdministrativeUnit).where(AdministrativeUnit.level == "commune")
                                  .order_by(AdministrativeUnit.id)).all()
    now = clock.now()
    for start in range(have, target, BATCH):
        count = min(BATCH, target - start)
        products = db.session.execute(insert(Product).returning(Product.id, sort_by_parameter_order=True), [
            {"entity_id": producer.entity_id, "name": f"Sản phẩm thử {start + n}", "group_code": "thuc_pham",
             "created_at": now} for n in range(count)]).scalars().all()
        cases = []
        for n, product_id in enumerate(products):
            commune = communes[(start + n) % len(communes)]
            active = (start + n) % 10 != 9
            cases.append({"reference": f"BULK-{start + n:07d}", "product_id": product_id,
                          "entity_id": producer.entity_id, "commune_id": commune.id, "district_id": commune.parent_id,
                          "province_id": commune.parent.parent_id, "process_model_id": model.id,
                          "status": "active" if active else "rejected",
                          "current_step": "commune_check_idea" if active else None, "created_by_id": producer.id,
                          "created_at": now - timedelta(minutes=start + n), "updated_at": now, "version_id": 1})
        ids = db.session.execute(insert(Case).returning(Case.id, sort_by_parameter_order=True), cases).scalars().all()
        for case, case_id in zip(cases, ids, strict=True):
            case["id"] = case_id
        tasks = [{"case_id": case["id"], "workflow_task_id": f"bulk-done-{case['id']}", "step": "submit_idea",
                  "title": "Gửi ý tưởng", "lane": "producer", "status": "completed", "created_at": now,
                  "completed_at": now, "completed_by_id": producer.id, "version_id": 1} for case in cases]
        tasks += [_open_tasks(case, start + n, now, people) for n, case in enumerate(cases)
                  if case["status"] == "active"]
        keys = set().union(*tasks)
        db.session.execute(insert(HumanTask), [{key: task.get(key) for key in keys} for task in tasks])
        db.session.commit()
    # on PostgreSQL, VACUUM too, as autovacuum does after a large insert: until then no index-only scan is worth it
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE"))
    return target - have
