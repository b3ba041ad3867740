"""The More (⋯) menu of an answer's action bar: the actions that would crowd the bar —
"Copy for Word" (rich text for Word, Google Docs, LibreOffice) and "Save as…" (one answer
as Markdown, a web page, PDF or Word).

The menu is a child of its More button, so its entries (QActions, named by their text for
screen readers) are found under the transcript like the bar's buttons. It opens with
``popup()``, never ``exec()``: a nested event loop breaks qasync. Opened from the keyboard
(Space or Enter on More), its first entry is active, so the arrows go on from there.

Threading: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QMenu, QToolButton

from app.ui.chat.transcript.models import COPY_WORD, MORE, SAVE_AS
from app.ui.runtime.icons import NAMES, icon

ICONS = {COPY_WORD: "copy-rich", SAVE_AS: "save"}  # resources/icons/*.svg


def menu_labels() -> dict[str, str]:
    """What the menu's entries and its button are called (their accessible names)."""
    return {COPY_WORD: QCoreApplication.translate("ActionBar", "Copy for Word"),
            SAVE_AS: QCoreApplication.translate("ActionBar", "Save as…"),
            MORE: QCoreApplication.translate("ActionBar", "More")}


class MoreMenu(QMenu):
    chosen = Signal(str)  # the action's name (COPY_WORD, SAVE_AS)

    @staticmethod
    def tip() -> str:
        """The More button's tooltip."""
        return QCoreApplication.translate("MoreMenu", "More actions")

    def __init__(self, button: QToolButton, names: Sequence[str],
                 labels: dict[str, str]) -> None:
        super().__init__(button)
        self.button = button
        self.setObjectName("messageMenu")
        self.setToolTipsVisible(True)
        tips = {COPY_WORD: self.tr("Formatting, tables and formulas, ready to paste into "
                                   "Word, Google Docs or LibreOffice"),
                SAVE_AS: self.tr("Save this answer as Markdown, a web page, PDF or Word")}
        for name in names:
            action = self.addAction(labels[name])
            action.setObjectName(f"action-{name}")
            action.setToolTip(tips.get(name, labels[name]))
            if ICONS.get(name) in NAMES:
                action.setIcon(icon(ICONS[name], self.palette(), on_highlight=True))
            action.triggered.connect(lambda _=False, n=name: self.chosen.emit(n))

        self.aboutToHide.connect(lambda: self.button.setDown(False))

    def open_under_button(self) -> None:
        """Show the menu under its button (the keyboard's first entry made active); the
        button looks pressed while it is open."""
        keyboard = self.button.hasFocus()
        self.button.setDown(True)
        self.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))
        if keyboard and self.actions():
            self.setActiveAction(self.actions()[0])
