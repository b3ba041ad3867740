"""The quick-ask window: small, on top, near the pointer, about what is on the clipboard.

It shows the clipboard (a trimmed text preview or an image thumbnail), one-click actions,
a question field with the focus, and the answer as it streams (the same transcript widget
as the main window). Enter sends (an empty question explains the clipboard); Esc closes.
A view only: it says what the user asked for with signals; the controller does the work.

Threading: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.quick_ask import ACTIONS
from app.ui.chat.transcript import Transcript
from app.ui.runtime.appearance import notice_style
from app.ui.runtime.placement import beside_pointer, frame_margins
from app.ui.runtime.tasks import Failure

SIZE = (560, 460)
PREVIEW_IMAGE = 96  # px, the clipboard image's thumbnail height


class QuickAskWindow(QWidget):
    askRequested = Signal(str, str)     # question, action id ("" = the question as typed)
    copyRequested = Signal()
    openInParleyRequested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self._has_answer = False
        self.setObjectName("quickAsk")
        self.setWindowTitle(self.tr("Quick ask"))
        self.setAccessibleName(self.tr("Quick ask"))
        self.resize(*SIZE)

        # Two labels, not one: a word-wrapping QLabel that switches from text to a pixmap
        # keeps answering its text's height-for-width (0), and the picture disappears.
        self.clip = QLabel(self)
        self.clip.setObjectName("quickAskClipboard")
        self.clip.setWordWrap(True)
        self.clip.setTextFormat(Qt.TextFormat.PlainText)
        self.clip_image = QLabel(self)
        self.clip_image.setObjectName("quickAskClipboardImage")
        for label in (self.clip, self.clip_image):
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
            label.setStyleSheet("QLabel { padding: 6px; border-radius: 4px; "
                                "background: palette(alternate-base); }")
        self.actions_row = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        labels = {"explain": self.tr("Explain"), "summarize": self.tr("Summarize"),
                  "translate-en": self.tr("Translate to English"),
                  "translate-zh": self.tr("Translate to 中文"),
                  "fix-grammar": self.tr("Fix grammar")}
        for action in ACTIONS:
            button = QPushButton(labels.get(action, ACTIONS[action].label), self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, a=action: self._ask(a))
            self.action_buttons[action] = button
            self.actions_row.addWidget(button)
        self.actions_row.addStretch(1)
        self.question = QLineEdit(self)
        self.question.setObjectName("quickAskQuestion")
        self.question.setPlaceholderText(
            self.tr("Ask about it… (Enter with nothing typed explains it)"))
        self.question.setAccessibleName(self.tr("Question"))
        self.question.returnPressed.connect(lambda: self._ask(""))
        self.answer = Transcript(self, empty_state=False)  # no new-chat panel here
        self.answer.setObjectName("quickAskAnswer")
        self.answer.setAccessibleName(self.tr("Answer"))
        self.status = QLabel(self)
        self.status.setObjectName("quickAskStatus")
        self.status.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("Copy answer"), self)
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copyRequested)
        self.open_button = QPushButton(self.tr("Open in Parley"), self)
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.openInParleyRequested)

        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.copy_button)
        bottom.addWidget(self.open_button)
        column = QVBoxLayout(self)
        column.addWidget(self.clip)
        column.addWidget(self.clip_image)
        column.addLayout(self.actions_row)
        column.addWidget(self.question)
        column.addWidget(self.answer, 1)
        column.addLayout(bottom)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self.close)
        self.set_answering(False, has_answer=False)

    # ----- attributes down ---------------------------------------------------------------

    def present(self, preview: str, image: QImage | None = None) -> None:
        """Show the clipboard and reset: no answer yet, focus in the question field."""
        has_image = image is not None and not image.isNull()
        if image is not None and has_image:
            self.clip_image.setPixmap(QPixmap.fromImage(image).scaledToHeight(
                PREVIEW_IMAGE, Qt.TransformationMode.SmoothTransformation))
        self.clip_image.setVisible(has_image)
        self.clip.setText(preview or ("" if has_image else
                                      self.tr("The clipboard is empty: type a question.")))
        self.clip.setVisible(bool(self.clip.text()))
        self.question.clear()
        self.answer.show_messages([])
        self.show_status("")
        self.set_answering(False, has_answer=False)
        self.place()
        self.show()
        self.raise_()
        self.activateWindow()
        self.question.setFocus(Qt.FocusReason.PopupFocusReason)

    def set_answering(self, busy: bool, *, has_answer: bool = True) -> None:
        self._has_answer = has_answer
        for button in self.action_buttons.values():
            button.setEnabled(not busy)
        self.question.setReadOnly(busy)
        self.copy_button.setEnabled(has_answer and not busy)
        self.open_button.setEnabled(has_answer)

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(notice_style(error))

    def show_failure(self, failure: Failure) -> None:
        self.show_status(failure.text(), error=True)

    def set_busy(self, busy: bool) -> None:
        """While a quick answer is being made (the task runner's busy state)."""
        self.set_answering(busy, has_answer=self._has_answer)

    def place(self) -> None:
        """Beside the pointer, wholly inside its screen's available area (frame included,
        shrunk if the screen is small or scaled 2×); centred when the pointer is unknown."""
        pointer = QCursor.pos()
        screen = QGuiApplication.screenAt(pointer) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen else QRect(QPoint(0, 0), QSize(*SIZE))
        # Its current size: a size the user gave it is kept from one quick ask to the next.
        self.setGeometry(beside_pointer(pointer, self.size(), area, frame_margins(self)))

    # ----- internals ---------------------------------------------------------------------

    def _ask(self, action: str) -> None:
        if not self.question.isReadOnly():
            self.askRequested.emit(self.question.text(), action)

    def closeEvent(self, event) -> None:
        self.closed.emit()
        super().closeEvent(event)
