"""The main window: sidebar | header, transcript, composer; a status bar below.

It lays its children out and owns the window-wide shortcuts. It decides nothing about
conversations: the controller (see ``wiring``) listens to the children's signals and calls
their methods. Threading: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.chat.composer import Composer
from app.ui.chat.transcript import Transcript
from app.ui.images.offered import has_images, offered_images
from app.ui.runtime.appearance import notice_style
from app.ui.runtime.placement import available_areas, first_rect, restore_rect
from app.ui.runtime.tasks import Failure
from app.ui.runtime.text_size import apply_text_size
from app.ui.sidebar.panel import Sidebar
from app.ui.window.header import Header
from app.ui.window.history_banner import HistoryBanner

if TYPE_CHECKING:
    from app.core.config.settings import Settings


class MainWindow(QMainWindow):
    stopRequested = Signal()
    copyLastAnswerRequested = Signal()
    settingsRequested = Signal()
    balanceRequested = Signal()
    quitRequested = Signal()  # Ctrl+Q (Cmd+Q on a Mac): quit Parley, tray or not
    imagesDropped = Signal(list)  # [Offered], dropped anywhere outside the composer
    closing = Signal()

    def __init__(self, parent: QWidget | None = None, *, saved: Sequence[int] = (),
                 maximized: bool = False) -> None:
        """``saved``, ``maximized``: where it was left (see :meth:`place`)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("Parley")
        self._shown = False  # shown at least once: its placement is worth remembering
        self.place(saved, maximized)
        self.sidebar = Sidebar(self)
        self.header = Header(self)
        self.transcript = Transcript(self)
        self.history_banner = HistoryBanner(self)  # only while answers are not being saved
        self.composer = Composer(self)
        self.notice = QLabel(self)  # one line above the composer: e.g. "answer stopped"
        self.notice.setObjectName("composerNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(2, 0, 8, 8)  # 2 px: the transcript's focus ring shows
        column.setSpacing(6)
        column.addWidget(self.header)
        column.addWidget(self.history_banner)
        column.addWidget(self.transcript, 1)
        column.addWidget(self.notice)
        column.addWidget(self.composer)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, 910])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.status = QStatusBar(self)
        self.setStatusBar(self.status)
        self.balance_label = QToolButton(self)  # click to refresh
        self.balance_label.setObjectName("balanceLabel")
        self.balance_label.setAutoRaise(True)
        self.balance_label.setAccessibleName(self.tr("Balance (click to refresh)"))
        self.balance_label.clicked.connect(self.balanceRequested)
        self.balance_label.hide()
        self.status.addPermanentWidget(self.balance_label)
        self.setAcceptDrops(True)  # images dropped on the transcript or sidebar are attached

        self.header.settingsRequested.connect(self.settingsRequested)
        self.transcript.linkHovered.connect(self._link_hovered)
        # Qt maps Ctrl to Cmd on macOS, so these are also the Mac's usual keys.
        for key, slot in (("Ctrl+N", self.sidebar.newChatRequested.emit),
                          ("Ctrl+F", self.sidebar.focus_search),
                          ("Ctrl+L", self.composer.focus),
                          ("Esc", self._escape),
                          ("Ctrl+Shift+C", self.copyLastAnswerRequested.emit),
                          ("Ctrl+,", self.settingsRequested.emit),
                          ("Ctrl+Q", self.quitRequested.emit)):
            self._shortcut(key, slot)
        self._busy = False

    def _shortcut(self, key: str, slot) -> None:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)

    # ----- attributes down -------------------------------------------------------------

    def place(self, saved: Sequence[int] = (), maximized: bool = False) -> None:
        """Size and position before showing: ``saved`` (x, y, width, height, from
        :meth:`placement` last time) brought back within today's screens, or a first size
        that fits the primary screen (a small one, or at 2×, included)."""
        areas = available_areas()
        rect = restore_rect(saved, areas) if areas else None
        if rect is None:
            rect = first_rect(areas[0]) if areas else QRect(0, 0, 1180, 780)
        self.setGeometry(rect)
        if maximized:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    @classmethod
    def for_settings(cls, settings: Settings) -> MainWindow:
        """The window where and as large as it was left, at the chosen text size."""
        window = cls(saved=settings.window_geometry, maximized=settings.window_maximized)
        window.set_text_size(settings.text_size)
        return window

    def placement(self) -> tuple[tuple[int, ...], bool] | None:
        """What :meth:`place` needs next time — (x, y, width, height) of the normal
        (not maximized) window, and whether it is maximized; None if never shown."""
        if not self._shown:
            return None
        maximized = self.isMaximized()
        rect = self.normalGeometry() if maximized else self.geometry()
        return (rect.x(), rect.y(), rect.width(), rect.height()), maximized

    def set_text_size(self, size: str) -> None:
        """Scale the transcript, composer and sidebar for a text-size setting, at once."""
        apply_text_size((self.transcript, self.composer, self.sidebar), size)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.composer.set_busy(busy)

    def show_notice(self, text: str) -> None:
        """A plain notice ("Answer stopped…"); "" hides it."""
        self.notice.setStyleSheet("")
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def show_failure(self, failure: Failure) -> None:
        """A failure below the window, in the theme's error colours: what happened and
        what to do (see app.ui.runtime.tasks)."""
        self.notice.setText(failure.text())
        self.notice.setStyleSheet(notice_style(error=True))
        self.notice.setAccessibleName(failure.title)
        self.notice.setVisible(True)

    def show_balance(self, text: str, detail: str = "") -> None:
        """``text`` empty hides it (a gateway without a balance endpoint)."""
        self.balance_label.setText(text)
        self.balance_label.setToolTip(detail or self.tr("Click to refresh"))
        self.balance_label.setVisible(bool(text))

    # ----- internals -------------------------------------------------------------------

    def _link_hovered(self, where: str) -> None:
        if where:
            self.status.showMessage(where)
        else:
            self.status.clearMessage()

    def _escape(self) -> None:
        if self._busy:
            self.stopRequested.emit()
        elif self.sidebar.search.hasFocus() and self.sidebar.search.text():
            self.sidebar.search.clear()
        elif self.composer.editing():
            self.composer.editCancelled.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if has_images(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        offered = offered_images(event.mimeData())
        if offered:
            event.acceptProposedAction()
            self.imagesDropped.emit(offered)

    def showEvent(self, event: QShowEvent) -> None:
        self._shown = True
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
