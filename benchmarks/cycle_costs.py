"""What a case costs: a whole cycle through the service against SpiffWorkflow alone, the floor under any
service that saves the whole instance at each step, a task's completion, the statements each completion
sends, the inbox at 1k and 100k cases.

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
from sqlalchemy import event, select, update

import workflows
from service import clock
from service.cases.models import Case, WorkflowState
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
from .application import as_a_started_worker
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


MEMBERS = {"district": [1, 2, 3], "province": [4, 5, 6], "national": [7, 8, 9]}
FUNCTIONS = {  # the service's functions for scripts (`cases.progress.functions_for`), without a database
    "council_members": lambda level: list(MEMBERS[level]), "mean": mean,
    "council_result": lambda level, sheets: {
        "score": mean([sum(float(s[p]) for p in ("part_a", "part_b", "part_c")) for s in sheets]),
        "quorate": True, "out_of_line": [], "scored": [s["member"] for s in sheets]}}
START = {"idea": {**IDEA, "commune_id": 1}, "case": {"id": 1}, "review_sla": "P15D", "max_returns": 5}


def engine_form(step, data, member):
    """The form a step stores on the engine, as the service's validation leaves it."""
    if step.endswith("_scoring"):
        return {"reason": None, "part_a": 28, "part_b": 20, "part_c": 32, "total": 80, "not_achieved": False,
                "member": member, **data}
    return {"reason": None, **data}


def spiff_cycle(bundle, path=FOUR_STAR_PATH):
    """The same diagram and path on SpiffWorkflow alone, in memory, with its default script engine."""
    workflow = BpmnWorkflow(bundle.spec, bundle.subprocess_specs,
                            script_engine=PythonScriptEngine(environment=TaskDataEnvironment(FUNCTIONS)))
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data.update(START)
    workflow.do_engine_steps()
    for step, _, data in each_completion(path):
        task = next(t for t in workflow.get_tasks(state=TaskState.READY, manual=True)
                    if t.task_spec.bpmn_id == step)
        form = task.task_spec.extensions["properties"]["formJsonSchemaFilename"].removesuffix(".schema.json")
        task.data[form] = engine_form(step, data, task.data.get("council_member"))
        task.run()
        workflow.do_engine_steps()
    if path is FOUR_STAR_PATH:
        assert workflow.is_completed()


def floor_cycle(bundle, case_id, path=FOUR_STAR_PATH, restore=True):
    """The same diagram and path with nothing of the service but what saving the whole instance at each step
    costs: the engine's layer (`workflows.CaseWorkflow`, as the service runs it) and, per step, one transaction
    that reads the saved state, restores it, completes the task, serializes the instance and writes it back,
    through the same database and driver (SQLAlchemy Core, no ORM), into the state row of case `case_id`.
    `restore=False` keeps the instance in memory from step to step instead of reading and restoring it: the most
    a per-process cache of restored instances could save, were every request to find its case there."""
    def save(connection, workflow):
        connection.execute(update(WorkflowState).where(WorkflowState.case_id == case_id)
                           .values(state=workflow.dump()))

    workflow = workflows.CaseWorkflow.start(bundle, START, clock.now, FUNCTIONS)
    with db.engine.begin() as connection:
        save(connection, workflow)
    for step, _, data in each_completion(path):
        with db.engine.begin() as connection:
            if restore:
                state = connection.scalar(select(WorkflowState.state).where(WorkflowState.case_id == case_id)
                                          .with_for_update())
                workflow = workflows.CaseWorkflow.restore(bundle, state, clock.now, FUNCTIONS)
            task = next(task for task in workflow.human_tasks() if task.step == step)
            workflow.complete_task(task.id, engine_form(step, data, task.council_member))
            save(connection, workflow)
    if path is FOUR_STAR_PATH:
        assert workflow.completed


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def cycle_times(app, cycles, path=FOUR_STAR_PATH):
    """{"service": …, "spiff": …, "floor": …, "floor_in_memory": …}: mean seconds of a cycle through the service,
    of SpiffWorkflow alone and of the floor (`floor_cycle`, writing into the state row of a case the service
    started; restoring the instance at each step or not), each cycle of the four run in turn so that a change
    in the machine's speed touches them alike."""
    with app.app_context():
        bundle, case_id = bundle_of(latest_version()), new_case()
        cycle = {"service": lambda: service_cycle(path), "spiff": lambda: spiff_cycle(bundle, path),
                 "floor": lambda: floor_cycle(bundle, case_id, path),
                 "floor_in_memory": lambda: floor_cycle(bundle, case_id, path, restore=False)}
        for run in cycle.values():
            run()
        times = {name: [] for name in cycle}
        for _ in range(cycles):
            for name, run in cycle.items():
                times[name] += timed(run, 1)
    return {name: statistics.fmean(seconds) for name, seconds in times.items()}


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
    as_a_started_worker()
    figures = {(username, path): inbox.p95(app, username, path, repeat)[0] / 1000 for username, path in inbox.INBOX}
    client = app.test_client()
    client.post("/api/v1/auth/login", json={"username": "commune", "password": "demo"})
    client.get("/api/v1/tasks?scope=claimable&per_page=100")
    with app.app_context(), statements() as sent:
        client.get("/api/v1/tasks?scope=claimable&per_page=100")
    return figures, len(sent)
