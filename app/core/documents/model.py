"""What reading a document gives: its units (pages, slides, sheets or parts) and their text,
and which units stand as pictures. Immutable, so a worker can hand them to the UI thread.

A :class:`Document` is what :func:`app.core.documents.read_document` found (step 1, cheap:
no picture is decoded yet); :class:`ReadyDocument` (:mod:`.ready`) is what will be sent
(step 2). Page selections (``"3-7,12"``) are parsed and written back here.

Pure data and functions, Qt-free; any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import InputError

# A page or slide goes as a picture when pictures cover at least this share of it and it
# carries fewer characters of text than this (a photo with a caption): PDF and slides alike.
PICTURE_COVER = 0.5
PICTURE_TEXT_CHARS = 200

# The unit each kind of document is cut into, singular and plural ("slide 12", "3 slides").
UNIT_PLURALS = {"page": "pages", "slide": "slides", "sheet": "sheets", "part": "parts"}


@dataclass(frozen=True)
class Unit:
    """One page, slide, sheet or part. ``number`` counts from 1 as the user sees it.

    ``label`` adds what the number alone does not say: a sheet's name, "lines 501–1000".
    ``pictures`` name what stands for the unit as an image (empty: text only): ``("page",)``
    for a PDF page rendered whole, zip member names for a slide's pictures. Images are made
    only when the unit is sent (:func:`app.core.documents.ready.prepare_document`)."""

    number: int
    text: str
    label: str = ""
    pictures: tuple[str, ...] = ()

    @property
    def as_image(self) -> bool:
        return bool(self.pictures)


@dataclass(frozen=True)
class Document:
    """A document as read from ``path``: every unit, in order.

    ``sha256``/``size`` are the file's at reading time (the history keeps that original);
    ``password`` (never shown, never stored) opens an encrypted PDF again when its page
    images are made; ``notes`` say what could not be used (a picture in a format no model
    takes), for the attachment to show."""

    path: Path
    name: str
    kind: str          # "pdf", "docx", "pptx", "xlsx", "text"
    mime: str
    size: int
    sha256: str
    unit: str          # a key of UNIT_PLURALS
    units: tuple[Unit, ...]
    notes: tuple[str, ...] = ()
    password: str | None = field(default=None, repr=False, compare=False)

    @property
    def count(self) -> int:
        return len(self.units)

    @property
    def image_numbers(self) -> tuple[int, ...]:
        """The units that go as pictures."""
        return tuple(u.number for u in self.units if u.as_image)

    def units_for(self, pages: Sequence[int] | None) -> tuple[Unit, ...]:
        """The units of a selection (None: all), in the selection's order."""
        if pages is None:
            return self.units
        by_number = {u.number: u for u in self.units}
        return tuple(by_number[n] for n in pages if n in by_number)

    def plural(self, n: int | None = None) -> str:
        """'1 page', '42 pages' (``n`` defaults to the whole document)."""
        n = self.count if n is None else n
        return f"{n:,} {self.unit if n == 1 else UNIT_PLURALS[self.unit]}"


def describe_sent(meta: Mapping[str, Any]) -> str:
    """What a stored document's ``meta`` says was sent, in words for an export:
    "4 pages", "pages 1-5 of 300", "12 slides · slides 3, 7 as images"."""
    unit = str(meta.get("unit") or "page")
    plural = UNIT_PLURALS.get(unit, "pages")
    count = int(meta.get("count") or 0)
    pages = str(meta.get("pages") or "")
    if not count:
        return ""
    sent = f"{count:,} {unit if count == 1 else plural}"
    if pages and pages != (f"1-{count}" if count > 1 else "1"):
        sent = f"{plural if ('-' in pages or ',' in pages) else unit} {pages} of {count:,}"
    images = str(meta.get("image_pages") or "")
    if images:
        many = "-" in images or "," in images
        sent += f" · {plural if many else unit} {images.replace(',', ', ')} as " + (
            "images" if many else "an image")
    return sent


_RANGE = re.compile(r"\s*(\d+)\s*(?:[-–]\s*(\d*)\s*)?")


def parse_pages(text: str, count: int, *, unit: str = "page", name: str = "") -> tuple[int, ...]:
    """``"3-7,12"`` → (3, 4, 5, 6, 7, 12) for a document of ``count`` units. ``"5-"`` runs to
    the end. Duplicates are dropped, order kept. InputError naming the file for anything
    else: bad syntax, 0, a range backwards, a number past the end."""
    where = f" for {name}" if name else ""
    plural = UNIT_PLURALS.get(unit, "pages")
    chosen: dict[int, None] = {}
    for piece in text.split(","):
        if not piece.strip():
            continue
        match = _RANGE.fullmatch(piece)
        if match is None:
            raise InputError(f"“{text}” is not a {unit} range{where}",
                             hint="write ranges like 3-7,12 (or 5- for 5 to the end)")
        first = int(match.group(1))
        last = first if match.group(2) is None else (int(match.group(2)) if match.group(2)
                                                     else count)
        if first < 1 or last < first:
            raise InputError(f"“{piece.strip()}” is not a {unit} range{where}",
                             hint=f"{plural} count from 1, ranges go upwards: 3-7")
        if last > count:
            raise InputError(f"{name or 'the document'} has {count:,} {plural}, so "
                             f"“{piece.strip()}” is past its end",
                             hint=f"choose {plural} between 1 and {count}")
        chosen.update(dict.fromkeys(range(first, last + 1)))
    if not chosen:
        raise InputError(f"no {unit} chosen{where}", hint="write ranges like 3-7,12")
    return tuple(chosen)


def kept_numbers(ranges: str) -> tuple[int, ...]:
    """"1-3,7" → (1, 2, 3, 7): the ranges :func:`format_pages` wrote for the history, read
    back (lenient: what the history keeps was written by Parley)."""
    out: list[int] = []
    for piece in filter(None, ranges.split(",")):
        first, _, last = piece.partition("-")
        if first.isdigit():
            out += range(int(first), int(last if last.isdigit() else first) + 1)
    return tuple(out)


def format_pages(numbers: Iterable[int]) -> str:
    """(3, 4, 5, 6, 7, 12) → "3-7,12": the inverse of :func:`parse_pages`."""
    out: list[str] = []
    run: list[int] = []
    for n in numbers:
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(_run(run))
        run = [n]
    if run:
        out.append(_run(run))
    return ",".join(out)


def _run(run: list[int]) -> str:
    return str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}"


def too_much_text(shown: str, max_chars: int) -> InputError:
    """The refusal of a file holding more text than any model takes (every reader's)."""
    return InputError(f"{shown} holds more than {max_chars:,} characters of text, more "
                      "than any model takes",
                      hint="split it, or attach only the part you need")
