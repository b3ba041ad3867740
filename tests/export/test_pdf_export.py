"""The PDF (Qt: QTextDocument → QPdfWriter), read back with poppler's pdftotext, pdffonts and
pdftoppm (poppler-utils; the tests skip without them): Chinese is embedded and comes back as
the ideographs it is (not Kangxi radicals), maths is typeset (never its LaTeX), the image
goes along. The PDF can be made on a worker thread, as the window will."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.core.export.document import load_conversation
from app.core.history.store import HistoryStore
from app.export import render
from tests.core.export.sample import CHINESE, sample_conversation

poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                             reason="poppler-utils is not installed")


@pytest.fixture
def pdf(qapp, tmp_path):
    with HistoryStore() as store:
        doc = load_conversation(store, sample_conversation(store))
    path = tmp_path / "chat.pdf"
    path.write_bytes(render(doc, "pdf").data)
    return path


def run(*args) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def test_pdf_starts_and_ends_as_a_pdf(pdf):
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"/Title (\xfe\xff" in data  # the conversation's title, as UTF-16


@poppler
def test_chinese_is_embedded_and_reads_back_as_ideographs(pdf):
    text = run("pdftotext", "-layout", str(pdf), "-")
    assert "微積分：定積分" in text and CHINESE in text and "大小、日月、水火" in text
    assert "⼈" not in text and "⽂" not in text  # radicals (U+2F08, U+2F42)
    assert "Raw HTML stays text: <script>" in text
    assert "\\int" not in text and "\\frac" not in text  # maths is typeset, not source
    fonts = run("pdffonts", str(pdf))
    assert "CJK" in fonts and all(" yes " in line for line in fonts.splitlines()[2:])


@poppler
def test_pages_render(pdf, tmp_path):
    from PIL import Image

    run("pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page"))
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = page.getcolors(1 << 16) or []
    assert any(c[1][2] > 150 and c[1][0] < 80 for c in colours)  # the image's blue square


def test_pdf_on_a_worker_thread(qapp):
    with HistoryStore() as store:
        doc = load_conversation(store, sample_conversation(store))
    with ThreadPoolExecutor(1) as pool:
        data = pool.submit(render, doc, "pdf").result().data
    assert data.startswith(b"%PDF-") and len(data) > 10_000
