"""Documents out for one answer: "Copy for Word" and "Save as…" (its More menu).

- :meth:`AnswerExporter.copy_for_word`: the answer read on the history's thread, its rich
  text made in a worker (formatting, tables, highlighted code, formulas as images — what
  Word and Google Docs paste; app.export.copy_for_word), then one QMimeData with the HTML
  and, beside it, the plain Markdown, set on the GUI thread.
- :meth:`AnswerExporter.save_as`: the conversation's title + "answer" as the name, the
  same Save dialog as a conversation's export (app.ui.export.exporter), then the answer
  rendered in a worker and written whole; a failure is said in plain words (disk full,
  permission denied) by start_task.

Threading: GUI thread; store reads on the history's thread, rendering and writing in
worker threads; the clipboard only on the GUI thread.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.history import AsyncHistory
from app.ui.export.exporter import StatusBar, export_to, exports, save_dialog
from app.ui.runtime.tasks import start_task

FORMAT = "docx"  # the Save dialog's first choice for one answer: to edit and hand in


class AnswerExporter(QObject):
    def __init__(self, history: AsyncHistory, parent_widget: object, status: StatusBar,
                 parent: QObject | None = None) -> None:
        """``parent_widget``: the window the Save dialog belongs to (anything else, e.g. a
        test's fake window: the dialog has no parent)."""
        super().__init__(parent)
        self.history = history
        self.parent_widget = parent_widget if isinstance(parent_widget, QWidget) else None
        self.status = status
        self.dialog: QFileDialog | None = None

    def copy_for_word(self, message_id: int) -> asyncio.Task:
        return start_task(self._copy(message_id), name="copy for word")

    async def _copy(self, message_id: int) -> None:
        export = exports()
        doc = await self.history.run(lambda store: export.load_message(store, message_id))
        message = doc.messages[0]
        rich = await asyncio.to_thread(export.copy_for_word, message.text, message.images)
        data = QMimeData()
        data.setHtml(rich.html)
        data.setText(rich.text)  # the Markdown, for plain-text editors
        QGuiApplication.clipboard().setMimeData(data)
        self.status.showMessage(self.tr("Copied for Word"), 2500)

    def save_as(self, message_id: int) -> asyncio.Task:
        """Ask where (the dialog opens once the conversation's title is read)."""
        return start_task(self._ask(message_id), name="save answer")

    async def _ask(self, message_id: int) -> None:
        def title(store) -> str:
            return store.get_conversation(store.get_message(message_id).conversation_id).title

        name = self.tr("%1 answer").replace("%1", await self.history.run(title)
                                            or self.tr("Conversation"))
        self.dialog = save_dialog(
            self.parent_widget, self.tr("Save answer"), exports().file_stem(name), FORMAT,
            lambda path: start_task(self.export(message_id, path), name="save answer"))

    async def export(self, message_id: int, path: Path) -> Path:
        """Write the answer to ``path`` in the format its suffix names (PDF when it names
        none); returns the file written."""
        self.status.showMessage(self.tr("Saving…"))
        load = exports().load_message  # imported here, not on the history's thread
        path = await export_to(self.history, path, lambda store: load(store, message_id))
        self.status.showMessage(self.tr("Saved to %1").replace("%1", str(path)), 8000)
        return path
