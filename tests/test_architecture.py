"""The shape rules: app.core is Qt-free and never imports app.ui; the CLI never loads Qt."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
QT = ("PySide6", "shiboken6", "qasync")


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # resolve relative imports against the file's package
                package = path.relative_to(APP.parent).with_suffix("").parts[:-1]
                base = ".".join(package[: len(package) - node.level + 1] + ((base,) if base else ()))
            names.add(base)
    return names


@pytest.mark.parametrize("path", sorted((APP / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_is_qt_free_and_does_not_import_ui(path):
    for name in imports_of(path):
        assert not name.startswith(QT), f"{path.name} imports {name}"
        assert not name.startswith(("app.ui", "app.cli", "app.main")), f"{path.name} imports {name}"


@pytest.mark.parametrize("path", sorted((APP / "cli").rglob("*.py")), ids=lambda p: p.name)
def test_cli_does_not_import_qt_or_ui(path):
    for name in imports_of(path):
        assert not name.startswith(QT) and not name.startswith("app.ui"), f"{path.name}: {name}"


def test_importing_core_and_cli_loads_no_qt():
    code = ("import sys, app.cli, app.cli.ask, app.cli.commands, app.core.gateway.client;"
            f"print([m for m in sys.modules if m.startswith({QT!r})])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=APP.parent).stdout
    assert out.strip() == "[]"


def test_modules_stay_small():
    for path in APP.rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{path.relative_to(APP)} has {lines} lines; split it"


def module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the app modules it imports (at the top or inside a function: a lazy import
    still ties the two together). ``from package import module`` points at the module."""
    modules = {module_name(p): p for p in APP.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name in modules)
            elif isinstance(node, ast.ImportFrom) and node.module in modules and not node.level:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    targets.add(sub if sub in modules else node.module)
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_ui_feature_folders_do_not_import_the_wiring():
    """wiring.py builds and connects the parts; no part reaches back into it."""
    for name, targets in import_graph().items():
        assert "app.ui.wiring" not in targets or name in ("app.main",), name
