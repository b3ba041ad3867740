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
        assert lines <= 450, f"{path.relative_to(APP)} has {lines} lines; split it"
