"""A process version: its diagram, decision tables and forms, parsed once and checked.

`compile_bundle(files)` parses a version's files into SpiffWorkflow specs (cached by
checksum, so a running service parses each version once). `check_bundle(files, roles)` is
the deploy-time check: it returns every problem it finds, each naming the file and element,
its message "Tiếng Việt / English" (workflows/wording.py).
"""
import hashlib
import json
from dataclasses import dataclass, field
from threading import Lock

from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnValidator
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser

from .scripting import compile_expression, compile_script
from .timers import use_case_clock
from .wording import quoted
from .xml import XmlRefused, parse_xml

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NS = {"bpmn": BPMN_NS, "spiffworkflow": SPIFF_NS}
FORM_PROPERTY = "formJsonSchemaFilename"
FORM_FOLDER = "forms/"
FORM_SUFFIX = ".schema.json"
HUMAN_TASK_TAGS = ("userTask", "manualTask")
MAX_FILES = 200

_validator = BpmnValidator()


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a process version, said so that its author can fix it ("Tiếng Việt / English")."""
    file: str | None
    element: str | None
    message: str
    line: int | None = None

    def as_dict(self):
        return {"file": self.file, "element": self.element, "line": self.line, "message": self.message}


class BundleInvalid(ValueError):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(p.message for p in self.problems[:5]))


@dataclass
class ProcessBundle:
    """The parsed, runnable form of one process version."""
    checksum: str
    process_id: str
    name: str
    spec: object
    subprocess_specs: dict
    forms: dict = field(default_factory=dict)
    lanes: tuple = ()
    start_form: str | None = None

    @property
    def human_steps(self):
        """[(element id, name)] of the steps people do, in the order of the diagram's specs."""
        steps = {}
        for task_spec in self.spec.task_specs.values():
            if getattr(task_spec, "manual", False) and getattr(task_spec, "bpmn_id", None):
                steps.setdefault(task_spec.bpmn_id, task_spec.bpmn_name or task_spec.bpmn_id)
        return list(steps.items())

    def form(self, form_name):
        return self.forms.get(form_name)


def checksum(files):
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def form_name(filename):
    """`dossier_check.schema.json` -> `dossier_check`."""
    return filename[: -len(FORM_SUFFIX)] if filename.endswith(FORM_SUFFIX) else filename


def _files_by_kind(files, problems):
    bpmn, dmn, forms = {}, {}, {}
    if len(files) > MAX_FILES:
        problems.append(Problem(None, None, f"quá nhiều tệp ({len(files)}; tối đa {MAX_FILES}) / "
                                            f"too many files ({len(files)}; at most {MAX_FILES})"))
        return bpmn, dmn, forms
    for name, content in files.items():
        if name.endswith(".bpmn"):
            target = bpmn
        elif name.endswith(".dmn"):
            target = dmn
        elif name.startswith(FORM_FOLDER) and name.endswith(FORM_SUFFIX):
            try:
                forms[form_name(name[len(FORM_FOLDER):])] = json.loads(content)
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                problems.append(Problem(name, None, f"biểu mẫu không phải JSON hợp lệ: {quoted(error)} / "
                                                    f"the form is not valid JSON: {quoted(error)}"))
            continue
        else:
            problems.append(Problem(name, None, "tệp không dùng được: một phiên bản quy trình chỉ gồm các tệp "
                                                ".bpmn, .dmn và forms/*.schema.json / unexpected file: a process "
                                                "version holds .bpmn, .dmn and forms/*.schema.json files only"))
            continue
        try:
            target[name] = parse_xml(content, name)
        except XmlRefused as error:
            problems.append(Problem(name, None, error.message, error.line))
    if not bpmn and not problems:
        problems.append(Problem(None, None, "không có sơ đồ .bpmn nào trong các tệp tải lên / "
                                            "no .bpmn diagram in the upload"))
    return bpmn, dmn, forms


