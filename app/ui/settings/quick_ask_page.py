"""The Quick ask page of Settings: the global shortcut (see hotkey_section) and whether
closing the main window keeps Parley running in the tray.

Both act at once, as the user changes them (the shortcut's status line then says whether
the new key could be registered): :attr:`QuickAskPage.shortcutChanged` and
:attr:`QuickAskPage.trayChanged` go to the wiring right away. :meth:`QuickAskPage.edited`
puts the same changes into the dialog's copy on Save, so Save does not undo them; what the
user did not touch stays as it was (an unset tray choice stays unset).
Threading: GUI thread only.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core.config.settings import Settings
from app.core.shortcuts import HotkeyStatus
from app.ui.runtime.check_box import check_box
from app.ui.settings.hotkey_section import HotkeySettings


class QuickAskPage(QWidget):
    shortcutChanged = Signal(str)
    trayChanged = Signal(bool)

    def __init__(self, settings: Settings, status: HotkeyStatus, tray_exists: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._changes: dict[str, Any] = {}  # Settings fields the user changed here
        self.hotkey = HotkeySettings(self)
        self.hotkey.set_shortcut(settings.quick_ask_shortcut)
        self.hotkey.show_status(status)
        self.hotkey.shortcutChanged.connect(self._shortcut_changed)
        self.tray = check_box(self.tr("Keep Parley running in the tray when its window is closed"),
                              self)
        self.tray.setObjectName("trayBox")
        self.tray.setChecked(settings.keeps_running_in_tray(tray_exists))
        self.tray.setEnabled(tray_exists)
        self.tray.toggled.connect(self._tray_changed)
        column = QVBoxLayout(self)
        column.addWidget(self.hotkey)
        column.addWidget(self.tray)
        if not tray_exists:
            note = QLabel(self.tr("This desktop shows no tray icons, so closing the window "
                                  "quits Parley."), self)
            note.setWordWrap(True)
            column.addWidget(note)
        column.addStretch(1)

    def edited(self, settings: Settings) -> Settings:
        return replace(settings, **self._changes)

    def _shortcut_changed(self, text: str) -> None:
        self._changes["quick_ask_shortcut"] = text
        self.shortcutChanged.emit(text)

    def _tray_changed(self, keep: bool) -> None:
        self._changes["keep_in_tray"] = keep
        self.trayChanged.emit(keep)
