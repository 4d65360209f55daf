"""What a case costs: a whole cycle through the service against SpiffWorkflow alone, a task's
completion, the statements each completion sends, the inbox at 1k and 100k cases.

Each function takes an application (`benchmarks.application.make_app`) on an empty database, built by the
migrations.
`benchmarks/__main__.py` prints the figures with their targets.
"""
import statistics
import time
from contextlib import contextmanager

from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import event, select

from service.cases.models import Case
from service.cases.operations import submit_idea
from service.councils.minutes import write_minutes
from service.councils.models import CouncilMinutes
from service.demo.seed import find_unit, find_user
from service.extensions import db
from service.process_models.operations import bundle_of, latest_version
from service.tasks.models import HumanTask
from service.tasks.operations import complete
from workflows.scripting import mean

from . import inbox
from .bulk import fill_cases

IDEA = {"product_name": "Miến dong", "product_group": "thuc_pham", "product_subgroup": "thuc_pham_che_bien",
        "description": "Miến dong Bình Lư", "entity_name": "HTX Nông nghiệp và Dịch vụ Bình Lư",
        "entity_type": "cooperative"}
SHEET = {"c_a": 29, "c_b": 21, "c_c": 33}  # options of the 2019 fallback sheet: 28 + 20 + 32 points
COUNCILS = {level: [f"{level}-chair", f"{level}-council-1", f"{level}-council-2"] for level in ("district", "province")}

# The 4-star path: (step, who, form data); council steps are completed by each scoring member.
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
THREE_TASKS = FOUR_STAR_PATH[:3]


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


def each_completion(path):
    for step, who, data in path:
        for username in (who if isinstance(who, list) else [who]):
            yield step, username, data


def service_cycle(path=FOUR_STAR_PATH):
    case_id = new_case()
    for step, username, data in each_completion(path):
        act(case_id, step, username, data)
    if path is FOUR_STAR_PATH:
        status = db.session.get(Case, case_id).status
        assert status == "completed", status


def spiff_cycle(bundle, path=FOUR_STAR_PATH):
    """The same diagram and path on SpiffWorkflow alone, in memory, with its default script engine."""
    members = {"district": [1, 2, 3], "province": [4, 5, 6], "national": [7, 8, 9]}
    engine = PythonScriptEngine(environment=TaskDataEnvironment({
        "council_members": lambda level: list(members[level]), "mean": mean,
        "council_result": lambda level, sheets: {
            "score": mean([sum(float(s[p]) for p in ("part_a", "part_b", "part_c")) for s in sheets]),
            "quorate": True, "out_of_line": [], "scored": [s["member"] for s in sheets]}}))
    workflow = BpmnWorkflow(bundle.spec, bundle.subprocess_specs, script_engine=engine)
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data.update({"idea": {**IDEA, "commune_id": 1}, "case": {"id": 1}, "review_sla": "P15D",
                          "max_returns": 5})
    workflow.do_engine_steps()
    for step, _, data in each_completion(path):
        task = next(t for t in workflow.get_tasks(state=TaskState.READY, manual=True)
                    if t.task_spec.bpmn_id == step)
        form = task.task_spec.extensions["properties"]["formJsonSchemaFilename"].removesuffix(".schema.json")
        task.data[form] = ({"reason": None, "part_a": 28, "part_b": 20, "part_c": 32, "total": 80,
                            "not_achieved": False, "member": task.data.get("council_member"), **data}
                           if step.endswith("_scoring") else {"reason": None, **data})
        task.run()
        workflow.do_engine_steps()
    if path is FOUR_STAR_PATH:
        assert workflow.is_completed()


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def cycle_times(app, cycles, path=FOUR_STAR_PATH):
    """(mean seconds of a cycle through the service, mean seconds of SpiffWorkflow alone)."""
    with app.app_context():
        bundle = bundle_of(latest_version())
        service_cycle(path)
        spiff_cycle(bundle, path)
        service = statistics.fmean(timed(lambda: service_cycle(path), cycles))
        spiff = statistics.fmean(timed(lambda: spiff_cycle(bundle, path), cycles))
    return service, spiff


def minutes_job_time(app):
    """Mean seconds of the background job that writes a council's minutes (the PDF, its row and its
    audit entry), over the minutes the cycles left to write."""
    with app.app_context():
        waiting = db.session.scalars(select(CouncilMinutes.id).where(CouncilMinutes.written_at.is_(None))).all()
        ids = iter(waiting)
        return statistics.fmean(timed(lambda: write_minutes(next(ids)), len(waiting)))


def completion_time(app, repeat):
    """Mean seconds of completing the commune's check on a fresh case."""
    with app.app_context():
        case_ids = iter([new_case() for _ in range(repeat)])
        return statistics.fmean(timed(
            lambda: act(next(case_ids), "commune_check_idea", "commune", {"decision": "forward"}), repeat))


@contextmanager
def statements():
    """The statements sent inside the block; rows inserted together count once (one statement on
    PostgreSQL, the same statement once per row on SQLite, in process)."""
    sent = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if not (sent and statement == sent[-1] and statement.startswith("INSERT")):
            sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def statements_per_completion(app):
    """The statements of each completion of the 4-star path, as the operation sends them with
    the user already signed in (what the tests assert adds 2 per request for signing in)."""
    counts = []
    with app.app_context():
        case_id = new_case()
        for step, username, data in each_completion(FOUR_STAR_PATH):
            task_id = open_task(case_id, step, username if step.endswith("_scoring") else None).id
            db.session.expire_all()
            user = find_user(username)
            assert user.role_assignments is not None
            with statements() as sent:
                complete(task_id, user, data)
                db.session.commit()
            counts.append(len(sent))
    return counts


def inbox_figures(app, size, repeat=40):
    """({(who, request): p95 seconds} of the inbox's requests, API and pages, `benchmarks.inbox.INBOX`; statements
    of the commune officer's page of 100 claimable tasks) with `size` cases in the database (`bulk.fill_cases`)."""
    with app.app_context():
        fill_cases(size)
    figures = {(username, path): inbox.p95(app, username, path, repeat)[0] / 1000 for username, path in inbox.INBOX}
    client = app.test_client()
    client.post("/api/v1/auth/login", json={"username": "commune", "password": "demo"})
    client.get("/api/v1/tasks?scope=claimable&per_page=100")
    with app.app_context(), statements() as sent:
        client.get("/api/v1/tasks?scope=claimable&per_page=100")
    return figures, len(sent)
