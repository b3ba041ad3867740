"""PySide's import hook, made cheap: it reads each new module's source to decide whether
that module uses PySide (``from __feature__ import …`` switches are per module).

PySide6's own check (``shibokensupport.feature._mod_uses_pyside``) calls
``inspect.getsource(module)`` for every module imported after Qt: the whole file is
tokenised into lines and kept in :mod:`linecache` for the life of the process. Measured on
Parley's start-up: about 0.15 ms a module, and ~11 MiB of source lines held in memory
after start-up for nothing. :func:`install` replaces the check with the same question asked
of the file's bytes, not cached; the answer is the same for every module with a ``.py``
file (both look for the text "PySide6"), and anything else (no file, a compiled module, a
frozen bundle's module) still goes to PySide's own check.

PySide's hook is private API: if a PySide release renames it, :func:`install` does nothing
and the app runs as before, only slower (``tests/ui/runtime/test_source_scan.py`` says so).

Threading: call once, from the thread that imports (the GUI thread), before the app's own
Qt modules are imported; it imports no Qt itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

_MARK = "_parley_reads_bytes"


def install() -> bool:
    """Swap PySide's per-module source check for the cheap one; True when it is in place
    (also when it was already). Imports PySide6 (its support package) if not yet done."""
    import PySide6  # noqa: F401  (sets up shibokensupport and its import hook)

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if getattr(original, _MARK, False):
        return True
    feature._mod_uses_pyside = _reads_bytes(original)  # type: ignore[attr-defined]
    return True


def _reads_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    marked: Any = uses_pyside
    setattr(marked, _MARK, True)
    return uses_pyside
