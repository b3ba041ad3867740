"""UI speed, measured through the real widgets offscreen on the real Qt loop (qasync).

    python bench/ui_bench.py [--quick]

- stream: a 10 KB and a 100 KB markdown answer (prose, code, tables, maths) delivered at
  1,000 deltas/s into the transcript the way the app does (IncrementalRenderer, one paint per
  frame). Reports process CPU, the longest event-loop stall (a 5 ms ticker's worst lateness),
  the 100 KB / 10 KB CPU ratio (target ≤ ~12×), and a baseline: the same 10 KB answer
  re-rendered whole and set with setHtml at every frame.
- open: a 1,000-message conversation opened through the chat controller (history on its
  thread, markdown of the shown messages, the transcript), target ≤ 300 ms; baseline: the
  history's active_path alone.

Figures are single runs on a shared machine: read the ratios, not the absolute times.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.render import IncrementalRenderer, MarkdownRenderer  # noqa: E402
from app.ui import gc_guard  # noqa: E402
from app.ui.answer_stream import FramePacer  # noqa: E402
from app.ui.loop import QtLoop  # noqa: E402
from app.ui.transcript import MessageView, Transcript  # noqa: E402

PIECES = [
    "The derivative of $x^2$ is $2x$, and for 微積分 we write $$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$\n\n",
    "## Section\n\nA paragraph with **bold**, *italics*, `code` and a [link](https://example.edu).\n\n",
    "```python\ndef f(x):\n    return x ** 2  # square\n\nprint(f(3))\n```\n\n",
    "| n | n² | 平方 |\n|---|---|---|\n| 1 | 1 | 一 |\n| 2 | 4 | 四 |\n| 3 | 9 | 九 |\n\n",
    "- first point\n- second point with $a^2+b^2=c^2$\n- third point\n\n",
    "> 提示：先畫圖，再列方程。Draw first, then write the equations.\n\n",
]


def answer(size: int) -> str:
    out, i = [], 0
    while sum(map(len, out)) < size:
        out.append(PIECES[i % len(PIECES)].replace("Section", f"Section {i}"))
        i += 1
    return "".join(out)[:size]


def deltas(text: str, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    out, i = [], 0
    while i < len(text):
        n = rng.randint(1, 8)
        out.append(text[i:i + n])
        i += n
    return out


class StallMeter:
    """Schedules itself every 5 ms; the worst lateness is the longest stall of the loop.

    ``worst`` is wall-clock lateness, which on a busy shared machine also counts time the
    process was not scheduled at all. ``worst_busy`` counts only the GUI thread's own CPU time
    between two ticks (capped by the wall time): the stall this code causes, whatever else
    the machine is doing."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop, self.worst, self.worst_busy = loop, 0.0, 0.0
        self._next, self._cpu, self._on = 0.0, 0.0, False

    def start(self) -> None:
        self._on, self.worst, self.worst_busy = True, 0.0, 0.0
        self._next = self.loop.time() + 0.005
        self._cpu = time.thread_time()
        self.loop.call_at(self._next, self._tick)

    def _tick(self) -> None:
        now, cpu = self.loop.time(), time.thread_time()
        late = now - self._next
        self.worst = max(self.worst, late)
        self.worst_busy = max(self.worst_busy, min(late + 0.005, cpu - self._cpu) - 0.005)
        self._cpu = cpu
        if self._on:
            self._next = now + 0.005
            self.loop.call_at(self._next, self._tick)

    def stop(self) -> tuple[float, float]:
        self._on = False
        return self.worst, max(0.0, self.worst_busy)


async def stream_into(view: Transcript, text: str, *,
                      whole: bool = False) -> tuple[float, tuple[float, float]]:
    """Deliver deltas at 1,000/s; paint as the app does (at most once per frame, spaced by
    FramePacer as updates get dearer). Returns (CPU s, stall s).
    ``whole``: the baseline, re-rendering everything with setHtml — sampled on every 10th
    frame and its CPU multiplied by 10, or the quick run would take minutes."""
    loop = asyncio.get_running_loop()
    meter = StallMeter(loop)
    view.show_messages([MessageView(1, "user", "<p>question</p>")])
    view.begin_stream(MessageView(2, "assistant", ""))
    renderer = IncrementalRenderer()
    full = MarkdownRenderer()
    parts = deltas(text)
    received: list[str] = []
    last_paint, wait = 0.0, 0.016
    pacer = FramePacer()
    frame = 0
    cpu = time.process_time()
    meter.start()
    start = loop.time()
    for i, part in enumerate(parts):
        received.append(part)
        due = start + (i + 1) / 1000.0
        if loop.time() - last_paint >= wait:
            last_paint = loop.time()
            so_far = "".join(received)
            frame += 1
            if whole:
                if frame % 10 == 0:
                    view.setHtml(full.render(so_far))
            else:
                update = renderer.update(so_far)
                view.stream_update(update.frozen, update.tail, update.reset)
                wait = pacer.delay_ms(loop.time() - last_paint) / 1000
        delay = due - loop.time()
        await asyncio.sleep(delay if delay > 0 else 0)
    update = renderer.update(text)
    view.stream_update(update.frozen, update.tail, update.reset)
    await asyncio.sleep(0)
    stall = meter.stop()
    spent = time.process_time() - cpu
    return (spent * 10 if whole else spent), stall


