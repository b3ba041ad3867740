"""The tray icon: Quick ask, Show Parley, Quit. Absent where the desktop has no tray.

Threading: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class Tray(QObject):
    quickAskRequested = Signal()
    showRequested = Signal()
    quitRequested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        icon = QGuiApplication.windowIcon()
        if icon.isNull():
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion)
        self.icon = QSystemTrayIcon(QIcon(icon), self)
        self.icon.setToolTip("Parley")
        self.menu = QMenu()
        for text, signal in ((self.tr("Quick ask"), self.quickAskRequested),
                             (self.tr("Show Parley"), self.showRequested),
                             (self.tr("Quit"), self.quitRequested)):
            action = QAction(text, self.menu)
            action.triggered.connect(signal)
            self.menu.addAction(action)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)

    def show(self) -> bool:
        """Show it if the desktop has a tray; whether it is shown."""
        if tray_available():
            self.icon.show()
        return self.icon.isVisible()

    def hide(self) -> None:
        self.icon.hide()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:  # a left click
            self.showRequested.emit()
