"""Memory over a long session: does resident memory level off as answers accumulate?

    python bench/soak_bench.py [--quick]     # the soak section of ``python -m bench``
    PARLEY_BENCH_SOAK_TRACE=1 python bench/soak_bench.py   # + tracemalloc diff (slower)

The real MainWindow and ChatController on the real Qt loop (as bench/ui_bench.py) answer
N questions (300; --quick 150; --smoke 6) from an in-process stand-in gateway: mixed answers
of 1.5–5 KB (prose, code in several languages, tables, inline and display maths, Chinese),
each a little different (the numbers in formulas and code vary, as a real day's answers do,
so caches meet new keys), cut into 1–8-character deltas. Every 10 answers the conversation
changes: a new chat or, every other time, an older conversation reopened and continued (its
messages rendered again or taken from the presenter's cache).

Every 10 answers (once the answer is final and deferred deletes have run), a full garbage
collection — the app runs one at most once a minute, i.e. between samples on a real day —
then: RSS (VmRSS), the gc-tracked object count, what the render caches hold, and the counts
of the types that grew most. Reported: the RSS slope (MiB per answer, least squares) over
the last half of the run against the first half's (the warm-up: caches filling, fonts,
first layouts) in the same run; target ≤ 0.05 MiB/answer, i.e. memory levels off. Also the
RSS after N answers against the RSS after the first 10, and the gc-object slope.

Threading: everything on the GUI thread (the history on its own, as in the app).
"""

from __future__ import annotations

import asyncio
import gc
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import figure, rss_mb, run_on_qt_loop, smoke
from bench.ui_bench import PacedConnection, deltas

SLOPE_TARGET = 0.05  # MiB per answer after warm-up: levels off
RATE = 4000          # deltas per second (a fast gateway; the pacing of paints is the app's)
BURST = 8            # deltas handed over between sleeps
# (answers, sample every, change conversation every)
SIZES = {"full": (300, 10, 10), "quick": (150, 10, 10), "smoke": (6, 2, 3)}
TRACE_ENV = "PARLEY_BENCH_SOAK_TRACE"


def mixed_answer(n: int, rng: random.Random) -> str:
    """Answer ``n``: 1.5–5 KB of the kinds of blocks students get, varied per answer."""
    a, b, c = rng.randint(2, 97), rng.randint(2, 97), rng.randint(2, 9)
    lang = ("python", "javascript", "java", "cpp", "sql", "bash")[n % 6]
    kinds = [
        f"## 第 {n} 題 Question {n}\n\nWe differentiate $f(x) = {a}x^{c} + {b}x$ term by term, "
        f"so $f'(x) = {a * c}x^{c - 1} + {b}$. 微積分的基本定理告訴我們 $\\int_0^{c} f'(x)\\,dx "
        f"= f({c}) - f(0)$.\n\n",
        f"$$\\sum_{{k=1}}^{{{a}}} k^{c} \\approx \\frac{{{a}^{{{c + 1}}}}}{{{c + 1}}} + "
        f"\\mathcal{{O}}({a}^{{{c}}})$$\n\n",
        f"```{lang}\n" + "".join(f"value_{n}_{i} = compute({a}, {b} + {i})  # step {i}\n"
                                 for i in range(rng.randint(4, 14))) + "```\n\n",
        "| x | f(x) | 說明 |\n|---|---|---|\n" + "".join(
            f"| {i} | {a * i ** c + b * i} | 第 {i} 項 |\n" for i in range(rng.randint(3, 8)))
        + "\n",
        f"- First, note that {a} and {b} are {'coprime' if _gcd(a, b) == 1 else 'not coprime'}."
        f"\n- Then $\\gcd({a}, {b}) = {_gcd(a, b)}$.\n- 最後，檢查邊界條件。\n\n",
        f"> 提示：先畫圖，再列方程。Try $x = {c}$ first; it gives {a * c ** c + b * c}.\n\n",
        "A longer paragraph of explanation that walks through the reasoning step by step, "
        f"with **emphasis**, *italics*, `inline_code_{n}()` and a [reference]"
        f"(https://example.edu/notes/{n}). " * rng.randint(1, 4) + "\n\n",
    ]
    out, size = [], rng.randint(1500, 5000)
    while sum(map(len, out)) < size:
        out.append(kinds[rng.randrange(len(kinds))])
    return "".join(out)


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


