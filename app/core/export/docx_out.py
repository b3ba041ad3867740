"""A conversation as a Word document (.docx), written with python-docx (MIT).

Each message's Markdown is parsed with the window's parser (app/core/render/markdown.py) and
its blocks become Word's own: headings, paragraphs, bulleted and numbered lists, tables,
quotes, code (a shaded one-cell table of coloured runs), and maths as Word equations
(docx_inline.py, omml.py). Attached and generated images are embedded. Fonts are chosen by
name: the Latin text's, Consolas for code, and Microsoft JhengHei for Chinese (Word
substitutes a CJK font the reader has where it is missing).

Pure function of its arguments; any one thread per document.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from markdown_it.token import Token

from app.core.export.document import ExportDocument, ExportImage, missing_note
from app.core.export.docx_inline import InlineWriter, rgb, set_fonts, shading
from app.core.export.html_out import shown_image
from app.core.render.codeblock import language_of
from app.core.render.markdown import build_parser
from app.core.render.mathsvg import MathCache, shared_cache
from app.core.render.theme import LIGHT, Theme

TEXT_WIDTH_IN = 6.0  # Letter/A4 less python-docx's default margins
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT}


def cell_shading(cell: Any, colour: str) -> None:
    cell._tc.get_or_add_tcPr().append(shading(colour))


class DocxWriter:
    """Builds one document; ``equations``/``pictures`` count how the maths went in."""

    def __init__(self, theme: Theme = LIGHT, math: MathCache | None = None) -> None:
        self.theme = theme
        self.md = build_parser(breaks=True)
        self.doc: Any = Document()
        self.inline = InlineWriter(theme, math if math is not None else shared_cache)
        self._style_ids: dict[str, str] = {}
        normal = self.doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        set_fonts(normal, "Calibri")

    # --- the document ---------------------------------------------------------------------

    def paragraph(self, style: str | None = None, text: str = "") -> Any:
        """A new paragraph in ``style``. python-docx looks a style up by name on every use
        (a scan of styles.xml): a 200-message chat spent a second there, so ids are cached."""
        para = self.doc.add_paragraph(text)
        if style:
            if style not in self._style_ids:
                self._style_ids[style] = self.doc.styles[style].style_id
            para._p.style = self._style_ids[style]
        return para

    def _grid(self, table: Any) -> None:
        if "Table Grid" not in self._style_ids:
            self._style_ids["Table Grid"] = self.doc.styles["Table Grid"].style_id
        table._tbl.tblStyle_val = self._style_ids["Table Grid"]

    def build(self, doc: ExportDocument) -> bytes:
        self.doc.core_properties.title = doc.title
        self.doc.core_properties.author = "Parley"
        self.paragraph("Title", doc.title)
        meta = self.doc.add_paragraph()
        run = meta.add_run(doc.subtitle)
        run.italic = True
        run.font.color.rgb = rgb(self.theme.muted)
        if doc.system_prompt:
            para = self.doc.add_paragraph()
            para.add_run("System: ").bold = True
            para.add_run(doc.system_prompt)
        for message in doc.messages:
            heading = self.paragraph("Heading 2", message.heading)
            if message.role != "assistant":
                for r in heading.runs:
                    r.font.color.rgb = rgb(self.theme.muted)
            if message.text:
                self.markdown(message.text)
            for image in message.images:
                self.image(image)
            for file in message.files:
                line = self.doc.add_paragraph().add_run(file.line)
                line.italic = True
                line.font.color.rgb = rgb(self.theme.muted)
            if message.note:
                note = self.doc.add_paragraph().add_run(message.note)
                note.font.color.rgb = rgb(self.theme.error)
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def image(self, image: ExportImage) -> None:
        if image.data is None:
            self.doc.add_paragraph(missing_note(image))
            return
        data, _ = shown_image(image)
        width = min((image.width or 600) / 96, TEXT_WIDTH_IN)
        try:
            self.doc.add_picture(io.BytesIO(data), width=Inches(width))
        except Exception:  # python-docx refuses a format it cannot size: say so, go on
            self.doc.add_paragraph(f"[image “{image.name}” could not be embedded]")
            return
        if image.revised_prompt:
            caption = self.doc.add_paragraph().add_run(image.revised_prompt)
            caption.italic = True
            caption.font.color.rgb = rgb(self.theme.muted)

    # --- one message's Markdown -----------------------------------------------------------

    def markdown(self, text: str) -> None:
        tokens = self.md.parse(text, {})
        lists: list[dict] = []  # open lists: {"ordered", "number"}
        quote = 0
        pending_item = False
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "heading_open":
                level = min(int(token.tag[1:]) + 2, 9)
                para = self.paragraph(f"Heading {level}")
                self.inline.write(para, tokens[i + 1].children or [])
                i += 3
                continue
            if kind == "paragraph_open":
                para = self._paragraph(lists, quote, pending_item)
                pending_item = False
                self.inline.write(para, tokens[i + 1].children or [])
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = token.attrGet("start")
                lists.append({"ordered": kind == "ordered_list_open",
                              "number": int(start) if start else 1})
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                pending_item = True
                if token.meta and "checked" in token.meta:
                    lists[-1]["task"] = "☑ " if token.meta["checked"] else "☐ "
            elif kind == "list_item_close" and lists and lists[-1]["ordered"]:
                lists[-1]["number"] += 1
            elif kind in ("blockquote_open", "alert_open"):
                quote += 1
            elif kind in ("blockquote_close", "alert_close"):
                quote -= 1
            elif kind == "alert_title_open":
                para = self._paragraph(lists, quote, False)
                para.add_run(tokens[i + 1].content if i + 1 < len(tokens) else "").bold = True
            elif kind in ("fence", "code_block"):
                self.code(token.content, token.info if kind == "fence" else "")
            elif kind == "math_block":
                para = self.doc.add_paragraph()
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                self.inline.formula(para, token.content, display=True)
            elif kind == "table_open":
                i = self.table(tokens, i)
            elif kind == "hr":
                self._rule()
            elif kind == "html_block":
                self.doc.add_paragraph(token.content.rstrip("\n"))
            i += 1

    def _paragraph(self, lists: list[dict], quote: int, item: bool) -> Any:
        if lists and item:
            current = lists[-1]
            depth = min(len(lists), 3)
            if current["ordered"]:
                para = self.paragraph("List Paragraph")
                para.paragraph_format.left_indent = Inches(0.3 * depth)
                para.paragraph_format.first_line_indent = Inches(-0.25)
                para.add_run(f"{current['number']}. ")
            else:
                para = self.paragraph("List Bullet" if depth == 1 else f"List Bullet {depth}")
            task = current.pop("task", "")
            if task:
                para.add_run(task)
            return para
        if lists:  # a later paragraph of the same item
            para = self.paragraph("List Paragraph")
            para.paragraph_format.left_indent = Inches(0.3 * min(len(lists), 3))
            return para
        if quote:
            para = self.paragraph("Quote")
            para.paragraph_format.left_indent = Inches(0.3 * quote)
            return para
        return self.doc.add_paragraph()

    def _rule(self) -> None:
        para = self.doc.add_paragraph()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"),
                           ("color", self.theme.table_border.lstrip("#"))):
            bottom.set(qn(f"w:{key}"), value)
        borders.append(bottom)
        para._p.get_or_add_pPr().append(borders)

    def code(self, content: str, info: str) -> None:
        code = content[:-1] if content.endswith("\n") else content
        language = language_of(info)
        table = self.doc.add_table(rows=1, cols=1)
        self._grid(table)
        cell = table.cell(0, 0)
        cell_shading(cell, self.theme.code_background)
        para = cell.paragraphs[0]
        para.paragraph_format.space_after = Pt(0)
        if language:
            label = para.add_run(language)
            label.font.size = Pt(8)
            label.font.color.rgb = rgb(self.theme.muted)
            para = cell.add_paragraph()
            para.paragraph_format.space_after = Pt(0)
        self.inline.code(para, code, language)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def table(self, tokens: list[Token], start: int) -> int:
        """Writes the table opened at ``tokens[start]``; returns the index of its close."""
        rows: list[list[tuple[Token, list[Token]]]] = []
        i = start + 1
        while tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                rows[-1].append((token, tokens[i + 1].children or []))
            i += 1
        if not rows:
            return i
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        self._grid(table)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for r, row in enumerate(rows):
            for c, (cell_token, children) in enumerate(row):
                cell = table.cell(r, c)
                para = cell.paragraphs[0]
                header = cell_token.type == "th_open"
                style = str(cell_token.attrGet("style") or "")
                for name, value in _ALIGN.items():
                    if f"text-align:{name}" in style:
                        para.alignment = value
                if header:
                    cell_shading(cell, self.theme.table_header_background)
                self.inline.write(para, children, bold=header)
        self.doc.add_paragraph()
        return i


def docx_bytes(doc: ExportDocument, theme: Theme = LIGHT,
               math: MathCache | None = None) -> bytes:
    """The conversation as .docx bytes."""
    return DocxWriter(theme, math).build(doc)
