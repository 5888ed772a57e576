"""The project's layers, checked by reading every import of apps/ and config/ (no Django needed).

    apps.ingest.pipeline   plain Python: nothing of Django, Celery or any other part of the project
    apps.core              nothing of another app
    apps.deployments       → core
    apps.ingest            → deployments, core (and its own pipeline)
    apps.curation          → ingest, deployments, core
    apps.dashboards, apps.api, config   → anything

Imports inside functions count the same as those at the top of a module (a function-level import only hides a
dependency, it does not remove it), and so do string literals given to import_module / import_string and models
named lazily in relations (ForeignKey("deployments.Mission")). No module may import itself back through others,
whatever the layers.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("apps", "config")

# Layer name → the module prefix that places a module in it; the longest matching prefix wins.
LAYER_OF_PREFIX: dict[str, str] = {
    "apps.ingest.pipeline": "pipeline",
    "apps.core": "core",
    "apps.deployments": "deployments",
    "apps.ingest": "ingest",
    "apps.curation": "curation",
    "apps.dashboards": "dashboards",
    "apps.api": "api",
    "config.celery": "celery_app",
    "config": "config",
    "apps": "apps_package",
}
EVERYTHING = frozenset(LAYER_OF_PREFIX.values())
# Layer → the layers it may import (its own included). The Celery app object (config/celery.py imports no app) is
# shared wiring: any layer that sends or defines tasks may import it.
ALLOWED: dict[str, frozenset[str]] = {
    "pipeline": frozenset({"pipeline"}),
    "core": frozenset({"core"}),
    "deployments": frozenset({"deployments", "core", "celery_app"}),
    "ingest": frozenset({"ingest", "pipeline", "deployments", "core", "celery_app"}),
    "curation": frozenset({"curation", "ingest", "pipeline", "deployments", "core", "celery_app"}),
    "dashboards": EVERYTHING,
    "api": EVERYTHING,
    "config": EVERYTHING,
    "celery_app": frozenset({"celery_app"}),
    "apps_package": frozenset({"apps_package"}),
}
# Third-party packages the pipeline must not use: it turns text into dataclasses and runs without Django.
PIPELINE_BANNED_ROOTS = ("django", "rest_framework", "celery", "kombu", "redis", "psycopg", "psycopg2")
PIPELINE_BANNED_PREFIXES = ("django_", "drf_")
# Calls whose first argument names a module (import_string names an attribute of one).
IMPORTING_CALLS = {"import_module": "module", "__import__": "module", "import_string": "attribute"}
# Relations named lazily ("deployments.Mission") depend on the other app's models as much as an import does.
RELATION_FIELDS = ("ForeignKey", "ManyToManyField", "OneToOneField")
APP_LABELS = frozenset(p.name for p in (ROOT / "apps").iterdir() if (p / "apps.py").is_file())

HOW_TO_FIX: dict[str, str] = {
    "pipeline": "keep the pipeline plain Python: pass the data in as arguments, or move the Django part to "
    "apps/ingest (services) where the pipeline's results are stored",
    "core": "core is the floor: move this code into the app it belongs to, or invert the call (the app registers a "
    "function with core in its AppConfig.ready, or core sends a signal the app listens to)",
    "deployments": "the official data sits below ingest and curation: move the code up (to a selector of the higher "
    "app, or to dashboards/api which combine them), or have the higher app register with deployments",
    "ingest": "ingest sits below curation, dashboards and api: move the code up, or let the higher app call ingest",
    "curation": "curation sits below dashboards and api: move the code up into the app that combines the two",
    "celery_app": "config/celery.py is wiring only: it imports no app (tasks are found by autodiscovery)",
    "apps_package": "apps/__init__.py stays empty",
}


@dataclass(frozen=True)
class Import:
    """One dependency of a project module: the file and line, the module named, and whether it runs an import (not
    for imports only type checkers see, nor for models named lazily in relations)."""

    path: str
    line: int
    name: str
    runtime: bool = True


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def project_modules() -> dict[str, Path]:
    """Every module of apps/ and config/, by dotted name."""
    return {module_name(p): p for top in SOURCES for p in sorted((ROOT / top).rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_in(source: str, *, module: str, path: str, is_package: bool = False) -> list[Import]:
    """Every import of a module's source: top-level, inside functions and classes, and string-named ones."""
    tree = ast.parse(source)
    package = module if is_package else module.rpartition(".")[0]
    typing_only_lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                for inner in ast.walk(child):
                    if hasattr(inner, "lineno"):
                        typing_only_lines.add(inner.lineno)
    found: list[Import] = []

    def add(line: int, name: str, *, runtime: bool = True) -> None:
        found.append(Import(path, line, name, runtime and line not in typing_only_lines))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            for alias in node.names:
                # `from a import b`: b is a module when a/b.py exists, else a name inside a.
                add(node.lineno, f"{origin}.{alias.name}" if alias.name != "*" else origin)
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if called in IMPORTING_CALLS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    target = first.value
                    if IMPORTING_CALLS[called] == "attribute":
                        target = target.rpartition(".")[0]
                    add(node.lineno, target)
            if called in RELATION_FIELDS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and "." in first.value:
                    label = first.value.split(".")[0]
                    if label in APP_LABELS:
                        add(node.lineno, f"apps.{label}.models", runtime=False)
    return found