class BurstGateway:
    """Yields the answer's deltas at ``RATE`` per second, ``BURST`` at a time, then the
    finish and usage events (the shape of ``Gateway.stream_chat``)."""

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts

    def stream_chat(self, request):
        return self._events()

    async def _events(self):
        from app.core.gateway.events import Finish, TextDelta, Usage

        loop = asyncio.get_running_loop()
        start = loop.time()
        for i, part in enumerate(self.parts):
            yield TextDelta(part)
            if i % BURST == BURST - 1:
                await asyncio.sleep(max(0.0, start + (i + 1) / RATE - loop.time()))
        yield Finish("stop")
        yield Usage(20, len(self.parts), 20 + len(self.parts))

    async def aclose(self) -> None:
        pass


def slope(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of (answers, value) points; None with fewer than two."""
    if len(points) < 2:
        return None
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else None


def _type_counts() -> Counter:
    return Counter(type(o).__name__ for o in gc.get_objects())


def _cache_bytes(controller, window) -> int:
    """What the render caches hold (bodies, maths SVGs, maths images), where they say so."""
    from app.core.render import shared_cache

    held = [getattr(controller.presenter, "cached_bytes", 0),
            getattr(shared_cache, "svg_bytes", 0),
            getattr(getattr(window.transcript, "_images", None), "nbytes", 0)]
    return sum(x for x in held if isinstance(x, int))


async def _settle() -> None:
    """Let the final paint and deferred deletes run, then collect as the app's minute does."""
    from PySide6.QtCore import QCoreApplication, QEvent

    await asyncio.sleep(0.05)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    await asyncio.sleep(0)
    gc.collect()


async def soak(answers: int, every: int, chat_every: int) -> dict:
    from app.core.history import AsyncHistory
    from app.core.render import LIGHT
    from app.ui.chat.controller import ChatController
    from app.ui.runtime import gc_guard
    from app.ui.window.main_window import MainWindow

    trace = os.environ.get(TRACE_ENV) == "1"
    folder = tempfile.mkdtemp(prefix="parley-bench-soak-")
    history = AsyncHistory(Path(folder) / "history.sqlite3")
    await history.open()
    window = MainWindow()
    window.resize(1000, 800)
    window.show()
    connection = PacedConnection()
    controller = ChatController(window, history, connection, theme=LIGHT)
    rng = random.Random(7)
    loop = asyncio.get_running_loop()
    samples: list[dict] = []
    conversations: list[int] = []
    switches = 0
    snapshot = None
    half_types: Counter | None = None
    done = [0]  # answers finished (complete, failed or stopped), in whichever conversation
    controller.answered.connect(lambda: done.__setitem__(0, done[0] + 1))
    started = time.perf_counter()
    try:
        await controller._new_chat()
        for n in range(1, answers + 1):
            if n > 1 and (n - 1) % chat_every == 0:
                switches += 1
                if switches % 2 == 0 and conversations:  # reopen an older one, continue it
                    await controller.open(conversations[(switches // 2 - 1) % len(conversations)])
                else:
                    await controller._new_chat()
            parts = deltas(mixed_answer(n, rng), seed=n)
            connection.gateway_now = BurstGateway(parts)  # type: ignore[assignment]
            controller.send(f"Question {n}: 請解釋第 {n} 題")
            deadline = loop.time() + 30 + 3 * len(parts) / RATE
            while done[0] < n or controller.busy:
                if loop.time() > deadline:
                    raise RuntimeError(f"answer {n} did not finish in time")
                await asyncio.sleep(0.01)
            if controller.conversation is not None and \
                    controller.conversation.id not in conversations:
                conversations.append(controller.conversation.id)
            if n == 1:
                gc_guard.settle()  # as the app does once started: start-up objects frozen
            if n % every == 0 or n == answers:
                await _settle()
                types = _type_counts()
                samples.append({"answers": n, "rss_mb": round(rss_mb(), 2),
                                "gc_objects": sum(types.values()),
                                "blocks": sys.getallocatedblocks(),
                                "caches_mb": round(_cache_bytes(controller, window) / 2**20, 2),
                                "s": round(time.perf_counter() - started, 1)})
                if half_types is None and n >= answers // 2:
                    half_types = types
                    if trace:
                        import tracemalloc
                        tracemalloc.start(8)
                        snapshot = tracemalloc.take_snapshot()
        shown = window.transcript.toPlainText()
        if "Question" not in shown:
            raise RuntimeError("the answers did not reach the transcript")
        grew = _type_counts() - (half_types or Counter())
        top_types = [[name, count] for name, count in grew.most_common(15)]
        traced = []
        if snapshot is not None:
            import tracemalloc
            diff = tracemalloc.take_snapshot().compare_to(snapshot, "traceback")
            for stat in diff[:12]:
                traced.append({"kib": round(stat.size_diff / 1024, 1), "count": stat.count_diff,
                               "where": [f"{'/'.join(Path(f.filename).parts[-2:])}:{f.lineno}"
                                         for f in stat.traceback][-6:]})
            tracemalloc.stop()
    finally:
        await controller.close()
        await history.close()
        window.close()
    return {"samples": samples, "conversations": len(conversations),
            "types_grown_last_half": top_types, "tracemalloc_last_half": traced}


def run(quick: bool = False) -> dict:
    """The soak section: N answers through the window, RSS every few answers, the slope
    over the last half against the first half's (``--smoke``: six answers, toy figures)."""
    answers, every, chat_every = SIZES["smoke" if smoke() else "quick" if quick else "full"]
    m = run_on_qt_loop(lambda: soak(answers, every, chat_every))
    samples = m["samples"]
    half = answers // 2
    first = [s for s in samples if s["answers"] <= half]
    last = [s for s in samples if s["answers"] >= half]

    def points(rows: list[dict], key: str) -> list[tuple[int, float]]:
        return [(s["answers"], s[key]) for s in rows]

    rss_first, rss_last = slope(points(first, "rss_mb")), slope(points(last, "rss_mb"))
    obj_first, obj_last = slope(points(first, "gc_objects")), slope(points(last, "gc_objects"))
    where = f"answers {half}–{answers}"
    figures = [
        figure(f"RSS slope over the last half ({where})", rss_last, "MiB/answer",
               baseline=rss_first, baseline_name=f"the first half (answers "
                                                  f"{samples[0]['answers']}–{half})",
               target=("<=", SLOPE_TARGET),
               note=f"{answers} answers, {m['conversations']} conversations, a new or "
                    f"reopened one every {chat_every}"),
        figure(f"RSS after {answers} answers", samples[-1]["rss_mb"], "MiB",
               baseline=samples[0]["rss_mb"],
               baseline_name=f"after {samples[0]['answers']} answers"),
        figure(f"gc-tracked objects: slope over the last half ({where})", obj_last,
               "objects/answer", baseline=obj_first, baseline_name="the first half"),
    ]
    notes = [f"render caches (bodies, maths SVGs and images) held {samples[-1]['caches_mb']} "
             f"MiB at the end", "types that grew most over the last half: " + ", ".join(
                 f"{name} +{count}" for name, count in m["types_grown_last_half"][:6])]
    return {"figures": figures, "notes": notes, "raw": m, "size": f"{answers} answers"}


if __name__ == "__main__":
    from bench.report import print_table

    result = run("--quick" in sys.argv)
    print_table({"soak": result})
    for row in result["raw"]["samples"]:
        print(row)
    for row in result["raw"]["tracemalloc_last_half"]:
        print(row)
