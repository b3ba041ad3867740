"""Text files — plain text, Markdown, CSV, source code, logs, anything that decodes as text —
cut into pages of :data:`LINES_PER_PAGE` lines ("lines 501–1000"), so that a long log can be
sent in part and a model can cite where; most files are one page.

Decoding: UTF-8 (with or without BOM), UTF-16/32 with a BOM, else the legacy encodings a
Hong Kong, Taiwan or mainland Excel or Notepad writes (Big5-HKSCS, GB18030), else
Windows-1252 — the first that decodes the whole file strictly. Binary data (NUL bytes
without a UTF-16/32 BOM) is refused by :mod:`.detect` before this runs.

Threading: pure functions over a file; any thread (call from a worker).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from app.core.documents.model import Unit, too_much_text

LINES_PER_PAGE = 500
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_LEGACY = ("big5hkscs", "gb18030", "cp1252")


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``; latin-1 (which decodes anything) is the last resort."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    for encoding in ("utf-8", *_LEGACY):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def read_text(path: Path, shown: str, max_chars: int | None = None) -> tuple[Unit, ...]:
    """Pages of lines; one page (no label) when the file is short."""
    size = path.stat().st_size
    if max_chars is not None and size > 4 * max_chars:  # even UTF-32 holds fewer
        raise too_much_text(shown, max_chars)
    text, _ = decode(path.read_bytes())
    if max_chars is not None and len(text) > max_chars:
        raise too_much_text(shown, max_chars)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) <= LINES_PER_PAGE:
        return (Unit(1, "\n".join(lines)),)
    total = len(lines)
    return tuple(
        Unit(n, "\n".join(lines[start:start + LINES_PER_PAGE]),
             f"lines {start + 1:,}–{min(start + LINES_PER_PAGE, total):,} of {total:,}")
        for n, start in enumerate(range(0, total, LINES_PER_PAGE), 1))
