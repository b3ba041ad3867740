"""The settings section for the global quick-ask shortcut: the key, what became of it, and
the command to bind by hand (with Copy) where Parley could not register it.

A self-contained widget for the settings dialog; it registers nothing itself. Wiring::

    section = HotkeySettings()
    section.set_shortcut(settings.quick_ask_shortcut)
    section.show_status(hotkey.status)
    hotkey.statusChanged.connect(section.show_status)
    section.shortcutChanged.connect(lambda text: (save(text), hotkey.register(text)))

Failure reasons come from the core in English (as other core messages do); the widget's
own labels are translated. Threading: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.shortcuts import HotkeyStatus

PORTABLE = QKeySequence.SequenceFormat.PortableText


class HotkeySettings(QGroupBox):
    """Edit the shortcut; show its :class:`HotkeyStatus`; offer the command to bind."""

    shortcutChanged = Signal(str)  # portable text ("Ctrl+Alt+Space"); "" when cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Quick ask shortcut"), parent)
        self.editor = QKeySequenceEdit()
        self.editor.setObjectName("shortcutEditor")
        self.editor.setMaximumSequenceLength(1)  # one chord: a global shortcut
        self.editor.setClearButtonEnabled(True)
        self.editor.editingFinished.connect(self._edited)
        self.editor.keySequenceChanged.connect(self._maybe_cleared)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.command_hint = QLabel(self.tr("Command to bind in your desktop's keyboard "
                                           "settings:"))
        self.command_hint.setWordWrap(True)
        self.command_field = QLineEdit()
        self.command_field.setObjectName("shortcutCommand")
        self.command_field.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("copyCommandButton")
        self.copy_button.clicked.connect(self._copy)
        command_row = QHBoxLayout()
        command_row.addWidget(self.command_field, 1)
        command_row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.status_label)
        layout.addWidget(self.command_hint)
        layout.addLayout(command_row)
        self._shortcut = ""

    def set_shortcut(self, text: str) -> None:
        """Show ``text`` (portable text) without emitting :attr:`shortcutChanged`."""
        self._shortcut = text or ""
        self.editor.blockSignals(True)
        self.editor.setKeySequence(QKeySequence.fromString(self._shortcut, PORTABLE))
        self.editor.blockSignals(False)

    def shortcut(self) -> str:
        return self.editor.keySequence().toString(PORTABLE)

    def show_status(self, status: HotkeyStatus) -> None:
        if status.registered:
            text = self.tr("Registered: press %1 anywhere to ask about the clipboard.").replace(
                "%1", status.shortcut)
        elif status.failed:
            text = self.tr("Not registered.") + " " + status.reason
        else:
            text = self.tr("No shortcut is set.")
        self.status_label.setText(text)
        self.command_field.setText(status.command)
        for widget in (self.command_hint, self.command_field, self.copy_button):
            widget.setVisible(not status.registered and bool(status.command))

    def _edited(self) -> None:
        text = self.shortcut()
        if text != self._shortcut:
            self._shortcut = text
            self.shortcutChanged.emit(text)

    def _maybe_cleared(self, sequence: QKeySequence) -> None:
        if sequence.isEmpty():  # the clear button does not finish editing
            self._edited()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.command_field.text())
        self.copy_button.setText(self.tr("Copied"))
        QTimer.singleShot(1500, self, lambda: self.copy_button.setText(self.tr("Copy")))
