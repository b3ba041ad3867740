"""What a new chat shows before its first message: a calm panel, as the chat apps have.

The logo, "What can I help with?", a line on what Parley does, example prompts as cards
(real buttons: Tab reaches them, Enter or a click puts the prompt into the message box —
it is not sent), and how to reach quick ask from any app. The transcript shows it over its
viewport whenever it shows no message (:class:`~.widget.Transcript`); it is not part of the
conversation's text (``toPlainText()`` of an empty chat is "").

Colours come from the palette (light and dark); the cards go when the window is too low
to hold them, and stand in one column when it is narrow.

Threading: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPaintEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QWidget,
)

MAX_WIDTH = 620     # px: the panel's column, however wide the window
CARD_PAD = (14, 10)  # px inside a card (sideways, up and down)
TWO_COLUMNS = 440   # px: narrower than this, the cards stand in one column
LOGO = 44           # px
GAP = 10            # px between the parts, and between the cards
RING = 4            # px around the cards for the focus ring (app.ui.runtime.focus)


class PromptCard(QAbstractButton):
    """An example prompt: its words wrapped in a rounded card; a button like any other."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("examplePrompt")
        self.setText(text)
        self.setAccessibleName(text)
        self.setToolTip(self.tr("Put this in the message box"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def _text_height(self, width: int) -> int:
        inner = max(40, width - 2 * CARD_PAD[0])
        flags = int(Qt.TextFlag.TextWordWrap)
        return self.fontMetrics().boundingRect(0, 0, inner, 10_000, flags, self.text()).height()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._text_height(width) + 2 * CARD_PAD[1]

    def sizeHint(self) -> QSize:
        return QSize(260, self.heightForWidth(260))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.fontMetrics().lineSpacing() + 2 * CARD_PAD[1])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        lively = self.isDown() or self.underMouse()
        fill = palette.color(QPalette.ColorRole.AlternateBase if lively
                             else QPalette.ColorRole.Base)
        edge = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
        edge.setAlpha(150 if lively else 90)
        painter.setPen(edge)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        inner = self.rect().adjusted(CARD_PAD[0], CARD_PAD[1], -CARD_PAD[0], -CARD_PAD[1])
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                    | Qt.TextFlag.TextWordWrap), self.text())


class EmptyState(QWidget):
    """The panel; laid over ``viewport`` (its size follows the viewport's)."""

    promptChosen = Signal(str)  # an example's words, for the message box

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.viewport = viewport
        self.setObjectName("emptyState")
        self.setAccessibleName(self.tr("New chat"))
        self.logo = QLabel(self)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        icon = QApplication.windowIcon()
        if icon.isNull():
            self.logo.hide()
        else:
            self.logo.setPixmap(icon.pixmap(LOGO, LOGO))
        self.title = self._label(self.tr("What can I help with?"), muted=False)
        self.title.setObjectName("emptyStateTitle")
        self.blurb = self._label(self.tr(
            "Ask anything — answers come with maths and code. Attach a photo of handwritten "
            "work, lecture PDFs or slides, and export any chat to Word or PDF."))
        self.blurb.setObjectName("emptyStateAbout")
        self.cards = QWidget(self)
        self.cards.setObjectName("examplePrompts")
        self.prompts = [PromptCard(text, self.cards) for text in (
            self.tr("Explain the chain rule with a worked example"),
            self.tr("Check my handwritten working step by step"),
            self.tr("Turn these lecture slides into revision notes"),
            self.tr("Help me plan a 1,500-word essay on climate policy"))]
        for card in self.prompts:
            card.clicked.connect(lambda _=False, card=card: self.promptChosen.emit(card.text()))
        self.quick = self._label("")
        self.quick.setObjectName("quickAskHint")
        self._scale_fonts()
        self.set_quick_ask_shortcut("")

        viewport.installEventFilter(self)
        self._fit()

    def _scale_fonts(self) -> None:
        """The title larger, the quick-ask line smaller, than the transcript's text (the
        text size of Settings)."""
        for label, scale in ((self.title, 1.6), (self.quick, 0.92)):
            font = QFont(self.font())
            font.setPointSizeF(max(1.0, font.pointSizeF()) * scale)
            if label is self.title:
                font.setWeight(QFont.Weight.DemiBold)
            label.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a new text size
            self._scale_fonts()
            self._fit()

    def _label(self, text: str, muted: bool = True) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if muted:
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # follows light/dark
        return label

    def set_quick_ask_shortcut(self, shortcut: str) -> None:
        """The global shortcut as registered ("" when none is, or it could not be)."""
        if shortcut:
            keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            text = self.tr("Quick ask: press %1 in any app to ask about what you copied.")
            self.quick.setText(text.replace("%1", keys or shortcut))
        else:
            self.quick.setText(self.tr("Quick ask: set a shortcut in Settings → Quick ask to "
                                       "ask about what you copied, from any app."))
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Hidden while a conversation is open: laid out again when shown, not on each resize.
        if watched is self.viewport and event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False

    def showEvent(self, event: QShowEvent) -> None:
        self._fit()
        super().showEvent(event)

    def _fit(self) -> None:
        """Cover the viewport and lay the panel out in it, a little above the middle: the
        cards in two columns or one, and left out when the panel would not fit the
        height. (Placed by hand: every size here is known, and a layout gave wrapped
        labels the height of an earlier guess at their width.)"""
        area = self.viewport.rect()
        self.setGeometry(area)
        width = max(80, min(MAX_WIDTH, area.width() - 48))
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        for label in (self.title, self.blurb, self.quick):  # (QLabel's own heightForWidth
            # remembers an earlier, narrower width's answer)
            label.resize(width, label.fontMetrics().boundingRect(
                0, 0, width, 10_000, flags, label.text()).height() + 2)
        columns = 2 if width >= TWO_COLUMNS else 1
        card_width = (width - (columns - 1) * GAP) // columns
        rows = [self.prompts[i:i + columns] for i in range(0, len(self.prompts), columns)]
        heights = [max(card.heightForWidth(card_width) for card in row) for row in rows]
        cards_height = sum(heights) + (len(rows) - 1) * GAP
        parts: list[tuple[QWidget, int]] = [] if self.logo.isHidden() else [(self.logo, LOGO)]
        parts += [(self.title, self.title.height()), (self.blurb, self.blurb.height()),
                  (self.cards, cards_height), (self.quick, self.quick.height())]
        # The cards go first when the height is short: the rest says what matters.
        fits = sum(h for _, h in parts) + len(parts) * GAP + 2 * GAP + 32 <= area.height()
        self.cards.setVisible(fits)
        if not fits:
            parts.remove((self.cards, cards_height))
        total = sum(h for _, h in parts) + (len(parts) - 1) * GAP + 2 * GAP
        y = max(16, (area.height() - total) * 2 // 5)
        left = (area.width() - width) // 2
        for widget, height in parts:
            y += GAP if widget in (self.cards, self.quick) else 0  # a little more room
            if widget is self.cards:  # with room around for the focus ring (drawn outside)
                widget.setGeometry(left - RING, y - RING, width + 2 * RING, height + 2 * RING)
            else:
                widget.setGeometry(left, y, width, height)
            y += height + GAP
        top = RING
        for row, height in zip(rows, heights, strict=True):
            for column, card in enumerate(row):
                card.setGeometry(RING + column * (card_width + GAP), top, card_width, height)
            top += height + GAP