def resolve(name: str) -> str | None:
    """The project module an imported name lands in (the longest module prefix), or None for other packages."""
    modules = project_modules()
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def layer_of(module: str) -> str | None:
    for prefix in sorted(LAYER_OF_PREFIX, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return LAYER_OF_PREFIX[prefix]
    return None


@cache
def all_imports() -> dict[str, list[Import]]:
    out = {}
    for name, path in project_modules().items():
        rel = str(path.relative_to(ROOT))
        out[name] = imports_in(
            path.read_text(encoding="utf-8"), module=name, path=rel, is_package=path.name == "__init__.py"
        )
    return out


def layer_violations(layer: str) -> list[str]:
    problems = []
    for module, imports in sorted(all_imports().items()):
        if layer_of(module) != layer:
            continue
        for imp in imports:
            target = resolve(imp.name)
            root = imp.name.split(".")[0]
            if target is None:
                if layer == "pipeline" and (
                    root in PIPELINE_BANNED_ROOTS or root.startswith(PIPELINE_BANNED_PREFIXES) or root == "tests"
                ):
                    problems.append((imp.path, imp.line, f"imports {imp.name} (third-party {root})"))
                continue
            target_layer = layer_of(target)
            problem = (imp.path, imp.line, f"imports {target} (layer {target_layer})")
            if target_layer not in ALLOWED[layer] and problem not in problems:
                problems.append(problem)
    return [f"{path}:{line} {what}" for path, line, what in sorted(problems)]


LAYERS_BELOW = sorted(layer for layer, allowed in ALLOWED.items() if allowed != EVERYTHING)


@pytest.mark.parametrize("layer", LAYERS_BELOW)
def test_each_layer_imports_only_the_layers_below_it(layer):
    problems = layer_violations(layer)
    allowed = ", ".join(sorted(ALLOWED[layer] - {layer})) or "nothing of the project"
    assert not problems, (
        f"{len(problems)} import(s) out of the {layer} layer, which may import {allowed}:\n  "
        + "\n  ".join(problems)
        + f"\nWhat to do: {HOW_TO_FIX[layer]}."
    )


def import_graph() -> dict[str, dict[str, Import]]:
    """Module → {imported project module: the first import of it}; only imports that run (not lazy relations, not
    imports for type checkers): those are the ones that can fail halfway through a circle."""
    graph: dict[str, dict[str, Import]] = {}
    for module, imports in all_imports().items():
        edges = graph.setdefault(module, {})
        for imp in imports:
            target = resolve(imp.name)
            if target is not None and target != module and imp.runtime:
                edges.setdefault(target, imp)
    return graph


def cycles(graph: dict[str, dict[str, Import]]) -> list[tuple[list[str], list[str]]]:
    """Each group of modules that reach each other (Tarjan), with its shortest circle through its first member."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(start: str) -> None:
        # Iterative, so a long chain of imports cannot reach Python's recursion limit.
        work = [(start, iter(sorted(graph.get(start, {}))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, {})))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)

    found = []
    for group in groups:
        members = set(group)
        start = group[0]
        # Breadth-first from start inside the group, back to start: the shortest circle through it.
        previous: dict[str, str] = {}
        queue = [start]
        while queue:
            node = queue.pop(0)
            for child in sorted(graph.get(node, {})):
                if child not in members or child in previous:
                    continue
                previous[child] = node
                queue.append(child)
        path = [start]
        node = start
        while True:
            node = previous[node]
            path.append(node)
            if node == start:
                break
        found.append((group, list(reversed(path))))
    return found


def test_no_module_imports_itself_back_through_others():
    graph = import_graph()
    found = cycles(graph)
    lines = []
    for group, path in found:
        lines.append(f"{len(group)} modules import each other: {', '.join(group)}; one circle:")
        lines.append("    " + " -> ".join(path))
        for a, b in zip(path, path[1:], strict=False):
            imp = graph[a][b]
            lines.append(f"      {imp.path}:{imp.line} imports {imp.name}")
    assert not found, (
        f"{len(found)} import circle(s) among the project's modules:\n  "
        + "\n  ".join(lines)
        + "\nWhat to do: cut one arrow of each circle: move the shared code into a module both import, send tasks "
        "by name instead of importing them, or have the lower module receive a function instead of importing it."
    )


# --- The walker itself --------------------------------------------------------------------------------------------
WALKER_CASES = [
    ("import os\n", ["os"]),
    ("from apps.core import errors\n", ["apps.core.errors"]),
    ("def f():\n    from apps.ingest import tasks\n", ["apps.ingest.tasks"]),
    ("class A:\n    def m(self):\n        import apps.curation.models\n", ["apps.curation.models"]),
    ("from . import selectors\n", ["apps.deployments.selectors"]),
    ("from .models import Mission\n", ["apps.deployments.models.Mission"]),
    ("from ..core import errors\n", ["apps.core.errors"]),
    ("import importlib\nm = importlib.import_module('apps.api.views')\n", ["importlib", "apps.api.views"]),
    ("from django.utils.module_loading import import_string\nf = import_string('apps.api.errors.error_body')\n",
     ["django.utils.module_loading.import_string", "apps.api.errors"]),
    ("class F:\n    m = models.ForeignKey('curation.ReportedFigure', on_delete=None)\n", ["apps.curation.models"]),
    ("class F:\n    m = models.ForeignKey('auth.User', on_delete=None)\n", []),
]  # fmt: skip


@pytest.mark.parametrize(("source", "expected"), WALKER_CASES)
def test_the_walker_sees_every_kind_of_import(source, expected):
    found = imports_in(source, module="apps.deployments.services", path="x.py")
    assert [i.name for i in found] == expected


def test_the_walker_marks_imports_only_type_checkers_see():
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from apps.api import views\n"
    found = imports_in(source, module="apps.core.x", path="x.py")
    assert [(i.name, i.runtime) for i in found] == [("typing.TYPE_CHECKING", True), ("apps.api.views", False)]


def test_a_circle_is_reported_with_its_path():
    def edge(a: str, b: str) -> Import:
        return Import(f"{a}.py", 1, b)

    graph = {
        "a": {"b": edge("a", "b")},
        "b": {"c": edge("b", "c")},
        "c": {"a": edge("c", "a"), "d": edge("c", "d")},
        "d": {},
    }
    assert cycles(graph) == [(["a", "b", "c"], ["a", "b", "c", "a"])]
    assert cycles({"a": {"b": edge("a", "b")}, "b": {}}) == []


def test_every_module_is_placed_in_a_layer():
    unplaced = [name for name in project_modules() if layer_of(name) is None]
    assert not unplaced, f"modules outside every layer (add them to LAYER_OF_PREFIX): {unplaced}"
