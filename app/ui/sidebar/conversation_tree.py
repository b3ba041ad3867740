"""The conversation list widget: keys a list needs beyond QTreeWidget's.

Headings (Today, Yesterday…, a search's "2 results") are disabled items, which Qt never
makes current: Tab, the arrows and clicks skip them. Threading: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget


class ConversationTree(QTreeWidget):
    """The list itself; Delete (Backspace on a Mac keyboard) asks to delete the current row."""

    deletePressed = Signal()
    lookChanged = Signal()  # a new font (text size) or palette (theme)
    upFromTop = Signal()    # Up on the first row: back to the search box

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self.lookChanged.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Tabbed into with no current row (a new chat): the first chat becomes current (not
        # opened, not selected; outlined), so the keyboard's place shows. Headings are
        # disabled items, which moveCursor skips.
        super().focusInEvent(event)
        if self.currentItem() is None and event.reason() != Qt.FocusReason.MouseFocusReason:
            first = self.moveCursor(QAbstractItemView.CursorAction.MoveNext,
                                    Qt.KeyboardModifier.NoModifier)
            if first.isValid():
                self.selectionModel().setCurrentIndex(
                    first, QItemSelectionModel.SelectionFlag.NoUpdate)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != \
                QAbstractItemView.State.EditingState:
            event.accept()
            self.deletePressed.emit()
            return
        if event.key() == Qt.Key.Key_Up and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            above = self.moveCursor(QAbstractItemView.CursorAction.MoveUp,
                                    Qt.KeyboardModifier.NoModifier)
            if not above.isValid() or above == self.currentIndex():
                event.accept()
                self.upFromTop.emit()
                return
        super().keyPressEvent(event)

    def first_row(self, select: bool) -> None:
        """Take the focus on the first row (not a heading); ``select`` it too (a search
        hit: Enter opens it), or only outline it (a chat: selected means open). A list
        with a current chat (the open one) keeps it."""
        if not select and self.currentIndex().isValid():
            self.setFocus(Qt.FocusReason.TabFocusReason)
            return
        first = self.moveCursor(QAbstractItemView.CursorAction.MoveHome,
                                Qt.KeyboardModifier.NoModifier)
        if first.isValid():
            self.setFocus(Qt.FocusReason.TabFocusReason)
            flag = QItemSelectionModel.SelectionFlag
            self.selectionModel().setCurrentIndex(
                first, flag.ClearAndSelect if select else flag.NoUpdate)
