"""The note a delete leaves in the status bar: "Deleted “title”" and an Undo button, side by
side in one small widget, so neither covers the other (a status bar message is painted under
its widgets, and the button used to sit on top of the message).

A long title is shortened to a width that leaves room for the rest of the status bar in a
narrow window (a 1280-pixel screen at 200 %); the full title is in the tooltip.
Threading: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

TITLE_CHARS = 28  # a title is cut (…) past about this many average characters


class UndoNote(QWidget):
    """"Deleted “title”" and Undo; ``undoRequested`` when the button is pressed."""

    undoRequested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoNote")
        self.label = QLabel(self)
        self.label.setObjectName("undoNoteText")
        metrics = self.label.fontMetrics()
        short = metrics.elidedText(title, Qt.TextElideMode.ElideRight,
                                   TITLE_CHARS * metrics.averageCharWidth())
        self.label.setText(self.tr("Deleted “%1”").replace("%1", short))
        self.label.setToolTip(self.tr("Deleted “%1”").replace("%1", title))
        self.button = QPushButton(self.tr("Undo"), self)
        self.button.setObjectName("undoButton")
        self.button.setAccessibleName(self.tr("Undo the delete"))
        self.button.clicked.connect(self.undoRequested)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(8)
        row.addWidget(self.label)
        row.addWidget(self.button)
