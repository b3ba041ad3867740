"""Garbage collection only on the GUI thread.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed — here that includes the history thread, executor threads and httpx's. If it frees
a garbage cycle holding a QObject there, Qt destroys that object off the GUI thread
("QObject::~QObject: Timers cannot be stopped from another thread"), which can crash the
process at random. So automatic collection is switched off and a GUI-thread timer collects
instead, with the same generation thresholds (the approach calibre takes).

Full (generation 2) collections walk every tracked object and took up to ~35 ms in the
streaming benchmark — a visible stall. CPython itself runs them only when the long-lived
heap has grown by a quarter; we cannot read that counter, so a full collection runs at most
once per FULL_INTERVAL_S; and while something the user watches is moving (scrolling, an
answer streaming: :func:`activity`) only the youngest generation is collected — the older
ones (up to 10–20 ms each) wait until it has been quiet for QUIET_S; and
:func:`settle` moves everything alive after start-up (Qt wrappers, markdown and maths
tables, fonts) out of the collector's sight with ``gc.freeze``.
Threading: create and use on the GUI thread.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500
FULL_INTERVAL_S = 60.0
QUIET_S = 1.0  # older generations wait for this long without scrolling or streaming
_active_at = 0.0


def activity() -> None:
    """Something the user watches is moving now (a scroll, a streaming update): only the
    youngest generation is collected until it has been quiet for QUIET_S."""
    global _active_at
    _active_at = time.monotonic()


class GuiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)
        self.last_full = time.monotonic()

    def check(self) -> None:
        counts = gc.get_count()
        generation = -1
        for index, (count, threshold) in enumerate(zip(counts, self.thresholds, strict=False)):
            if count > threshold:
                generation = index
        now = time.monotonic()
        if now - _active_at < QUIET_S:
            generation = min(generation, 0)
        elif generation == 2:
            if now - self.last_full < FULL_INTERVAL_S:
                generation = 1
            else:
                self.last_full = now
        if generation >= 0:
            gc.collect(generation)

    def stop(self) -> None:
        """Back to Python's own collector (tests, embedding)."""
        self.timer.stop()
        gc.enable()


_guard: GuiThreadGarbageCollector | None = None
_settled = False


def settle() -> None:
    """Start-up is over: what is alive now lives for the whole run. Collect once, then
    freeze it so later collections do not walk it again. Once per process. GUI thread."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


def install() -> GuiThreadGarbageCollector:
    """Once per process, after the QApplication exists."""
    global _guard
    if _guard is None:
        _guard = GuiThreadGarbageCollector()
    return _guard
