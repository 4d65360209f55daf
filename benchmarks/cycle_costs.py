"""What a case costs: honest figures, no targets.

    .venv/bin/python -m benchmarks.cycle_costs [--cycles 20] [--inbox-sizes 1000,100000]

Prints (a) the time of one complete OCOP cycle (the 4-star path: 16 human tasks) through the
service layer against SpiffWorkflow alone running the same diagram in memory, and their ratio;
(b) the cost of completing a task on a fresh case and on one that went through 5 return loops,
with the saved state's size; (c) inbox latency with 1k and 100k cases in the database.
Runs on a temporary SQLite database, or on DATABASE_URL when set (it must be an empty database).
"""
import argparse
import os
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import flask_migrate
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import func, insert, select

from config import DevelopmentConfig
from service import clock, create_app
from service.cases.models import Case, WorkflowState
from service.cases.operations import submit_idea
from service.demo.seed import find_unit, find_user, seed_demo_accounts, seed_reference_data
from service.directory.models import AdministrativeUnit, Product
from service.extensions import db
from service.process_models.operations import bundle_of, deploy_bundled_process_models, latest_version
from service.tasks.inbox import inbox
from service.tasks.models import HumanTask
from service.tasks.operations import complete
from workflows.scripting import mean

IDEA = {"product_name": "Miến dong", "product_group": "thuc_pham", "product_subgroup": "thuc_pham_che_bien",
        "description": "Miến dong Bình Lư", "entity_name": "HTX Nông nghiệp và Dịch vụ Bình Lư",
        "entity_type": "cooperative"}
SHEET = {"c_a": 29, "c_b": 21, "c_c": 33}  # options of the 2019 fallback sheet: 28 + 20 + 32 points
COUNCILS = {level: [f"{level}-council-{n}" for n in (1, 2, 3)] for level in ("district", "province")}

# The 4-star path: (step, who, form data); council steps are completed by each member.
FOUR_STAR_PATH = [
    ("commune_check_idea", "commune", {"decision": "forward"}),
    ("district_review_idea", "district", {"decision": "accept"}),
    ("submit_business_plan", "producer", {"summary": "Kế hoạch"}),
    ("district_review_plan", "district", {"decision": "approve"}),
    ("submit_dossier", "producer", {"product_description": "Hồ sơ"}),
    ("district_check_dossier", "district", {"decision": "complete"}),
    ("district_council_scoring", COUNCILS["district"], SHEET),
    ("district_chair_decision", "district-chair", {"decision": "approve"}),
    ("province_check_dossier", "province", {"decision": "complete"}),
    ("province_council_scoring", COUNCILS["province"], SHEET),
    ("province_chair_decision", "province-chair", {"decision": "approve"}),
]


def make_app():
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/benchmark.sqlite"
    settings = type("BenchmarkConfig", (DevelopmentConfig,), {
        "SQLALCHEMY_DATABASE_URI": url, "OCOP_PASSWORD_HASH": "pbkdf2:sha256:1",
        "OCOP_ATTACHMENT_FOLDER": tempfile.mkdtemp()})
    app = create_app(settings)
    with app.app_context():
        flask_migrate.upgrade(directory=str(Path(__file__).parents[1] / "migrations"))
        seed_reference_data()
        seed_demo_accounts()
        deploy_bundled_process_models()
        db.session.commit()
    return app


def open_task(case_id, step, username=None):
    statement = select(HumanTask).where(HumanTask.case_id == case_id, HumanTask.step == step,
                                        HumanTask.status == "open")
    if username is not None:
        statement = statement.where(HumanTask.assignee_id == find_user(username).id)
    return db.session.scalars(statement.order_by(HumanTask.id)).first()


def act(case_id, step, username, data):
    complete(open_task(case_id, step, username if step.endswith("_scoring") else None).id, find_user(username), data)
    db.session.commit()


def new_case():
    commune = find_unit("Tam Đường/Bình Lư")
    case, _ = submit_idea(find_user("producer"), {**IDEA, "commune_id": commune.id})
    db.session.commit()
    return case.id


def service_cycle():
    case_id = new_case()
    for step, who, data in FOUR_STAR_PATH:
        for username in (who if isinstance(who, list) else [who]):
            act(case_id, step, username, data)
    status = db.session.get(Case, case_id).status
    assert status == "completed", status


def spiff_cycle(bundle):
    """The same diagram and path on SpiffWorkflow alone, in memory, with its default script engine."""
    members = {"district": [1, 2, 3], "province": [4, 5, 6], "national": [7, 8, 9]}
    engine = PythonScriptEngine(environment=TaskDataEnvironment(
        {"council_members": lambda level: list(members[level]), "mean": mean}))
    workflow = BpmnWorkflow(bundle.spec, bundle.subprocess_specs, script_engine=engine)
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data.update({"idea": {**IDEA, "commune_id": 1}, "case": {"id": 1}, "review_sla": "P15D",
                          "max_returns": 5})
    workflow.do_engine_steps()
    for step, who, data in FOUR_STAR_PATH:
        for _ in (who if isinstance(who, list) else [who]):
            task = next(t for t in workflow.get_tasks(state=TaskState.READY, manual=True)
                        if t.task_spec.bpmn_id == step)
            form = task.task_spec.extensions["properties"]["formJsonSchemaFilename"].removesuffix(".schema.json")
            task.data[form] = {"reason": None, **data}
            task.run()
            workflow.do_engine_steps()
    assert workflow.is_completed()


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def figure(times):
    return f"mean {statistics.fmean(times) * 1000:8.2f} ms  median {statistics.median(times) * 1000:8.2f} ms"


