"""The banner over the transcript while answers are not being saved.

Shown for as long as Parley works in a temporary history (the real one cannot be used):
it says so and why, in a sentence, with the file and what to do in its tooltip, and offers
Retry. It decides nothing: :class:`app.ui.chat.history_fallback.HistoryFallback` says what
to show and acts on ``retryRequested``.

Its colours come from the palette in effect and the transcript theme's error colour, read
when it paints, so it follows light and dark like the rest of the window.

Threading: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.runtime.appearance import mix, theme_for_palette

ACCENT_WIDTH = 4
TINT = 0.14  # how much of the error colour shows through the background


class HistoryBanner(QFrame):
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyBanner")
        self.setAccessibleName(self.tr("Answers are not being saved"))
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.setToolTip(self.tr("Try the history file again"))
        self.retry_button.clicked.connect(self.retryRequested)
        row = QHBoxLayout(self)
        row.setContentsMargins(ACCENT_WIDTH + 10, 6, 8, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.retry_button)
        self.hide()

    def show_problem(self, reason: str, detail: str) -> None:
        """``reason``: why, in a few translated words; ``detail``: the error as the core
        says it (file and hint), for the tooltip."""
        self.label.setText(self.tr(
            "Answers are not being saved: %1. What you say now is kept only until Parley "
            "quits; Retry uses the history again once it works.").replace("%1", reason))
        self.setToolTip(detail)
        self.show()

    def set_retrying(self, retrying: bool) -> None:
        self.retry_button.setEnabled(not retrying)
        self.retry_button.setText(self.tr("Retrying…") if retrying else self.tr("Retry"))

    def text(self) -> str:
        return self.label.text()

    def paintEvent(self, event: QPaintEvent) -> None:
        accent = QColor(theme_for_palette().error)
        base = self.palette().color(QPalette.ColorRole.Window)
        tint = mix(base, accent, TINT)
        painter = QPainter(self)
        painter.fillRect(self.rect(), tint)
        painter.fillRect(QRect(0, 0, ACCENT_WIDTH, self.height()), accent)
        painter.end()
        super().paintEvent(event)
