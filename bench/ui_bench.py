"""UI speed, measured through the real widgets offscreen on the real Qt loop (qasync).

    python bench/ui_bench.py [--quick]       # the render section of ``python -m bench``

- stream: a 10 KB and a 100 KB markdown answer (prose, code, tables, maths, Chinese) arrive at
  1,000 deltas/s from a paced stand-in gateway and go through the app's own path: the chat
  controller sends, AnswerStream paints at most once per frame through IncrementalRenderer,
  checkpoints to the history thread every second, and the transcript shows the final
  rendering at the end. Reported: process CPU, CPU per delta, the longest event-loop stall
  (a 5 ms ticker's worst lateness), the end-of-answer stall, and the 100 KB / 10 KB CPU ratio
  (target ≤ ~12×). Baselines: re-rendering the whole answer per delta (the core renderer's
  CPU, sampled on evenly spaced prefixes and extrapolated) and, for stalls, one whole
  re-render + setHtml of the full answer (what a naive app spends per frame at the end).
- open (used by the history section): a 1,000-message conversation opened through the chat
  controller (history on its thread, markdown of the shown messages, the transcript),
  target ≤ 300 ms; baseline: the history's active_path alone.

A shared machine makes absolute times noisy: read the ratios.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from app.core.config.profiles import PRESETS
from app.core.gateway.events import Finish, TextDelta, Usage
from app.core.history import AsyncHistory
from app.core.render import LIGHT, MarkdownRenderer
from bench.common import StallMeter, figure, run_on_qt_loop, smoke
from bench.render_bench import run_baseline

PIECES = [
    "The derivative of $x^2$ is $2x$, and for 微積分 we write $$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$\n\n",
    "## Section\n\nA paragraph with **bold**, *italics*, `code` and a [link](https://example.edu).\n\n",
    "```python\ndef f(x):\n    return x ** 2  # square\n\nprint(f(3))\n```\n\n",
    "| n | n² | 平方 |\n|---|---|---|\n| 1 | 1 | 一 |\n| 2 | 4 | 四 |\n| 3 | 9 | 九 |\n\n",
    "- first point\n- second point with $a^2+b^2=c^2$\n- third point\n\n",
    "> 提示：先畫圖，再列方程。Draw first, then write the equations.\n\n",
]
RATE = 1000  # deltas per second, as a fast gateway sends them
STALL_TARGET_MS = 50.0
RATIO_TARGET = 12.0  # 100 KB / 10 KB CPU: ~linear (10×) plus slack
# (label, characters) of the warm-up, small and large answers; --smoke: toy ones
SIZES = {"warm": ("2 KB", 2_000), "small": ("10 KB", 10_000), "large": ("100 KB", 100_000)}
SMOKE_SIZES = {"warm": ("200 B", 200), "small": ("200 B", 200), "large": ("400 B", 400)}


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
    meter = StallMeter(loop, watch=True)
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
            "stall_streaming_s": gateway.stall_while_streaming,
            "finish_s": end - gateway.last_delta_at, "culprits": meter.culprits()}


def _combine(runs: list[dict]) -> dict:
    """Median CPU over the runs; the worst stalls, with the culprits of the worst run."""
    worst = max(runs, key=lambda r: r["stall_s"])
    return {**worst, "cpu_s": statistics.median(r["cpu_s"] for r in runs), "runs": len(runs),
            "cpu_runs_s": [r["cpu_s"] for r in runs],
            "stall_streaming_s": max(r["stall_streaming_s"] for r in runs)}


def naive_frame(view, renderer: MarkdownRenderer, text: str) -> float:
    """One whole re-render + setHtml of ``text``: the naive app's cost per frame."""
    start = time.perf_counter()
    view.setHtml(renderer.render(text))
    view.viewport().repaint()  # layout and paint now (processEvents would re-enter the loop)
    return time.perf_counter() - start


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
        from app.ui.chat.transcript import Transcript
        view = Transcript()
        view.resize(window.transcript.size())
        view.show()
        naive_small = naive_frame(view, full, answer(sizes["small"]))
        naive_large = naive_frame(view, full, answer(sizes["large"]))
        view.close()
    finally:
        await controller.close()
        await history.close()
        window.close()
    # The per-delta full re-render, CPU only, on sampled prefixes (it would take hours).
    samples = 3 if smoke() else 30 if quick else 100
    out = {"small": small, "large": large, "naive_frame_small_s": naive_small,
           "naive_frame_large_s": naive_large}
    for key in ("small", "large"):
        size = sizes[key]
        text = answer(size)
        cuts, pos = [], 0
        for part in deltas(text):
            pos += len(part)
            cuts.append(pos)
        out[key]["baseline_cpu_s"], _ = run_baseline(text, cuts, samples)
    return out


