"""The one script environment every diagram runs in.

Scripts, gateway conditions, timer expressions and decision-table cells are compiled with
RestrictedPython: no imports, no names or attributes starting with an underscore, no
`while` loops, `range` capped, only the builtins listed in `ALLOWED_BUILTINS`. The engine is
not part of a saved instance, so `workflows.engine` attaches it again after every load.
"""
import ast
import math
from functools import lru_cache
from statistics import fmean

from RestrictedPython import compile_restricted_eval, compile_restricted_exec
from RestrictedPython.Eval import default_guarded_getitem, default_guarded_getiter
from RestrictedPython.Guards import (
    full_write_guard,
    guarded_iter_unpack_sequence,
    guarded_unpack_sequence,
    safe_builtins,
    safer_getattr,
)
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

MAX_RANGE = 10_000


def bounded_range(*args):
    values = range(*args)
    if len(values) > MAX_RANGE:
        raise ValueError(f"range() is limited to {MAX_RANGE} items")
    return values


def mean(values):
    """Arithmetic mean; the council score is the mean of the members' totals."""
    values = list(values)
    if not values:
        raise ValueError("mean() of an empty list")
    return fmean(values)


ALLOWED_BUILTINS = {
    **{name: safe_builtins[name] for name in (
        "None", "False", "True", "abs", "bool", "float", "int", "isinstance", "len",
        "round", "str", "divmod", "pow", "ArithmeticError", "KeyError", "ValueError",
        "TypeError", "ZeroDivisionError", "IndexError",
    )},
    "range": bounded_range,
    "sum": sum, "min": min, "max": max, "list": list, "dict": dict, "tuple": tuple,
    "set": set, "sorted": sorted, "any": any, "all": all, "enumerate": enumerate, "zip": zip,
    "mean": mean, "ceil": math.ceil, "floor": math.floor,
}


def _inplace_operation(op, left, right):
    operations = {
        "+=": lambda: left + right, "-=": lambda: left - right, "*=": lambda: left * right,
        "/=": lambda: left / right, "//=": lambda: left // right, "%=": lambda: left % right,
    }
    if op not in operations:
        raise SyntaxError(f"operator {op} is not allowed")
    return operations[op]()


GUARDS = {
    "_getattr_": safer_getattr,
    "_getitem_": default_guarded_getitem,
    "_getiter_": default_guarded_getiter,
    "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
    "_unpack_sequence_": guarded_unpack_sequence,
    "_write_": full_write_guard,
    "_inplacevar_": _inplace_operation,
}


class ScriptRefused(SyntaxError):
    """A script or expression that the restricted environment will not run."""


def _refuse_loops_and_imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.While):
            raise ScriptRefused(f"line {node.lineno}: while loops are not allowed")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            raise ScriptRefused(f"line {node.lineno}: imports are not allowed")


@lru_cache(maxsize=4096)
def compile_expression(source):
    """Compile an expression, or raise ScriptRefused saying what is wrong."""
    source = source.strip()
    result = compile_restricted_eval(source)
    if result.errors:
        raise ScriptRefused("; ".join(result.errors))
    _refuse_loops_and_imports(ast.parse(source, mode="eval"))
    return result.code


@lru_cache(maxsize=4096)
def compile_script(source):
    """Compile a script, or raise ScriptRefused saying what is wrong."""
    result = compile_restricted_exec(source)
    if result.errors:
        raise ScriptRefused("; ".join(result.errors))
    _refuse_loops_and_imports(ast.parse(source))
    return result.code


class RestrictedEnvironment(TaskDataEnvironment):
    """Task data as the scope, restricted builtins and guards as globals."""

    def __init__(self, functions=None):
        super().__init__({"__builtins__": ALLOWED_BUILTINS, **GUARDS, **(functions or {})})

    def evaluate(self, expression, context, external_context=None):
        scope = dict(self.globals)
        scope.update(external_context or {})
        scope.update(context)
        return eval(compile_expression(expression), scope)

    def execute(self, script, context, external_context=None):
        self.check_for_overwrite(context, external_context or {})
        context.update(self.globals)
        context.update(external_context or {})
        try:
            exec(compile_script(script), context)
        finally:
            self._remove_globals_and_functions_from_context(context, external_context)
        return True


class RestrictedScriptEngine(PythonScriptEngine):
    """Spiff's script engine with the restricted environment and the case's clock."""

    def __init__(self, clock, functions=None):
        super().__init__(environment=RestrictedEnvironment(functions))
        self.clock = clock

    def validate(self, expression):
        compile_expression(expression)
