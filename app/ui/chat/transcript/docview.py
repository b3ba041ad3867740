"""A light widget that shows one QTextDocument: painting, selection, links, a highlight.

Not a QTextBrowser: a transcript holds a few dozen of these at a time, and each would bring
a scroll area, two scroll bars and a text control (~50 KB, and a layout pass of its own).
This one paints its document with the document's own layout, lets the mouse select (drag,
double-click a word, triple-click a paragraph) and the keyboard copy (Ctrl+C, Ctrl+A),
reports the link under the pointer and a click on a link (press and release on the same
link, without a drag: nothing opens by accident), and shows a search highlight.

The document's top-left corner is drawn at ``origin`` (padding, a bubble's inset, or a
negative x for code scrolled sideways by its owner).

Threading: GUI thread only.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QMenu, QWidget

HIGHLIGHT = QColor(255, 213, 79, 160)  # a search hit, on light and dark


class DocView(QWidget):
    linkClicked = Signal(QUrl)
    linkHovered = Signal(QUrl)   # an empty QUrl when the pointer leaves a link
    selectionChanged = Signal()

    def __init__(self, document: QTextDocument, parent: QWidget | None = None, *,
                 wrap: bool = True) -> None:
        super().__init__(parent)
        self.doc = document
        self.wrap = wrap
        self.origin = QPointF(0, 0)
        self._cursor = QTextCursor(document)
        self._highlight: QTextCursor | None = None
        self._press: QPoint | None = None
        self._press_anchor = ""
        self._dragged = False
        self._hovered = ""
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setCursor(Qt.CursorShape.IBeamCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        document.contentsChanged.connect(self._contents_changed)

    # ----- size --------------------------------------------------------------------------

    def height_for(self, width: int) -> int:
        """The document's height laid out ``width`` pixels wide (code: unwrapped)."""
        self.doc.setTextWidth(width if self.wrap else -1)
        return math.ceil(self.doc.size().height())

    def content_width(self) -> int:
        return math.ceil(self.doc.size().width())

    # ----- selection ---------------------------------------------------------------------

    def has_selection(self) -> bool:
        return self._cursor.hasSelection()

    def selected_text(self) -> str:
        return self._cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n")

    def clear_selection(self) -> None:
        if self._cursor.hasSelection():
            self._cursor.clearSelection()
            self.update()
            self.selectionChanged.emit()

    def select_all(self) -> None:
        self._cursor.select(QTextCursor.SelectionType.Document)
        self.update()
        self.selectionChanged.emit()

    def copy(self) -> None:
        if self._cursor.hasSelection():
            QGuiApplication.clipboard().setText(self.selected_text())

    def set_highlight(self, text: str) -> QTextCursor | None:
        """Mark the first occurrence of ``text`` (none: clear); the cursor found, if any."""
        found = self.doc.find(text) if text else None
        self._highlight = found if found is not None and not found.isNull() else None
        self.update()
        return self._highlight

    def highlight_top(self) -> int:
        """Where the highlight starts, in the widget's coordinates (0 if none)."""
        if self._highlight is None:
            return 0
        block = self._highlight.block()
        return int(self.doc.documentLayout().blockBoundingRect(block).top() + self.origin.y())

    # ----- painting ----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint_background(painter)
        painter.translate(self.origin)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(self.palette())
        context.palette = palette
        context.clip = QRectF(event.rect()).translated(-self.origin)
        selections = []
        if self._highlight is not None:
            selections.append(_selection(self._highlight, HIGHLIGHT, None))
        if self._cursor.hasSelection():
            selections.append(_selection(
                self._cursor, palette.color(QPalette.ColorRole.Highlight),
                palette.color(QPalette.ColorRole.HighlightedText)))
        context.selections = selections
        self.doc.documentLayout().draw(painter, context)
        painter.end()

    def paint_background(self, painter: QPainter) -> None:
        """Anything under the text (a bubble): nothing here."""

    # ----- mouse and keys ----------------------------------------------------------------

    def _position(self, point: QPoint) -> int:
        return self.doc.documentLayout().hitTest(QPointF(point) - self.origin,
                                                 Qt.HitTestAccuracy.FuzzyHit)

    def _anchor(self, point: QPoint) -> str:
        return self.doc.documentLayout().anchorAt(QPointF(point) - self.origin)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = event.position().toPoint()
        self._press, self._dragged = point, False
        self._press_anchor = self._anchor(point)
        position = max(0, self._position(point))
        mode = (QTextCursor.MoveMode.KeepAnchor
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                else QTextCursor.MoveMode.MoveAnchor)
        self._cursor.setPosition(position, mode)
        self.update()
        self.selectionChanged.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._cursor.setPosition(max(0, self._position(event.position().toPoint())))
        self._cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        self._press = None
        self.update()
        self.selectionChanged.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if (point - self._press).manhattanLength() >= QApplication.startDragDistance():
                self._dragged = True
            if self._dragged:
                self._cursor.setPosition(max(0, self._position(point)),
                                         QTextCursor.MoveMode.KeepAnchor)
                self.update()
                self.selectionChanged.emit()
            return
        anchor = self._anchor(point)
        if anchor != self._hovered:
            self._hovered = anchor
            self.setCursor(Qt.CursorShape.PointingHandCursor if anchor
                           else Qt.CursorShape.IBeamCursor)
            self.linkHovered.emit(QUrl(anchor))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        anchor = self._anchor(event.position().toPoint())
        clicked = not self._dragged and anchor and anchor == self._press_anchor
        self._press = None
        if self._cursor.hasSelection():
            clipboard = QGuiApplication.clipboard()
            if clipboard.supportsSelection():
                clipboard.setText(self.selected_text(), clipboard.Mode.Selection)
        if clicked:
            self.linkClicked.emit(QUrl(anchor))

    def leaveEvent(self, event) -> None:
        if self._hovered:
            self._hovered = ""
            self.linkHovered.emit(QUrl())
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        copy = menu.addAction(self.tr("Copy"), self.copy)
        copy.setEnabled(self.has_selection())
        menu.addAction(self.tr("Select all"), self.select_all)
        menu.popup(event.globalPos())  # not exec(): the event loop keeps running

    def _contents_changed(self) -> None:
        if self._cursor.position() > self.doc.characterCount() - 1:
            self._cursor = QTextCursor(self.doc)
        self.update()


def _selection(cursor: QTextCursor, background: QColor,
               foreground: QColor | None) -> QAbstractTextDocumentLayout.Selection:
    selection = QAbstractTextDocumentLayout.Selection()
    selection.cursor = cursor
    fmt = QTextCharFormat()
    fmt.setBackground(background)
    if foreground is not None:
        fmt.setForeground(foreground)
    selection.format = fmt
    return selection
