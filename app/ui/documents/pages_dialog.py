""""Choose pages…": which pages (slides, sheets) of a document to send, with the estimate
shown live as the range is typed (objectName ``choosePagesDialog``).

It opens pre-filled with the range that fits (``pages_that_fit``); what is typed is read
with ``parse_pages`` and a mistake is said under the field (OK waits for a valid range). The
dialog is opened with ``open()`` — never ``exec()`` under qasync — and reports ``chosen``.

Threading: GUI thread only; the estimate is a sum over per-page figures computed when the
file was read.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.documents import parse_pages
from app.core.errors import InputError
from app.ui.runtime.icons import plain_buttons


class ChoosePages(QDialog):
    chosen = Signal(tuple)  # the page numbers, in order

    def __init__(self, name: str, unit: str, count: int, suggested: str,
                 describe: Callable[[tuple[int, ...]], tuple[str, bool]],
                 parent: QWidget | None = None) -> None:
        """``describe(pages)``: what sending ``pages`` would be ("~8,400 tokens — fits") and
        whether it fits."""
        super().__init__(parent)
        self.setObjectName("choosePagesDialog")
        self.setWindowTitle(self.tr("Choose pages of %1").replace("%1", name))
        self.name, self.unit, self.count, self.describe = name, unit, count, describe
        self.pages: tuple[int, ...] = ()
        intro = QLabel(self.tr("Which pages of %1 (1–%2) should be sent? For example "
                               "1-5, 8, 12-").replace("%1", name).replace("%2", str(count)),
                       self)
        intro.setWordWrap(True)
        self.field = QLineEdit(suggested, self)
        self.field.setObjectName("pagesField")
        self.field.setAccessibleName(self.tr("Pages to send"))
        intro.setBuddy(self.field)
        self.estimate = QLabel(self)
        self.estimate.setObjectName("pagesEstimate")
        self.estimate.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        plain_buttons(self.buttons.buttons())
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.field)
        column.addWidget(self.estimate)
        column.addWidget(self.buttons)
        self.field.textChanged.connect(self._changed)
        self.setMinimumWidth(420)
        self._changed(suggested)

    def _changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            self.pages = parse_pages(text, self.count, unit=self.unit, name=self.name)
        except InputError as error:
            self.pages = ()
            self.estimate.setText(error.hint or error.message)
            ok.setEnabled(False)
            return
        words, fits = self.describe(self.pages)
        self.estimate.setText(words)
        ok.setEnabled(True)
        ok.setToolTip("" if fits else self.tr("This still does not fit: Send stays held"))

    def _accept(self) -> None:
        if self.pages:
            self.chosen.emit(self.pages)
            self.accept()
