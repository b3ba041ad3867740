"""The widgets a message is shown with, one per row of the transcript.

- :class:`HeadRow`: who wrote it ("You", "Assistant · gpt-4o"), small and muted;
- :class:`TextRow`: a text part of an answer, full width from the column's left edge; a
  user's message as a tinted bubble at the right (at most BUBBLE_SHARE of the column); or a
  notice (centred);
- :class:`CodeRow`: a code block with its language and a Copy button; long lines scroll
  sideways (shift+wheel, a horizontal wheel, or the bar under it) instead of wrapping.

Every row widget answers ``height_for(width)`` (laying itself out at that width) and
``plain_text()``. Threading: GUI thread only.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QWheelEvent,
)
from PySide6.QtWidgets import QLabel, QScrollBar, QSizePolicy, QToolButton, QWidget

from app.core.render.theme import Theme
from app.ui.chat.transcript.docview import DocView
from app.ui.chat.transcript.engine import HEAD_ROOM
from app.ui.chat.transcript.resources import PartDocument, Resources

BUBBLE_SHARE = 0.8   # of the column: a user's message never spans it all
BUBBLE_PAD = (14, 9)  # px inside a bubble: sides, top and bottom
CODE_PAD = 10        # px around the code inside its box
CODE_TOP = 6         # px above the box: a list (no bottom margin in Qt) never touches it


class Hover:
    """A row widget that tells its transcript when the pointer comes over it (``on_enter``:
    set by the transcript), so the message's actions show. Cheaper than an event filter,
    which would bring every event of every row into Python."""

    on_enter: Callable[[], None] | None = None

    def enterEvent(self, event: QEnterEvent) -> None:
        if self.on_enter is not None:
            self.on_enter()
        super().enterEvent(event)  # type: ignore[misc]


class HeadRow(Hover, QLabel):
    """Who wrote the message."""

    def __init__(self, text: str, user: bool, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        self.setFont(font)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText,
                         palette.color(QPalette.ColorRole.PlaceholderText))
        self.setPalette(palette)
        align = Qt.AlignmentFlag.AlignRight if user else Qt.AlignmentFlag.AlignLeft
        self.setAlignment(align | Qt.AlignmentFlag.AlignBottom)
        self.setContentsMargins(2, 0, 2, 2)

    def height_for(self, width: int) -> int:
        return HEAD_ROOM + self.fontMetrics().height() + 2

    def plain_text(self) -> str:
        return self.text()


class TextRow(Hover, DocView):
    """A part of a message's text (see the module docstring for the three looks)."""

    def __init__(self, resources: Resources, parent: QWidget, *, bubble: bool = False,
                 centred: bool = False) -> None:
        document = PartDocument(resources)
        super().__init__(document, parent)
        document.setParent(self)
        document.setDefaultFont(parent.font())
        self.bubble, self.centred = bubble, centred
        self._box = QRect()
        self.html = ""

    def set_html(self, html: str) -> None:
        if html != self.html:
            self.html = html
            self.doc.setHtml(html)

    def height_for(self, width: int) -> int:
        if not self.bubble:
            height = super().height_for(width)
            if self.centred:
                ideal = math.ceil(self.doc.idealWidth())
                self.origin = QPointF(max(0, (width - ideal) // 2), 0)
                self.doc.setTextWidth(ideal + 1)
            return height
        pad_x, pad_y = BUBBLE_PAD
        widest = max(40, int(width * BUBBLE_SHARE) - 2 * pad_x)
        self.doc.setTextWidth(widest)
        ideal = math.ceil(self.doc.idealWidth()) + 1
        if ideal < widest:
            self.doc.setTextWidth(ideal)
        size = self.doc.size()
        inner_w, inner_h = math.ceil(size.width()), math.ceil(size.height())
        self._box = QRect(width - inner_w - 2 * pad_x, 0, inner_w + 2 * pad_x,
                          inner_h + 2 * pad_y)
        self.origin = QPointF(self._box.x() + pad_x, pad_y)
        return self._box.height()

    def paint_background(self, painter: QPainter) -> None:
        if self.bubble and not self._box.isEmpty():
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.palette().color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(QRectF(self._box), 14, 14)

    def plain_text(self) -> str:
        return self.doc.toPlainText()


class CodeRow(Hover, QWidget):
    """One code block: language and Copy above, the code below, unwrapped."""

    copyRequested = Signal()

    def __init__(self, resources: Resources, parent: QWidget, theme: Theme) -> None:
        super().__init__(parent)
        self.setObjectName("codeBlock")
        self.theme = theme
        document = PartDocument(resources, self)
        document.setDefaultFont(parent.font())
        self.view = DocView(document, self, wrap=False)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.muted))
        self.label.setPalette(palette)
        self.copy = QToolButton(self)
        self.copy.setObjectName("copyCode")
        self.copy.setText(self.tr("Copy"))
        self.copy.setAccessibleName(self.tr("Copy code"))
        self.copy.setToolTip(self.tr("Copy this code"))
        self.copy.setAutoRaise(True)
        self.copy.setCursor(Qt.CursorShape.PointingHandCursor)
        self.copy.clicked.connect(self.copyRequested)
        self.bar = QScrollBar(Qt.Orientation.Horizontal, self)
        self.bar.setAccessibleName(self.tr("Scroll the code sideways"))
        self.bar.valueChanged.connect(self._scrolled)
        self.bar.hide()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.html = ""
        self._header = 0
        self._code_height = 0

    def set_part(self, html: str, language: str) -> None:
        self.label.setText(language or self.tr("code"))
        self.setAccessibleName(self.tr("Code: %1").replace("%1", language or self.tr("code")))
        if html != self.html:
            self.html = html
            self.view.doc.setHtml(html)

    def height_for(self, width: int) -> int:
        # Room above and below Copy for its focus ring (drawn 2 px outside it).
        self._header = max(self.copy.sizeHint().height(), self.label.sizeHint().height()) + 6
        self._code_height = self.view.height_for(width)
        inner = width - 2 * CODE_PAD
        overflow = self.view.content_width() - inner
        self.bar.setVisible(overflow > 0)
        if overflow > 0:
            self.bar.setRange(0, overflow)
            self.bar.setPageStep(max(1, inner))
            self.bar.setSingleStep(24)
        else:
            self.bar.setValue(0)
        bar = self.bar.sizeHint().height() if overflow > 0 else 0
        return CODE_TOP + self._header + 2 * CODE_PAD + self._code_height + bar + 12

    def resizeEvent(self, event) -> None:
        width = self.width()
        label = self.label.sizeHint()
        self.label.setGeometry(CODE_PAD, CODE_TOP + (self._header - label.height()) // 2,
                               label.width(), label.height())
        copy = self.copy.sizeHint()
        self.copy.setGeometry(width - CODE_PAD // 2 - copy.width(),
                              CODE_TOP + (self._header - copy.height()) // 2, copy.width(),
                              copy.height())
        top = CODE_TOP + self._header + CODE_PAD
        self.view.setGeometry(CODE_PAD, top, width - 2 * CODE_PAD, self._code_height)
        bar = self.bar.sizeHint().height()
        self.bar.setGeometry(1, top + self._code_height + CODE_PAD - 2, width - 2, bar)
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Square corners, no antialiasing: a code box is painted on every scroll step, and
        # antialiased rounded rectangles cost ~0.25 ms each in the raster engine.
        painter = QPainter(self)
        painter.setPen(QColor(self.theme.code_border))
        painter.setBrush(QColor(self.theme.code_background))
        painter.drawRect(QRect(0, CODE_TOP, self.width() - 1, self.height() - CODE_TOP - 12 - 1))
        painter.fillRect(QRect(1, CODE_TOP + 1, self.width() - 2, self._header),
                         QColor(self.theme.code_header))
        painter.end()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        sideways = delta.x() if delta.x() else (
            delta.y() if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 0)
        if sideways and self.bar.isVisible():
            self.bar.setValue(self.bar.value() - sideways // 2)
            event.accept()
        else:
            event.ignore()  # up and down scroll the transcript

    def _scrolled(self, value: int) -> None:
        self.view.origin = QPointF(-value, 0)
        self.view.update()

    def plain_text(self) -> str:
        return self.view.doc.toPlainText()