def _parse(bpmn, dmn, problems):
    """Feed the trees to SpiffWorkflow's parser; returns (process id, name, spec, subprocess specs)."""
    parser = SpiffBpmnParser(validator=_validator)
    for name, root in list(bpmn.items()) + list(dmn.items()):
        try:
            if name in bpmn:
                parser.add_bpmn_xml(root, filename=name)
            else:
                parser.add_dmn_xml(root, filename=name)
        except ValidationException as error:
            problems.append(Problem(name, error.id or None, _refused(error), error.line_number or None))
        except Exception as error:  # the parser raises plain errors on some foreign diagrams
            problems.append(Problem(name, None, f"không đọc được tệp này: {quoted(error)} / "
                                                f"cannot read this file: {quoted(error)}"))
    if problems:
        return None
    executable = parser.get_process_ids()
    called = parser.get_process_dependencies()
    main = [process_id for process_id in executable if process_id not in called]
    if not main:
        problems.append(Problem(None, None, 'không có quy trình chạy được: đánh dấu quy trình cần chạy bằng '
                                            'isExecutable="true" / no executable process: mark the process to run '
                                            'with isExecutable="true"'))
        return None
    if len(main) > 1:
        names = quoted(", ".join(sorted(main)))
        problems.append(Problem(None, None, f"có nhiều quy trình chạy được ({names}): mỗi phiên bản chạy đúng "
                                            f"một quy trình chính / several executable processes ({names}): "
                                            "a version runs exactly one main process"))
        return None
    process_id = main[0]
    try:
        spec = parser.get_spec(process_id)
        subprocess_specs = parser.get_subprocess_specs(process_id)
    except ValidationException as error:
        problems.append(Problem(error.file_name or None, error.id or None, _refused(error), error.line_number or None))
        return None
    except Exception as error:
        problems.append(Problem(None, None, f"không dựng được quy trình: {quoted(error)} / "
                                            f"the process cannot be built: {quoted(error)}"))
        return None
    missing = sorted(name for name, sub in subprocess_specs.items() if sub is None)
    if missing:
        names = quoted(", ".join(missing))
        problems.append(Problem(None, None, f"không tìm thấy quy trình được gọi: {names} / "
                                            f"called process not found: {names}"))
        return None
    return process_id, spec.description or process_id, spec, subprocess_specs


def _refused(error):
    """SpiffWorkflow's own words on a diagram it refuses (in English), in a message of both languages."""
    reason = quoted(str(error).rstrip(". "))
    return f"SpiffWorkflow không chấp nhận: {reason} / {reason}"


def compile_bundle(files):
    """Parse a version's files into a runnable bundle (cached); raises BundleInvalid."""
    key = checksum(files)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    problems = []
    bpmn, dmn, forms = _files_by_kind(files, problems)
    parsed = _parse(bpmn, dmn, problems) if not problems else None
    if parsed is None:
        raise BundleInvalid(problems)
    process_id, name, spec, subprocess_specs = parsed
    use_case_clock([spec, *subprocess_specs.values()])
    connect_loop_merges([spec, *subprocess_specs.values()])
    lanes = tuple(sorted({lane for root in bpmn.values() for lane in _lane_names(root)}))
    bundle = ProcessBundle(key, process_id, name, spec, subprocess_specs, forms, lanes,
                           _start_form(bpmn.values(), process_id))
    with _cache_lock:
        _cache[key] = bundle
    return bundle


_cache = {}
_cache_lock = Lock()


def connect_loop_merges(specs):
    """Connect each loop or multi-instance task to the completion of its instances, once per parse.

    SpiffWorkflow merges a completed instance (a council member's sheet) into its parent through
    an event on the instance's spec, which it connects only when it creates the instances, in
    the process that creates them. Specs here are parsed, not deserialized, so a sheet completed
    in another worker, or after a restart, would never be merged: the parent would wait for
    ever, or compute the mean without it. Connected here, at parse time, as SpiffWorkflow's own
    spec deserializer does, every process merges every instance whichever process created it.
    """
    for spec in specs:
        for task_spec in spec.task_specs.values():
            if isinstance(task_spec, LoopTask):
                child = spec.task_specs[task_spec.task_spec]
                if not child.completed_event.is_connected(task_spec.merge_child):
                    child.completed_event.connect(task_spec.merge_child)


