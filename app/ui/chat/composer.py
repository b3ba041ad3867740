"""The composer: where the user types a message.

Enter sends, Shift+Enter inserts a newline. While an input method (Chinese, Japanese) is
composing, Enter belongs to the input method — it commits the candidate — and is never taken
as "send", so half-composed text is never sent.

Files (images and documents) come in by drop, paste or the Attach button and are *offered*
upwards (``imagesOffered``); the parent reads them and shows them in the strip. When they
are more than the model takes, the parent holds Send (:meth:`hold`) and the reason is shown
above the field. In image mode
(the picture button, or a message starting with ``/imagine``) Enter asks for a picture
instead (``imagineRequested``).

While a question is being edited, a bar above the field says so and offers Cancel
(``editCancelled``; Esc in the window too); the parent decides what editing means.

Children emit signals; the parent decides. Threading: GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.images.imagine import IMAGINE
from app.ui.documents.chip import DOCUMENT_SUFFIXES
from app.ui.images.attachment_strip import AttachmentStrip
from app.ui.images.offered import IMAGE_SUFFIXES, Offered, has_images, offered_images
from app.ui.runtime.appearance import theme_for_palette
from app.ui.runtime.icons import icon_button, set_icon

MIN_LINES, MAX_LINES = 2, 10
TOOL_ICON = 20  # px, the Attach and image-mode buttons' icons


class MessageEdit(QPlainTextEdit):
    """Multi-line text field that grows with its content up to MAX_LINES."""

    submitted = Signal()
    imagesOffered = Signal(list)  # [Offered]: pasted or dropped images

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

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return has_images(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        # Images (data or files) become attachments; anything else is pasted as text.
        offered = offered_images(source)
        if offered:
            self.imagesOffered.emit(offered)
        else:
            super().insertFromMimeData(source)

    def event(self, event: QEvent) -> bool:
        # Focus loss ends any composition from our point of view.
        if event.type() == QEvent.Type.FocusOut:
            self._composing = False
        handled = super().event(event)
        if event.type() == QEvent.Type.FontChange:  # a new text size: lines are taller
            self._fit_height()
        return handled

    def _fit_height(self) -> None:
        metrics = self.fontMetrics()
        lines = max(MIN_LINES, min(MAX_LINES, int(self.document().size().height()) or 1))
        margins = self.contentsMargins()
        frame = int(self.document().documentMargin() * 2) + margins.top() + margins.bottom()
        self.setFixedHeight(lines * metrics.lineSpacing() + frame + 4)


class Composer(QWidget):
    """Text field, image strip, Attach and image-mode buttons, Send/Stop.

    Emits ``sendRequested(text)``; the parent clears it once the message is safely stored
    (:meth:`clear`), so a failed send never loses what was typed or attached."""

    sendRequested = Signal(str)
    imagineRequested = Signal(str, dict)  # prompt, {"size", "quality", "n"}
    imagesOffered = Signal(list)          # [Offered]
    attachmentRemoved = Signal(int)
    stopRequested = Signal()
    draftChanged = Signal(str)
    editCancelled = Signal()  # Cancel on the editing bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = AttachmentStrip(self)
        self.edit = MessageEdit(self)
        self._chat_placeholder = self.tr(
            "Ask anything… (Enter to send, Shift+Enter for a new line)")
        self.edit.setPlaceholderText(self._chat_placeholder)
        self.edit.setAccessibleName(self.tr("Message"))
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName(self.tr("Send message"))
        self.send_button.setDefault(False)
        set_icon(self.send_button, "send")
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setAccessibleName(self.tr("Stop the answer"))
        self.stop_button.setToolTip(self.tr("Stop (Esc)"))
        set_icon(self.stop_button, "stop")
        self.stop_button.hide()
        self.attach_button = icon_button(self, "paperclip", TOOL_ICON, self.tr("Attach files"),
                                         self.tr("Attach files"), object_name="attachButton",
                                         raised=True)
        self.attach_button.setAccessibleDescription(self.tr(
            "Documents or images; you can also drop or paste them"))
        self.image_button = icon_button(
            self, "palette", TOOL_ICON, self.tr("Make an image instead of an answer (or start "
                                                "a message with /imagine)"),
            self.tr("Image mode"), object_name="imageModeButton", raised=True)
        self.image_button.setCheckable(True)
        self.image_options = self._image_options()
        self.edit_bar = self._edit_bar()
        self.limit_label = QLabel(self)  # why Send is held (attachments too large)
        self.limit_label.setObjectName("attachmentLimit")
        self.limit_label.setWordWrap(True)
        self.limit_label.hide()
        self._held = ""

        tools = QVBoxLayout()
        tools.addStretch(1)
        tools.addWidget(self.attach_button)
        tools.addWidget(self.image_button)
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        row = QHBoxLayout()
        row.addLayout(tools)
        row.addWidget(self.edit, 1)
        row.addLayout(buttons)
        column = QVBoxLayout(self)
        column.setContentsMargins(2, 2, 0, 2)  # room for the focus ring of Attach, Image
        column.setSpacing(4)
        column.addWidget(self.edit_bar)
        column.addWidget(self.strip)
        column.addWidget(self.limit_label)
        column.addWidget(self.image_options)
        column.addLayout(row)

        self.edit.submitted.connect(self._submit)
        self.edit.imagesOffered.connect(self.imagesOffered)
        self.send_button.clicked.connect(self._submit)
        self.stop_button.clicked.connect(self.stopRequested)
        self.attach_button.clicked.connect(self.pick_images)
        self.image_button.toggled.connect(self.set_image_mode)
        self.strip.removeRequested.connect(self.attachmentRemoved)
        self.edit.textChanged.connect(self._text_changed)
        self._busy = False
        self._dialog: QFileDialog | None = None
        self._text_changed()

    def _image_options(self) -> QWidget:
        box = QWidget(self)
        box.setObjectName("imageOptions")
        self.size_box = QComboBox(box)
        self.size_box.addItem(self.tr("Square (1024×1024)"), "1024x1024")
        self.size_box.addItem(self.tr("Wide (1792×1024)"), "1792x1024")
        self.size_box.addItem(self.tr("Tall (1024×1792)"), "1024x1792")
        self.size_box.setAccessibleName(self.tr("Image size"))
        self.quality_box = QComboBox(box)
        self.quality_box.addItem(self.tr("Standard"), "standard")
        self.quality_box.addItem(self.tr("HD"), "hd")
        self.quality_box.setAccessibleName(self.tr("Image quality"))
        self.count_box = QSpinBox(box)
        self.count_box.setRange(1, 4)
        self.count_box.setAccessibleName(self.tr("Number of images"))
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for label, widget in ((self.tr("Size"), self.size_box),
                              (self.tr("Quality"), self.quality_box),
                              (self.tr("Images"), self.count_box)):
            caption = QLabel(label, box)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
        row.addStretch(1)
        box.hide()
        return box

    def _edit_bar(self) -> QFrame:
        bar = QFrame(self)
        bar.setObjectName("editBar")
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar.setAutoFillBackground(True)  # a role, not a style sheet: it follows light/dark
        bar.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.edit_label = QLabel(self.tr("Editing your question"), bar)
        self.edit_label.setObjectName("editLabel")
        font = self.edit_label.font()
        font.setBold(True)
        self.edit_label.setFont(font)
        self.cancel_edit_button = QPushButton(self.tr("Cancel"), bar)
        self.cancel_edit_button.setObjectName("cancelEditButton")
        self.cancel_edit_button.setToolTip(self.tr("Cancel editing (Esc): your draft comes back"))
        self.cancel_edit_button.setAccessibleName(self.tr("Cancel editing"))
        self.cancel_edit_button.clicked.connect(self.editCancelled)
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 2, 2, 2)
        row.addWidget(self.edit_label)
        row.addStretch(1)
        row.addWidget(self.cancel_edit_button)
        bar.hide()
        return bar

    # ----- attributes down ---------------------------------------------------------------

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
        """While an answer streams, Send becomes Stop; typing the next message stays allowed.
        An edit being sent cannot be cancelled any more."""
        self._busy = busy
        self.cancel_edit_button.setEnabled(not busy)
        self.stop_button.setVisible(busy)
        self.send_button.setVisible(not busy)
        self._text_changed(announce=False)

    def set_editing(self, on: bool) -> None:
        """Show or hide the "Editing your question" bar."""
        self.edit_bar.setVisible(on)

    def editing(self) -> bool:
        return not self.edit_bar.isHidden()

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_image_mode(self, on: bool) -> None:
        if self.image_button.isChecked() != on:
            self.image_button.setChecked(on)  # re-enters through toggled
            return
        self.image_options.setVisible(on)
        self.edit.setPlaceholderText(
            self.tr("Describe the image to make… (Enter to make it)") if on
            else self._chat_placeholder)
        self._text_changed(announce=False)

    def image_mode(self) -> bool:
        return self.image_button.isChecked()

    def image_settings(self) -> dict[str, Any]:
        return {"size": self.size_box.currentData(), "quality": self.quality_box.currentData(),
                "n": self.count_box.value()}

    def has_attachments(self) -> bool:
        return bool(self.strip.chips)

    def refresh(self) -> None:
        """Attachments changed: Send may become possible (an image alone can be sent)."""
        self._text_changed(announce=False)

    def hold(self, reason: str) -> None:
        """Hold Send while ``reason`` is not empty (the attachments do not fit), saying why
        above the field in the theme's warning colour. Send itself follows at the caller's
        :meth:`refresh` (the documents' check, after each typing pause: nothing is redone
        while the reason stays the same)."""
        sheet = f"color: {theme_for_palette().warning};"  # the theme may have changed
        if reason == self._held and sheet == self.limit_label.styleSheet():
            return
        self._held = reason
        self.limit_label.setText(reason)
        self.limit_label.setStyleSheet(sheet)
        self.limit_label.setVisible(bool(reason))
        self.send_button.setToolTip(reason)

    def pick_images(self) -> None:
        """The file picker, opened without blocking the loop (no exec() under qasync)."""
        if self._dialog is not None and self._dialog.isVisible():
            self._dialog.raise_()
            return
        patterns = " ".join(f"*{s}" for s in DOCUMENT_SUFFIXES + IMAGE_SUFFIXES)
        dialog = QFileDialog(self.window(), self.tr("Attach files"))
        dialog.setObjectName("attachDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters([self.tr("Images and documents (%1)").replace("%1", patterns),
                               self.tr("All files (*)")])
        dialog.filesSelected.connect(
            lambda files: self.imagesOffered.emit([Offered("path", f, f.rsplit("/", 1)[-1])
                                                   for f in files]))
        self._dialog = dialog
        dialog.open()

    # ----- internals ---------------------------------------------------------------------

    def _submit(self) -> None:
        text = self.text()
        if self._busy:
            return
        if self._held and not self.image_mode():
            return  # the reason is shown above the field
        if self.image_mode() or text.lstrip().lower().startswith(IMAGINE):
            prompt = text.strip()
            if prompt.lower().startswith(IMAGINE):
                prompt = prompt[len(IMAGINE):].strip()
            if prompt:
                self.imagineRequested.emit(prompt, self.image_settings())
            return
        if text.strip() or self.has_attachments():
            self.sendRequested.emit(text)

    def _text_changed(self, announce: bool = True) -> None:
        ready = bool(self.text().strip()) or (self.has_attachments() and not self.image_mode())
        held = bool(self._held) and not self.image_mode()
        self.send_button.setEnabled(ready and not self._busy and not held)
        self.send_button.setText(self.tr("Make") if self.image_mode() else self.tr("Send"))
        if announce:
            self.draftChanged.emit(self.text())
