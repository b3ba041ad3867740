"""The composer: where the user types a message.

Enter sends, Shift+Enter inserts a newline. While an input method (Chinese, Japanese) is
composing, Enter belongs to the input method — it commits the candidate — and is never taken
as "send", so half-composed text is never sent.

Children emit signals; the parent decides. Threading: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (QHBoxLayout, QPlainTextEdit, QPushButton, QSizePolicy,
                               QVBoxLayout, QWidget)

MIN_LINES, MAX_LINES = 2, 10


class MessageEdit(QPlainTextEdit):
    """Multi-line text field that grows with its content up to MAX_LINES."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._composing = False
        self.document().contentsChanged.connect(self._fit_height)
        self._fit_height()

    @property
    def composing(self) -> bool:
        return self._composing

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        # A non-empty preedit string means the IME is still composing a candidate.
        self._composing = bool(event.preeditString())
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            if self._composing:  # the input method commits its candidate; nothing for us
                event.accept()
                return
            if mods & Qt.KeyboardModifier.ShiftModifier:
                super().keyPressEvent(event)
                return
            if not mods & ~Qt.KeyboardModifier.KeypadModifier:
                event.accept()
                self.submitted.emit()
                return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Focus loss ends any composition from our point of view.
        if event.type() == QEvent.Type.FocusOut:
            self._composing = False
        return super().event(event)

    def _fit_height(self) -> None:
        metrics = self.fontMetrics()
        lines = max(MIN_LINES, min(MAX_LINES, int(self.document().size().height()) or 1))
        margins = self.contentsMargins()
        frame = int(self.document().documentMargin() * 2) + margins.top() + margins.bottom()
        self.setFixedHeight(lines * metrics.lineSpacing() + frame + 4)


class Composer(QWidget):
    """Text field plus Send/Stop. Emits ``sendRequested(text)``; the parent clears it once the
    message is safely stored (:meth:`clear`), so a failed send never loses what was typed."""

    sendRequested = Signal(str)
    stopRequested = Signal()
    draftChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = MessageEdit(self)
        self.edit.setPlaceholderText(self.tr("Ask anything… (Enter to send, Shift+Enter for a new line)"))
        self.edit.setAccessibleName(self.tr("Message"))
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName(self.tr("Send message"))
        self.send_button.setDefault(False)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setAccessibleName(self.tr("Stop the answer"))
        self.stop_button.setToolTip(self.tr("Stop (Esc)"))
        self.stop_button.hide()

        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addLayout(buttons)

        self.edit.submitted.connect(self._submit)
        self.send_button.clicked.connect(self._submit)
        self.stop_button.clicked.connect(self.stopRequested)
        self.edit.textChanged.connect(self._text_changed)
        self._busy = False
        self._text_changed()

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the text (a restored draft) without announcing it as a new draft."""
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
        self._text_changed(announce=False)

    def clear(self) -> None:
        self.edit.clear()

    def set_busy(self, busy: bool) -> None:
        """While an answer streams, Send becomes Stop; typing the next message stays allowed."""
        self._busy = busy
        self.stop_button.setVisible(busy)
        self.send_button.setVisible(not busy)
        self._text_changed(announce=False)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _submit(self) -> None:
        text = self.text()
        if self._busy or not text.strip():
            return
        self.sendRequested.emit(text)

    def _text_changed(self, announce: bool = True) -> None:
        self.send_button.setEnabled(bool(self.text().strip()) and not self._busy)
        if announce:
            self.draftChanged.emit(self.text())
