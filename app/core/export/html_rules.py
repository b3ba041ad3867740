"""Render rules for documents that leave Parley: HTML files, the clipboard's rich text, and
the HTML the PDF is laid out from. They extend the window's rules (app/core/render/
htmlrules.py), so the safety rules are the same: raw HTML from a model is shown as text,
only http(s) and mailto links are kept, remote images are never fetched (a link stands in).

What differs from the window:

- maths: inline SVG (``maths="svg"``, HTML files), a PNG ``data:`` image (``"png"``, the
  clipboard: Word and Google Docs paste images, not SVG), or the window's ``parley-math:``
  image (``"resource"``, for the PDF, whose painter draws the outlines);
- code blocks: the one-cell table the window uses (it carries the background in browsers,
  Word, Google Docs and Qt alike), with a language label and no Copy link;
- links keep their real address (no ``parley-link:`` check: the reader's program shows it).

One rules object per renderer, used from one thread at a time (the math cache locks).
"""

from __future__ import annotations

import base64

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from app.core.render.codeblock import highlight_code, language_of
from app.core.render.htmlrules import QtHtmlRules
from app.core.render.mathsvg import MathCache
from app.core.render.rules import image_allowed
from app.core.render.theme import Theme

MATHS_MODES = ("svg", "png", "resource")


def export_code_block(code: str, info: str, theme: Theme) -> str:
    """A highlighted code block with its language label: colours inline (Pygments), the
    background on a table cell."""
    language = language_of(info)
    code = code[:-1] if code.endswith("\n") else code
    t = theme
    label = (f'<tr><td bgcolor="{t.code_header}" style="background-color: {t.code_header}; '
             f'padding: 3px 10px 3px 10px;"><span style="color: {t.muted}; font-size: small;">'
             f'{escapeHtml(language)}</span></td></tr>' if language else "")
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0" border="1" '
        f'style="width: 100%; border-collapse: collapse; border: 1px solid {t.code_border}; '
        f'border-color: {t.code_border}; margin-top: 10px; margin-bottom: 10px;">{label}'
        f'<tr><td bgcolor="{t.code_background}" style="background-color: {t.code_background}; '
        f'padding: 8px 10px 8px 10px;"><pre style="margin: 0; white-space: pre-wrap; '
        f'font-family: {t.mono_family}; color: {t.text};">{highlight_code(code, language, t)}'
        f'</pre></td></tr></table>\n')


def svg_inline(svg: bytes, source: str, display: bool, height: int) -> str:
    """The formula's SVG for an HTML page. Inline SVG is centred on the baseline (as the
    window's images are): the SVG is symmetric about it, so shift it down by half its height."""
    text = svg.decode("utf-8")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2:].lstrip()
    align = "" if display else f"vertical-align: {-height / 2:g}px; "
    return text.replace(
        "<svg ", f'<svg role="img" aria-label="{escapeHtml(source)}" '
                 f'style="{align}display: inline-block;" ', 1)


class ExportRules(QtHtmlRules):
    """The window's rules with the export's maths, code blocks, links and images."""

    def __init__(self, theme: Theme, math: MathCache, maths: str = "svg") -> None:
        if maths not in MATHS_MODES:
            raise ValueError(f"maths must be one of {MATHS_MODES}, not {maths!r}")
        super().__init__(theme, math)
        self.maths = maths

    def _code(self, content: str, info: str, env: dict, bare: bool = False) -> str:
        # An export has no code widgets: every block is a whole block (``bare`` is the
        # window's: code it lays out in a widget of its own).
        raw = content[:-1] if content.endswith("\n") else content
        env.setdefault("codes", []).append(raw)
        return export_code_block(content, info, self.theme)

    def _math(self, token: Token, display: bool) -> str:
        if self.maths == "resource":
            return super()._math(token, display)
        source = token.content.strip()
        image = self.math.image(source, display, self.theme.text, self.theme.math_px)
        svg = self.math.resource(image.url) if image.error is None else None
        if svg is None:
            return super()._math(token, display)  # the source, marked as unusable LaTeX
        if self.maths == "svg":
            return svg_inline(svg, source, display, image.height)
        from app.core.export.mathpng import svg_to_png

        try:
            png, width, height = svg_to_png(svg)
        except ValueError:
            return super()._math(token, display)
        style = "" if display else f' style="vertical-align: {-height / 2:g}px;"'
        return (f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" '
                f'width="{width}" height="{height}" alt="{escapeHtml(source)}"{style} />')

    def link_open(self, r, tokens, idx, options, env) -> str:
        target = escapeHtml(str(tokens[idx].attrGet("href") or ""))
        title = tokens[idx].attrGet("title")
        title_attr = f' title="{escapeHtml(str(title))}"' if title else f' title="{target}"'
        return f'<a href="{target}"{title_attr} style="color: {self.theme.link};">'

    def image(self, r, tokens, idx, options, env) -> str:
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        alt = escapeHtml(r.renderInlineAsText(token.children or [], options, env)) or "image"
        if not image_allowed(src):
            return f"🖼 {alt}"
        # Never an <img> that would load from the network when the file is opened.
        return (f'<a href="{escapeHtml(src)}" style="color: {self.theme.link};">🖼 {alt}</a>'
                if not _inside_link(tokens, idx) else f"🖼 {alt}")


def _inside_link(tokens, idx: int) -> bool:
    depth = 0
    for token in tokens[:idx]:
        depth += (token.type == "link_open") - (token.type == "link_close")
    return depth > 0
