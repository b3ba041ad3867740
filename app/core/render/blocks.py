"""A rendered top-level block and its kind: what a window needs to lay a message out in
parts (light: no markdown-it, no Pygments, so the window can import it before its first
paint). Made by :mod:`app.core.render.markdown`; pure data, any thread."""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of top-level block: a window shows code blocks in their own scrollable widgets and
# keeps frames (Qt lays tables and quotes out as QTextFrames, whose insertion rescans every
# frame of a document) few per document.
CODE, FRAME, TEXT = "code", "frame", "text"


@dataclass(frozen=True, slots=True)
class RenderedBlock:
    """One top-level block as HTML, and its kind: ``code`` (``html`` is the highlighted
    ``<pre>`` alone when rendered with ``bare_code``; ``language`` and ``code``, its number
    among the message's code blocks, go with it), ``frame`` (a table, quote or alert, or a
    block holding one) or ``text``."""

    html: str
    kind: str = TEXT
    language: str = ""
    code: int = -1
