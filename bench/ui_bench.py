"""UI speed, measured through the real widgets offscreen on the real Qt loop (qasync).

    python bench/ui_bench.py [--quick]       # the render section of ``python -m bench``

- stream: a 10 KB and a 100 KB markdown answer (prose, code, tables, maths, Chinese) arrive at
  1,000 deltas/s from a paced stand-in gateway and go through the app's own path: the chat
  controller sends, AnswerStream paints at most once per frame through IncrementalRenderer,
  checkpoints to the history thread every second, and the transcript shows the final
  rendering at the end. Reported: process CPU, CPU per delta, the longest event-loop stall
  (a 5 ms ticker's worst lateness) while deltas arrive and to the final paint, and the
  100 KB / 10 KB CPU ratio. Targets: no stall over one frame (16 ms), ratio ≤ 11×.
- open and scroll (used by the history section): a 1,000-message conversation opened through
  the chat controller (history on its thread, markdown of what is shown, the transcript's
  layout and first paint; target ≤ 150 ms), then scrolled from top to bottom a wheel notch
  (120 px) per frame: the longest step (scroll + layout + paint; target ≤ 16 ms).

Baselines are the same measurements of the code before the transcript redesign (one
QTextBrowser for the whole conversation), run in a child process in the same run over
``app/`` exported from git (bench/baseline.py). A shared machine makes absolute times noisy:
read the ratios.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.baseline import old_tree, run_old, use_tree

use_tree()  # a baseline child: ``app`` is the old code (bench/baseline.py)

from app.core.config.profiles import PRESETS  # noqa: E402
from app.core.gateway.events import Finish, TextDelta, Usage  # noqa: E402
from app.core.history import AsyncHistory  # noqa: E402
from app.core.render import LIGHT, MarkdownRenderer  # noqa: E402
from bench.common import StallMeter, figure, run_on_qt_loop, smoke  # noqa: E402

PIECES = [
    "The derivative of $x^2$ is $2x$, and for 微積分 we write $$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$\n\n",
    "## Section\n\nA paragraph with **bold**, *italics*, `code` and a [link](https://example.edu).\n\n",
    "```python\ndef f(x):\n    return x ** 2  # square\n\nprint(f(3))\n```\n\n",
    "| n | n² | 平方 |\n|---|---|---|\n| 1 | 1 | 一 |\n| 2 | 4 | 四 |\n| 3 | 9 | 九 |\n\n",
    "- first point\n- second point with $a^2+b^2=c^2$\n- third point\n\n",
    "> 提示：先畫圖，再列方程。Draw first, then write the equations.\n\n",
]
RATE = 1000  # deltas per second, as a fast gateway sends them
FRAME_MS = 16.0
STALL_TARGET_MS = FRAME_MS
RATIO_TARGET = 11.0  # 100 KB / 10 KB CPU: ~linear (10×) plus slack
OPEN_TARGET_MS = 150.0
WHEEL_PX = 120  # one notch of a mouse wheel (3 lines)
# (label, characters) of the warm-up, small and large answers; --smoke: toy ones
SIZES = {"warm": ("2 KB", 2_000), "small": ("10 KB", 10_000), "large": ("100 KB", 100_000)}
SMOKE_SIZES = {"warm": ("200 B", 200), "small": ("200 B", 200), "large": ("400 B", 400)}
OLD = "the transcript before the redesign (one QTextBrowser), same run"


def answer(size: int) -> str:
    out, i = [], 0
    while sum(map(len, out)) < size:
        out.append(PIECES[i % len(PIECES)].replace("Section", f"Section {i}"))
        i += 1
    return "".join(out)[:size]


def deltas(text: str, seed: int = 1) -> list[str]:
    """Token-sized pieces, 1–8 characters, as gateways send them."""
    rng = random.Random(seed)
    out, i = [], 0
    while i < len(text):
        n = rng.randint(1, 8)
        out.append(text[i:i + n])
        i += n
    return out


class PacedGateway:
    """Stands in for the network: yields the answer's deltas at ``RATE`` per second on the
    running loop, then the finish and usage events, as ``Gateway.stream_chat`` does."""

    def __init__(self, parts: list[str], meter: StallMeter) -> None:
        self.parts = parts
        self.meter = meter
        self.last_delta_at = 0.0
        self.stall_while_streaming = 0.0
        self.finished = False

    def stream_chat(self, request):
        return self._events()

    async def _events(self):
        loop = asyncio.get_running_loop()
        start = loop.time()
        for i, part in enumerate(self.parts):
            yield TextDelta(part)
            delay = start + (i + 1) / RATE - loop.time()
            await asyncio.sleep(max(0, delay))
        self.last_delta_at = loop.time()
        self.stall_while_streaming = self.meter.worst
        yield Finish("stop")
        yield Usage(20, len(self.parts), 20 + len(self.parts))
        self.finished = True

    async def aclose(self) -> None:
        pass


class PacedConnection:
    """What the controller asks of ActiveGateway: a profile and a gateway."""

    def __init__(self) -> None:
        self.gateway_now: PacedGateway | None = None

    def profile(self):
        return PRESETS["eduhk-apim"]

    async def gateway(self):
        return self.gateway_now

    @property
    def problem(self) -> str:
        return ""


async def stream_through_app(controller, connection: PacedConnection, text: str) -> dict:
    """Send one question and stream ``text`` back through the app's own path."""
    loop = asyncio.get_running_loop()
    parts = deltas(text)
    meter = StallMeter(loop, watch=True, threshold=FRAME_MS / 1000)
    connection.gateway_now = gateway = PacedGateway(parts, meter)
    await controller._new_chat()
    cpu = time.process_time()
    meter.start()
    controller.send(f"Please write {len(text) // 1000} KB")
    deadline = loop.time() + 10 + 3 * len(parts) / RATE
    while not gateway.finished or controller.busy:
        if loop.time() > deadline:
            raise RuntimeError("the streamed answer did not finish in time")
        await asyncio.sleep(0.01)
    end = loop.time()
    await asyncio.sleep(0.05)  # let the final paint happen inside the measurement
    stall = meter.stop()
    spent = time.process_time() - cpu
    shown = controller.window.transcript.toPlainText()
    if "Section" not in shown:
        raise RuntimeError("the streamed answer did not reach the transcript")
    return {"cpu_s": spent, "deltas": len(parts), "stall_s": stall,
            "stall_at_s": meter.worst_at, "stream_s": end - (gateway.last_delta_at - len(parts)
                                                             / RATE),
            "stall_streaming_s": gateway.stall_while_streaming,
            "finish_s": end - gateway.last_delta_at, "culprits": meter.culprits()}