def cycle_ratio(app, cycles):
    with app.app_context():
        bundle = bundle_of(latest_version())
        service_cycle()
        spiff_cycle(bundle)
        service_times = timed(service_cycle, cycles)
        spiff_times = timed(lambda: spiff_cycle(bundle), cycles)
    print(f"(a) one complete cycle, 4-star path, {cycles} runs")
    print(f"    service layer (validate, engine, tasks, audit, SQL)  {figure(service_times)}")
    print(f"    SpiffWorkflow alone in memory                         {figure(spiff_times)}")
    print(f"    ratio service / engine alone: {statistics.fmean(service_times) / statistics.fmean(spiff_times):.1f}x")


def fill_cases(target):
    """Bulk-insert synthetic cases, each with one open commune task, spread over every commune of
    the demo data, until `target` cases exist."""
    have = db.session.scalar(select(func.count()).select_from(Case))
    if have >= target:
        return
    model, producer = latest_version(), find_user("producer")
    communes = db.session.scalars(select(AdministrativeUnit).where(AdministrativeUnit.level == "commune")
                                  .order_by(AdministrativeUnit.id)).all()
    now = clock.now()
    batch = 5000
    for start in range(have, target, batch):
        count = min(batch, target - start)
        products = db.session.execute(insert(Product).returning(Product.id), [
            {"entity_id": producer.entity_id, "name": f"Sản phẩm {start + n}", "group_code": "thuc_pham",
             "created_at": now} for n in range(count)]).scalars().all()
        rows = []
        for n, product_id in enumerate(products):
            commune = communes[(start + n) % len(communes)]
            rows.append({"reference": f"BENCH-{start + n:07d}", "product_id": product_id,
                         "entity_id": producer.entity_id, "commune_id": commune.id, "district_id": commune.parent_id,
                         "province_id": commune.parent.parent_id, "process_model_id": model.id, "status": "active",
                         "current_step": "commune_check_idea", "created_by_id": producer.id, "created_at": now,
                         "updated_at": now, "version_id": 1})
        case_ids = db.session.execute(insert(Case).returning(Case.id), rows).scalars().all()
        db.session.execute(insert(HumanTask), [
            {"case_id": case_id, "workflow_task_id": f"bench-{case_id}", "step": "commune_check_idea",
             "title": "Xã kiểm tra ý tưởng", "lane": "commune_officer", "unit_id": row["commune_id"],
             "status": "open", "form_name": "commune_check_idea", "created_at": now, "version_id": 1,
             "due_at": now + timedelta(days=(case_id % 30) - 10)}
            for case_id, row in zip(case_ids, rows)])
        db.session.commit()


def inbox_latency(app, sizes):
    print("(c) inbox latency (claimable tab, first page of 25, with the tab counts)")
    with app.app_context():
        for size in sizes:
            fill_cases(size)
            officer = find_user("commune")
            inbox(officer, scope="claimable")
            times = timed(lambda: inbox(officer, scope="claimable"), 20)
            client = app.test_client()
            client.post("/api/v1/auth/login", json={"username": "commune", "password": "demo"})
            http_times = timed(lambda: client.get("/api/v1/tasks?scope=claimable"), 20)
            total = inbox(officer, scope="claimable")[0].total
            print(f"    {size:>7} cases ({total} claimable by the commune officer): query {figure(times)};"
                  f" GET /api/v1/tasks {figure(http_times)}")


def completion_cost(app, repeat):
    print(f"(b) completing the commune check, {repeat} cases each")
    with app.app_context():
        for loops in (0, 5):
            case_ids = []
            for _ in range(repeat):
                case_id = new_case()
                for _ in range(loops):
                    act(case_id, "commune_check_idea", "commune", {"decision": "return", "reason": "Bổ sung"})
                    act(case_id, "revise_idea_commune", "producer", {"product_name": "Miến dong", "response": "Đã sửa"})
                case_ids.append(case_id)
            sizes = [len(db.session.get(WorkflowState, case_id).state) for case_id in case_ids]
            ids = iter(case_ids)
            times = timed(lambda: act(next(ids), "commune_check_idea", "commune", {"decision": "forward"}), repeat)
            label = "fresh case" if loops == 0 else f"after {loops} return loops"
            print(f"    {label:<22} {figure(times)}; saved state {statistics.fmean(sizes) / 1024:6.1f} KB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--inbox-sizes", default="1000,100000")
    parser.add_argument("--completions", type=int, default=20)
    args = parser.parse_args()
    app = make_app()
    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split('://')[0]}")
    cycle_ratio(app, args.cycles)
    completion_cost(app, args.completions)
    inbox_latency(app, [int(size) for size in args.inbox_sizes.split(",")])


if __name__ == "__main__":
    main()
