"""A document waiting to be sent, as a chip in the composer's strip (objectName
``documentChip``): a file-type icon, the file's name (elided), what will be sent ("12 pages ·
~8,400 tokens") and a note ("pages 3, 7 as images"), a remove ×, and — when the file is more
than the model takes — the theme's warning colour and "Choose pages…".

The chip only shows a :class:`ChipState` it is given (attributes down) and reports clicks
(signals up). Its accessible name is the file's name and the summary; its tooltip adds the
full path.

Threading: GUI thread only.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.runtime.appearance import mix, theme_for_palette
from app.ui.runtime.icons import icon, icon_button

WIDTH, HEIGHT = 260, 72  # px: as tall as an image chip, so one strip holds both
WIDE = 380  # a chip that does not fit: room for its warning and "Choose pages…"
ICON = 32
ICONS = {"pdf": "file-pdf", "docx": "file-doc", "pptx": "file-slides", "xlsx": "file-sheet",
         "text": "file-text"}
# What the paperclip's dialog offers besides images (app.core.documents.detect reads each by
# its content; any other file may still be chosen under "All files").
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".docm", ".pptx", ".pptm", ".ppsx", ".xlsx", ".xlsm",
                     ".csv", ".tsv", ".txt", ".md", ".markdown", ".rst", ".log", ".json",
                     ".yaml", ".yml", ".toml", ".ini", ".xml", ".html", ".css", ".tex", ".py",
                     ".js", ".ts", ".java", ".c", ".h", ".cpp", ".cs", ".go", ".rs", ".rb",
                     ".php", ".sh", ".sql", ".swift", ".kt")


def icon_name(kind: str) -> str:
    """The icon of a document kind ("pdf", "docx", "pptx", "xlsx", "text")."""
    return ICONS.get(kind, "file-text")


def guessed_kind(name: str) -> str:
    """The kind a file's name suggests: its icon while it is being read (its content
    decides afterwards)."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"pdf": "pdf", "docx": "docx", "docm": "docx", "pptx": "pptx", "pptm": "pptx",
            "ppsx": "pptx", "xlsx": "xlsx", "xlsm": "xlsx", "csv": "xlsx",
            "tsv": "xlsx"}.get(suffix, "text")


@dataclass(frozen=True)
class ChipState:
    """What a document chip says. ``kind`` "" while the file is being read (``busy``)."""

    kind: str = ""
    summary: str = ""       # "12 pages · ~8,400 tokens"
    note: str = ""          # "pages 3, 7 as images", or why it does not fit
    warning: bool = False   # more than the model takes: drawn in the warning colour
    choose: bool = False    # offer "Choose pages…"
    busy: bool = False
    detail: str = ""        # more for the tooltip (the whole warning sentence)


class DocumentChip(QFrame):
    removeRequested = Signal(int)
    choosePagesRequested = Signal(int)

    def __init__(self, key: int, name: str, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.name, self.path = key, name, path
        self.state = ChipState(busy=True)
        self.setObjectName("documentChip")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFixedSize(WIDTH, HEIGHT)
        self.picture = QLabel(self)
        self.picture.setFixedSize(ICON, ICON)
        self.title = QLabel(self)
        self.title.setObjectName("documentName")
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.summary = QLabel(self)
        self.summary.setObjectName("documentSummary")
        self.note = QLabel(self)
        self.note.setObjectName("documentNote")
        small = self.summary.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        for label in (self.summary, self.note):
            label.setFont(small)
        self.choose = QToolButton(self)
        self.choose.setObjectName("choosePagesButton")
        self.choose.setText(self.tr("Choose pages…"))
        self.choose.setAutoRaise(True)
        self.choose.setFont(small)
        self.choose.setAccessibleName(self.tr("Choose pages of %1").replace("%1", name))
        self.choose.clicked.connect(lambda: self.choosePagesRequested.emit(self.key))
        self.remove = icon_button(self, "close", 14, self.tr("Remove"),
                                  self.tr("Remove %1").replace("%1", name),
                                  object_name="removeAttachment")
        self.remove.setFixedSize(20, 20)
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self.key))
        self.progress = QProgressBar(self)  # busy: a thin running bar along the bottom
        self.progress.setObjectName("documentProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Reading…"))

        lines = QVBoxLayout()
        lines.setSpacing(0)
        lines.addWidget(self.title)
        middle = QHBoxLayout()  # the summary, and "Choose pages…" beside it
        middle.setSpacing(2)
        middle.addWidget(self.summary, 1)
        middle.addWidget(self.choose)
        lines.addLayout(middle)
        lines.addWidget(self.note)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 22, 4)
        row.setSpacing(8)
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(lines, 1)
        self.set_state(self.state)

    def set_state(self, state: ChipState) -> None:
        self.state = state
        width = WIDE if state.warning else WIDTH
        self.setFixedSize(width, HEIGHT)
        self.remove.move(width - 22, 2)
        self.progress.setGeometry(10, HEIGHT - 7, width - 20, 4)
        self.progress.setVisible(state.busy)
        self.title.setText(self.title.fontMetrics().elidedText(
            self.name, Qt.TextElideMode.ElideMiddle, width - ICON - 46))
        summary = self.tr("Reading…") if state.busy and not state.summary else state.summary
        self.summary.setText(summary)
        self.note.setText(self.note.fontMetrics().elidedText(
            state.note, Qt.TextElideMode.ElideRight, width - ICON - 46))
        self.note.setVisible(bool(state.note))
        self.choose.setVisible(state.choose)
        self._paint_icon()
        self._colour_note()
        said = ", ".join(filter(None, (summary, state.note)))
        self.setAccessibleName(f"{self.name}: {said}" if said else self.name)
        self.setAccessibleDescription(state.detail)
        self.setToolTip("\n".join(filter(None, (self.path, summary, state.note, state.detail))))
        self.update()

    def _paint_icon(self) -> None:
        ratio = self.devicePixelRatioF()
        drawn = icon(icon_name(self.state.kind or guessed_kind(self.name)), self.palette())
        mode = QIcon.Mode.Disabled if self.state.busy else QIcon.Mode.Normal
        pixmap = drawn.pixmap(QSize(ICON, ICON), ratio, mode)
        self.picture.setPixmap(pixmap)

    def _colour_note(self) -> None:
        palette = self.note.palette()
        colour = (QColor(theme_for_palette().warning) if self.state.warning
                  else self.palette().color(QPalette.ColorRole.PlaceholderText))
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.note.setPalette(palette)
        self.summary.setPalette(palette if self.state.warning else self.palette())
        link = self.choose.palette()  # a link, not a button: it reads as part of the card
        link.setColor(QPalette.ColorRole.ButtonText, self.palette().color(QPalette.ColorRole.Link))
        self.choose.setPalette(link)

    def changeEvent(self, event) -> None:  # light ⇄ dark: the icon and colours follow
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and hasattr(self, "note"):
            self._paint_icon()
            self._colour_note()

    def paintEvent(self, event: QPaintEvent) -> None:
        # A rounded card; in the warning colour (border and a light tint) when it does not fit.
        base = self.palette().color(QPalette.ColorRole.AlternateBase)
        border = self.palette().color(QPalette.ColorRole.Mid)
        if self.state.warning:
            border = QColor(theme_for_palette().warning)
            base = mix(base, border, 0.12)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border, 1.5 if self.state.warning else 1.0))
        painter.setBrush(base)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.75, 0.75, -0.75, -0.75), 8, 8)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 8, 8)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removeRequested.emit(self.key)
            return
        super().keyPressEvent(event)

