"""What every benchmark section shares: the figure record, timing and memory helpers, the
machine description, and a way to run a coroutine on the real Qt loop.

A section's ``run(quick) -> dict`` returns ``{"figures": [figure(...), ...], "notes": [...]}``.
Every figure carries its baseline, measured in the same run, so the runner can print the
ratio next to the absolute number; a target, when an issue set one, is ``(op, limit)`` in the
figure's own unit, and the runner says whether it was met.

Nothing here imports Qt at module level: the sse and history sections run without it.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SMOKE_ENV = "PARLEY_BENCH_SMOKE"


def smoke() -> bool:
    """True under ``python -m bench --smoke``: every section runs end to end at toy sizes,
    once, so a test can prove the sections work in seconds. Its figures mean nothing."""
    return os.environ.get(SMOKE_ENV) == "1"

Target = tuple[str, float]  # ("<=", 50.0) or (">=", 1000.0), in the figure's unit


def figure(name: str, value: float | None, unit: str, *, baseline: float | None = None,
           baseline_name: str = "", target: Target | None = None, ratio: float | None = None,
           higher_is_better: bool = False, note: str = "") -> dict[str, Any]:
    """One measured figure. ``ratio`` defaults to value / baseline."""
    if ratio is None and value is not None and baseline:
        ratio = value / baseline
    met = None
    if target is not None and value is not None:
        op, limit = target
        met = value <= limit if op == "<=" else value >= limit
    return {"name": name, "value": value, "unit": unit, "baseline": baseline,
            "baseline_name": baseline_name, "ratio": ratio, "target": list(target) if target
            else None, "met": met, "higher_is_better": higher_is_better, "note": note}


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory in MiB: VmRSS from /proc on Linux; elsewhere the peak from
    getrusage (only for this process), which is an upper bound."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def machine_info() -> dict[str, Any]:
    """CPU model, cores, load, Python, PySide6 and the OS, for the report."""
    import platform  # here, not at the top: the startup probe imports this module

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version
        pyside = version("PySide6-Essentials")
    except Exception:
        pyside = "not installed"
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem,
            "python": platform.python_version(), "pyside6": pyside,
            "os": f"{platform.system()} {platform.release()}",
            "load_average_at_start": [round(x, 2) for x in load] if load else None}


class StallMeter:
    """Schedules itself every 5 ms on an asyncio loop; its worst lateness is the longest
    stall of the loop (the time the GUI could not react to input or paint).

    ``watch=True`` also names the culprits: a watchdog thread samples the loop thread's
    Python stack every 10 ms while a tick is more than ``threshold`` late, and
    :meth:`culprits` gives the worst stalls with their most frequent stacks.
    """

    def __init__(self, loop, *, watch: bool = False, threshold: float = 0.04) -> None:
        self.loop, self.worst, self._next, self._on = loop, 0.0, 0.0, False
        self.watch, self.threshold = watch, threshold
        self.stalls: list[tuple[float, list[tuple[str, ...]]]] = []
        self._samples: list[tuple[str, ...]] = []
        self._thread_id = threading.get_ident()
        self._last_tick = time.monotonic()

    def start(self) -> None:
        self._on, self.worst = True, 0.0
        self.started, self.worst_at = self.loop.time(), 0.0
        self._next = self.loop.time() + 0.005
        self.loop.call_at(self._next, self._tick)
        if self.watch:
            threading.Thread(target=self._watchdog, daemon=True).start()

    def _tick(self) -> None:
        now = self.loop.time()
        late = now - self._next
        if late > self.worst:
            self.worst, self.worst_at = late, now - self.started  # when, from start()
        self._last_tick = time.monotonic()
        if self._samples:
            self.stalls.append((late, self._samples))
            self._samples = []
        if self._on:
            self._next = now + 0.005
            self.loop.call_at(self._next, self._tick)

    def _watchdog(self) -> None:
        while self._on:
            time.sleep(0.01)
            if time.monotonic() - self._last_tick > self.threshold + 0.005:
                frame = sys._current_frames().get(self._thread_id)
                stack = []
                while frame is not None:
                    code = frame.f_code
                    # The innermost frames say what is slow; Parley's own say who asked.
                    if len(stack) < 3 or f"{os.sep}app{os.sep}" in code.co_filename:
                        stack.append(f"{Path(code.co_filename).name}:{frame.f_lineno} "
                                     f"{code.co_name}")
                    frame = frame.f_back
                self._samples.append(tuple(stack))

    def stop(self) -> float:
        self._on = False
        return self.worst

    def culprits(self, top: int = 3) -> list[dict[str, Any]]:
        """The ``top`` longest stalls: duration and their most frequent sampled stacks."""
        out = []
        for late, samples in sorted(self.stalls, key=lambda s: -s[0])[:top]:
            counts: dict[tuple[str, ...], int] = {}
            for stack in samples:
                counts[stack] = counts.get(stack, 0) + 1
            common = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
            out.append({"stall_ms": round(late * 1000, 1), "samples": len(samples),
                        "stacks": [{"count": n, "innermost_first": list(st)}
                                   for st, n in common]})
        return out


def run_on_qt_loop(coro_fn: Callable[[], Any]) -> Any:
    """Run ``coro_fn()`` on Parley's Qt loop (qasync), offscreen unless a display is set up
    by the caller, with the app's GUI-thread-only garbage collection; return its result."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import asyncio

    from PySide6.QtWidgets import QApplication

    from app.ui.runtime import gc_guard
    from app.ui.runtime.loop import QtLoop

    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)  # closing a measured window must not stop the loop
    gc_guard.install()  # as in the app; left on: a benchmark process ends after its run
    loop = QtLoop(app)
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(coro_fn())
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def now() -> float:
    """A clock shared by all processes on the machine (CLOCK_MONOTONIC on Linux), so a
    parent can time a child from spawn to an event the child reports."""
    return time.monotonic()
