"""A history to go on with when the real one cannot be used, and the move back.

When the history file is damaged, locked by another program, read-only, from a newer
Parley, or not a file at all, the user can still chat: :func:`temporary_store` is an empty
history in a temporary folder (images included), which nothing keeps after Parley quits.
When the real history works again, :func:`move_conversations` copies what was said in the
meantime into it, with new ids, in one transaction.

The temporary history numbers its conversations, messages and images from
:data:`TEMPORARY_IDS` up, far above any real history's ids, so that an id from it that
something still holds after the move (a title being written, an undo) can never name a
different conversation in the real history: it is simply not found there.

Qt-free. Threading: functions of the history thread (the stores' own thread).
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from app.core.history.attachments import AttachmentMissing
from app.core.history.attachments import inserted_id as _inserted_id
from app.core.history.files import EXTRACT_MIME, AttachmentFiles
from app.core.history.models import ATTACHMENT_COLUMNS, CONVERSATION_COLUMNS, MESSAGE_COLUMNS
from app.core.history.store import DB_NAME, HistoryStore

log = logging.getLogger(__name__)

# Below 2**31: ids also travel through Qt signals declared with int (32 bits).
TEMPORARY_IDS = 1 << 30
_SENTINEL_SHA = "0" * 64


def temporary_store(folder: Path) -> HistoryStore:
    """An empty history in ``folder`` (which the caller removes), opened, whose ids start
    above :data:`TEMPORARY_IDS`. SQLite gives a new row the largest id + 1, so one hidden
    row per table sets the start: a conversation deleted in the far future (never listed,
    searched, purged or moved), with a message and an image row."""
    store = HistoryStore(Path(folder) / DB_NAME).open()
    base, never = TEMPORARY_IDS, 1e18
    with store._write() as conn:
        conn.execute("INSERT INTO conversations (id, created_at, updated_at, deleted_at)"
                     " VALUES (?, 0, 0, ?)", (base, never))
        conn.execute("INSERT INTO messages (id, conversation_id, role, created_at,"
                     " updated_at) VALUES (?, ?, 'system', 0, 0)", (base, base))
        conn.execute("INSERT INTO attachments (id, message_id, sha256, mime, size, width,"
                     " height, kind, created_at) VALUES (?, ?, ?, 'image/png', 0, 0, 0,"
                     " 'input', 0)", (base, base, _SENTINEL_SHA))
    return store


def _columns(columns: str) -> list[str]:
    return [c.strip() for c in columns.split(",")]


def move_conversations(source: HistoryStore, target: HistoryStore) -> dict[int, int]:
    """Copy every conversation of ``source`` that is not deleted into ``target`` — its
    messages (branches, statuses, usage, drafts), images and documents (files first, as
    when sending)
    — with ids new in ``target``. One transaction: all of it or nothing (HistoryError).
    Returns {conversation id in ``source``: its id in ``target``}."""
    conv_cols, msg_cols, att_cols = (_columns(c) for c in (
        CONVERSATION_COLUMNS, MESSAGE_COLUMNS, ATTACHMENT_COLUMNS))
    conversations = source._db.execute(
        f"SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE deleted_at IS NULL"
        " ORDER BY id").fetchall()
    if not conversations:
        return {}
    kept = {row[0] for row in conversations}
    messages = [row for row in source._db.execute(
        f"SELECT {MESSAGE_COLUMNS} FROM messages ORDER BY id") if row[1] in kept]
    images = source.attachments_of(row[0] for row in messages)
    files = AttachmentFiles(target.attachments_dir)
    new_conv: dict[int, int] = {}
    new_msg: dict[int, int] = {}
    with target._write() as conn:
        for row in conversations:
            values = dict(zip(conv_cols, row, strict=True))
            values.pop("id")
            values["current_leaf_id"] = None  # set once its messages have ids
            new_conv[row[0]] = _insert(conn, "conversations", values)
        for row in messages:  # by id: a parent is always older than its children
            values = dict(zip(msg_cols, row, strict=True))
            old = values.pop("id")
            values["conversation_id"] = new_conv[values["conversation_id"]]
            values["parent_id"] = new_msg.get(values["parent_id"])
            new_msg[old] = _insert(conn, "messages", values)
            for image in images.get(old, ()):
                _move_image(source, files, conn, image, new_msg[old], att_cols)
        for row in conversations:
            leaf = row[conv_cols.index("current_leaf_id")]
            conn.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?",
                         (new_msg.get(leaf), new_conv[row[0]]))
    return new_conv


def _insert(conn: Any, table: str, values: dict[str, Any]) -> int:
    names = ", ".join(values)
    marks = ", ".join("?" * len(values))
    return _inserted_id(conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                                     tuple(values.values())))


def _move_image(source: HistoryStore, files: AttachmentFiles, conn: Any, image: Any,
                message_id: int, columns: list[str]) -> None:
    try:
        data = source.attachment_bytes(image)
        extract = (source._files.path_for(image.extract_sha256, EXTRACT_MIME).read_bytes()
                   if image.extract_sha256 else None)
    except (AttachmentMissing, OSError) as missing:  # gone from the temporary folder
        log.warning("not moved: %s", missing)
        return
    files.write(image.sha256, image.mime, data)
    if extract is not None and image.extract_sha256:  # a document's parts
        files.write(image.extract_sha256, EXTRACT_MIME, extract)
    values = {c: getattr(image, c) for c in columns if c != "id"}
    values["meta"] = json.dumps(dict(image.meta), ensure_ascii=False)
    values["message_id"] = message_id
    values["created_at"] = values["created_at"] or time.time()
    _insert(conn, "attachments", values)