def _combine(runs: list[dict]) -> dict:
    """Median CPU over the runs; the worst stalls, with the culprits of the worst run."""
    worst = max(runs, key=lambda r: r["stall_s"])
    return {**worst, "cpu_s": statistics.median(r["cpu_s"] for r in runs), "runs": len(runs),
            "cpu_runs_s": [r["cpu_s"] for r in runs],
            "stall_streaming_s": max(r["stall_streaming_s"] for r in runs)}


def naive_frame(renderer: MarkdownRenderer, text: str, size) -> float:
    """One whole re-render + setHtml of ``text`` in a QTextBrowser: a naive app's frame."""
    from PySide6.QtWidgets import QTextBrowser

    view = QTextBrowser()
    view.resize(size)
    view.show()
    start = time.perf_counter()
    view.setHtml(renderer.render(text))
    view.viewport().repaint()  # layout and paint now (processEvents would re-enter the loop)
    spent = time.perf_counter() - start
    view.close()
    return spent


async def measure_stream(quick: bool) -> dict:
    from app.ui.chat.controller import ChatController
    from app.ui.window.main_window import MainWindow

    folder = tempfile.mkdtemp(prefix="parley-bench-")
    history = AsyncHistory(Path(folder) / "history.sqlite3")
    await history.open()
    window = MainWindow()
    window.show()
    connection = PacedConnection()
    controller = ChatController(window, history, connection, theme=LIGHT)
    sizes = {key: chars for key, (_label, chars) in (SMOKE_SIZES if smoke() else SIZES).items()}
    try:
        await stream_through_app(controller, connection, answer(sizes["warm"]))  # maths, fonts
        from app.ui.runtime import gc_guard

        gc_guard.settle()  # as the app does once started: start-up objects frozen
        # Interleaved, so drifting load on a shared machine hits both sizes alike.
        runs: dict[str, list[dict]] = {"small": [], "large": []}
        for _ in range(1 if quick else 2):
            runs["small"].append(await stream_through_app(controller, connection,
                                                          answer(sizes["small"])))
            runs["large"].append(await stream_through_app(controller, connection,
                                                          answer(sizes["large"])))
        runs["small"].append(await stream_through_app(controller, connection,
                                                      answer(sizes["small"])))
        small, large = (_combine(runs[k]) for k in ("small", "large"))
        full = MarkdownRenderer()
        size = window.transcript.size()
        naive = {k: naive_frame(full, answer(sizes[k]), size) for k in ("small", "large")}
    finally:
        await controller.close()
        await history.close()
        window.close()
    return {"small": small, "large": large, "naive_frame_small_s": naive["small"],
            "naive_frame_large_s": naive["large"], "idle_stall_s": await idle_stall(
                1.0 if smoke() else 10.0 if quick else 20.0)}


