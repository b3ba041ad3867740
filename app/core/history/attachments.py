"""Images and documents kept with messages: the ``attachments`` table (schema 2; documents
since schema 3) and its files.

Mixed into :class:`~.store.HistoryStore` (so :class:`~.worker.AsyncHistory` offers every
method here as a coroutine too). How the pieces fit:

- Sending: ``add_message(conv, "user", text, attachments=[prepared, ...])`` stores the
  message, its image rows and their files in ONE transaction. Items are
  :class:`~app.core.images.prepare.PreparedImage` (what was sent), or an :class:`.Attachment`
  already in the history (re-sending an edited question links the same file again).
  A :class:`~app.core.documents.ReadyDocument` is kept as a 'document': its original file
  (copied in chunks, checked against the digest taken when it was read) and the JSON of the
  parts it sent (:func:`app.core.documents.stored`), so asking again sends the same parts
  without reading the document again (nor needing a PDF's password).
  On an assistant message the items are 'generated' images — anything with ``data`` and
  ``mime`` (e.g. :class:`app.core.gateway.services.GeneratedImage`, whose ``revised_prompt`` is
  kept); :meth:`add_generated_images` adds them to an answer that already exists.
- Showing: every :class:`.Message` the store returns carries its ``attachments`` (a path
  costs one extra query). :meth:`attachments_of` lists them for any set of message ids.
  Thumbnails: ``images.prepare.make_thumbnail(await hist.attachment_path(a))`` in a worker;
  "open full size": :meth:`attachment_path` (a file URL for the desktop's viewer).
- Asking again (send, regenerate, retry, edit): :meth:`request_messages` turns a path
  into the request's messages, user images as ``image_url`` data-URL parts
  (tests/fixtures/seed000_*.sse), documents as the parts they sent
  (:meth:`document_parts`).
- Deleting: nothing is removed while a conversation can still be restored (soft delete,
  Undo). :meth:`purge_deleted` removes the rows with their conversations and then each
  file no remaining row refers to — the same image or document in another conversation
  stays.
  :meth:`remove_stray_files` sweeps files left by a crash between file and row.

A file that vanished behind Parley's back is reported, never fatal: :meth:`attachment_path`
and :meth:`attachment_bytes` raise :class:`AttachmentMissing` (a :class:`HistoryNotFound`)
naming the image; :meth:`request_messages` sends a short text note in its place.

Threading: the store's thread, like every store method.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from app.core.gateway.chat import image_part, text_part
from app.core.history.errors import HistoryError, HistoryNotFound, guarded
from app.core.history.files import EXTRACT_MIME, AttachmentFiles
from app.core.history.models import ATTACHMENT_COLUMNS as _ATT
from app.core.history.models import Attachment, Message, attachment_from_row
from app.core.images.formats import data_url

log = logging.getLogger(__name__)

ATTACHMENTS_DIR = "attachments"
_CHUNK = 500  # ids per IN (...) list, far below SQLite's variable limit


class AttachmentMissing(HistoryNotFound):
    """An attachment's file is gone from the attachments folder."""

    title = "Image missing"