async def open_conversation(messages: int) -> tuple[float, float]:
    from app.core.history import AsyncHistory
    from app.ui.chat_controller import ChatController
    from app.ui.main_window import MainWindow
    from app.core.render import LIGHT

    folder = tempfile.mkdtemp(prefix="parley-bench-")
    history = AsyncHistory(Path(folder) / "history.sqlite3")
    await history.open()
    conv = await history.create_conversation(title="long")
    text = answer(1200)
    for i in range(messages // 2):
        await history.add_message(conv.id, "user", f"Question {i}: 請解釋第 {i} 題")
        await history.add_message(conv.id, "assistant", text)
    window = MainWindow()
    window.resize(1100, 800)
    window.show()
    controller = ChatController(window, history, connection=None, theme=LIGHT)
    loop = asyncio.get_running_loop()
    t = loop.time()
    await history.active_path(conv.id)
    baseline = loop.time() - t
    t = loop.time()
    await controller.open(conv.id)
    QApplication.processEvents()  # layout and first paint of the transcript
    opened = loop.time() - t
    await controller.close()
    await history.close()
    window.close()
    return opened, baseline


async def main(quick: bool) -> None:
    view = Transcript()
    view.resize(900, 700)
    view.show()
    small, large = answer(10_000), answer(30_000 if quick else 100_000)
    await stream_into(view, answer(2_000))  # warm the maths cache and Qt's fonts
    gc_guard.settle()  # as the app does once started
    cpu10, (stall10, busy10) = await stream_into(view, small)
    cpu100, (stall100, busy100) = await stream_into(view, large)
    base_cpu, (base_stall, base_busy) = await stream_into(view, small, whole=True)
    label = "30 KB" if quick else "100 KB"
    scale = 3 if quick else 10
    print(f"{'measure':44} {'value':>12} {'ratio':>10}  target")
    print(f"{'stream 10 KB: CPU':44} {cpu10:>10.2f} s {'1.00':>10}")
    print(f"{'stream ' + label + ': CPU':44} {cpu100:>10.2f} s {cpu100 / cpu10:>9.1f}×  "
          f"≤ ~{1.2 * scale:.0f}× (linear)")
    print(f"{'baseline: 10 KB re-rendered whole (sampled)':44} {base_cpu:>10.2f} s "
          f"{base_cpu / cpu10:>9.1f}×")
    print(f"{'longest loop stall, 10 KB / ' + label:44} {stall10 * 1000:>6.0f} / {stall100 * 1000:.0f} ms"
          f"{'':>4}  ≤ 50 ms (wall clock)")
    print(f"{'  GUI thread busy, 10 KB / ' + label:44} {busy10 * 1000:>6.0f} / {busy100 * 1000:.0f} ms"
          f"{'':>4}  ≤ 50 ms (CPU, immune to machine load)")
    print(f"{'longest loop stall, baseline (one frame)':44} {base_stall * 1000:>10.0f} ms"
          f" (busy {base_busy * 1000:.0f} ms)")
    opened, baseline = await open_conversation(200 if quick else 1000)
    n = 200 if quick else 1000
    print(f"{'open a ' + str(n) + '-message conversation':44} {opened * 1000:>10.0f} ms "
          f"{opened / baseline:>9.1f}×  ≤ 300 ms (baseline: active_path "
          f"{baseline * 1000:.0f} ms)")


if __name__ == "__main__":
    app = QApplication.instance() or QApplication([])
    gc_guard.install()  # the app's garbage-collection regime
    loop = QtLoop(app)
    asyncio.set_event_loop(loop)
    loop.run_until_complete(main("--quick" in sys.argv))
