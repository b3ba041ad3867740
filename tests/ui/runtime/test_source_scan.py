"""PySide's import hook asks of each new module whether it uses PySide; Parley's cheaper
check (app.ui.runtime.source_scan) gives the same answers and keeps no source in memory."""

from __future__ import annotations

import importlib
import linecache
import sys

import shibokensupport.feature as feature

from app.core.images import imagine
from app.ui.runtime import icons, source_scan


def test_in_place_on_this_pyside():
    """Fails when a PySide release renames its hook: the app still runs, but every module
    imported after Qt is read into memory again (~11 MiB, see source_scan)."""
    assert source_scan.install()
    assert getattr(feature._mod_uses_pyside, "_parley_reads_bytes", False)
    assert source_scan.install()  # twice is harmless: wrapped once


def test_same_answer_as_pyside_for_every_loaded_module():
    source_scan.install()
    ours = feature._mod_uses_pyside
    theirs = ours.__closure__[0].cell_contents  # PySide's own check, kept for fallbacks
    modules = [m for m in list(sys.modules.values())
               if isinstance(getattr(m, "__file__", None), str)]
    assert len(modules) > 200
    differ = [m.__name__ for m in modules if ours(m) != theirs(m)]
    assert differ == []
    assert ours(icons)  # it does use PySide
    assert not ours(imagine)


def test_a_new_module_is_judged_without_keeping_its_source(tmp_path, monkeypatch):
    source_scan.install()
    ours = feature._mod_uses_pyside
    theirs = ours.__closure__[0].cell_contents
    (tmp_path / "parley_probe_qt.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "parley_probe_plain.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    probes = {}
    for name in ("parley_probe_qt", "parley_probe_plain"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        probes[name] = importlib.import_module(name)
        monkeypatch.delitem(sys.modules, name)
    assert ours(probes["parley_probe_qt"]) and not ours(probes["parley_probe_plain"])
    assert not [f for f in linecache.cache if "parley_probe" in f]  # nothing kept
    assert theirs(probes["parley_probe_qt"])  # PySide's own answer is the same, but
    assert [f for f in linecache.cache if "parley_probe_qt" in f]  # keeps the source
    for kept in [f for f in linecache.cache if "parley_probe" in f]:
        del linecache.cache[kept]