class AttachmentMethods:
    """The attachment half of HistoryStore (needs ``self.path`` and ``self._conn``)."""

    path: Path
    _conn: sqlite3.Connection | None

    @property
    def _db(self) -> sqlite3.Connection:
        """The open connection; using a closed store is a plain error, not an AttributeError."""
        if self._conn is None:
            raise HistoryError("the history is not open")
        return self._conn

    @property
    def attachments_dir(self) -> Path:
        """``<folder of the database>/attachments``."""
        return self.path.parent / ATTACHMENTS_DIR

    @property
    def _files(self) -> AttachmentFiles:
        return AttachmentFiles(self.attachments_dir)

    # -- reading ---------------------------------------------------------------------------

    @guarded
    def attachments_of(self, message_ids: Iterable[int]) -> dict[int, tuple[Attachment, ...]]:
        """The attachments of each message that has any, in order (one query per 500 ids;
        messages without attachments are not in the result)."""
        ids = list(dict.fromkeys(message_ids))
        rows: list[Any] = []
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            rows += self._db.execute(
                f"SELECT {_ATT} FROM attachments WHERE message_id IN"
                f" ({','.join('?' * len(chunk))})", chunk).fetchall()
        return _grouped(rows)

    def _attachments_in(self, conversation_id: int) -> dict[int, tuple[Attachment, ...]]:
        return _grouped(self._db.execute(
            f"SELECT {', '.join('a.' + c.strip() for c in _ATT.split(','))}"
            " FROM messages m JOIN attachments a ON a.message_id = m.id"
            " WHERE m.conversation_id = ?", (conversation_id,)).fetchall())

    @guarded
    def attachment(self, attachment_id: int) -> Attachment:
        row = self._db.execute(f"SELECT {_ATT} FROM attachments WHERE id = ?",
                                 (attachment_id,)).fetchone()
        if row is None:
            raise HistoryNotFound(f"image {attachment_id} is not in the history")
        return attachment_from_row(row)

    @guarded
    def attachment_path(self, attachment: Attachment | int) -> Path:
        """The image's file, for "open full size". Raises AttachmentMissing if it is gone."""
        if not isinstance(attachment, Attachment):
            attachment = self.attachment(attachment)
        path = self._files.path_for(attachment.sha256, attachment.mime)
        if not path.is_file():
            raise _missing(attachment, self.attachments_dir)
        return path

    @guarded
    def attachment_bytes(self, attachment: Attachment | int) -> bytes:
        """The image's bytes. Raises AttachmentMissing if the file is gone."""
        path = self.attachment_path(attachment)
        try:
            return path.read_bytes()
        except OSError as exc:
            raise AttachmentMissing(f"the image “{path.name}” cannot be read: "
                                    f"{exc.strerror or exc}") from exc

    @guarded
    def document_parts(self, attachment: Attachment | int) -> list[dict[str, Any]]:
        """The content parts a document attachment sent (text headed by file and page,
        page images), as kept. Raises AttachmentMissing if they are gone or unreadable."""
        if not isinstance(attachment, Attachment):
            attachment = self.attachment(attachment)
        if not attachment.is_document or not attachment.extract_sha256:
            raise ValueError(f"attachment {attachment.id} is not a document")
        path = self._files.path_for(attachment.extract_sha256, EXTRACT_MIME)
        try:
            from app.core.documents.ready import parts_of_stored

            return parts_of_stored(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise AttachmentMissing(
                f"what “{attachment.name}” sent is missing from {self.attachments_dir}"
                f" ({getattr(exc, 'strerror', None) or exc})",
                hint="attach the document again") from exc

    @guarded
    def request_messages(self, path: Sequence[Message], *,
                         system_prompt: str = "") -> list[dict[str, Any]]:
        """The chat request for ``path`` (root first): the system prompt, then each message;
        user images as ``image_url`` parts with data URLs, documents as the parts they sent
        (after the message's text, in the order attached). Skipped: the answer being
        streamed and answers that failed before any text. A generated image is described in
        words (an assistant message cannot carry images). A missing file becomes a text
        note naming it, so the rest of the conversation can still be sent."""
        messages: list[dict[str, Any]] = []
        if system_prompt:
            messages.append({"role": "system", "content": system_prompt})
        for m in path:
            if m.role == "assistant":
                text = m.content or _describe_generated(m.attachments)
                if m.status != "streaming" and text:
                    messages.append({"role": "assistant", "content": text})
                continue
            sent = [a for a in m.attachments if a.kind in ("input", "document")]
            if not sent:
                messages.append({"role": m.role, "content": m.content})
                continue
            parts = [text_part(m.content)] if m.content else []
            for a in sent:
                try:
                    if a.is_document:
                        parts += self.document_parts(a)
                    else:
                        parts.append(image_part(data_url(self.attachment_bytes(a), a.mime)))
                except AttachmentMissing as missing:
                    log.warning("%s", missing)
                    what = "document" if a.is_document else "image"
                    parts.append(text_part(f"[{what} “{a.name}” is no longer available]"))
            messages.append({"role": m.role, "content": parts})
        return messages

    # -- writing ---------------------------------------------------------------------------

    @guarded
    def add_generated_images(self, message_id: int, images: Sequence[Any]) -> list[Attachment]:
        """Keep images an image model made (objects with ``data``, ``mime`` and optionally
        ``revised_prompt``, ``name``, ``width``, ``height``) with assistant message
        ``message_id``, after any it has. Raises InputError for bytes that are no image."""
        with self._write() as conn:  # type: ignore[attr-defined]
            row = conn.execute("SELECT role FROM messages WHERE id = ?",
                               (message_id,)).fetchone()
            if row is None:
                raise HistoryNotFound(f"message {message_id} is not in the history")
            if row[0] != "assistant":
                raise ValueError("generated images belong to an assistant message")
            ids = self._link(conn, message_id, "assistant", images, time.time())
        return [self.attachment(i) for i in ids]

    def _link(self, conn: sqlite3.Connection, message_id: int, role: str,
              items: Sequence[Any], now: float) -> list[int]:
        """Inside the caller's transaction: write the files, insert the rows."""
        if not items:
            return []
        if role not in ("user", "assistant"):
            raise ValueError(f"a {role} message cannot have images")
        kind = "generated" if role == "assistant" else "input"
        first = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM attachments"
                             " WHERE message_id = ?", (message_id,)).fetchone()[0]
        ids = []
        for offset, row in enumerate(self._rows_of(items, kind)):
            ids.append(inserted_id(conn.execute(
                "INSERT INTO attachments (message_id, position, sha256, mime, size, width,"
                " height, name, kind, revised_prompt, extract_sha256, meta, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (message_id, first + offset, *row, now))))
        return ids

    def _rows_of(self, items: Sequence[Any], kind: str) -> Iterator[tuple[Any, ...]]:
        """(sha256, mime, size, width, height, name, kind, revised_prompt, extract_sha256,
        meta) per item, its files written (or checked, for an Attachment already kept)."""
        for number, item in enumerate(items, 1):
            if isinstance(item, Attachment):
                self.attachment_path(item)  # raises if the file is gone
                if item.is_document:
                    self.document_parts(item)  # and what it sent
                yield (item.sha256, item.mime, item.size, item.width, item.height,
                       item.name, item.kind if item.is_document else kind,
                       item.revised_prompt, item.extract_sha256,
                       json.dumps(dict(item.meta), ensure_ascii=False))
                continue
            if hasattr(item, "document") and hasattr(item, "parts"):  # a ReadyDocument
                if kind != "input":
                    raise ValueError("documents belong to a user message")
                yield self._document_row(item)
                continue
            data = bytes(item.data)
            default = "generated image" if kind == "generated" else "image"
            name = getattr(item, "name", "") or f"{default} {number}"
            width, height = getattr(item, "width", 0), getattr(item, "height", 0)
            mime = getattr(item, "mime", "")
            if not (width and height and mime.startswith("image/")):
                from app.core.images.prepare import probe_image  # Pillow only when it is needed

                mime, width, height = probe_image(data, name=name)
            digest = hashlib.sha256(data).hexdigest()
            self._files.write(digest, mime, data)
            yield (digest, mime, len(data), width, height, name, kind,
                   getattr(item, "revised_prompt", None) or None, None, "{}")

    def _document_row(self, ready: Any) -> tuple[Any, ...]:
        """Keep a ReadyDocument's original file and the parts it sends."""
        from app.core.documents.ready import stored

        doc = ready.document
        self._files.copy_in(doc.sha256, doc.mime, doc.path, doc.size, doc.name)
        extract = stored(ready)
        extract_sha = hashlib.sha256(extract).hexdigest()
        self._files.write(extract_sha, EXTRACT_MIME, extract)
        return (doc.sha256, doc.mime, doc.size, 0, 0, doc.name, "document", None, extract_sha,
                json.dumps(ready.meta(), ensure_ascii=False))

    # -- deleting --------------------------------------------------------------------------

    def _purge(self, conn: sqlite3.Connection, cutoff: float) -> int:
        """Inside the caller's transaction: delete the conversations deleted before
        ``cutoff`` and every file only they referred to. Files go while the write lock is
        held, so another Parley process cannot link one of them meanwhile."""
        # Driven from the few deleted conversations, never a scan of every attachment.
        doomed = conn.execute(
            "SELECT DISTINCT sha256, mime, extract_sha256 FROM attachments WHERE message_id IN"
            " (SELECT m.id FROM conversations c JOIN messages m ON m.conversation_id = c.id"
            "  WHERE c.deleted_at <= ?)", (cutoff,)).fetchall()
        count = conn.execute("DELETE FROM conversations WHERE deleted_at <= ?",
                             (cutoff,)).rowcount
        for sha256, mime, extract in doomed:
            if conn.execute("SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1",
                            (sha256,)).fetchone() is None:
                self._files.remove(sha256, mime)
            if extract and conn.execute(
                    "SELECT 1 FROM attachments WHERE extract_sha256 = ? LIMIT 1",
                    (extract,)).fetchone() is None:
                self._files.remove(extract, EXTRACT_MIME)
        return count

    @guarded
    def remove_stray_files(self) -> int:
        """Delete files in the attachments folder that no row refers to (left by a crash
        between writing a file and committing its row). Returns how many."""
        with self._write() as conn:  # type: ignore[attr-defined]
            known = {r[0] for r in conn.execute(
                "SELECT sha256 FROM attachments UNION SELECT extract_sha256 FROM attachments"
                " WHERE extract_sha256 IS NOT NULL")}
            stray = self._files.stray(known)
            for path in stray:
                path.unlink(missing_ok=True)
        return len(stray)


def _grouped(rows: list[Any]) -> dict[int, tuple[Attachment, ...]]:
    groups: dict[int, list[Attachment]] = {}
    for row in sorted(rows, key=lambda r: (r[1], r[2])):
        groups.setdefault(row[1], []).append(attachment_from_row(row))
    return {mid: tuple(items) for mid, items in groups.items()}


def _missing(attachment: Attachment, folder: Path) -> AttachmentMissing:
    what = "document" if attachment.is_document else "image"
    return AttachmentMissing(f"the {what} “{attachment.name}” is missing from {folder}",
                             hint="it was deleted or moved outside Parley")


def _describe_generated(attachments: Sequence[Attachment]) -> str:
    prompts = [a.revised_prompt or "" for a in attachments if a.kind == "generated"]
    if not prompts:
        return ""
    return "\n".join(f"[generated image: {p}]" if p else "[generated image]" for p in prompts)


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The row id an INSERT just made (sqlite3 types it as optional; after an INSERT it is
    always set)."""
    row_id = cursor.lastrowid
    assert row_id is not None
    return row_id
