"""A conversation as one self-contained HTML page, and the rich text "Copy for Word/Docs"
puts on the clipboard.

The page needs nothing from outside: images are ``data:`` URLs, maths is inline SVG, styles
are in the page, and a Content-Security-Policy forbids scripts and every network load. Model
output goes through the same parser and safety rules as in the window (html_rules.py), so
raw HTML in an answer stays visible text.

The same builder makes the HTML the PDF is laid out from (``maths="resource"``,
``images="resource"``): formulas and images are then named by URL and handed over as
``resources`` for the painter (app/export/pdf.py).

Pure functions of their arguments; any thread (the math cache locks).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from app.core.export.document import ExportDocument, ExportImage, ExportMessage, missing_note
from app.core.export.html_rules import ExportRules
from app.core.images.formats import sniff_image_type
from app.core.render.markdown import build_parser
from app.core.render.mathsvg import MathCache, shared_cache
from app.core.render.theme import LIGHT, Theme

ATTACHMENT_SCHEME = "parley-attachment"
# Chosen by name: the reader's system has one of them. Latin first, then Traditional Chinese
# (Parley's users write it most), then any CJK font.
SANS = ("-apple-system, 'Segoe UI', 'Noto Sans', 'Helvetica Neue', Arial, "
        "'Microsoft JhengHei', 'PingFang TC', 'Noto Sans CJK TC', 'Source Han Sans TC', "
        "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif")
# Code's Chinese (comments, strings) in a CJK monospace font rather than any CJK font.
MONO_CJK = "'Noto Sans Mono CJK TC', 'Microsoft JhengHei', 'PingFang TC', monospace"
PAGE_WIDTH_PX = 680  # the PDF's text width (A4 less 15 mm margins at 96 px/in)
_CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        "font-src 'none'; script-src 'none'")
# The images a browser, Word and Qt all show; others are converted to PNG.
SHOWN_TYPES = ("image/png", "image/jpeg", "image/gif")


@dataclass(frozen=True)
class HtmlDocument:
    """The HTML, and for ``resource`` URLs the bytes they stand for (SVG or image)."""

    html: str
    resources: dict[str, bytes] = field(default_factory=dict)


class HtmlWriter:
    """Renders messages' Markdown to export HTML. One writer per export, one thread."""

    def __init__(self, theme: Theme = LIGHT, *, maths: str = "svg", images: str = "data",
                 math: MathCache | None = None) -> None:
        if theme.mono_family.endswith("monospace") and "CJK" not in theme.mono_family:
            theme = replace(theme, mono_family=theme.mono_family[:-len("monospace")]
                            + MONO_CJK)
        self.theme = theme
        self.images = images
        self.maths = maths
        self.math = math if math is not None else shared_cache
        self.md: MarkdownIt = build_parser(breaks=True)
        ExportRules(theme, self.math, maths).install(self.md)
        self.resources: dict[str, bytes] = {}

    def markdown(self, text: str) -> str:
        """The HTML of one message's Markdown."""
        env: dict = {"codes": []}
        html = self.md.renderer.render(self.md.parse(text, env), self.md.options, env)
        if self.maths == "resource":  # formulas the PDF painter must draw
            for key in _math_urls(html):
                svg = self.math.resource(key)
                if svg is not None:
                    self.resources[key] = svg
        return html

    def image(self, image: ExportImage, number: str) -> str:
        """An attached or generated image, with its prompt when a model revised it."""
        t = self.theme
        if image.data is None:
            return f'<p style="color: {t.muted};">{escapeHtml(missing_note(image))}</p>\n'
        data, mime = shown_image(image)
        alt = escapeHtml(image.name)
        width = min(image.width or PAGE_WIDTH_PX, PAGE_WIDTH_PX)
        if self.images == "resource":
            url = f"{ATTACHMENT_SCHEME}:{number}"
            self.resources[url] = data
            height = round(width * image.height / image.width) if image.width else 0
            size = f' width="{width}"' + (f' height="{height}"' if height else "")
            tag = f'<img src="{url}"{size} alt="{alt}" />'
        else:
            encoded = base64.b64encode(data).decode("ascii")
            tag = (f'<img src="data:{mime};base64,{encoded}" alt="{alt}" width="{width}" '
                   f'style="max-width: 100%; height: auto;" />')
        caption = ""
        if image.revised_prompt:
            caption = (f'<p style="color: {t.muted}; font-style: italic; margin-top: 2px;">'
                       f'{escapeHtml(image.revised_prompt)}</p>\n')
        return f'<p style="margin-top: 8px; margin-bottom: 4px;">{tag}</p>\n{caption}'

    def message(self, message: ExportMessage, number: int) -> str:
        t = self.theme
        colour = t.link if message.role == "assistant" else t.muted
        parts = [f'<h2 style="font-size: medium; color: {colour}; margin-top: 22px; '
                 f'margin-bottom: 4px;">{escapeHtml(message.heading)}</h2>\n']
        if message.text:
            parts.append(self.markdown(message.text))
        for index, image in enumerate(message.images):
            parts.append(self.image(image, f"{number}-{index}"))
        for file in message.files:
            parts.append(f'<p style="color: {t.muted}; margin-top: 6px; margin-bottom: 2px;">'
                         f'{escapeHtml(file.line)}</p>\n')
        if message.note:
            parts.append(f'<p style="color: {t.error};">{escapeHtml(message.note)}</p>\n')
        return "".join(parts)

    def body(self, doc: ExportDocument) -> str:
        t = self.theme
        parts = [f'<h1 style="font-size: x-large; margin-bottom: 2px;">{escapeHtml(doc.title)}'
                 f'</h1>\n<p style="color: {t.muted}; margin-top: 0;">'
                 f'{escapeHtml(doc.subtitle)}</p>\n']
        if doc.system_prompt:
            parts.append(f'<p style="color: {t.muted};"><b>System:</b> '
                         f'{escapeHtml(doc.system_prompt)}</p>\n')
        parts += [self.message(m, n) for n, m in enumerate(doc.messages)]
        return "".join(parts)


