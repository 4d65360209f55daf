"""Process versions: deploy one after checking it, and find the runnable bundle of a version.

Versions are immutable once stored: a new upload is a new version of a chosen rule set, new cases
start on the latest active version of the rule set in force in their province (`rule_sets`), running
cases stay on the version they started on.
"""
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

import workflows

from ..audit.log import record
from ..cases.models import Case
from ..auth.models import Role
from ..errors import Unprocessable
from ..extensions import db
from ..forms.validation import form_problems
from .models import ProcessModel, ProcessModelFile
from .rule_sets import RULE_SETS

BUNDLED_FOLDER = Path(__file__).resolve().parents[2] / "bpmn"
FORM_FOLDER = "forms/"
DEFAULT_KEY = "ocop_cycle"


def read_folder(folder):
    """A version folder of bpmn/ as {relative name: bytes}."""
    folder = Path(folder)
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def check_files(files):
    """(bundle, problems as dicts): the engine's checks, then the forms' checks; messages "Tiếng Việt / English"."""
    roles = set(db.session.scalars(select(Role.code)))
    bundle, problems = workflows.check_bundle(files, roles)
    problems = [problem.as_dict() for problem in problems]
    if bundle is not None:
        for name, schema in bundle.forms.items():
            problems += [{"file": f"{FORM_FOLDER}{name}.schema.json", "element": None, "line": None,
                          "message": message} for message in form_problems(name, schema)]
    if bundle is not None and bundle.form(bundle.start_form or "") is None:
        problems.append({"file": None, "element": None, "line": None,
                         "message": "sự kiện bắt đầu chưa có biểu mẫu: thêm thuộc tính mở rộng "
                                    "formJsonSchemaFilename ghi tên một tệp trong thư mục forms / the start "
                                    "event has no form: give it the extension property formJsonSchemaFilename "
                                    "naming a file under forms/"})
    return (None if problems else bundle), problems


def versions_listed(key=None, rule_set=None):
    """The SELECT of the process versions (of `key`, of `rule_set` when given), by key, the latest rule set first
    and each rule set's newest version first, each with its author and its files' names (not their contents,
    a version's diagrams and forms), whatever the number of versions."""
    statement = (select(ProcessModel)
                 .options(joinedload(ProcessModel.created_by),
                          selectinload(ProcessModel.files).load_only(ProcessModelFile.name))
                 .order_by(ProcessModel.key, ProcessModel.rule_set.desc(), ProcessModel.version.desc()))
    if key is not None:
        statement = statement.where(ProcessModel.key == key)
    if rule_set is not None:
        statement = statement.where(ProcessModel.rule_set == rule_set)
    return statement


def running_cases_per_version():
    """{process version id: number of cases still running on it (active or waiting on an incident)}."""
    return dict(db.session.execute(select(Case.process_model_id, func.count())
                                   .where(Case.status.in_(("active", "incident")))
                                   .group_by(Case.process_model_id)).all())


def deploy(files, key=DEFAULT_KEY, rule_set="2019", user=None, effective_from=None):
    """Store files as the next version of `key` under `rule_set`, if they pass every check; returns the
    version. It takes effect on `effective_from`, by default the day the rule set's decision did."""
    bundle, problems = check_files(files)
    if problems:
        raise Unprocessable("invalid_process_model",
                            "Mô hình quy trình không hợp lệ / The process model is invalid",
                            details={"problems": problems})
    latest = latest_version(key, rule_set)
    if latest is not None and latest.checksum == bundle.checksum:
        return latest
    version = (db.session.scalar(select(func.max(ProcessModel.version)).where(
        ProcessModel.key == key, ProcessModel.rule_set == rule_set)) or 0) + 1
    model = ProcessModel(key=key, version=version, rule_set=rule_set, process_id=bundle.process_id,
                         checksum=bundle.checksum, is_active=True, created_by=user,
                         effective_from=effective_from or RULE_SETS[rule_set].effective_from)
    model.files = [ProcessModelFile(name=name, content=content) for name, content in sorted(files.items())]
    db.session.add(model)
    db.session.flush()
    record("process_model.deployed", user=user, process_model_id=model.id, key=key, version=version,
           rule_set=rule_set, effective_from=model.effective_from.isoformat(), process_id=bundle.process_id,
           checksum=bundle.checksum)
    return model


def latest_version(key=DEFAULT_KEY, rule_set="2019"):
    """The latest active version of `key` under `rule_set` (whatever day it takes effect)."""
    return db.session.scalar(select(ProcessModel).where(ProcessModel.key == key, ProcessModel.rule_set == rule_set,
                                                        ProcessModel.is_active)
                             .order_by(ProcessModel.version.desc()).limit(1))


def files_of(model):
    return {file.name: file.content for file in model.files}


def upload_files(uploaded, key=DEFAULT_KEY, based_on=None, rule_set="2019"):
    """The files of a new version: those uploaded, the rest carried over from `based_on` (the
    version the administrator edited; by default the latest version of the key under the rule set).

    An administrator who changes only the diagram uploads only the .bpmn; decision tables and
    forms not uploaded come from the version it replaces. A form is uploaded under its own
    name (`council_score.schema.json`) and stored under forms/.
    """
    base = based_on or latest_version(key, rule_set)
    files = {}
    if base is not None:
        uploaded_kinds = {Path(name).suffix for name in uploaded}
        files = {name: content for name, content in files_of(base).items()
                 if not (name.endswith(".bpmn") and ".bpmn" in uploaded_kinds)}
    for name, content in uploaded.items():
        name = Path(name).name
        files[f"{FORM_FOLDER}{name}" if name.endswith(".schema.json") else name] = content
    return files


def deploy_bundled_process_models():
    """Deploy each version folder of bpmn/ (folder `ocop-2019` -> rule set 2019, in force from its
    decision's day) that is new; the new versions.

    Idempotent: a folder whose files were already deployed under the key and rule set (as any
    version) is not deployed again, and a bundled folder never goes on top of a version of its rule
    set an administrator saved: new cases stay on the administrator's version.
    """
    deployed = []
    for folder in sorted(path for path in BUNDLED_FOLDER.iterdir() if path.is_dir()):
        files, rule_set = read_folder(folder), folder.name.rsplit("-", 1)[-1]
        known = db.session.scalar(select(ProcessModel.id).where(ProcessModel.key == DEFAULT_KEY,
                                                                ProcessModel.rule_set == rule_set,
                                                                ProcessModel.checksum == workflows.checksum(files))
                                  .limit(1))
        latest = latest_version(DEFAULT_KEY, rule_set)
        if known is None and (latest is None or latest.created_by_id is None):
            deployed.append(deploy(files, key=DEFAULT_KEY, rule_set=rule_set))
    return deployed


_bundles = {}


def bundle_of(model):
    """The runnable bundle of a stored version, parsed once per process (versions never change)."""
    key = (model.id, model.checksum)
    if key not in _bundles:
        _bundles[key] = workflows.compile_bundle(files_of(model))
    return _bundles[key]