async def idle_stall(seconds: float) -> float:
    """The same 5 ms ticker on the loop with nothing to do: the machine's noise floor (a
    shared, loaded machine delays an idle process too)."""
    meter = StallMeter(asyncio.get_running_loop())
    meter.start()
    await asyncio.sleep(seconds)
    return meter.stop()


def old_measurement(kind: str, quick: bool) -> tuple[dict | None, str]:
    """The same measurement over the old code (child process), or why there is none."""
    tree = old_tree()
    if tree is None:
        return None, "no baseline: git or the baseline commit is not available"
    with tempfile.TemporaryDirectory(prefix="parley-bench-old-") as tmp:
        out = Path(tmp) / "old.json"
        args = [f"--raw-{kind}", str(out)] + (["--quick"] if quick else [])
        try:
            run_old("ui_bench.py", args, tree)
        except RuntimeError as error:
            return None, str(error)
        return json.loads(out.read_text()), ""


def run(quick: bool = False) -> dict:
    """The render section: streaming 10 KB and 100 KB answers through the app at 1,000
    deltas/s, new and old transcript in the same run (``--smoke``: toy answers)."""
    m = run_on_qt_loop(lambda: measure_stream(quick))
    old, why = old_measurement("stream", quick)
    labels = {key: label for key, (label, _chars) in (SMOKE_SIZES if smoke() else SIZES).items()}
    ms = 1000.0
    figures = []

    def base(key: str, value) -> dict:
        if old is None:
            return {"baseline": None, "baseline_name": why}
        return {"baseline": value(old[key]), "baseline_name": OLD}

    for key in ("small", "large"):
        r = m[key]
        figures += [
            figure(f"stream {labels[key]}: total CPU", r["cpu_s"], "s",
                   **base(key, lambda o: o["cpu_s"]),
                   note=f"{r['deltas']:,} deltas at {RATE:,}/s; median of {r['runs']}"),
            figure(f"stream {labels[key]}: CPU per delta", r["cpu_s"] / r["deltas"] * ms, "ms",
                   **base(key, lambda o: o["cpu_s"] / o["deltas"] * ms)),
        ]
    ratio = m["large"]["cpu_s"] / m["small"]["cpu_s"]
    figures.append(figure(
        f"stream {labels['large']} / {labels['small']}: CPU ratio", ratio, "×",
        baseline=(old["large"]["cpu_s"] / old["small"]["cpu_s"]) if old else None,
        baseline_name="the same ratio, old transcript" if old else why,
        target=("<=", RATIO_TARGET), note="10× the text; linear is 10×"))
    for key in ("small", "large"):
        r = m[key]
        naive = m[f"naive_frame_{key}_s"] * ms
        figures += [
            figure(f"stream {labels[key]}: longest loop stall while deltas arrive",
                   r["stall_streaming_s"] * ms, "ms",
                   **base(key, lambda o: o["stall_streaming_s"] * ms),
                   target=("<=", STALL_TARGET_MS),
                   note=f"worst of {r['runs']} runs; the idle loop's own worst "
                        f"{m['idle_stall_s'] * ms:.0f} ms; a naive whole re-render + setHtml "
                        f"per frame {naive:.0f} ms"),
            figure(f"stream {labels[key]}: longest loop stall, whole answer incl. its end",
                   r["stall_s"] * ms, "ms", **base(key, lambda o: o["stall_s"] * ms),
                   target=("<=", STALL_TARGET_MS),
                   note=f"last delta to final paint {r['finish_s'] * ms:.0f} ms"),
        ]
    return {"figures": figures, "raw": {"new": m, "old": old}}


