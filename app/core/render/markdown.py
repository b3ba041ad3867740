"""Markdown (CommonMark + GFM + LaTeX maths) to the HTML subset of Qt's QTextBrowser.

Model output is untrusted: raw HTML is shown as text (``html=False``), only http, https and
mailto links are clickable, and images become click-to-load placeholders (see htmlrules.py).

Deliberate departures from CommonMark/GFM, each needed to render while streaming:

- Link reference definitions (``[x]: http://…``) are off: a definition at the end of an
  answer would change links in blocks already shown. They read as plain text.
- Footnotes are off for the same reason.
- ``$$`` and ``\\[`` maths never span a blank line (as in LaTeX and GitHub).
- ``~one tilde~`` is not strikethrough (``~~two~~`` is): "3~5 天" and "~5 min" are common.
- Single newlines are line breaks by default (``breaks=True``), as in chat apps and GitHub
  comments; with ``breaks=False`` a newline between CJK characters adds no space.

And for Chinese (rules.py): ``**注意：**這個`` is bold (markdown-cjk-friendly flanking), and
bare URLs next to Chinese text are linked and end where the Chinese resumes.

A renderer is used from one thread (the UI thread, normally). The math cache it writes to may
be shared (it locks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_inline import emphasis, strikethrough
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

from app.core.render.blocks import CODE, FRAME, TEXT, RenderedBlock
from app.core.render.codeblock import COPY_SCHEME, language_of
from app.core.render.htmlrules import QtHtmlRules
from app.core.render.mathsvg import MathCache, shared_cache
from app.core.render.rules import (
    bracket_math_block,
    bracket_math_inline,
    cjk_autolink,
    cjk_friendly,
    keep_pending_on_failure,
    link_allowed,
    stop_at_cjk,
)
from app.core.render.theme import LIGHT, Theme


class _SafeMarkdownIt(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        # Links and images alike; images are further limited to http(s) when rendered.
        return link_allowed(url)


def build_parser(breaks: bool = True) -> MarkdownIt:
    """The configured parser, without render rules (see MarkdownRenderer)."""
    md = _SafeMarkdownIt("commonmark", {
        "html": False, "breaks": breaks, "xhtmlOut": True,
        "tasklists": True, "alerts": True, "strikethrough_single_tilde": False,
    })
    md.enable(["table", "strikethrough"])
    md.disable("reference")
    md.inline.ruler.at("emphasis", cjk_friendly(emphasis.tokenize))
    md.inline.ruler.at("strikethrough", cjk_friendly(strikethrough.tokenize))
    # Prices: "$5 and $10" must stay text, so no digit right after a closing $ and no space
    # just inside the dollars (Pandoc's rule).
    md.use(dollarmath_plugin, allow_labels=False, allow_space=False, allow_digits=False,
           allow_blank_lines=False, double_inline=True)
    md.inline.ruler.before("escape", "math_bracket", bracket_math_inline)
    md.block.ruler.before("fence", "math_bracket_block", bracket_math_block)
    md.use(gfm_autolink_plugin)
    for name in ("gfm_autolink_www", "gfm_autolink_protocol", "gfm_autolink_email"):
        original = next(rule.fn for rule in md.inline.ruler.__rules__ if rule.name == name)
        if name != "gfm_autolink_www":
            original = keep_pending_on_failure(original)
        md.inline.ruler.at(name, stop_at_cjk(original))
    md.core.ruler.after("text_join", "cjk_autolink", cjk_autolink)
    return md


@dataclass(frozen=True)
class Block:
    """One top-level block: its line range in the parsed text and its tokens."""

    start: int
    end: int
    tokens: list[Token]


def split_blocks(tokens: Sequence[Token]) -> list[Block]:
    """Group a token stream into top-level blocks (open token … matching level-0 close)."""
    blocks: list[Block] = []
    current: list[Token] = []
    for token in tokens:
        current.append(token)
        if token.level == 0 and token.nesting <= 0:
            start, end = current[0].map or (0, 0)
            blocks.append(Block(start, end, current))
            current = []
    return blocks


@dataclass(frozen=True)
class Rendered:
    """A finished message: its HTML and the raw code of its code blocks, by number."""

    html: str
    codes: tuple[str, ...]


_FRAMES = ("table_open", "blockquote_open", "alert_open")


@dataclass(frozen=True)
class RenderedParts:
    """A finished message as blocks (see :class:`RenderedBlock`) and its code, by number."""

    blocks: tuple[RenderedBlock, ...]
    codes: tuple[str, ...]

    @property
    def html(self) -> str:
        return "".join(block.html for block in self.blocks)


def copy_number(url: str) -> int | None:
    """N from a ``parley-copy:N`` URL, or None."""
    prefix = COPY_SCHEME + ":"
    if isinstance(url, str) and url.startswith(prefix) and url[len(prefix):].isdigit():
        return int(url[len(prefix):])
    return None


class MarkdownRenderer:
    """Renders whole messages; IncrementalRenderer builds on its block-level methods."""

    def __init__(self, theme: Theme = LIGHT, *, breaks: bool = True,
                 math_cache: MathCache | None = None, copy_label: str = "Copy") -> None:
        """``copy_label``: the code blocks' Copy link text, in the UI's language."""
        self.theme = theme
        self.math = math_cache if math_cache is not None else shared_cache
        self.md = build_parser(breaks)
        QtHtmlRules(theme, self.math, copy_label).install(self.md)
        self._codes: tuple[str, ...] = ()

    # --- whole messages -------------------------------------------------------------------

    def render(self, text: str) -> str:
        """HTML for a finished message; remembers its code blocks for ``code()``."""
        return self.render_full(text).html

    def render_full(self, text: str) -> Rendered:
        # Block by block, exactly as IncrementalRenderer does, so both give the same HTML.
        html, codes = self.render_blocks(self.parse_blocks(text), 0)
        self._codes = tuple(codes)
        return Rendered("".join(html), self._codes)

    def render_parts(self, text: str) -> RenderedParts:
        """A finished message block by block, code blocks bare (for a window that shows
        each in a widget of its own): the same blocks an IncrementalRenderer with
        ``bare_code`` ends with."""
        blocks, codes = self.render_block_list(self.parse_blocks(text), 0, bare_code=True)
        return RenderedParts(tuple(blocks), tuple(codes))

    def code(self, number: int) -> str | None:
        """Raw code of block ``number`` of the last render (what Copy should copy)."""
        return self._codes[number] if 0 <= number < len(self._codes) else None

    def copy_text(self, url: str) -> str | None:
        """What a click on ``parley-copy:N`` should put on the clipboard."""
        number = copy_number(url)
        return None if number is None else self.code(number)

    def resource(self, url: str) -> bytes | None:
        """SVG bytes for a ``parley-math:`` URL (for QTextBrowser.loadResource), else None."""
        return self.math.resource(url)

    # --- blocks (for streaming) -----------------------------------------------------------

    def parse_blocks(self, text: str) -> list[Block]:
        return split_blocks(self.md.parse(text, {}))

    def render_blocks(self, blocks: Sequence[Block], code_base: int,
                      progressive: dict | None = None, *,
                      bare_code: bool = False) -> tuple[list[str], list[str]]:
        """HTML of each block, and the raw code of the code blocks among them, numbered from
        ``code_base``. ``progressive`` (number → ProgressiveHighlighter) is for blocks that
        are still streaming: cheaper, and exact only once they are final. ``bare_code``:
        top-level code blocks are their highlighted ``<pre>`` alone (no label, no Copy)."""
        rendered, codes = self.render_block_list(blocks, code_base, progressive,
                                                 bare_code=bare_code)
        return [block.html for block in rendered], codes

    def render_block_list(self, blocks: Sequence[Block], code_base: int,
                          progressive: dict | None = None, *,
                          bare_code: bool = False) -> tuple[list[RenderedBlock], list[str]]:
        """As :meth:`render_blocks`, each block with its kind (see RenderedBlock)."""
        env: dict = {"codes": [], "code_base": code_base, "bare_code": bare_code}
        if progressive is not None:
            env["progressive"] = progressive
        render = self.md.renderer.render
        out: list[RenderedBlock] = []
        for block in blocks:
            number = code_base + len(env["codes"])
            # No trailing newline: QTextCursor.insertHtml would turn it into a trailing space.
            html = render(block.tokens, self.md.options, env).rstrip("\n")
            first = block.tokens[0]
            if first.type in ("fence", "code_block"):
                out.append(RenderedBlock(html, CODE, language_of(first.info), number))
            elif first.type in _FRAMES or "<table" in html:
                out.append(RenderedBlock(html, FRAME))
            else:
                out.append(RenderedBlock(html, TEXT))
        return out, env["codes"]
