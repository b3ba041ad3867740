"""Benchmark of documents in (app.core.documents): read and made ready to send.

    python -m bench --only documents           # 5 runs of each
    python -m bench --only documents --quick   # 3 runs
    (python -m bench --smoke: 10 pages and 6 slides, one run: the path works, nothing more)

Generates (tests/docgen.py) a 300-page text PDF (40 lines a page), a 60-slide deck (text,
notes, a full-slide photo on every tenth slide) and the 4-page sample PDF with Chinese
text, a formula, a table and a scanned page, then measures with the median of warm runs:

- a 300-page PDF read and made ready (``read_document`` + ``prepare_document``: every
  page's text with its heading), against pypdf's ``page.extract_text`` over the same PDF;
- the 60-slide deck read and made ready (its six photos prepared as images), against
  python-pptx walking every shape's text frame (no pictures prepared);
- the event loop's longest stall while each runs in a worker thread (``run_in_executor``,
  as the window will): bench.common's StallMeter, target one frame (16.7 ms);
- memory: RSS growth while the 300-page PDF is read, and while a 500 MB file is refused;
- Chinese text quality: the share of the sample's Chinese line that comes back right, from
  Parley (PDFium + look-alike mapping), PDFium alone and pypdf.

``run(quick)`` returns ``{"figures": [...], "notes": [...]}`` for the bench runner.
"""

from __future__ import annotations

import asyncio
import difflib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.documents import prepare_document, read_attachment, read_document
from app.core.errors import InputError
from bench.common import StallMeter, figure, rss_mb, smoke
from tests import docgen

FRAME_MS = 1000 / 60


def timed_ms(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    """Median wall and CPU time (ms) of warm runs."""
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def worst_stall_ms(work: Callable[[], Any], runs: int) -> float:
    """The median over runs of the loop's longest stall while ``work`` runs in a worker."""
    async def once() -> float:
        loop = asyncio.get_running_loop()
        meter = StallMeter(loop)
        meter.start()
        await asyncio.sleep(0.02)
        await loop.run_in_executor(None, work)
        await asyncio.sleep(0.02)
        return meter.stop() * 1000

    return statistics.median(asyncio.run(once()) for _ in range(runs))


def ready(path: Path) -> Any:
    return prepare_document(read_document(path))


def pypdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pptx_text(path: Path) -> str:
    from pptx import Presentation

    out = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)


def similarity(found: str, truth: str) -> float:
    """How much of ``truth`` comes back (0-100 %): the best-matching line's ratio."""
    lines = [line.strip() for line in found.splitlines() if line.strip()]
    return 100 * max((difflib.SequenceMatcher(None, line, truth).ratio() for line in lines),
                     default=0.0)


def baseline(fn: Callable[[], Any], runs: int) -> float | None:
    try:
        return timed_ms(fn, runs)[0]
    except ImportError:  # pypdf / python-pptx: pip install -e ".[bench]"
        return None


def chinese_quality(tmp: Path) -> list[dict[str, Any]]:
    if docgen.cjk_font() is None:
        return []
    import pypdfium2 as pdfium

    path = docgen.sample_pdf(tmp / "sample.pdf")
    parley = read_document(path).units[0].text
    pdf = pdfium.PdfDocument(path)
    raw = pdf[0].get_textpage().get_text_bounded()
    pdf.close()
    figures = [figure("Chinese line read back right: Parley (PDFium + look-alike mapping)",
                      similarity(parley, docgen.CHINESE), "%", baseline=similarity(
                          raw, docgen.CHINESE), baseline_name="PDFium's text alone",
                      target=(">=", 100.0), higher_is_better=True)]
    try:
        figures.append(figure("Chinese line read back right: pypdf", similarity(
            pypdf_text(path), docgen.CHINESE), "%", higher_is_better=True,
            note="pypdf (BSD) for comparison"))
    except ImportError:
        pass
    return figures


def run(quick: bool = False) -> dict:
    runs = 1 if smoke() else 3 if quick else 5
    pages, slides = (10, 6) if smoke() else (300, 60)
    with tempfile.TemporaryDirectory(prefix="parley-document-bench-") as folder:
        tmp = Path(folder)
        started = time.perf_counter()
        pdf = docgen.text_pdf(tmp / "lecture.pdf", pages)
        deck = docgen.sample_pptx(tmp / "deck.pptx", slides,
                                  picture_slides=range(10, slides + 1, 10) if slides >= 10
                                  else (2,))
        made_s = time.perf_counter() - started
        before = rss_mb()
        pdf_ms, pdf_cpu = timed_ms(lambda: ready(pdf), runs)
        grew = rss_mb() - before
        naive_pdf = baseline(lambda: pypdf_text(pdf), runs)
        deck_ms, deck_cpu = timed_ms(lambda: ready(deck), runs)
        deck_text_ms = timed_ms(lambda: read_document(deck), runs)[0]
        naive_deck = baseline(lambda: pptx_text(deck), runs)
        idle = worst_stall_ms(lambda: time.sleep(0.3), runs)
        pdf_stall = worst_stall_ms(lambda: ready(pdf), runs)
        deck_stall = worst_stall_ms(lambda: ready(deck), runs)
        huge = tmp / "huge.pdf"
        with huge.open("wb") as file:
            file.truncate(500 * 1024 * 1024)
        before = rss_mb()
        try:
            read_attachment(huge)
            refused = "read"
        except InputError as error:
            refused = str(error)
        huge_mb = rss_mb() - before
        quality = chinese_quality(tmp)
        sent = ready(pdf)
        deck_ready = ready(deck)
    figures = [
        figure(f"{pages}-page text PDF read and ready to send", pdf_ms, "ms",
               baseline=naive_pdf, baseline_name="pypdf page.extract_text, same PDF",
               target=("<=", 3000.0),
               note=f"CPU {pdf_cpu:.0f} ms; {len(sent.parts)} part(s), about "
                    f"{sent.tokens:,} tokens"),
        figure(f"{slides}-slide deck read and ready to send ({len(deck_ready.image_pages)} "
               "photo slides prepared as images)", deck_ms, "ms",
               baseline=naive_deck, baseline_name="python-pptx text frames, no pictures",
               target=("<=", 3000.0), note=f"CPU {deck_cpu:.0f} ms"),
        figure(f"{slides}-slide deck: text and notes read (no pictures)", deck_text_ms, "ms",
               baseline=naive_deck, baseline_name="python-pptx text frames and notes"),
        figure("longest event-loop stall while the PDF is read in a worker", pdf_stall, "ms",
               baseline=idle, baseline_name="same StallMeter, loop idle",
               target=("<=", FRAME_MS)),
        figure("longest event-loop stall while the deck is read in a worker", deck_stall,
               "ms", baseline=idle, baseline_name="same StallMeter, loop idle",
               target=("<=", FRAME_MS)),
        figure(f"RSS kept after reading the {pages}-page PDF {runs + 1} times", max(grew, 0.0),
               "MiB"),
        figure("RSS growth refusing a 500 MB file", max(huge_mb, 0.0), "MiB",
               target=("<=", 5.0), note=refused[:90]),
        *quality,
    ]
    notes = [f"documents generated in {made_s:.1f} s; medians of {runs} warm runs",
             "stall: StallMeter ticks every 5 ms on an asyncio loop; 5 ms late is none"]
    return {"figures": figures, "notes": notes, "size": f"{pages} pages, {slides} slides"}
