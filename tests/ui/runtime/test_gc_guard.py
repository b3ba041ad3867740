"""Garbage with Qt objects in it is collected on the GUI thread, never by a worker."""

import gc
import threading

from PySide6.QtCore import QObject, QTimer


def test_worker_threads_never_collect_qt_garbage(qapp):
    assert not gc.isenabled()  # the session guard is installed, as in the app
    destroyed_in = []

    class Cyclic(QObject):
        def __init__(self):
            super().__init__()
            self.me = self  # a reference cycle: only the cyclic collector frees it
            self.timer = QTimer(self)
            self.destroyed.connect(lambda: destroyed_in.append(threading.current_thread().name))

    Cyclic()
    # Lists are tracked by the cyclic collector: 200,000 of them cross its thresholds.
    worker = threading.Thread(target=lambda: [[] for _ in range(200_000)], name="worker")
    worker.start()
    worker.join()
    assert destroyed_in == []  # a worker's allocations did not trigger a collection
    gc.collect()  # what the guard's timer does, on this (the GUI) thread
    assert destroyed_in == ["MainThread"]


def test_full_collections_are_rate_limited(qapp, monkeypatch):
    """A full collection walks the whole heap (tens of ms): at most one per interval, the
    younger generations still collected meanwhile."""
    from app.ui.runtime import gc_guard

    collected = []
    monkeypatch.setattr(gc_guard.gc, "collect", lambda generation=2: collected.append(generation))
    monkeypatch.setattr(gc_guard.gc, "get_count", lambda: (701, 11, 11))
    monkeypatch.setattr(gc_guard, "_active_at", 0.0)  # nothing scrolled or streamed lately
    now = [1000.0]
    monkeypatch.setattr(gc_guard.time, "monotonic", lambda: now[0])
    guard = gc_guard.GuiThreadGarbageCollector(interval_ms=10_000)
    try:
        guard.check()
        now[0] += gc_guard.FULL_INTERVAL_S + 1
        guard.check()
        guard.check()
        assert collected == [1, 2, 1]
    finally:
        guard.timer.stop()


def test_older_generations_wait_for_a_pause_in_scrolling_or_streaming(qapp, monkeypatch):
    """10–30 ms in the middle of a scroll or a streaming answer is a visible stall: while
    things move only the youngest generation is collected; the older ones, and the full
    collection, once things have been quiet for QUIET_S."""
    from app.ui.runtime import gc_guard

    collected = []
    monkeypatch.setattr(gc_guard.gc, "collect", lambda generation=2: collected.append(generation))
    monkeypatch.setattr(gc_guard.gc, "get_count", lambda: (701, 11, 11))
    monkeypatch.setattr(gc_guard, "_active_at", 0.0)
    now = [1000.0]
    monkeypatch.setattr(gc_guard.time, "monotonic", lambda: now[0])
    guard = gc_guard.GuiThreadGarbageCollector(interval_ms=10_000)
    try:
        now[0] += gc_guard.FULL_INTERVAL_S + 1
        gc_guard.activity()  # the user scrolls
        guard.check()
        now[0] += gc_guard.QUIET_S / 2
        gc_guard.activity()
        guard.check()
        now[0] += gc_guard.QUIET_S + 0.1  # quiet now
        guard.check()
        assert collected == [0, 0, 2]
    finally:
        guard.timer.stop()
