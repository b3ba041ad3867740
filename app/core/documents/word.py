"""Word (.docx): the body's text in reading order — paragraphs, tables as ``| a | b |`` rows,
text boxes, headings as ``#`` lines and list items as ``-`` lines (English style names).

Pages: a .docx has no pages of its own; Word records where they broke when it last laid the
document out (``w:lastRenderedPageBreak``). When those marks are there, the units are
Word's pages, so "page 3" is the page the user saw. Otherwise (documents written by other
programs) the text is cut into parts of about :data:`PART_CHARS` characters at paragraph
ends.

Threading: pure functions over a file; any thread (call from a worker).
"""

from __future__ import annotations

import re
from pathlib import Path

from app.core.documents.model import Unit, too_much_text
from app.core.documents.ooxml import Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PART_CHARS = 6000
_HEADING = re.compile(r"(?i)heading\s*(\d)")
_BREAK = object()  # a page break Word rendered


class _Table:
    def __init__(self) -> None:
        self.row: list[str] = []
        self.cell: list[str] = []


def read_docx(path: Path, shown: str, max_chars: int | None = None) -> tuple[str, tuple[Unit, ...]]:
    """``(unit name, units)``: "page" with Word's pages, else "part"."""
    blocks: list[object] = []  # paragraphs (str) and _BREAK marks
    total = 0
    para: list[str] = []
    prefix = ""
    tables: list[_Table] = []
    in_run = 0

    def emit(text: str) -> None:
        nonlocal total
        total += len(text) + 1
        if max_chars is not None and total > max_chars:
            raise too_much_text(shown, max_chars)
        blocks.append(text)

    with Package(path, shown) as pkg:
        for event, elem in pkg.events("word/document.xml"):
            tag = elem.tag
            if event == "start":
                if tag == W + "r":
                    in_run += 1
                elif tag == W + "tbl":
                    tables.append(_Table())
                elif tag == W + "lastRenderedPageBreak" and not tables:
                    if para:  # the page broke inside this paragraph
                        emit("".join(para))
                        para = []
                    blocks.append(_BREAK)
                continue
            if tag == W + "t" and in_run:
                para.append(elem.text or "")
            elif tag == W + "r":
                in_run -= 1
            elif tag == W + "tab" and in_run:
                para.append("\t")
            elif tag in (W + "br", W + "cr") and in_run:
                para.append("\n")
            elif tag == W + "pStyle":
                match = _HEADING.fullmatch(elem.get(W + "val", ""))
                style = elem.get(W + "val", "")
                prefix = ("#" * int(match.group(1)) + " " if match else "# " if style == "Title"
                          else "- " if style.startswith("List") else prefix)
            elif tag == W + "numPr" and not prefix:
                prefix = "- "
            elif tag == W + "p":
                text = "".join(para).strip()
                text = prefix + text if text and not tables else text
                para, prefix = [], ""
                if tables:
                    tables[-1].cell.append(text)
                elif text:
                    emit(text)
                elem.clear()
            elif tag == W + "tc" and tables:
                tables[-1].row.append(" ".join(t for t in tables[-1].cell if t))
                tables[-1].cell = []
            elif tag == W + "tr" and tables:
                line = "| " + " | ".join(tables[-1].row) + " |"
                tables[-1].row = []
                if len(tables) > 1:
                    tables[-2].cell.append(line)
                else:
                    emit(line)
                elem.clear()
            elif tag == W + "tbl" and tables:
                tables.pop()
    return _units(blocks)


def _units(blocks: list[object]) -> tuple[str, tuple[Unit, ...]]:
    if _BREAK in blocks:
        pages: list[list[str]] = [[]]
        for block in blocks:
            if block is _BREAK:
                pages.append([])
            else:
                pages[-1].append(str(block))
        if len(pages) > 1 and not pages[0]:
            pages.pop(0)  # a mark before any text (Word puts one at the start sometimes)
        return "page", tuple(Unit(n, "\n".join(p)) for n, p in enumerate(pages, 1))
    parts: list[list[str]] = [[]]
    size = 0
    for block in blocks:
        text = str(block)
        if size and size + len(text) > PART_CHARS:
            parts.append([])
            size = 0
        parts[-1].append(text)
        size += len(text) + 1
    return "part", tuple(Unit(n, "\n".join(p)) for n, p in enumerate(parts, 1))
