"""How the sidebar shows search hits and an empty list.

A hit is a row of two parts: the conversation's title on one line, then the words around
the match (core/history/text.py: plain text, an answer's markdown marks dropped) on up to
:data:`SNIPPET_LINES` lines; each match, in the title too, in bold on a soft highlight.
:class:`HitDelegate` paints it with a QTextLayout from the plain text and the match spans:
message text is untrusted and is never read as HTML. The row's DisplayRole stays the plain
"title, snippet", for screen readers and tests.

:class:`EmptyNote` says why the list is empty ("No chats yet…", "No results for …"),
muted and centred over the list's viewport, instead of a blank column.

Threading: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QStyledItemDelegate, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QTextLayout
    from PySide6.QtWidgets import QStyleOptionViewItem

# QStyle, QStyleOptionViewItem and the QText* classes are imported where a hit is painted:
# PySide builds a class's Python type on first use (QStyle alone: ~5 ms), and the sidebar is
# built before the window's first paint, when no search has run yet.

SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 4  # the hit's words (str); absent: not a hit
SPANS_ROLE = Qt.ItemDataRole.UserRole + 5    # ((start, end), …) of the matches in them
TITLE_HIT_ROLE = Qt.ItemDataRole.UserRole + 6  # the title matched: its words are the title
TITLE_ROLE = Qt.ItemDataRole.UserRole + 7  # a hit's title (its DisplayRole adds the words)
TITLE_SPANS_ROLE = Qt.ItemDataRole.UserRole + 8  # the matches in the title
SNIPPET_LINES = 2
PAD_X, PAD_Y = 8, 5  # px inside a hit's row (the list's style sheet pads other rows)
MATCH_ALPHA = 70     # of the highlight colour under a match, on a row not selected


def match_ranges(spans: Sequence[Sequence[int]], palette: QPalette, selected: bool,
                 ) -> list[QTextLayout.FormatRange]:
    """Bold matches; on a row not selected also a soft highlight behind them (a selected
    row is filled with the highlight already) and the text's full colour."""
    from PySide6.QtGui import QTextCharFormat, QTextLayout

    ranges = []
    for start, end in spans:
        form = QTextCharFormat()
        form.setFontWeight(QFont.Weight.Bold)
        if not selected:
            under = QColor(palette.color(QPalette.ColorRole.Highlight))
            under.setAlpha(MATCH_ALPHA)
            form.setBackground(under)
            form.setForeground(palette.color(QPalette.ColorRole.Text))
        found = QTextLayout.FormatRange()
        found.start, found.length, found.format = start, end - start, form
        ranges.append(found)
    return ranges


class HitDelegate(QStyledItemDelegate):
    """Paints hit rows (those with SNIPPET_ROLE); other rows as the style does."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        if index.data(SNIPPET_ROLE) is None:
            return super().sizeHint(option, index)
        line = option.fontMetrics.lineSpacing()
        lines = 1 if index.data(TITLE_HIT_ROLE) else 1 + SNIPPET_LINES
        return QSize(option.rect.width(), lines * line + 2 * PAD_Y + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        snippet = index.data(SNIPPET_ROLE)
        if snippet is None:
            super().paint(painter, option, index)
            return
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        view = QStyleOptionViewItem(option)
        self.initStyleOption(view, index)
        view.text = ""  # background, selection and focus as the style (sheet) draws them
        style = view.widget.style() if view.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view, painter, view.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        strong = palette.color(QPalette.ColorRole.HighlightedText if selected
                               else QPalette.ColorRole.Text)
        muted = strong if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        area = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        spans = index.data(SPANS_ROLE) or ()
        painter.save()
        painter.setClipRect(option.rect)
        painter.setPen(strong)
        title = index.data(TITLE_ROLE) or ""
        if index.data(TITLE_HIT_ROLE):  # the title is what matched: highlighted in place
            self._draw(painter, snippet or title, spans if snippet else (), area, 1, option,
                       selected)
        else:
            self._draw(painter, title, index.data(TITLE_SPANS_ROLE) or (), area, 1, option,
                       selected)
            painter.setPen(muted)
            below = area.adjusted(0, option.fontMetrics.lineSpacing(), 0, 0)
            self._draw(painter, snippet, spans, below, SNIPPET_LINES, option, selected)
        painter.restore()

    @staticmethod
    def _draw(painter: QPainter, text: str, spans: Sequence[Sequence[int]], area: QRect,
              max_lines: int, option: QStyleOptionViewItem, selected: bool) -> None:
        """``text`` wrapped in ``area`` on at most ``max_lines`` lines, the matches marked;
        "…" where it is cut."""
        from PySide6.QtGui import QTextLayout, QTextOption

        layout = QTextLayout(text, option.font)
        wrap = QTextOption()
        wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(wrap)
        layout.setFormats(match_ranges(spans, option.palette, selected))
        ellipsis = option.fontMetrics.horizontalAdvance("…")
        y, cut, last = 0.0, False, None
        layout.beginLayout()
        for number in range(max_lines):
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(area.width())
            if number == max_lines - 1 and line.textStart() + line.textLength() < len(text):
                line.setLineWidth(max(0, area.width() - ellipsis))
                cut = True
            line.setPosition(QPointF(0, y))
            y += line.height()
            last = line
        layout.endLayout()
        layout.draw(painter, QPointF(area.topLeft()))
        if cut and last is not None:
            painter.drawText(QPointF(area.x() + last.naturalTextWidth(),
                                     area.y() + last.y() + last.ascent()), "…")


class EmptyNote(QLabel):
    """Why the list is empty, centred over ``viewport`` in the muted text colour; hidden
    while there is nothing to say."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.viewport = viewport
        self.setObjectName("emptyListNote")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a query is the user's text
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setContentsMargins(16, 0, 16, 0)
        viewport.installEventFilter(self)
        self.hide()

    def say(self, text: str) -> None:
        """Show ``text``; "" hides the note."""
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        area = self.viewport.rect()
        height = min(area.height(), self.heightForWidth(area.width()) + 16)
        # A third of the way down: reads as a message, not as a row of the list.
        self.setGeometry(0, max(0, area.height() // 3 - height // 2), area.width(), height)
