"""Export a conversation from the window: ask where (a Save dialog with the four formats,
the chat's title as the file name), then load it on the history's thread, render it in a
worker (a long chat takes a second or two as PDF or Word), and write it whole. The window
never waits; a failure goes the one way every failure goes (app.ui.runtime.tasks), said in
plain words (the disk is full, the folder may not be written to: :func:`write_file`).

:func:`save_dialog` and :func:`write_file` serve one answer's "Save as…" too
(app.ui.export.answer).

Threading: GUI thread; the export runs as a task; rendering and writing in worker threads.
"""

from __future__ import annotations

import asyncio
import errno
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.history import AsyncHistory
from app.ui.runtime.tasks import start_task

if TYPE_CHECKING:
    from app.export import Export, ExportDocument


def exports() -> ModuleType:
    """app.export, loaded on the first export rather than with the window (it brings the
    export's core; the window's first paint does not need it)."""
    import app.export

    return app.export

# Offered in this order; the first is the default (what students hand in).
FORMATS = ("pdf", "docx", "html", "md")


class StatusBar(Protocol):
    def showMessage(self, text: str, timeout: int = 0) -> None: ...


def save_dialog(parent: QWidget | None, title: str, stem: str, fmt: str,
                chosen: Callable[[Path], object]) -> QFileDialog:
    """A Save dialog offering FORMATS, in the Documents folder, ``stem`` + ``fmt``'s suffix
    chosen; ``chosen(path)`` when the user saves. Opened with open(), not exec(): the loop
    runs on (a nested loop breaks qasync)."""
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    dialog = QFileDialog(parent, title)
    dialog.setObjectName("exportDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    labels = [QCoreApplication.translate("ConversationExporter", "PDF (*.pdf)"),
              QCoreApplication.translate("ConversationExporter", "Word (*.docx)"),
              QCoreApplication.translate("ConversationExporter", "Web page (*.html)"),
              QCoreApplication.translate("ConversationExporter", "Markdown (*.md)")]
    # (in the order of FORMATS; the context of the conversation's export, translated first)
    dialog.setNameFilters(labels)
    dialog.selectNameFilter(labels[FORMATS.index(fmt)])
    dialog.setDirectory(folder)
    dialog.selectFile(f"{stem}.{fmt}")
    dialog.setDefaultSuffix(fmt)

    def filter_chosen(label: str) -> None:
        dialog.setDefaultSuffix(FORMATS[labels.index(label)] if label in labels else fmt)

    dialog.filterSelected.connect(filter_chosen)
    dialog.fileSelected.connect(lambda path: chosen(Path(path)))
    dialog.open()
    return dialog


def export_path(path: Path) -> tuple[str, Path]:
    """The format the file's suffix names, and the path (PDF added when it names none)."""
    fmt = exports().format_of(str(path))
    if fmt is None:
        return "pdf", path.with_name(path.name + ".pdf")
    return fmt, path


async def write_file(result: Export, path: Path) -> None:
    """Write ``result`` in a worker; a failure is an ExportError in plain, translated words
    (what happened to which file, and what to do)."""
    export = exports()
    try:
        await asyncio.to_thread(export.write_export, result, path)
    except export.ExportError as error:
        code = getattr(error.__cause__, "errno", None)
        if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            words = QCoreApplication.translate(
                "ConversationExporter", "The disk is full: %1 was not saved.")
            hint = QCoreApplication.translate(
                "ConversationExporter", "Free some space, or save it somewhere else.")
        elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
            words = QCoreApplication.translate(
                "ConversationExporter",
                "Parley may not write there (permission denied): %1 was not saved.")
            hint = QCoreApplication.translate(
                "ConversationExporter", "Save it in another folder, such as Documents.")
        else:  # the system's own words say what (a folder that is not there…)
            words = QCoreApplication.translate(
                "ConversationExporter", "%1 could not be written.") + f" ({error.message})"
            hint = QCoreApplication.translate(
                "ConversationExporter",
                "Check that the folder exists, or save it somewhere else.")
        raise export.ExportError(words.replace("%1", str(path)), hint=hint) from error


async def export_to(history: AsyncHistory, path: Path,
                    load: Callable[[Any], ExportDocument]) -> Path:
    """What ``load(store)`` gives, read on the history's thread, rendered in a worker in the
    format ``path``'s suffix names (PDF when it names none) and written there; the file
    written. Failures are ExportError in plain words (:func:`write_file`)."""
    fmt, path = export_path(path)
    export = exports()
    doc = await history.run(load)
    folder = export.images_folder(path) if fmt == "md" else None
    result = await asyncio.to_thread(export.render, doc, fmt, folder=folder)
    await write_file(result, path)
    return path


class ConversationExporter(QObject):
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
        self.dialog = save_dialog(
            self.parent_widget, self.tr("Export conversation"),
            exports().file_stem(title or self.tr("Conversation")), FORMATS[0],
            lambda path: start_task(self.export(conversation_id, path), name="export"))
        return self.dialog

    async def export(self, conversation_id: int, path: Path) -> Path:
        """Write the conversation to ``path`` in the format its suffix names (PDF when it
        names none); returns the file written."""
        self.status.showMessage(self.tr("Exporting…"))
        load = exports().load_conversation  # imported here, not on the history's thread
        path = await export_to(self.history, path, lambda store: load(store, conversation_id))
        self.status.showMessage(self.tr("Exported to %1").replace("%1", str(path)), 8000)
        return path
