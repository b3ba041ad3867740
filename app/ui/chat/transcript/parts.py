"""A message body cut into parts, each shown by a widget of its own.

A part is ``code`` (one top-level code block: a widget that scrolls sideways, with its
label and Copy) or ``text`` (consecutive other blocks in one QTextDocument). Text parts are
kept small — at most TEXT_LIMIT characters of HTML and FRAME_LIMIT frames (tables, quotes)
— because Qt rescans every frame of a document on each insertion that holds one, and lays
out a whole document when it is replaced: small documents keep each streaming update cheap
however long the answer grows (docs/BENCHMARKS.md). Selection works within one part.

Grouping is greedy from the first block on, so the parts of a streamed answer, grown update
by update (:class:`PartStream`), end exactly as the parts of the same answer opened later
(:func:`group`): nothing is laid out again when the answer ends.

Pure Python; threading: GUI thread (one stream per answer).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.core.render.blocks import CODE, FRAME, RenderedBlock
from app.ui.chat.transcript.models import ImageView

TEXT, CODE_PART = "text", "code"
TEXT_LIMIT = 3000  # characters of HTML in one text part (a screen or two of prose)
FRAME_LIMIT = 4    # tables and quotes in one text part


@dataclass(frozen=True, slots=True)
class Part:
    """One rendering unit: ``html`` (a text part's blocks, or a code block's ``<pre>``),
    and for code its ``language`` and ``code`` number (what Copy copies)."""

    kind: str
    html: str
    language: str = ""
    code: int = -1
    frames: int = 0


def add_block(parts: list[Part], block: RenderedBlock) -> None:
    """Append ``block`` to ``parts``: into the last text part if it has room."""
    if block.kind == CODE:
        parts.append(Part(CODE_PART, block.html, block.language, block.code))
        return
    frames = 1 if block.kind == FRAME else 0
    last = parts[-1] if parts else None
    if (last is not None and last.kind == TEXT and last.frames + frames <= FRAME_LIMIT
            and len(last.html) + len(block.html) <= TEXT_LIMIT):
        parts[-1] = Part(TEXT, last.html + block.html, frames=last.frames + frames)
    else:
        parts.append(Part(TEXT, block.html, frames=frames))


def group(blocks: Iterable[RenderedBlock]) -> list[Part]:
    """The parts of a whole body."""
    parts: list[Part] = []
    for block in blocks:
        add_block(parts, block)
    return parts


class PartStream:
    """The parts of an answer while it streams: frozen blocks are grouped for good; the
    open tail is grouped on its own after them, so an update lays out only the small tail
    part — and the last sealed part when a block freezes into it. Two documents stacked
    keep the same spacing as one (Qt adds block margins, it does not collapse them), so
    when the tail freezes into the sealed part nothing moves."""

    def __init__(self) -> None:
        self._sealed: list[Part] = []  # from frozen blocks; only the last may still grow

    def update(self, frozen: Sequence[RenderedBlock], tail: Sequence[RenderedBlock],
               reset: bool = False) -> tuple[list[Part], int]:
        """The parts now, and the index of the first part that may differ from the
        previous update's (0 after a reset)."""
        if reset:
            self._sealed = []
        first = len(self._sealed)  # without frozen blocks, only the tail's parts change
        if reset:
            first = 0
        elif frozen:
            first = max(0, first - 1)
        for block in frozen:
            add_block(self._sealed, block)
        return self._sealed + group(tail), first


def images_html(images: Sequence[ImageView]) -> str:
    """A message's pictures in a row, each with its caption and links underneath."""
    if not images:
        return ""
    cells = []
    for image in images:
        if image.title:
            cells.append(_card_html(image))
            continue
        picture = (f'<img src="{html.escape(image.url)}" width="{image.width}" '
                   f'height="{image.height}">')
        if image.open_url:
            picture = f'<a href="{html.escape(image.open_url)}">{picture}</a>'
        under = []
        if image.caption:
            under.append(f'<i>{html.escape(image.caption)}</i>')
        if image.actions:
            under.append(" &nbsp;·&nbsp; ".join(
                f'<a href="{html.escape(url)}">{html.escape(label)}</a>'
                for label, url in image.actions))
        text = f'<br><span style="font-size:small;">{"<br>".join(under)}</span>' if under else ""
        cells.append(f'<td style="padding-right:8px;" valign="top">{picture}{text}</td>')
    return ('<table cellspacing="0" cellpadding="0" style="margin-top:6px; margin-bottom:4px;">'
            f'<tr>{"".join(cells)}</tr></table>')


def _card_html(card: ImageView) -> str:
    """A sent document: its icon, name and what was sent, in a thin frame; each opens it.
    (A one-cell framed table around a frameless one: Qt draws a bordered table's inner
    cell borders too.)"""
    link = f'<a style="text-decoration:none;" href="{html.escape(card.open_url)}">'
    return ('<td style="padding-right:8px;" valign="top"><table cellspacing="0" '
            'cellpadding="6" border="1" style="border-color: #8c959f; border-style: solid;">'
            '<tr><td><table cellspacing="0" cellpadding="0" border="0"><tr>'
            f'<td valign="middle" style="padding-right:8px;">{link}'
            f'<img src="{html.escape(card.url)}" width="{card.width}" height="{card.height}">'
            f'</a></td><td valign="middle">{link}<b>{html.escape(card.title)}</b></a><br>'
            f'<span style="font-size:small;">{html.escape(card.caption)}</span></td>'
            '</tr></table></td></tr></table></td>')


def body_parts(blocks: Sequence[RenderedBlock], images: Sequence[ImageView]) -> list[Part]:
    """A finished message's parts: its body, then its pictures (a part of their own)."""
    parts = group(blocks)
    if images:
        parts.append(Part(TEXT, images_html(images), frames=1))
    return parts