async def open_conversation(messages: int, repeats: int = 1) -> dict:
    """Open a ``messages``-long conversation of rich answers through a new chat controller
    (nothing cached but the maths), up to the transcript's first layout and paint; the
    history's ``active_path`` alone; one value per repeat. After the last, scroll it from
    top to bottom a wheel notch per frame."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from app.ui.chat.controller import ChatController
    from app.ui.window.main_window import MainWindow

    folder = tempfile.mkdtemp(prefix="parley-bench-")
    history = AsyncHistory(Path(folder) / "history.sqlite3")
    await history.open()
    conv = await history.create_conversation(title="long")
    text = answer(1200)

    def fill(store) -> None:
        parent = None
        for i in range(messages // 2):
            parent = store.add_message(conv.id, "user", f"Question {i}: 請解釋第 {i} 題",
                                       parent_id=parent).id
            parent = store.add_message(conv.id, "assistant", text, parent_id=parent).id

    await history.run(fill)
    from app.ui.runtime import gc_guard

    gc_guard.settle()  # as the app does once started: start-up objects frozen
    loop = asyncio.get_running_loop()
    out: dict = {"open_s": [], "active_path_s": []}
    for repeat in range(repeats):
        window = MainWindow()
        window.show()
        controller = ChatController(window, history, connection=None, theme=LIGHT)
        await asyncio.sleep(0.1)  # the window's first paint, outside the measurement
        t = loop.time()
        await history.active_path(conv.id)
        out["active_path_s"].append(loop.time() - t)
        t = loop.time()
        await controller.open(conv.id)
        window.transcript.viewport().repaint()  # layout and paint of the transcript, now
        out["open_s"].append(loop.time() - t)
        if repeat == repeats - 1:
            out.update(await scroll_through(window.transcript))
        await controller.close()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    await history.close()
    return out


async def scroll_through(transcript) -> dict:
    """From the top to the bottom, WHEEL_PX per frame, as a wheel scrolls: the loop's
    longest stall (the scroll, the layout of what comes into view, and the paint, which Qt
    does in the loop as it would on screen), and each step's own time (scroll and layout)."""
    bar = transcript.verticalScrollBar()
    bar.setValue(0)
    transcript.viewport().repaint()
    await asyncio.sleep(0.05)
    meter = StallMeter(asyncio.get_running_loop(), watch=True, threshold=FRAME_MS / 1000)
    meter.start()
    steps = []
    value = 0
    while value < bar.maximum():
        value = min(bar.maximum(), value + WHEEL_PX)
        start = time.perf_counter()
        bar.setValue(value)
        steps.append(time.perf_counter() - start)
        await asyncio.sleep(FRAME_MS / 1000)
    stall = meter.stop()
    steps.sort()
    return {"scroll_steps": len(steps), "scroll_worst_s": steps[-1] if steps else 0.0,
            "scroll_p95_s": steps[int(len(steps) * 0.95)] if steps else 0.0,
            "scroll_stall_s": stall, "scroll_height_px": bar.maximum(),
            "scroll_culprits": meter.culprits()}


def main() -> None:
    from bench.report import print_table

    quick = "--quick" in sys.argv
    for kind in ("stream", "open"):
        flag = f"--raw-{kind}"
        if flag in sys.argv:  # a child: the raw measurement only, as JSON
            out = Path(sys.argv[sys.argv.index(flag) + 1])
            raw = (run_on_qt_loop(lambda: measure_stream(quick)) if kind == "stream" else
                   run_on_qt_loop(lambda: open_conversation(
                       int(os.environ.get("PARLEY_BENCH_MESSAGES", "1000")),
                       1 if quick else 3)))
            out.write_text(json.dumps(raw, default=str))
            return
    result = run(quick)
    opened = run_on_qt_loop(lambda: open_conversation(1000))
    result["figures"].append(figure("open a 1,000-message conversation",
                                    opened["open_s"][0] * 1000, "ms",
                                    baseline=opened["active_path_s"][0] * 1000,
                                    baseline_name="active_path alone",
                                    target=("<=", OPEN_TARGET_MS)))
    print_table({"ui": result})


if __name__ == "__main__":
    main()
