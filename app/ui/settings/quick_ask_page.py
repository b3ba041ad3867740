"""The Quick ask page of Settings: the global shortcut (see hotkey_settings) and whether
closing the main window keeps Parley running in the tray.

Threading: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from app.core.shortcuts import HotkeyStatus
from app.ui.settings.hotkey_section import HotkeySettings


class QuickAskPage(QWidget):
    shortcutChanged = Signal(str)
    trayChanged = Signal(bool)

    def __init__(self, shortcut: str, status: HotkeyStatus, keep_in_tray: bool,
                 tray_exists: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hotkey = HotkeySettings(self)
        self.hotkey.set_shortcut(shortcut)
        self.hotkey.show_status(status)
        self.hotkey.shortcutChanged.connect(self.shortcutChanged)
        self.tray = QCheckBox(self.tr("Keep Parley running in the tray when its window is closed"),
                              self)
        self.tray.setChecked(keep_in_tray and tray_exists)
        self.tray.setEnabled(tray_exists)
        self.tray.toggled.connect(self.trayChanged)
        column = QVBoxLayout(self)
        column.addWidget(self.hotkey)
        column.addWidget(self.tray)
        if not tray_exists:
            note = QLabel(self.tr("This desktop shows no tray icons, so closing the window "
                                  "quits Parley."), self)
            note.setWordWrap(True)
            column.addWidget(note)
        column.addStretch(1)
