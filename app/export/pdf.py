"""A conversation as a PDF, laid out by Qt (QTextDocument → QPdfWriter). The one part of the
export that needs Qt: the command line loads it for ``--format pdf`` only.

Why Qt and not a pure-Python PDF writer (measured, see the report in docs/ARCHITECTURE.md):
Qt is already in the app (no bundle growth; fpdf2 would bring fontTools, ~4 MB, and is
LGPL), it lays out the same HTML the window shows, breaks Chinese lines by Unicode rules,
falls back per character to an installed CJK font and embeds a subset of it; fpdf2 can
embed a TTC font but has no inline images (maths in a sentence) and breaks before "，".

Two of Qt's shortcomings are worked around here:

- QtSvg painted through QPdfWriter fills every outline twice, once widened by a stroke, so
  maths came out bold. Formulas are drawn from their outlines instead (core/export/
  svgpath.py) by a handler that replaces QTextDocument's image painter: vector, exact.
- Qt's ToUnicode maps name Kangxi radicals for common ideographs (⼈ for 人), so Chinese
  copied or searched from the PDF did not match; core/export/pdffix.py rewrites them.

Threading: needs a QGuiApplication (made here, offscreen, when there is none, as in the
command line); then any one thread at a time may call :func:`pdf_bytes` (QTextDocument and
QPdfWriter do not touch widgets). Fonts come from the system (fontconfig on Linux).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainterPath,
    QPdfWriter,
    QPyTextObject,
    QTextDocument,
    QTextFormat,
)

from app.core.export.document import ExportDocument
from app.core.export.html_out import layout_html
from app.core.export.pdffix import fix_tounicode
from app.core.export.svgpath import parse_formula
from app.core.render.mathsvg import MATH_SCHEME
from app.core.render.theme import LIGHT, Theme

# By name, in order: Latin text first, then a Chinese font (Traditional first) for what
# the Latin fonts lack. Whichever the system has is embedded (a subset).
FAMILIES = ["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial",
            "Noto Sans CJK TC", "Microsoft JhengHei", "PingFang TC", "Source Han Sans TC",
            "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei"]
MARGIN_MM = 15
DPI = 96  # CSS pixels: 16 px text is 12 pt on paper

_app: Any = None


def ensure_app() -> None:
    """A QGuiApplication for fonts and painting: the running one, or an offscreen one."""
    global _app
    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["parley", "-platform", "offscreen"])


class _Painter(QPyTextObject):
    """Draws the document's images: formulas from their outlines, pictures as they are."""

    def __init__(self, resources: dict[str, bytes], parent: Any) -> None:
        super().__init__(parent)
        self.resources = resources
        self.paths: dict[str, Any] = {}
        self.images: dict[str, QImage] = {}

    def intrinsicSize(self, doc: Any, pos: int, fmt: QTextFormat) -> QSizeF:
        image = fmt.toImageFormat()
        return QSizeF(image.width(), image.height())

    def drawObject(self, painter: Any, rect: Any, doc: Any, pos: int,
                   fmt: QTextFormat) -> None:
        name = fmt.toImageFormat().name()
        if name.startswith(MATH_SCHEME + ":"):
            self._formula(painter, rect, name)
            return
        image = self.images.get(name)
        if image is None:
            image = QImage.fromData(QByteArray(self.resources.get(name, b"")))
            self.images[name] = image
        if not image.isNull():
            painter.drawImage(rect, image)

    def _formula(self, painter: Any, rect: Any, name: str) -> None:
        shapes = self.paths.get(name)
        if shapes is None:
            shapes = self.paths[name] = _outlines(self.resources.get(name, b""))
        if not shapes:
            return
        view, items = shapes
        painter.save()
        painter.translate(rect.topLeft())
        painter.scale(rect.width() / (view[2] or 1), rect.height() / (view[3] or 1))
        painter.translate(-view[0], -view[1])
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, path in items:
            painter.fillPath(path, QBrush(QColor(colour)))
        painter.restore()


def _outlines(svg: bytes) -> tuple[tuple[float, ...], list[tuple[str, QPainterPath]]] | None:
    try:
        formula = parse_formula(svg)
    except (ValueError, KeyError, SyntaxError):
        return None
    items = []
    for shape in formula.shapes:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for command, v in shape.commands:
            if command == "M":
                path.moveTo(QPointF(v[0], v[1]))
            elif command == "L":
                path.lineTo(QPointF(v[0], v[1]))
            elif command == "Q":
                path.quadTo(QPointF(v[0], v[1]), QPointF(v[2], v[3]))
            elif command == "C":
                path.cubicTo(QPointF(v[0], v[1]), QPointF(v[2], v[3]), QPointF(v[4], v[5]))
            else:
                path.closeSubpath()
        items.append((shape.fill, path))
    return formula.view, items


class _Document(QTextDocument):
    def __init__(self, resources: dict[str, bytes]) -> None:
        super().__init__()
        self.resources = resources

    def loadResource(self, kind: int, url: Any) -> Any:
        # Only our own resources: nothing is fetched from disk or network.
        data = self.resources.get(url.toString())
        return QByteArray(data) if data is not None else QByteArray()


def pdf_bytes(doc: ExportDocument, theme: Theme = LIGHT) -> bytes:
    """The conversation as PDF bytes, on A4."""
    ensure_app()
    layout = layout_html(doc, theme)
    document = _Document(layout.resources)
    painter = _Painter(layout.resources, document)
    document.documentLayout().registerHandler(QTextFormat.ObjectTypes.ImageObject, painter)
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPixelSize(15)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(theme.stylesheet())
    document.setHtml(layout.html)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(doc.title)
    writer.setCreator("Parley")
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                          QPageLayout.Unit.Millimeter)
    document.print_(writer)
    del writer  # ends the PDF
    buffer.close()
    return fix_tounicode(bytes(buffer.data().data()))
