"""Step 2: a :class:`~.model.Document` (or the pages chosen from it) made ready to send —
the content parts of the user's message, and what the attachment says about them.

Parts: text parts in which every unit starts with a heading that names the file and the
unit (``--- lecture.pdf · page 12 of 42 ---``), so answers can cite "page 12"; a unit that
goes as a picture is followed by its ``image_url`` part(s), prepared like any image (at
most 2048 px). When only some units are sent, the first line says which, so the model does
not take a part for the whole.

:func:`stored` / :func:`parts_of_stored` turn a ready document into the JSON the history
keeps beside the original file, so Regenerate and Edit send the same parts without reading
the document again.

Threading: :func:`prepare_document` decodes and encodes pictures — call it from a worker
thread, like :func:`app.core.images.prepare.prepare_image`. The rest is pure and cheap.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.core.documents.model import UNIT_PLURALS, Document, Unit, format_pages
from app.core.documents.tokens import (
    PAGE_IMAGE_TOKENS,
    PART_OVERHEAD,
    UNIT_OVERHEAD,
    image_tokens,
    text_tokens,
)
from app.core.errors import InputError

STORED_FORMAT = 1
MAX_PICTURE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ReadyDocument:
    """What is sent for one attached document, and what its attachment shows."""

    document: Document
    pages: tuple[int, ...]           # the units sent, in order
    parts: tuple[dict[str, Any], ...]
    image_pages: tuple[int, ...]     # the units that went as pictures
    tokens: int                      # estimate of the parts
    notes: tuple[str, ...] = ()      # what could not be sent (a picture that would not open)

    @property
    def whole(self) -> bool:
        return len(self.pages) == self.document.count

    @property
    def images(self) -> int:
        return sum(1 for p in self.parts if p.get("type") == "image_url")

    def meta(self) -> dict[str, Any]:
        """What the history keeps in the attachment's row (small: no text)."""
        d = self.document
        return {"kind": d.kind, "unit": d.unit, "count": d.count,
                "pages": format_pages(self.pages), "image_pages": format_pages(self.image_pages),
                "tokens": self.tokens, "notes": list(d.notes + self.notes)}


def heading(document: Document, unit: Unit) -> str:
    """The line that starts a unit's text."""
    if document.count == 1 and not unit.label and not unit.as_image:
        return f"--- {document.name} ---"
    where = unit.label if unit.label.startswith("lines ") else (
        f"{document.unit} {unit.number} of {document.count}"
        + (f": {unit.label}" if unit.label else ""))
    if unit.as_image:
        where += " · sent as an image" + ("" if unit.text.strip() else
                                          " (no text layer)" if document.kind == "pdf"
                                          else " (no text)")
    elif not unit.text.strip():
        where += " · blank"
    return f"--- {document.name} · {where} ---"


def unit_tokens(document: Document) -> list[tuple[int, int]]:
    """(number, estimated tokens) of every unit, pictures counted as rendered pages."""
    return [(u.number, text_tokens(heading(document, u)) + text_tokens(u.text) + UNIT_OVERHEAD
             + PAGE_IMAGE_TOKENS * len(u.pictures)) for u in document.units]


def estimate(document: Document, pages: Sequence[int] | None = None) -> int:
    """Estimated tokens of the whole document or of ``pages``, before any picture is made."""
    wanted = None if pages is None else set(pages)
    return sum(t for n, t in unit_tokens(document) if wanted is None or n in wanted)


def prepare_document(document: Document, pages: Sequence[int] | None = None) -> ReadyDocument:
    """The parts for ``pages`` (None: every unit), pictures rendered and prepared. Raises
    InputError if the file can no longer be opened; a single picture that fails becomes a
    note in the text instead."""
    units = document.units_for(pages)
    chosen = tuple(u.number for u in units)
    parts: list[dict[str, Any]] = []
    text: list[str] = []
    notes: list[str] = []
    if len(chosen) < document.count:
        text.append(f"[{document.name}: only {UNIT_PLURALS[document.unit]} "
                    f"{format_pages(chosen)} of {document.count} are attached]")
    pictures = _pictures(document, [u for u in units if u.as_image], notes)
    # Counted a unit at a time: one regex over a 300-page text would hold the GIL (and so
    # the UI's loop) for tens of milliseconds.
    tokens = sum(text_tokens(t) for t in text)
    for unit in units:
        for piece in (heading(document, unit), unit.text):
            if piece.strip():
                text.append(piece)
                tokens += text_tokens(piece)
        if not unit.as_image:
            continue
        tokens += _flush(parts, text)
        made = pictures.get(unit.number, [])
        for image in made:
            parts.append({"type": "image_url", "image_url": {"url": image.data_url}})
            tokens += image_tokens(image.width, image.height) + PART_OVERHEAD
        if not made:
            missing = f"[the picture of {document.unit} {unit.number} could not be made]"
            text.append(missing)
            tokens += text_tokens(missing)
    tokens += _flush(parts, text)
    image_pages = tuple(n for n in chosen if pictures.get(n))
    return ReadyDocument(document, chosen, tuple(parts), image_pages, tokens, tuple(notes))


def _flush(parts: list[dict[str, Any]], text: list[str]) -> int:
    """Join the pending text into one part; its framing's tokens (the text is counted)."""
    if not text:
        return 0
    parts.append({"type": "text", "text": "\n\n".join(text)})
    text.clear()
    return PART_OVERHEAD


def _pictures(document: Document, units: list[Unit], notes: list[str]) -> dict[int, list[Any]]:
    """{unit number: [PreparedImage]} for units that go as pictures."""
    if not units:
        return {}
    from app.core.images.prepare import prepare_image  # Pillow only when there are pictures

    made: dict[int, list[Any]] = {}
    _still_there(document)
    if document.kind == "pdf":
        from app.core.documents.pdf import render_pages

        for number, image in render_pages(document.path, document.name,
                                          [u.number for u in units], document.password):
            try:
                made[number] = [prepare_image(image, name=f"{document.name} page {number}")]
            except InputError as exc:
                notes.append(f"page {number}: {exc.message}")
        return made
    from app.core.documents.ooxml import Package

    with Package(document.path, document.name) as pkg:
        for unit in units:
            for member in unit.pictures:
                label = f"{document.name} {document.unit} {unit.number}"
                try:
                    data = pkg.read(member, MAX_PICTURE_BYTES)
                    made.setdefault(unit.number, []).append(prepare_image(data, name=label))
                except (InputError, KeyError) as exc:
                    notes.append(f"{document.unit} {unit.number}: a picture could not be "
                                 f"used ({getattr(exc, 'message', exc)})")
    return made


def _still_there(document: Document) -> None:
    try:
        size = document.path.stat().st_size
    except OSError as exc:
        raise InputError(f"{document.name} cannot be read any more: {exc.strerror or exc}",
                         hint="attach it again") from None
    if size != document.size:
        raise InputError(f"{document.name} changed since it was attached",
                         hint="attach it again")


def stored(ready: ReadyDocument) -> bytes:
    """The JSON the history keeps: the parts as sent, and :meth:`ReadyDocument.meta`."""
    return json.dumps({"format": STORED_FORMAT, **ready.meta(), "parts": list(ready.parts)},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def parts_of_stored(data: bytes) -> list[dict[str, Any]]:
    """The parts kept by :func:`stored`; ValueError for anything else."""
    value = json.loads(data.decode("utf-8"))
    parts = value.get("parts") if isinstance(value, dict) else None
    if not isinstance(parts, list) or not all(isinstance(p, dict) for p in parts):
        raise ValueError("not a stored document")
    return parts
