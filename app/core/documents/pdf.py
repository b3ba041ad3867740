"""PDF text and page images with PDFium (pypdfium2: Apache-2.0/BSD-3; PyMuPDF is AGPL).

PDFium opens the file by path and reads what each page needs (``FPDF_LoadDocument``), so a
large PDF is never loaded whole. Per page: the text layer (``FPDFText_GetBoundedText``, full
Unicode, CJK from ToUnicode maps), and whether the page must also go as a picture:

- no real text layer (fewer than :data:`MIN_TEXT_CHARS` visible characters) but something
  drawn on it: a scan, a photographed handout, a chart drawn with paths;
- pictures covering at least :data:`PICTURE_COVER` of the page with little text
  (fewer than :data:`PICTURE_TEXT_CHARS`): a slide exported to PDF that is mostly a photo.

Pages are rendered (:func:`render_pages`) only when they are sent, at :data:`MAX_SIDE`
pixels on the long side, then go through the usual image preparation.

Threading: PDFium is not thread-safe, so every call into it holds :data:`PDFIUM_LOCK`
(one PDF at a time in the process). Call from a worker thread, never the UI thread; ctypes
releases the GIL inside PDFium, so the UI's loop keeps running meanwhile.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from app.core.documents.model import PICTURE_COVER, PICTURE_TEXT_CHARS, Unit, too_much_text
from app.core.errors import InputError

PDFIUM_LOCK = threading.Lock()
MIN_TEXT_CHARS = 20
MAX_SIDE = 2048
_ERR_PASSWORD = 4  # FPDF_ERR_PASSWORD
_PAGEOBJ_TEXT = 1  # FPDF_PAGEOBJ_TEXT
_PAGEOBJ_IMAGE = 3  # FPDF_PAGEOBJ_IMAGE
# Kangxi radicals, CJK compatibility ideographs and Latin ligatures: a font's glyph for 文
# is often also mapped to the radical ⽂ (U+2F42), and text copied out of the PDF then holds
# look-alikes a model reads as other characters. NFKC maps each to its ordinary character.
_LOOKALIKES = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\ufb00-\ufb06]")


class PasswordNeeded(InputError):
    """An encrypted PDF: no password was given (``wrong`` False) or it did not open it."""

    title = "Password needed"

    def __init__(self, message: str, *, hint: str = "", wrong: bool = False) -> None:
        super().__init__(message, hint=hint)
        self.wrong = wrong


def _open(path: Path, shown: str, password: str | None) -> Any:
    """The opened document (inside PDFIUM_LOCK), or InputError naming the file."""
    import pypdfium2 as pdfium  # only when a PDF is read: 0.1 s of import

    try:
        return pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _ERR_PASSWORD:
            if password:
                raise PasswordNeeded(f"the password does not open {shown}",
                                     hint="check it and try again", wrong=True) from None
            raise PasswordNeeded(f"{shown} is protected with a password",
                                 hint="give its password to read it") from None
        raise InputError(f"{shown} is damaged or is not a PDF ({exc})",
                         hint="open it in a PDF viewer and save or print it as a new PDF"
                         ) from None
    except OSError as exc:
        raise InputError(f"{shown} cannot be read: {exc.strerror or exc}") from None


def read_pdf(path: Path, shown: str, password: str | None = None,
             max_chars: int | None = None) -> tuple[Unit, ...]:
    """Every page's text, and which pages go as pictures (see the module docstring).
    ``max_chars``: stop with InputError once the text is longer (memory stays bounded)."""
    units: list[Unit] = []
    total = 0
    with PDFIUM_LOCK:
        pdf = _open(path, shown, password)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                try:
                    unit = _read_page(page, index + 1)
                finally:
                    page.close()
                total += len(unit.text)
                if max_chars is not None and total > max_chars:
                    raise too_much_text(shown, max_chars)
                units.append(unit)
        except InputError:
            raise
        except Exception as exc:  # PdfiumError, or a malformed page PDFium half-read
            raise InputError(f"{shown} is damaged (page {len(units) + 1}: {exc})",
                             hint="open it in a PDF viewer and print it to a new PDF"
                             ) from None
        finally:
            pdf.close()
    return tuple(units)


def _read_page(page: Any, number: int) -> Unit:
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_bounded()
    finally:
        textpage.close()
    text = _tidy(raw)
    visible = sum(1 for ch in text if not ch.isspace())
    if visible >= PICTURE_TEXT_CHARS:
        return Unit(number, text)
    cover, drawn = _picture_cover(page)
    if (visible < MIN_TEXT_CHARS and drawn) or cover >= PICTURE_COVER:
        return Unit(number, text, pictures=("page",))
    return Unit(number, text)


def _picture_cover(page: Any) -> tuple[float, bool]:
    """(share of the page that image objects cover, whether anything but text is drawn:
    pictures, paths, shadings)."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    covered = 0.0
    drawn = False
    for obj in page.get_objects(max_depth=2):
        drawn = drawn or obj.type != _PAGEOBJ_TEXT
        if obj.type != _PAGEOBJ_IMAGE:
            continue
        try:
            left, bottom, right, top = obj.get_bounds()
        except Exception:  # an object PDFium cannot place: it cannot cover anything
            continue
        w = max(0.0, min(right, width) - max(left, 0.0))
        h = max(0.0, min(top, height) - max(bottom, 0.0))
        covered += w * h
    return min(covered / area, 1.0), drawn


def _tidy(text: str) -> str:
    """PDFium's line ends (CRLF) as \\n, trailing spaces and blank-line runs removed, and
    look-alike characters (see _LOOKALIKES) as the ordinary ones."""
    text = _LOOKALIKES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n")
             .replace("\x00", "").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def render_pages(path: Path, shown: str, numbers: Sequence[int], password: str | None = None,
                 max_side: int = MAX_SIDE) -> Iterator[tuple[int, Any]]:
    """``(page number, PIL image)`` for each page in ``numbers``, rendered so that its long
    side is ``max_side`` px. One page at a time: the lock is held while PDFium renders and
    released while the caller prepares the image."""
    with PDFIUM_LOCK:
        pdf = _open(path, shown, password)
    try:
        for number in numbers:
            with PDFIUM_LOCK:
                page = pdf[number - 1]
                try:
                    width, height = page.get_size()
                    scale = max_side / max(width, height, 1.0)
                    bitmap = page.render(scale=scale, rev_byteorder=True,
                                         may_draw_forms=False)
                    image = bitmap.to_pil().copy()  # independent of PDFium's buffer
                    bitmap.close()
                except Exception as exc:
                    raise InputError(f"{shown}: page {number} cannot be drawn ({exc})",
                                     hint="send other pages with a page range") from None
                finally:
                    page.close()
            yield number, image
    finally:
        with PDFIUM_LOCK:
            pdf.close()
