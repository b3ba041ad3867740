"""The Models page of Settings: how many tokens each model takes (its context window), the
figure attached documents are checked against before they are sent.

The table lists the models Parley knows (app.core.documents.context: ``KNOWN_MODELS``, their
sizes from its one table), the profiles' chat models, and any model the user has given a
size; "Set by" says where each figure comes from (built in, assumed for a name Parley does
not know, or yours). Below it, a model's name and size: **Set** keeps that size for that
name (Settings ``context_windows``), **Reset to default** forgets it. Like the Appearance
page it edits a copy: :meth:`ModelsPage.edited` gives the dialog's settings with the
overrides on Save. Controls carry objectNames (``contextWindows`` the table,
``contextModel``, ``contextTokens``, ``setContextWindow``, ``resetContextWindow``).
Threading: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.config.settings import Settings
from app.core.documents.context import KNOWN_MODELS, context_window

MIN_TOKENS, MAX_TOKENS = 1_000, 10_000_000


class ModelsPage(QWidget):
    def __init__(self, settings: Settings, models: Iterable[str] = (),
                 parent: QWidget | None = None) -> None:
        """``models``: other names to list (the profiles' chat models, e.g. a deployment)."""
        super().__init__(parent)
        self.setObjectName("modelsPage")
        self.overrides = dict(settings.context_windows)  # model name → tokens, as edited
        self._extra = [m.strip() for m in models if m and m.strip()]
        note = QLabel(self.tr(
            "How many tokens each model takes: your messages, attached documents and the "
            "answer together. Parley checks attachments against it before sending. Change a "
            "size when your gateway's model takes more or less."), self)
        note.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("contextWindows")
        self.table.setAccessibleName(self.tr("Context windows"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Model"), self.tr("Context (tokens)"), self.tr("Set by")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for number in (1, 2):
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._picked)
        self.model = QLineEdit(self)
        self.model.setObjectName("contextModel")
        self.model.setPlaceholderText(self.tr("Model or deployment name"))
        self.model.setAccessibleName(self.tr("Model"))
        self.model.textChanged.connect(self._typed)
        self.tokens = QSpinBox(self)
        self.tokens.setObjectName("contextTokens")
        self.tokens.setAccessibleName(self.tr("Context (tokens)"))
        self.tokens.setRange(MIN_TOKENS, MAX_TOKENS)
        self.tokens.setSingleStep(1_000)
        self.tokens.setGroupSeparatorShown(True)
        self.set_button = QPushButton(self.tr("Set"), self)
        self.set_button.setObjectName("setContextWindow")
        self.set_button.setToolTip(self.tr("Use this size for this model"))
        self.set_button.clicked.connect(self.set_size)
        self.reset_button = QPushButton(self.tr("Reset to default"), self)
        self.reset_button.setObjectName("resetContextWindow")
        self.reset_button.clicked.connect(self.reset_size)
        self.model.returnPressed.connect(self.set_size)
        row = QHBoxLayout()
        for label, field, stretch in ((self.tr("Model"), self.model, 2),
                                      (self.tr("Context (tokens)"), self.tokens, 1)):
            named = QLabel(label, self)
            named.setBuddy(field)
            row.addWidget(named)
            row.addWidget(field, stretch)
        row.addWidget(self.set_button)
        row.addWidget(self.reset_button)
        column = QVBoxLayout(self)
        column.addWidget(note)
        column.addWidget(self.table, 1)
        column.addLayout(row)
        self._fill()

    def edited(self, settings: Settings) -> Settings:
        return replace(settings, context_windows=self.overrides)

    # ----- the user's changes ------------------------------------------------------------

    def set_size(self) -> None:
        name = self.model.text().strip()
        if not name:
            self.model.setFocus()
            return
        self._forget(name)
        self.overrides[name] = self.tokens.value()
        self._fill(name)

    def reset_size(self) -> None:
        name = self.model.text().strip()
        self._forget(name)
        self._fill(name)

    # ----- internals ---------------------------------------------------------------------

    def _forget(self, name: str) -> None:
        for other in [m for m in self.overrides if m.lower() == name.lower()]:
            del self.overrides[other]

    def _names(self) -> list[str]:
        names: list[str] = []
        for name in (*KNOWN_MODELS, *self._extra, *self.overrides):
            if name.lower() not in {n.lower() for n in names}:
                names.append(name)
        return names

    def _fill(self, select: str = "") -> None:
        sources = {"table": self.tr("Built in"), "settings": self.tr("You"),
                   "profile": self.tr("Built in"),
                   "assumed": self.tr("Assumed (not a model Parley knows)")}
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        chosen = -1
        for number, name in enumerate(self._names()):
            window = context_window(name, overrides=self.overrides)
            cells = (name, f"{window.tokens:,}", sources[window.source])
            self.table.insertRow(number)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if window.source == "settings":  # the user's own figures stand out
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(number, col, item)
            if select and name.lower() == select.lower():
                chosen = number
        self.table.blockSignals(False)
        if chosen >= 0:
            self.table.selectRow(chosen)
            self.table.scrollTo(self.table.model().index(chosen, 0))
        else:
            self.table.clearSelection()
        self._typed(self.model.text())  # the name may be the same: no textChanged

    def _picked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            item = self.table.item(rows[0].row(), 0)
            if item is not None:
                self.model.setText(item.text())  # the size and buttons follow (_typed)

    def _typed(self, text: str) -> None:
        """The size shown follows the name typed; Reset only for a size of the user's."""
        name = text.strip()
        self.tokens.setValue(context_window(name, overrides=self.overrides).tokens)
        self.reset_button.setEnabled(any(m.lower() == name.lower() for m in self.overrides))
        self.set_button.setEnabled(bool(name))