def _start_form(roots, process_id):
    """The form of the main process's start event, if it names one."""
    for root in roots:
        names = root.xpath(f"./bpmn:process[@id=$pid]/bpmn:startEvent//spiffworkflow:property"
                           f"[@name='{FORM_PROPERTY}']/@value", namespaces=NS, pid=process_id)
        if names:
            return form_name(names[0])
    return None


def _lane_names(root):
    return [lane.get("name") for lane in root.iterfind(".//bpmn:lane", NS)]


def check_bundle(files, known_roles):
    """Every problem of a version, for the author: returns (bundle or None, problems)."""
    problems = []
    bpmn, dmn, forms = _files_by_kind(files, problems)
    for name, root in bpmn.items():
        problems += _check_diagram(name, root, known_roles, forms)
    for name, root in dmn.items():
        problems += _check_decision_table(name, root)
    if problems:
        return None, problems
    try:
        return compile_bundle(files), []
    except BundleInvalid as invalid:
        return None, invalid.problems


def _compile_each(filename, items, compile_one, what):
    """Problems of the sources that do not compile; `what` names them, (Vietnamese, English)."""
    problems = []
    vietnamese, english = what
    for element_id, source in items:
        if source is None or not source.strip():
            problems.append(Problem(filename, element_id, f"{vietnamese} trống / empty {english}"))
            continue
        try:
            compile_one(source)
        except SyntaxError as error:
            source, reason = quoted(repr(source.strip())), quoted(error.msg)
            problems.append(Problem(filename, element_id, f"{vietnamese} {source} bị từ chối: {reason} / "
                                                          f"{english} {source} is refused: {reason}"))
    return problems


CONTAINERS = {"process", "subProcess", "transaction", "adHocSubProcess"}


def _local_name(node):
    return node.tag.split("}")[-1] if isinstance(node.tag, str) else ""


def _owner_id(node):
    """The id of the flow element (task, event, sequence flow) a nested expression belongs to."""
    while node.getparent() is not None and _local_name(node.getparent()) not in CONTAINERS:
        node = node.getparent()
    return node.get("id")


def _cell_id(node):
    while node is not None and not node.get("id"):
        node = node.getparent()
    return None if node is None else node.get("id")


