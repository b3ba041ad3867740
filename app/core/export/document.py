"""What an export is made from: a conversation (or one message of it) read out of the history
into plain, immutable data, images included, so the writers never touch the database.

The writers (markdown_out, html_out, docx_out, and app.export.pdf) each take an
:class:`ExportDocument`. Loading reads the branch that is on screen (the active path), like
the transcript shows it; an image whose file has gone is kept as a note naming it.

Threading: :func:`load_conversation` and :func:`load_message` call a
:class:`~app.core.history.store.HistoryStore`, so they run on the store's thread (the window:
``await history.run(lambda store: load_conversation(store, id))``). The data they return is
immutable and may go to any thread.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from app.core.documents.model import describe_sent
from app.core.history.attachments import AttachmentMissing
from app.core.history.errors import HistoryNotFound
from app.core.history.models import Message
from app.core.history.store import HistoryStore

FORMATS = ("md", "html", "pdf", "docx")
SUFFIXES = {"md": ".md", "html": ".html", "pdf": ".pdf", "docx": ".docx"}
_BY_SUFFIX = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
              ".docx": "docx"}
ROLE_LABELS = {"user": "You", "assistant": "Assistant", "system": "System"}


@dataclass(frozen=True)
class ExportImage:
    """An image that goes along: ``data`` is None when its file is missing from the history."""

    name: str
    mime: str
    data: bytes | None
    width: int
    height: int
    kind: str  # "input" (the user sent it) or "generated"
    revised_prompt: str | None = None


@dataclass(frozen=True)
class ExportFile:
    """A document the user attached: named, never embedded (a 300-page PDF does not belong
    inside a chat's export, and its text was for the model)."""

    name: str
    summary: str  # "4 pages · page 3 as an image"

    @property
    def line(self) -> str:
        return f"Attached: {self.name} ({self.summary})" if self.summary else \
            f"Attached: {self.name}"


@dataclass(frozen=True)
class ExportMessage:
    id: int
    role: str
    text: str
    model: str
    created_at: float
    status: str = "complete"
    error: str | None = None
    images: tuple[ExportImage, ...] = ()
    files: tuple[ExportFile, ...] = ()

    @property
    def heading(self) -> str:
        """"You", or "Assistant · gpt-4o": the label over the message."""
        label = ROLE_LABELS.get(self.role, self.role.title())
        return f"{label} · {self.model}" if self.role == "assistant" and self.model else label

    @property
    def note(self) -> str:
        """A line for an answer that did not complete ("" when it did)."""
        if self.status == "stopped":
            return "(stopped before the end)"
        if self.status == "interrupted":
            return "(interrupted before the end)"
        if self.status == "error":
            return f"(failed: {self.error})" if self.error else "(failed)"
        return ""


@dataclass(frozen=True)
class ExportDocument:
    title: str
    created_at: float
    model: str
    messages: tuple[ExportMessage, ...]
    system_prompt: str = ""

    @property
    def subtitle(self) -> str:
        """"Exported from Parley · 27 Nov 2026 15:20 · gpt-4o"."""
        stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.created_at))
        return " · ".join(part for part in ("Parley", stamp, self.model) if part)


def load_conversation(store: HistoryStore, conversation_id: int) -> ExportDocument:
    """The conversation's branch on screen, with its images. Raises HistoryNotFound for an
    unknown or deleted conversation."""
    conversation = store.get_conversation(conversation_id)
    if conversation.deleted:
        raise HistoryNotFound(f"conversation {conversation_id} is deleted")
    messages = tuple(_message(store, m) for m in store.active_path(conversation_id)
                     if m.content or m.attachments)
    return ExportDocument(conversation.title or "Untitled chat", conversation.created_at,
                          conversation.model, messages, conversation.system_prompt)


def load_message(store: HistoryStore, message_id: int,
                 conversation_id: int | None = None) -> ExportDocument:
    """One message ("Save as…" on an answer), titled after its conversation. With
    ``conversation_id``, the message must belong to it (else HistoryNotFound)."""
    message = store.get_message(message_id)
    if conversation_id is not None and message.conversation_id != conversation_id:
        raise HistoryNotFound(f"message {message_id} is not in conversation {conversation_id}")
    conversation = store.get_conversation(message.conversation_id)
    if conversation.deleted:
        raise HistoryNotFound(f"message {message_id} is in a deleted conversation")
    return ExportDocument(conversation.title or "Untitled chat", message.created_at,
                          message.model or conversation.model, (_message(store, message),))


def _message(store: HistoryStore, message: Message) -> ExportMessage:
    images, files = [], []
    for a in message.attachments:
        if a.is_document:
            files.append(ExportFile(a.name, describe_sent(a.meta)))
            continue
        try:
            data: bytes | None = store.attachment_bytes(a)
        except AttachmentMissing:
            data = None
        images.append(ExportImage(a.name, a.mime, data, a.width, a.height, a.kind,
                                  a.revised_prompt))
    return ExportMessage(message.id, message.role, message.content, message.model,
                         message.created_at, message.status, message.error, tuple(images),
                         tuple(files))


def format_of(path: str, given: str | None = None) -> str | None:
    """The format named by ``given``, else by the file's suffix; None if neither says."""
    if given:
        return given
    match = re.search(r"\.[A-Za-z]+$", path)
    return _BY_SUFFIX.get(match.group().lower()) if match else None


def file_stem(title: str) -> str:
    """A file name from a title: Chinese kept, characters no file system takes dropped."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title)
    cleaned = " ".join(cleaned.split()).strip(" .")[:80]
    return cleaned or "Parley chat"


def missing_note(image: ExportImage) -> str:
    return f"[image “{image.name}” is no longer available]"
