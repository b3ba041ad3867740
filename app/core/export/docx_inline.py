"""Runs of a Word paragraph from markdown-it inline tokens: bold, italic, strikethrough,
inline code, links, line breaks and maths (a Word equation, else a picture of it, else the
source marked as unusable — as the window shows bad LaTeX). Also code highlighted into
coloured runs.

Used by docx_out.py on the thread that builds the document (python-docx objects are not
shared between threads).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from app.core.export.omml import latex_to_omml
from app.core.render.mathsvg import MathCache
from app.core.render.rules import image_allowed
from app.core.render.theme import Theme

MONO = "Consolas"
EAST_ASIA = "Microsoft JhengHei"  # chosen by name; Word substitutes where it is missing


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#")[:6].upper().rjust(6, "0"))


def set_fonts(run_or_style: Any, ascii_font: str | None, east_asia: str = EAST_ASIA) -> None:
    """Name the Latin and the East Asian font of a run or style (Word picks by script)."""
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    if ascii_font:
        fonts.set(qn("w:ascii"), ascii_font)
        fonts.set(qn("w:hAnsi"), ascii_font)
    fonts.set(qn("w:eastAsia"), east_asia)


def shading(colour: str) -> Any:
    """A ``w:shd`` element filling with ``colour``: for a run's or a table cell's properties."""
    element = OxmlElement("w:shd")
    element.set(qn("w:val"), "clear")
    element.set(qn("w:color"), "auto")
    element.set(qn("w:fill"), colour.lstrip("#").upper())
    return element


def shade(run: Any, colour: str) -> None:
    run.element.get_or_add_rPr().append(shading(colour))


class InlineWriter:
    """Writes inline tokens into paragraphs of one document."""

    def __init__(self, theme: Theme, math: MathCache) -> None:
        self.theme = theme
        self.math = math
        self.equations = 0  # Word equations written
        self.pictures = 0  # formulas written as pictures

    def write(self, paragraph: Paragraph, children: Sequence[Token], *,
              bold: bool = False) -> None:
        state = {"bold": bold, "italic": False, "strike": False}
        link: Any = None
        for token in children:
            kind = token.type
            if kind in ("strong_open", "strong_close"):
                state["bold"] = kind == "strong_open" or bold
            elif kind in ("em_open", "em_close"):
                state["italic"] = kind == "em_open"
            elif kind in ("s_open", "s_close"):
                state["strike"] = kind == "s_open"
            elif kind == "link_open":
                link = self._hyperlink(paragraph, str(token.attrGet("href") or ""))
            elif kind == "link_close":
                link = None
            elif kind in ("text", "html_inline"):
                self._text(paragraph, token.content, state, link)
            elif kind == "code_inline":
                run = self._text(paragraph, token.content, state, link)
                set_fonts(run, MONO)
                shade(run, self.theme.inline_code_background)
            elif kind in ("softbreak", "hardbreak"):
                paragraph.add_run().add_break()
            elif kind in ("math_inline", "math_inline_double"):
                self.formula(paragraph, token.content, display=False)
            elif kind == "image":
                self._image_link(paragraph, token, state)

    def _text(self, paragraph: Paragraph, text: str, state: dict, link: Any) -> Any:
        run = paragraph.add_run(text)
        run.bold = state["bold"] or None
        run.italic = state["italic"] or None
        if state["strike"]:
            run.font.strike = True
        if link is not None:
            run.font.color.rgb = rgb(self.theme.link)
            run.font.underline = True
            link.append(run.element)  # moves the run inside the hyperlink
        return run

    def _hyperlink(self, paragraph: Paragraph, url: str) -> Any:
        if not url:
            return None
        rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        element = OxmlElement("w:hyperlink")
        element.set(qn("r:id"), rel)
        paragraph._p.append(element)
        return element

    def _image_link(self, paragraph: Paragraph, token: Token, state: dict) -> None:
        # A remote image is never fetched: its words, linked to where it lives.
        src = str(token.attrGet("src") or "")
        alt = "".join(child.content for child in token.children or []) or "image"
        link = self._hyperlink(paragraph, src) if image_allowed(src) else None
        self._text(paragraph, f"🖼 {alt}", state, link)

    def formula(self, paragraph: Paragraph, source: str, display: bool) -> None:
        """A Word equation; a picture when the LaTeX has no equation form; the marked
        source when it cannot be typeset at all."""
        source = source.strip()
        try:
            paragraph._p.append(parse_xml(latex_to_omml(source, display)))
            self.equations += 1
            return
        except ValueError:
            pass
        t = self.theme
        image = self.math.image(source, display, t.text, t.math_px)
        svg = self.math.resource(image.url) if image.error is None else None
        if svg is not None:
            from app.core.export.mathpng import svg_to_png

            try:
                png, width, _ = svg_to_png(svg, 3.0)
            except ValueError:
                pass
            else:
                paragraph.add_run().add_picture(io.BytesIO(png), width=Inches(width / 96))
                self.pictures += 1
                return
        run = paragraph.add_run(f"${source}$")
        set_fonts(run, MONO)
        run.font.color.rgb = rgb(t.error)

    def code(self, paragraph: Paragraph, code: str, language: str) -> None:
        """Highlighted code as coloured runs (Pygments' style for the theme)."""
        from pygments.styles import get_style_by_name

        from app.core.render.codeblock import _lexer

        style = get_style_by_name(self.theme.pygments_style)
        lexer = _lexer(language)
        pieces = list(lexer.get_tokens(code)) if lexer is not None else [(None, code)]
        if pieces and not code.endswith("\n") and pieces[-1][1].endswith("\n"):
            pieces[-1] = (pieces[-1][0], pieces[-1][1][:-1])  # Pygments adds a last newline
        spans: list[list] = []  # [colour, bold, italic, text]: same-looking tokens merged
        for ttype, value in pieces:
            look = style.style_for_token(ttype) if ttype is not None else {}
            key = [f"#{look['color']}" if look.get("color") else self.theme.text,
                   bool(look.get("bold")), bool(look.get("italic"))]
            if spans and (spans[-1][:3] == key or not value.strip(" ")):
                spans[-1][3] += value
            else:
                spans.append([*key, value])
        for colour, bold, italic, value in spans:
            for number, line in enumerate(value.split("\n")):
                if number:
                    paragraph.add_run().add_break()
                if not line:
                    continue
                run = paragraph.add_run(line)
                set_fonts(run, MONO)
                run.font.size = Pt(9.5)
                run.font.color.rgb = rgb(colour)
                run.bold = bold or None
                run.italic = italic or None
