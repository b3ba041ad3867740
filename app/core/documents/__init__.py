"""Documents the user attaches: PDF, Word, PowerPoint, Excel, CSV, text, Markdown, code.

The API the window and ``parley ask --file`` use — every function here is synchronous and
may take seconds on a large file: run it in a worker thread, never on the UI thread
(``await loop.run_in_executor(None, functools.partial(read_attachment, path))``), like
image preparation. Results are immutable and safe to hand to the UI thread.

1. :func:`read_attachment` (or :func:`read_document`) checks and reads the file: a
   :class:`Document` with its units (pages, slides, sheets, parts) and their text, and which
   units go as pictures — nothing decoded yet, so it is quick; an image file gives a
   :class:`~app.core.images.prepare.PreparedImage` instead. Refusals are
   :class:`~app.core.errors.InputError` (exit 10) naming the file and what to do;
   :class:`PasswordNeeded` asks for a PDF's password (``wrong`` when one did not work).
2. The attachment shows ``document.plural()``, ``estimate(document)`` tokens and
   ``document.image_numbers``; :func:`context_window` and :func:`fits` say whether it fits
   the model, :func:`pages_that_fit` offers a range, :func:`parse_pages` reads one.
3. :func:`prepare_document` (worker) renders the chosen pictures and gives a
   :class:`ReadyDocument`: its ``parts`` go into the user message after its text, and
   ``history.add_message(..., attachments=[ready])`` keeps the original file and the parts.

Libraries: pypdfium2 (PDFium) for PDF, openpyxl for Excel, the standard library for Word,
PowerPoint and text (see :mod:`.ooxml` for why). Qt-free.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from app.core.documents.context import (
    ContextWindow,
    Fit,
    TooLarge,
    context_window,
    fits,
    model_window,
    pages_that_fit,
)
from app.core.documents.detect import ACCEPTED, MAX_DOCUMENT_BYTES, MIMES, check_file, detect_kind
from app.core.documents.model import Document, Unit, format_pages, parse_pages
from app.core.documents.pdf import PasswordNeeded
from app.core.documents.ready import (
    ReadyDocument,
    estimate,
    parts_of_stored,
    prepare_document,
    stored,
    unit_tokens,
)

__all__ = [
    "ACCEPTED", "MAX_DOCUMENT_BYTES", "MAX_TEXT_CHARS", "ContextWindow", "Document", "Fit",
    "PasswordNeeded", "ReadyDocument", "TooLarge", "Unit", "context_window", "estimate",
    "file_digest", "fits", "format_pages", "model_window", "pages_that_fit", "parse_pages",
    "parts_of_stored", "prepare_document", "read_attachment", "read_document", "stored",
    "unit_tokens",
]

# About 2 million tokens: twice what the largest context (gpt-4.1's) takes. A file with
# more text is refused while it is read, so memory stays bounded whatever the file holds.
MAX_TEXT_CHARS = 8_000_000


def file_digest(path: Path, chunk: int = 1 << 20) -> str:
    """sha256 of a file, read in chunks (never whole)."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def read_document(path: str | Path, *, password: str | None = None,
                  name: str | None = None) -> Document:
    """Read a document (step 1). ``name``: what messages and headings call it (default: the
    path as given for errors, the file's name for headings). Images are refused here: use
    :func:`read_attachment` for a file that may be either."""
    result = read_attachment(path, password=password, name=name)
    if not isinstance(result, Document):
        raise _image_not_document(name or str(path))
    return result


def read_attachment(path: str | Path, *, password: str | None = None,
                    name: str | None = None) -> Any:
    """A :class:`Document`, or a PreparedImage for an image file (``--file`` takes both)."""
    p, shown, size = check_file(path, name)
    kind = detect_kind(p, shown)
    if kind == "image":
        from app.core.images.prepare import prepare_image

        return prepare_image(p, name=name)
    title = name or p.name
    unit = "page"
    notes: tuple[str, ...] = ()
    if kind == "pdf":
        from app.core.documents.pdf import read_pdf

        units = read_pdf(p, shown, password, MAX_TEXT_CHARS)
    elif kind == "docx":
        from app.core.documents.word import read_docx

        unit, units = read_docx(p, shown, MAX_TEXT_CHARS)
    elif kind == "pptx":
        from app.core.documents.slides import read_pptx

        unit = "slide"
        units, notes = read_pptx(p, shown, MAX_TEXT_CHARS)
    elif kind == "xlsx":
        from app.core.documents.sheets import read_xlsx

        unit = "sheet"
        units = read_xlsx(p, shown, MAX_TEXT_CHARS)
    else:
        from app.core.documents.plaintext import read_text

        units = read_text(p, shown, MAX_TEXT_CHARS)
    if not units:
        raise _nothing(shown, kind)
    return Document(p, title, kind, MIMES[kind], size, file_digest(p), unit, units, notes,
                    password)


def _image_not_document(shown: str) -> Exception:
    from app.core.errors import InputError

    return InputError(f"{shown} is an image", hint="attach it as an image")


def _nothing(shown: str, kind: str) -> Exception:
    from app.core.errors import InputError

    what = {"pptx": "slides", "xlsx": "worksheets"}.get(kind, "pages")
    return InputError(f"{shown} has no {what}", hint="check that it is the right file")