def document_html(doc: ExportDocument, theme: Theme = LIGHT, *,
                  math: MathCache | None = None) -> str:
    """The whole conversation as a self-contained HTML page."""
    writer = HtmlWriter(theme, maths="svg", images="data", math=math)
    body = writer.body(doc)
    t = theme
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\" />\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        '<meta name="generator" content="Parley" />\n'
        f"<title>{escapeHtml(doc.title)}</title>\n"
        f"<style>\nbody {{ font-family: {SANS}; color: {t.text}; background: {t.background}; "
        "max-width: 860px; margin: 2em auto; padding: 0 1em; line-height: 1.55; }\n"
        "pre, code { font-size: 0.92em; }\nimg { max-width: 100%; height: auto; }\n"
        "table { border-collapse: collapse; }\n"
        "@media print { body { max-width: none; margin: 0; } }\n</style>\n"
        f"</head>\n<body>\n{body}</body>\n</html>\n")


def layout_html(doc: ExportDocument, theme: Theme = LIGHT, *,
                math: MathCache | None = None) -> HtmlDocument:
    """The HTML a PDF is laid out from (Qt's HTML subset), with its resources."""
    writer = HtmlWriter(theme, maths="resource", images="resource", math=math)
    body = writer.body(doc)
    return HtmlDocument(f"<html><body>{body}</body></html>", writer.resources)


def copy_html(text: str, images: tuple[ExportImage, ...] = (), theme: Theme = LIGHT, *,
              math: MathCache | None = None) -> str:
    """The rich-text fragment "Copy for Word/Docs" puts on the clipboard (beside the plain
    Markdown): formatting, tables, highlighted code, maths as images (Word and Google Docs
    paste PNG, not SVG or MathML), the message's images as ``data:`` URLs."""
    writer = HtmlWriter(theme, maths="png", images="data", math=math)
    parts = [writer.markdown(text)] if text else []
    parts += [writer.image(image, str(n)) for n, image in enumerate(images)]
    return (f'<div style="font-family: {SANS}; color: {theme.text};">'
            + "".join(parts) + "</div>")


def shown_image(image: ExportImage) -> tuple[bytes, str]:
    """The image's bytes and type, as PNG when browsers, Word or Qt might not show its own
    format (WebP, BMP, TIFF)."""
    assert image.data is not None
    mime = sniff_image_type(image.data) or image.mime
    if mime in SHOWN_TYPES:
        return image.data, mime
    import io

    from PIL import Image  # Pillow only for the odd format

    try:
        with Image.open(io.BytesIO(image.data)) as picture:
            out = io.BytesIO()
            picture.convert("RGBA").save(out, "PNG")
            return out.getvalue(), "image/png"
    except (OSError, ValueError):
        return image.data, mime


def _math_urls(html: str) -> list[str]:
    import re

    return re.findall(r'src="(parley-math:[0-9a-f]+)"', html)
