"""Benchmark of documents out (app.export): a 200-message conversation exported as Markdown,
HTML, Word and PDF.

    python -m bench --only export           # 200 messages, median of 3 runs per format
    python -m bench --only export --quick   # 200 messages, one run
    (python -m bench --smoke: 6 messages, one run: every format works, nothing more)

The conversation is stored in a temporary history through the real store: 100 questions and
100 answers in English and Traditional Chinese, every answer with inline and display maths,
most with a highlighted code block and a table, and two images (a photo-like JPEG the user
sent and a generated PNG). Figures: loading it from the history (``load_conversation``),
then each format's ``render`` (CPU work the window runs on a worker thread) and its size,
against the window's own renderer over the same messages (what showing the chat costs).
Maths is typeset once per distinct formula and cached (the app's shared cache), so formulas
are varied by number, as in real answers. The PDF is laid out by Qt, offscreen.

``run(quick) -> dict`` for the bench runner.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import figure, smoke

MESSAGES = 200
SMOKE_MESSAGES = 6


def answer(n: int) -> str:
    """A rich answer whose formulas and code differ with ``n``."""
    code = (f"```python\ndef f{n}(x: float) -> float:\n    # 第 {n} 題\n"
            f"    return x ** {n % 5 + 2} / {n + 1}\n```\n\n" if n % 3 else "")
    table = (f"| 方法 | 結果 |\n| --- | ---: |\n| 精確 | {1 / (n + 3):.4f} |\n"
             f"| 近似 n={n} | {1 / (n + 3) + 0.001:.4f} |\n\n" if n % 2 else "")
    return (f"## 第 {n} 部分\n\n定積分 $\\int_0^{{{n}}} x^2\\,dx = \\frac{{{n}^3}}{{3}}$ "
            f"表示曲線下的面積。The area grows as $n^3$ for n = {n}.\n\n"
            f"$$\n\\sum_{{k=1}}^{{{n}}} k^2 = \\frac{{{n}({n}+1)(2\\cdot{n}+1)}}{{6}}\n$$\n\n"
            f"{code}{table}- 一個重點：大小、日月\n- **Note**: see step {n}.\n")


class _Image:
    def __init__(self, data: bytes, mime: str, size: tuple[int, int], name: str) -> None:
        self.data, self.mime, self.name = data, mime, name
        self.width, self.height = size
        self.revised_prompt = "A diagram of the area under y = x²"


def _images() -> tuple[_Image, _Image]:
    from PIL import Image, ImageChops, ImageDraw

    size = (1024, 768)
    photo = ImageChops.add(Image.effect_noise(size, 40).convert("RGB"),
                           Image.new("RGB", size, (90, 140, 200)), scale=1.0, offset=-60)
    jpeg = io.BytesIO()
    photo.save(jpeg, "JPEG", quality=85)
    drawing = Image.new("RGB", (512, 512), (255, 250, 235))
    ImageDraw.Draw(drawing).polygon([(40, 470), (470, 470), (470, 60)], fill=(40, 90, 200))
    png = io.BytesIO()
    drawing.save(png, "PNG")
    return (_Image(jpeg.getvalue(), "image/jpeg", size, "whiteboard.jpg"),
            _Image(png.getvalue(), "image/png", (512, 512), "area.png"))


def make_conversation(store, messages: int) -> int:
    photo, drawing = _images()
    conv = store.create_conversation(title="微積分複習 Calculus review", model="gpt-4o")
    for n in range(messages // 2):
        store.add_message(conv.id, "user", f"問題 {n}: what is $\\int_0^{{{n}}} x^2\\,dx$?",
                          attachments=[photo] if n == 0 else None)
        store.add_message(conv.id, "assistant", answer(n), model="gpt-4o",
                          attachments=[drawing] if n == 1 else None)
    return conv.id


def run(quick: bool = False) -> dict:
    from app.core.history.store import HistoryStore
    from app.export import load_conversation, render

    count = SMOKE_MESSAGES if smoke() else MESSAGES
    runs = 1 if smoke() or quick else 3
    figures, notes = [], []
    with HistoryStore() as store:  # the runner gives this process its own PARLEY_HOME
        conversation = make_conversation(store, count)
        loads = []
        for _ in range(runs):
            start = time.perf_counter()
            doc = load_conversation(store, conversation)
            loads.append((time.perf_counter() - start) * 1000)
    figures.append(figure(f"load a {count}-message conversation with its images",
                          statistics.median(loads), "ms"))
    from app.core.render.markdown import MarkdownRenderer

    renderer = MarkdownRenderer()  # the window's renderer: what showing the chat costs
    shown = []
    for attempt in range(runs + 1):
        start = time.perf_counter()
        for message in doc.messages:
            renderer.render(message.text)
        if attempt:
            shown.append((time.perf_counter() - start) * 1000)
    window_ms = statistics.median(shown)
    for fmt in ("md", "html", "docx", "pdf"):
        times, size = [], 0
        for attempt in range(runs + 1):  # the first run warms fonts, lexers and formulas
            start = time.perf_counter()
            result = render(doc, fmt, folder="chat_files")
            if attempt:
                times.append((time.perf_counter() - start) * 1000)
            size = len(result.data) + sum(len(d) for d in result.files.values())
        figures.append(figure(
            f"export {count} messages as {fmt}", statistics.median(times), "ms",
            baseline=window_ms, baseline_name="the window's renderer on the same messages",
            note=f"{size / 1024:.0f} KiB"))
    notes.append("warm: each format rendered once before timing (fonts, lexers, the maths "
                 "cache); the first PDF also starts Qt offscreen")
    return {"figures": figures, "notes": notes, "size": f"{count} messages"}


if __name__ == "__main__":
    import json

    print(json.dumps(run("--quick" in sys.argv), indent=1, ensure_ascii=False))
