"""Render an answer while it streams, in time linear in its length.

Re-rendering the whole text per delta is quadratic (59 s of CPU for 5,000 deltas;
docs/BENCHMARKS.md).
Instead, top-level blocks that can no longer change are rendered once and handed to the UI as
``frozen`` HTML to append; only the open blocks at the end (the ``tail``) are parsed and
rendered again, from the first unfrozen line on.

When is a block final? Not merely when another block follows it: ``para⏎#`` ends the
paragraph with a heading, but ``para⏎#hashtag`` is one paragraph; ``$$`` on a line is a
paragraph until its closing ``$$`` arrives, which may be after other block starts; a list
continues after a blank line if the next line is indented. So blocks up to ``k`` freeze only
when block ``k+1`` starts on a *complete* line (its first line has ended, so it cannot turn
into something else) *right after a blank line*. Nothing in our parser looks across a blank
line: maths blocks and lazy continuation stop at one, a fence never closes backwards, and link
reference definitions and footnotes (which act at a distance) are disabled.
Hence the HTML for any stream of prefixes ends identical to the one-shot render of the final
text, which the tests check at random split points.

Code blocks are numbered in document order across frozen and tail blocks, so ``parley-copy:N``
keeps its N when its block freezes; maths keys are content hashes and never change.

No flashing: while the last line is unfinished and holds nothing but markers (``-``, ``=``,
``#``, ``>``, ``|``, digits, a fence's backticks…), it is left out of the update: ``para⏎-``
would show "para" as a heading for a moment (a setext underline) until `` second point``
arrives, ``para⏎#`` an empty heading, ````` ``py ````` a code block labelled "p". The line
shows once it has content or ends; ``finish`` renders everything.

Threading: an IncrementalRenderer belongs to one answer and is used from one thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.render.blocks import RenderedBlock
from app.core.render.markdown import Block, MarkdownRenderer, copy_number
from app.core.render.mathsvg import MathCache
from app.core.render.theme import LIGHT, Theme

_NEWLINE = re.compile(r"\r\n?|\n")  # what markdown-it normalises to "\n"
# An unfinished last line that could still turn into (or turn what is above into) something
# else: markers only, or a fence whose info string is still arriving.
_AMBIGUOUS = re.compile(r"[-=*_+#>|~`:.0-9 \t]+|[ \t]{0,3}(?:```|~~~).*")


@dataclass(frozen=True)
class RenderUpdate:
    """What changed since the previous call.

    ``frozen``: HTML of blocks that became final, in order; append each once, never touch it
    again. ``tail``: HTML of the still-open blocks; replaces the previous tail. ``reset``: the
    text no longer extends what was frozen (an edit, a regeneration), so clear everything
    shown for this answer before applying ``frozen`` and ``tail``. ``frozen_blocks`` and
    ``tail_blocks`` are the same blocks with their kinds (code, frame, text).

    Each piece is whole top-level blocks, with no trailing newline. Measured in Qt 6.11:
    ``QTextCursor.insertHtml`` merges a fragment's first block into the block at the cursor,
    so appending pieces with it alone joins a heading to the paragraph before it.
    """

    frozen: list[str] = field(default_factory=list)
    tail: str = ""
    reset: bool = False
    # The same HTML again, with kinds: not part of equality.
    frozen_blocks: list[RenderedBlock] = field(default_factory=list, compare=False)
    tail_blocks: list[RenderedBlock] = field(default_factory=list, compare=False)


class IncrementalRenderer:
    """Feed it the whole answer so far with ``update``; call ``finish`` at the end."""

    def __init__(self, theme: Theme = LIGHT, *, breaks: bool = True,
                 math_cache: MathCache | None = None,
                 renderer: MarkdownRenderer | None = None, bare_code: bool = False) -> None:
        """``bare_code``: top-level code blocks are their ``<pre>`` alone (see
        MarkdownRenderer.render_blocks), for a window that shows each in its own widget."""
        self.renderer = renderer or MarkdownRenderer(theme, breaks=breaks, math_cache=math_cache)
        self.bare_code = bare_code
        self._clear()

    def _clear(self) -> None:
        self._offset = 0  # raw index in the text where the unfrozen part begins
        self._frozen_src = ""  # text[:offset] as it was when frozen, to detect edits
        self._frozen: list[str] = []
        self._frozen_blocks: list[RenderedBlock] = []
        self._codes: list[str] = []  # raw code of frozen code blocks
        self._tail = ""
        self._tail_blocks: list[RenderedBlock] = []
        self._tail_codes: list[str] = []
        self._highlighters: dict = {}  # code number → ProgressiveHighlighter, tail blocks only
        self._text = ""  # the text of the last update (a reference, not a copy)
        self._finished: str | None = None  # the final text, once finish() ran

    # --- streaming --------------------------------------------------------------------------

    def update(self, full_text: str) -> RenderUpdate:
        """Take the whole answer so far; return the newly final blocks and the new tail."""
        if self._finished is not None:
            if full_text == self._finished:
                return RenderUpdate([], "")
            return self._restart(full_text, finish=False)
        if not full_text.startswith(self._frozen_src):
            return self._restart(full_text, finish=False)
        self._text = full_text
        text = _settled(full_text, len(self._frozen_src))
        suffix = text[self._offset:]
        blocks = self.renderer.parse_blocks(suffix)
        final = _final_count(blocks, _NEWLINE.sub("\n", suffix))
        frozen = self._freeze(text, suffix, blocks, final)
        self._tail_blocks, self._tail_codes = self.renderer.render_block_list(
            blocks[final:], len(self._codes), self._highlighters, bare_code=self.bare_code)
        self._tail = "".join(block.html for block in self._tail_blocks)
        return RenderUpdate([b.html for b in frozen], self._tail, frozen_blocks=frozen,
                            tail_blocks=list(self._tail_blocks))

    def finish(self, full_text: str | None = None) -> RenderUpdate:
        """The answer is complete: freeze everything (``tail`` becomes empty).

        ``full_text`` defaults to the text of the last update.
        """
        if full_text is None:
            full_text = self._finished if self._finished is not None else self._text
        if self._finished is not None:
            if full_text == self._finished:
                return RenderUpdate([], "")
            return self._restart(full_text, finish=True)
        if not full_text.startswith(self._frozen_src):
            return self._restart(full_text, finish=True)
        suffix = full_text[self._offset:]
        blocks = self.renderer.parse_blocks(suffix)
        frozen = self._freeze(full_text, suffix, blocks, len(blocks))
        self._tail, self._tail_blocks, self._tail_codes = "", [], []
        self._finished = full_text
        return RenderUpdate([b.html for b in frozen], "", frozen_blocks=frozen)

    def _restart(self, full_text: str, finish: bool) -> RenderUpdate:
        self._clear()
        update = self.finish(full_text) if finish else self.update(full_text)
        return RenderUpdate(update.frozen, update.tail, reset=True,
                            frozen_blocks=update.frozen_blocks, tail_blocks=update.tail_blocks)

    def _freeze(self, full_text: str, suffix: str, blocks: list[Block],
                count: int) -> list[RenderedBlock]:
        """Render the first ``count`` blocks for good and move the offset past them."""
        if count == 0:
            return []
        rendered, codes = self.renderer.render_block_list(blocks[:count], len(self._codes),
                                                          bare_code=self.bare_code)
        html = [block.html for block in rendered]
        self._frozen.extend(html)
        self._frozen_blocks.extend(rendered)
        self._codes.extend(codes)
        for number in [n for n in self._highlighters if n < len(self._codes)]:
            del self._highlighters[number]
        if count < len(blocks):
            self._offset += _line_offset(suffix, blocks[count].start)
        else:
            self._offset = len(full_text)
        self._frozen_src = full_text[:self._offset]
        return rendered

    # --- what the UI asks -----------------------------------------------------------------

    def html(self) -> str:
        """Everything rendered so far: frozen blocks then the tail."""
        return "".join(self._frozen) + self._tail

    @property
    def blocks(self) -> tuple[RenderedBlock, ...]:
        """Every block so far, with its kind: frozen ones, then the tail's."""
        return tuple(self._frozen_blocks) + tuple(self._tail_blocks)

    @property
    def codes(self) -> tuple[str, ...]:
        """Raw code of every code block so far, in order (what Copy links point at)."""
        return tuple(self._codes) + tuple(self._tail_codes)

    @property
    def finished(self) -> bool:
        return self._finished is not None

    def code(self, number: int) -> str | None:
        """Raw code of code block ``number`` (frozen or still streaming)."""
        if 0 <= number < len(self._codes):
            return self._codes[number]
        number -= len(self._codes)
        return self._tail_codes[number] if 0 <= number < len(self._tail_codes) else None

    def copy_text(self, url: str) -> str | None:
        """What a click on ``parley-copy:N`` should put on the clipboard."""
        number = copy_number(url)
        return None if number is None else self.code(number)

    def resource(self, url: str) -> bytes | None:
        """SVG bytes for a ``parley-math:`` URL (for QTextBrowser.loadResource), else None."""
        return self.renderer.resource(url)


def _settled(text: str, frozen: int) -> str:
    """``text`` without its unfinished last line if that line could still change what is
    shown above it or become something else (see the module docstring)."""
    start = max(text.rfind("\n"), text.rfind("\r")) + 1
    if start < frozen or start == len(text) or not _AMBIGUOUS.fullmatch(text, start):
        return text
    return text[:start]


def _final_count(blocks: list[Block], text: str) -> int:
    """How many leading blocks are final (see the module docstring)."""
    lines = text.split("\n")
    complete = len(lines) - 1  # the last element is the unfinished line (maybe empty)
    final = 0
    for i in range(1, len(blocks)):
        start = blocks[i].start
        if start >= complete:
            break
        if start > 0 and not lines[start - 1].strip(" \t"):
            final = i
    return final


def _line_offset(raw: str, line: int) -> int:
    """Index in ``raw`` where line number ``line`` (0-based, markdown-it's count) begins."""
    if line == 0:
        return 0
    for number, match in enumerate(_NEWLINE.finditer(raw), start=1):
        if number == line:
            return match.end()
    return len(raw)