def run(quick: bool = False) -> dict:
    """The render section: streaming 10 KB and 100 KB answers through the app at 1,000
    deltas/s. ``quick`` samples the baseline less; the answers are the full sizes
    (``--smoke``: toy answers, figures that mean nothing)."""
    m = run_on_qt_loop(lambda: measure_stream(quick))
    s, big = m["small"], m["large"]
    labels = {key: label for key, (label, _chars) in (SMOKE_SIZES if smoke() else SIZES).items()}
    ms = 1000.0
    base = "whole answer re-rendered per delta (est.)"
    figures = []
    for label, r in ((labels["small"], s), (labels["large"], big)):
        figures += [
            figure(f"stream {label}: total CPU", r["cpu_s"], "s", baseline=r["baseline_cpu_s"],
                   baseline_name=base, note=f"{r['deltas']:,} deltas at {RATE:,}/s; median of "
                                            f"{r['runs']}"),
            figure(f"stream {label}: CPU per delta", r["cpu_s"] / r["deltas"] * ms, "ms",
                   baseline=r["baseline_cpu_s"] / r["deltas"] * ms, baseline_name=base),
        ]
    figures.append(figure(
        f"stream {labels['large']} / {labels['small']}: CPU ratio", big["cpu_s"] / s["cpu_s"],
        "×",
        baseline=big["baseline_cpu_s"] / s["baseline_cpu_s"],
        baseline_name="same ratio for the whole re-render per delta",
        target=("<=", RATIO_TARGET), note="10× the text; linear is 10×"))
    naive_name = "one whole re-render + setHtml of the answer"
    for label, r, naive in ((labels["small"], s, m["naive_frame_small_s"]),
                            (labels["large"], big, m["naive_frame_large_s"])):
        figures += [
            figure(f"stream {label}: longest loop stall while deltas arrive",
                   r["stall_streaming_s"] * ms, "ms", baseline=naive * ms,
                   baseline_name=naive_name, target=("<=", STALL_TARGET_MS)),
            figure(f"stream {label}: longest loop stall, whole answer incl. its end",
                   r["stall_s"] * ms, "ms", baseline=naive * ms, baseline_name=naive_name,
                   target=("<=", STALL_TARGET_MS),
                   note=f"last delta to final paint {r['finish_s'] * ms:.0f} ms"),
        ]
    return {"figures": figures, "raw": m}


async def open_conversation(messages: int, repeats: int = 1) -> tuple[list[float], list[float]]:
    """Seconds to open a ``messages``-long conversation of rich answers through a new chat
    controller (nothing cached but the maths), up to the transcript's first layout and
    paint; and the history's ``active_path`` alone. One value per repeat."""
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
    loop = asyncio.get_running_loop()
    opened, baseline = [], []
    for _ in range(repeats):
        window = MainWindow()
        window.show()
        controller = ChatController(window, history, connection=None, theme=LIGHT)
        await asyncio.sleep(0.1)  # the window's first paint, outside the measurement
        t = loop.time()
        await history.active_path(conv.id)
        baseline.append(loop.time() - t)
        t = loop.time()
        await controller.open(conv.id)
        window.transcript.viewport().repaint()  # layout and paint of the transcript, now
        opened.append(loop.time() - t)
        await controller.close()
        window.close()
        window.deleteLater()
    await history.close()
    return opened, baseline


def main() -> None:
    from bench.report import print_table

    quick = "--quick" in sys.argv
    result = run(quick)
    opened, baseline = run_on_qt_loop(lambda: open_conversation(1000))
    result["figures"].append(figure("open a 1,000-message conversation", opened[0] * 1000, "ms",
                                    baseline=baseline[0] * 1000,
                                    baseline_name="active_path alone", target=("<=", 300.0)))
    print_table({"ui": result})


if __name__ == "__main__":
    main()
