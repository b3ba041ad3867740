"""The strip of files waiting to be sent with the next message (objectName ``attachmentStrip``).

Documents are :class:`~app.ui.documents.chip.DocumentChip` (name, pages, tokens). Each
image is a chip: its thumbnail (a placeholder until the thumbnail is ready), a remove
button, and a tooltip with the name and what will be sent. The strip only shows; the parent
decides what is attached and tells it (attributes down), and hears removals (signals up).
Hidden while empty.

Threading: GUI thread only. Thumbnails arrive as QImages decoded elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from app.ui.documents.chip import ChipState, DocumentChip
from app.ui.runtime.icons import icon_button

CHIP = 64  # px, the thumbnail's box


class AttachmentChip(QFrame):
    removeRequested = Signal(int)

    def __init__(self, key: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.name = key, name
        self.setObjectName("attachmentChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFixedSize(CHIP + 8, CHIP + 8)
        self.picture = QLabel("…", self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setGeometry(4, 4, CHIP, CHIP)
        self.remove = icon_button(self, "close", 14, self.tr("Remove"),
                                  self.tr("Remove %1").replace("%1", name))
        self.remove.setFixedSize(20, 20)
        self.remove.move(CHIP + 8 - 21, 1)
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self.key))
        self.set_detail(self.tr("Preparing…"))

    def set_thumbnail(self, image: QImage) -> None:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap.fromImage(image).scaled(
            QSize(CHIP, CHIP) * ratio, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setPixmap(pixmap)

    def set_detail(self, detail: str) -> None:
        self.setToolTip(f"{self.name}\n{detail}" if detail else self.name)
        self.setAccessibleName(self.tr("Image %1").replace("%1", self.name))
        self.setAccessibleDescription(detail)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removeRequested.emit(self.key)
            return
        super().keyPressEvent(event)


class AttachmentStrip(QScrollArea):
    """A horizontally scrolling row of chips."""

    removeRequested = Signal(int)
    choosePagesRequested = Signal(int)  # a document chip's "Choose pages…"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentStrip")
        self.setAccessibleName(self.tr("Attachments to send"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(CHIP + 8 + 6)
        # Chips wider than the window scroll sideways: the scroll bar goes under them, never
        # over them.
        self.horizontalScrollBar().rangeChanged.connect(self._fit_height)
        inner = QWidget(self)
        self.row = QHBoxLayout(inner)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.row.addStretch(1)
        self.setWidget(inner)
        self.chips: dict[int, AttachmentChip | DocumentChip] = {}
        self.hide()

    def _fit_height(self, _low: int = 0, high: int = 0) -> None:
        bar = self.horizontalScrollBar().sizeHint().height() if high > 0 else 0
        self.setFixedHeight(CHIP + 8 + 6 + bar)

    def add(self, key: int, name: str) -> None:
        chip = AttachmentChip(key, name, self.widget())
        chip.removeRequested.connect(self.removeRequested)
        self.chips[key] = chip
        self.row.insertWidget(self.row.count() - 1, chip)
        self.show()

    def add_document(self, key: int, name: str, path: str) -> None:
        """A document's chip, busy until :meth:`set_document` says what it holds."""
        chip = DocumentChip(key, name, path, self.widget())
        chip.removeRequested.connect(self.removeRequested)
        chip.choosePagesRequested.connect(self.choosePagesRequested)
        self.chips[key] = chip
        self.row.insertWidget(self.row.count() - 1, chip)
        self.show()

    def set_document(self, key: int, state: ChipState) -> None:
        chip = self.chips.get(key)
        if isinstance(chip, DocumentChip):
            was = chip.state.warning
            chip.set_state(state)
            if state.warning and not was:  # its warning and "Choose pages…" come into view
                QTimer.singleShot(0, lambda: self._bring_into_view(key))

    def _bring_into_view(self, key: int) -> None:
        if (chip := self.chips.get(key)) is not None:
            self.ensureWidgetVisible(chip, 8, 0)

    def set_thumbnail(self, key: int, image: QImage) -> None:
        chip = self.chips.get(key)
        if isinstance(chip, AttachmentChip):
            chip.set_thumbnail(image)

    def set_detail(self, key: int, detail: str) -> None:
        chip = self.chips.get(key)
        if isinstance(chip, AttachmentChip):
            chip.set_detail(detail)

    def remove(self, key: int) -> None:
        chip = self.chips.pop(key, None)
        if chip is not None:
            chip.hide()
            chip.deleteLater()
        self.setVisible(bool(self.chips))

    def clear(self) -> None:
        for key in list(self.chips):
            self.remove(key)

    def names(self) -> list[str]:
        return [chip.name for chip in self.chips.values()]