def _check_diagram(filename, root, known_roles, forms):
    def each(xpath):
        return root.xpath(xpath, namespaces=NS)

    problems = []
    conditions = [(_owner_id(n), n.text) for n in each(".//bpmn:sequenceFlow/bpmn:conditionExpression")]
    conditions += [(_owner_id(n), n.text) for n in each(".//bpmn:conditionalEventDefinition/bpmn:condition")]
    conditions += [(_owner_id(n), n.text) for n in each(
        ".//bpmn:multiInstanceLoopCharacteristics/bpmn:loopCardinality"
        " | .//bpmn:multiInstanceLoopCharacteristics/bpmn:completionCondition")]
    problems += _compile_each(filename, conditions, compile_expression, ("điều kiện", "condition"))

    scripts = []
    for node in each(".//bpmn:scriptTask"):
        script_format = (node.get("scriptFormat") or "python").lower()
        if script_format not in ("python", "text/x-python"):
            kind = quoted(repr(script_format))
            problems.append(Problem(filename, node.get("id"), f"không hỗ trợ định dạng mã {kind}: mã viết bằng "
                                                              f"Python / script format {kind} is not supported: "
                                                              "scripts are Python"))
            continue
        scripts.append((node.get("id"), "".join(node.xpath("./bpmn:script/text()", namespaces=NS))))
    scripts += [(_owner_id(n), n.text) for n in each(".//spiffworkflow:preScript | .//spiffworkflow:postScript")]
    problems += _compile_each(filename, scripts, compile_script, ("đoạn mã", "script"))

    timers = []
    for node in each(".//bpmn:timerEventDefinition"):
        owner = _owner_id(node)
        if node.xpath("./bpmn:timeCycle", namespaces=NS):
            problems.append(Problem(filename, owner, "không hỗ trợ bộ hẹn giờ lặp (timeCycle): dùng timeDuration "
                                                     "hoặc timeDate / cycle timers (timeCycle) are not supported: "
                                                     "use timeDuration or timeDate"))
        expressions = node.xpath("./bpmn:timeDuration | ./bpmn:timeDate", namespaces=NS)
        if not expressions and not node.xpath("./bpmn:timeCycle", namespaces=NS):
            problems.append(Problem(filename, owner, "bộ hẹn giờ thiếu timeDuration hoặc timeDate / "
                                                     "timer without timeDuration or timeDate"))
        timers += [(owner, n.text) for n in expressions]
    problems += _compile_each(filename, timers, compile_expression, ("biểu thức hẹn giờ", "timer expression"))

    lane_of = {}
    for lane in each(".//bpmn:lane"):
        role = lane.get("name")
        if role not in known_roles:
            lane_name, known = quoted(repr(role)), quoted(", ".join(sorted(known_roles)))
            problems.append(Problem(filename, lane.get("id"), f"làn {lane_name} không phải một vai trò đã có "
                                                              f"(các vai trò: {known}) / lane {lane_name} is not "
                                                              f"a known role (known: {known})"))
        for ref in lane.xpath("./bpmn:flowNodeRef/text()", namespaces=NS):
            lane_of[ref.strip()] = role

    for process in each(".//bpmn:process[@isExecutable='true']"):
        for tag in HUMAN_TASK_TAGS:
            for task in process.xpath(f".//bpmn:{tag}", namespaces=NS):
                problems += _check_human_task(filename, task, lane_of, forms)
    return problems


def _check_human_task(filename, task, lane_of, forms):
    task_id, problems = task.get("id"), []
    if task_id not in lane_of:
        problems.append(Problem(filename, task_id, "nhiệm vụ của người nằm ngoài mọi làn: đặt nó vào làn của "
                                                   "vai trò phải làm / human task outside any lane: put it in "
                                                   "the lane of the role that must do it"))
    form_files = task.xpath(f".//spiffworkflow:property[@name='{FORM_PROPERTY}']/@value", namespaces=NS)
    if not form_files:
        problems.append(Problem(filename, task_id, f"nhiệm vụ của người chưa có biểu mẫu (thuộc tính mở rộng "
                                                   f"{FORM_PROPERTY}) / human task without a form (extension "
                                                   f"property {FORM_PROPERTY})"))
    elif form_name(form_files[0]) not in forms:
        form_file = quoted(form_files[0])
        problems.append(Problem(filename, task_id, f"không tìm thấy biểu mẫu {form_file!r}: hãy tải lên tệp "
                                                   f"{FORM_FOLDER}{form_file} / form {form_file!r} not found: "
                                                   f"upload it as {FORM_FOLDER}{form_file}"))
    return problems


def _dmn_entry(source):
    """A decision-table cell as the DMN engine will evaluate it."""
    text = source.strip()
    if "?" in text:
        return text.replace("?", "dmninputexpr")
    try:
        compile_expression(text)
        return text
    except SyntaxError:
        return f"dmninputexpr {text}"


def _check_decision_table(filename, root):
    cells = []
    for node in root.iter():
        tag = _local_name(node)
        if tag in ("inputExpression", "inputEntry", "outputEntry"):
            text = "".join(node.itertext()).strip()
            if text and text != "-":
                cells.append((_cell_id(node), _dmn_entry(text) if tag == "inputEntry" else text))
    return _compile_each(filename, cells, compile_expression, ("ô của bảng quyết định", "decision cell"))
