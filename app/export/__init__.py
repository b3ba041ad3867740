"""Documents out: a conversation, or one message of it, as Markdown, HTML, PDF or Word.

The one API the window and the command line call::

    doc = load_conversation(store, conversation_id)       # or load_message(store, id)
    result = render(doc, "docx")                           # Export: bytes (+ md's images)
    paths = write_export(result, Path("chat.docx"))        # the file (+ md's image folder)

    export_conversation(store, conversation_id, "pdf")     # load + render in one call
    export_message(store, message_id, "html")              # "Save as…" on one answer
    copy_for_word(text, images)                            # "Copy for Word/Docs"
    copy_message_for_word(store, message_id)               # the same, from the history

Writers: markdown_out, html_out and docx_out in app.core.export (Qt-free); PDF in
app.export.pdf, the only one that loads Qt — imported when a PDF is asked for, never at
import time, so the command line loads Qt for ``--format pdf`` only.

Threading: loading calls the HistoryStore, so it runs on the store's thread (the window:
``await history.run(lambda s: load_conversation(s, id))``). :func:`render` is CPU work
(a 200-message chat: see docs/BENCHMARKS.md) for a worker thread; its PDF needs a
QGuiApplication to exist (the window's, or an offscreen one made here). Nothing is shared
between calls except the thread-safe maths cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core.atomic import write_atomic
from app.core.errors import ConfigError, ParleyError
from app.core.export.document import (
    FORMATS,
    SUFFIXES,
    ExportDocument,
    ExportImage,
    file_stem,
    format_of,
    load_conversation,
    load_message,
)
from app.core.history.store import HistoryStore
from app.core.render.theme import LIGHT, Theme

__all__ = ["FORMATS", "SUFFIXES", "ClipboardRichText", "Export", "ExportDocument",
           "ExportError", "ExportImage", "ExportUnavailable", "copy_for_word",
           "copy_message_for_word",
           "export_conversation", "export_message", "file_stem", "format_of",
           "load_conversation", "load_message", "render", "write_export"]


class ExportError(ParleyError):
    """The export could not be written (a folder that is not there, no permission, full)."""

    exit_code = 13
    title = "Cannot write the export"


class ExportUnavailable(ConfigError):
    """A format this installation cannot make (PDF without Qt's libraries)."""

    title = "Format not available"


@dataclass(frozen=True)
class Export:
    """A rendered export: the file's bytes, and for Markdown the images to put in the
    folder it links to (``folder``/name → bytes)."""

    format: str
    data: bytes
    files: dict[str, bytes] = field(default_factory=dict)
    folder: str | None = None

    @property
    def suffix(self) -> str:
        return SUFFIXES[self.format]


@dataclass(frozen=True)
class ClipboardRichText:
    """What "Copy for Word/Docs" puts on the clipboard: ``html`` as rich text
    (QMimeData.setHtml) beside ``text``, the plain Markdown (setText)."""

    html: str
    text: str


def images_folder(path: Path) -> str:
    """The folder beside a Markdown file that holds its images: ``chat_files``."""
    return f"{path.stem}_files"


def render(doc: ExportDocument, fmt: str, *, folder: str | None = None,
           theme: Theme = LIGHT) -> Export:
    """``doc`` in format ``fmt`` (md, html, pdf, docx). ``folder``: for md, where its images
    will be (None: a note names each image instead)."""
    if fmt == "md":
        from app.core.export.markdown_out import markdown_export

        result = markdown_export(doc, folder)
        return Export(fmt, result.text.encode("utf-8"), result.files, folder)
    if fmt == "html":
        from app.core.export.html_out import document_html

        return Export(fmt, document_html(doc, theme).encode("utf-8"))
    if fmt == "docx":
        from app.core.export.docx_out import docx_bytes

        return Export(fmt, docx_bytes(doc, theme))
    if fmt == "pdf":
        try:
            from app.export.pdf import pdf_bytes
        except ImportError as exc:  # Qt's libraries missing (a bare server)
            raise ExportUnavailable(
                f"PDF needs Qt, which cannot be loaded here: {exc}",
                hint="install the libraries in packaging/apt-packages.txt, "
                     "or export html or docx") from exc
        return Export(fmt, pdf_bytes(doc, theme))
    raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")


def export_conversation(store: HistoryStore, conversation_id: int, fmt: str, *,
                        folder: str | None = None) -> Export:
    """Load and render a conversation (on the store's thread)."""
    return render(load_conversation(store, conversation_id), fmt, folder=folder)


def export_message(store: HistoryStore, message_id: int, fmt: str, *,
                   conversation_id: int | None = None, folder: str | None = None) -> Export:
    """Load and render one message: "Save as…" on an answer."""
    return render(load_message(store, message_id, conversation_id), fmt, folder=folder)


def copy_for_word(text: str, images: tuple[ExportImage, ...] = (),
                  theme: Theme = LIGHT) -> ClipboardRichText:
    """The rich text and plain Markdown for "Copy for Word/Docs" (see html_out.copy_html)."""
    from app.core.export.html_out import copy_html

    return ClipboardRichText(copy_html(text, images, theme), text)


def copy_message_for_word(store: HistoryStore, message_id: int,
                          theme: Theme = LIGHT) -> ClipboardRichText:
    """"Copy for Word/Docs" on a message of the history, its images included (on the
    store's thread: ``await history.run(lambda s: copy_message_for_word(s, id))``)."""
    message = load_message(store, message_id).messages[0]
    return copy_for_word(message.text, message.images, theme)


def write_export(export: Export, path: Path) -> list[Path]:
    """Write the export to ``path`` (replacing it whole, never half-written) and Markdown's
    images into the folder beside it. Returns the paths written. ExportError on failure."""
    written: list[Path] = []
    try:
        if export.files and export.folder:
            folder = path.parent / export.folder
            folder.mkdir(exist_ok=True)  # beside the file: its folder must exist
            for name, data in export.files.items():
                (folder / name).write_bytes(data)
                written.append(folder / name)
        write_atomic(path, lambda out: out.write(export.data), prefix=f".{path.name}.")
    except OSError as exc:
        raise ExportError(f"{path}: {exc.strerror or exc}",
                          hint="check that the folder exists, can be written to and has "
                               "space") from exc
    return [path, *written]

