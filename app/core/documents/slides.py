"""PowerPoint (.pptx): each slide's text in the order of its shapes (tables as ``| a | b |``
rows), its speaker notes, and whether it is mostly pictures.

A slide whose pictures cover at least :data:`PICTURE_COVER` of it and that carries fewer
than :data:`PICTURE_TEXT_CHARS` characters goes as its pictures too (the largest
:data:`MAX_PICTURES`, as images): a photo of a whiteboard, a scanned handout, a chart pasted
as a picture. Parley does not draw slides (that needs an office suite); pictures in formats
no model takes (EMF, WMF) are named in the document's notes instead.

Threading: pure functions over a file; any thread (call from a worker).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from app.core.documents.model import PICTURE_COVER, PICTURE_TEXT_CHARS, Unit, too_much_text
from app.core.documents.ooxml import REL, Package, emu

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
MAX_PICTURES = 4
RASTER = {".png", ".jpg", ".jpeg", ".jpe", ".gif", ".bmp", ".tif", ".tiff", ".webp"}
_NOTES_SKIP = {"sldNum", "sldImg", "hdr", "ftr", "dt"}


def read_pptx(path: Path, shown: str, max_chars: int | None = None
              ) -> tuple[tuple[Unit, ...], tuple[str, ...]]:
    """``(slides, notes about what could not be used)``."""
    units: list[Unit] = []
    notes: list[str] = []
    total = 0
    with Package(path, shown) as pkg:
        slides, area = _slide_list(pkg)
        for number, slide in enumerate(slides, 1):
            rels = pkg.relationships(slide)
            text, pictures, hidden = _slide(pkg, slide, rels)
            chosen = _chosen(number, text, pictures, area, notes)
            speaker = next((_notes(pkg, target) for kind, target in rels.values()
                            if kind == "notesSlide" and target in pkg.names), "")
            if speaker:
                text = f"{text}\n\nSpeaker notes:\n{speaker}".lstrip("\n")
            total += len(text)
            if max_chars is not None and total > max_chars:
                raise too_much_text(shown, max_chars)
            units.append(Unit(number, text, "hidden" if hidden else "", chosen))
    return tuple(units), tuple(notes)


def _slide_list(pkg: Package) -> tuple[list[str], int]:
    """The slides' part names in show order, and the slide area (EMU²)."""
    rels = pkg.relationships("ppt/presentation.xml")
    order: list[str] = []
    area = 9144000 * 6858000  # 4:3, PowerPoint's default when the size is missing
    for _, elem in pkg.events("ppt/presentation.xml", ("end",)):
        if elem.tag == P + "sldId":
            target = rels.get(elem.get(REL + "id", ""), ("", ""))[1]
            if target in pkg.names:
                order.append(target)
        elif elem.tag == P + "sldSz":
            area = max(emu(elem.get("cx")) * emu(elem.get("cy")), 1)
    return order, area


def _slide(pkg: Package, part: str, rels: dict[str, tuple[str, str]]
           ) -> tuple[str, list[tuple[int, str]], bool]:
    """(text, [(area, picture part)], hidden)."""
    lines: list[str] = []
    para: list[str] = []
    row: list[str] = []
    cell: list[str] = []
    pictures: list[tuple[int, str]] = []
    in_table = in_xfrm = 0
    in_picture = False  # inside a p:pic: its blip and size are recorded
    target, size = "", 0
    hidden = False
    for event, elem in pkg.events(part):
        tag = elem.tag
        if event == "start":
            if tag == P + "sld":
                hidden = elem.get("show") == "0"
            elif tag == A + "tbl":
                in_table += 1
            elif tag in (A + "xfrm", P + "xfrm"):
                in_xfrm += 1
            elif tag == P + "pic":
                in_picture, target, size = True, "", 0
            continue
        if tag == A + "t":
            para.append(elem.text or "")
        elif tag == A + "br":
            para.append("\n")
        elif tag == A + "p":
            text = "".join(para).strip()
            para = []
            (cell if in_table else lines).append(text)
        elif tag == A + "tc":
            row.append(" ".join(t for t in cell if t))
            cell = []
        elif tag == A + "tr":
            lines.append("| " + " | ".join(row) + " |")
            row = []
        elif tag == A + "tbl":
            in_table -= 1
        elif tag in (A + "xfrm", P + "xfrm"):
            in_xfrm -= 1
        elif tag == A + "ext" and in_xfrm and in_picture:
            size = emu(elem.get("cx")) * emu(elem.get("cy"))
        elif tag == A + "blip" and in_picture:  # a blip elsewhere fills a shape: decoration
            target = rels.get(elem.get(REL + "embed", ""), ("", ""))[1]
        elif tag == P + "pic":
            if target:
                pictures.append((size, target))
            in_picture = False
    text = "\n".join(line for line in lines if line)
    return text, pictures, hidden


def _notes(pkg: Package, part: str) -> str:
    """The speaker notes' text (not the slide number, date or header placeholders)."""
    lines: list[str] = []
    para: list[str] = []
    placeholder = ""
    for event, elem in pkg.events(part):
        if event == "start":
            if elem.tag == P + "sp":
                placeholder = ""
            elif elem.tag == P + "ph":
                placeholder = elem.get("type", "body")
            continue
        if elem.tag == A + "t" and placeholder not in _NOTES_SKIP:
            para.append(elem.text or "")
        elif elem.tag == A + "p":
            text = "".join(para).strip()
            para = []
            if text:
                lines.append(text)
    return "\n".join(lines)


def _chosen(number: int, text: str, pictures: list[tuple[int, str]], area: int,
            notes: list[str]) -> tuple[str, ...]:
    """The pictures that stand for a slide that is mostly pictures, largest first."""
    visible = sum(1 for ch in text if not ch.isspace())
    cover = sum(a for a, _ in pictures) / area
    if cover < PICTURE_COVER or visible >= PICTURE_TEXT_CHARS:
        return ()
    chosen = []
    for _, target in sorted(pictures, key=lambda p: -p[0]):
        ext = posixpath.splitext(target)[1].lower()
        if ext in RASTER:
            chosen.append(target)
        else:
            notes.append(f"slide {number}: a picture in {ext[1:].upper() or 'an unknown'} "
                         "format cannot be sent")
    return tuple(dict.fromkeys(chosen))[:MAX_PICTURES]
