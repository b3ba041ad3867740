"""Export a conversation from the window: ask where (a Save dialog with the four formats,
the chat's title as the file name), then load it on the history's thread, render it in a
worker (a long chat takes a second or two as PDF or Word), and write it whole. The window
never waits; a failure goes the one way every failure goes (app.ui.runtime.tasks).

Threading: GUI thread; the export runs as a task; rendering and writing in worker threads.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.history import AsyncHistory
from app.export import (
    file_stem,
    format_of,
    images_folder,
    load_conversation,
    render,
    write_export,
)
from app.ui.runtime.tasks import start_task

# Offered in this order; the first is the default (what students hand in).
FORMATS = ("pdf", "docx", "html", "md")


class StatusBar(Protocol):
    def showMessage(self, text: str, timeout: int = 0) -> None: ...


class ConversationExporter(QObject):
    exported = Signal(str)  # the file written

    def __init__(self, history: AsyncHistory, parent_widget: QWidget, status: StatusBar,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.parent_widget = parent_widget
        self.status = status
        self.dialog: QFileDialog | None = None

    def ask(self, conversation_id: int, title: str) -> QFileDialog | None:
        """The Save dialog for ``conversation_id`` (open(), not exec(): the loop runs on).
        None for a chat not saved yet (nothing to export)."""
        if not conversation_id:
            self.status.showMessage(self.tr("Nothing to export yet: ask something first."), 4000)
            return None
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        dialog = QFileDialog(self.parent_widget, self.tr("Export conversation"))
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        labels = [self.tr("PDF (*.pdf)"), self.tr("Word (*.docx)"), self.tr("Web page (*.html)"),
                  self.tr("Markdown (*.md)")]  # in the order of FORMATS
        dialog.setNameFilters(labels)
        dialog.setDirectory(folder)
        dialog.selectFile(file_stem(title or self.tr("Conversation")) + ".pdf")
        dialog.setDefaultSuffix("pdf")

        def filter_chosen(label: str) -> None:
            fmt = FORMATS[labels.index(label)] if label in labels else "pdf"
            dialog.setDefaultSuffix(fmt)

        dialog.filterSelected.connect(filter_chosen)
        dialog.fileSelected.connect(
            lambda path: start_task(self.export(conversation_id, Path(path)), name="export"))
        dialog.open()
        self.dialog = dialog
        return dialog

    async def export(self, conversation_id: int, path: Path) -> Path:
        """Write the conversation to ``path`` in the format its suffix names (PDF when it
        names none); returns the file written."""
        fmt = format_of(str(path))
        if fmt is None:
            fmt, path = "pdf", path.with_name(path.name + ".pdf")
        self.status.showMessage(self.tr("Exporting…"))
        doc = await self.history.run(lambda store: load_conversation(store, conversation_id))
        folder = images_folder(path) if fmt == "md" else None
        result = await asyncio.to_thread(render, doc, fmt, folder=folder)
        await asyncio.to_thread(write_export, result, path)
        self.status.showMessage(self.tr("Exported to %1").replace("%1", str(path)), 8000)
        self.exported.emit(str(path))
        return path
