"""Deleting one message from a conversation: the message and every reply below it.

Messages form a tree (``parent_id``; see :mod:`.store`). Deleting a message removes its
subtree — on every branch below it, since a reply means nothing without what it answers —
with its images (rows cascade; a file goes once no row uses it). The conversation's current
leaf, if it was removed, moves to the newest leaf below the nearest remaining version of the
message (its sibling of the same role), else to its parent: what is shown next is what was
there before the deleted message was written, or its other version.

Mixed into :class:`~.store.HistoryStore`; same threading (the store's own thread).
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from app.core.history.errors import guarded


class MessageDeletion:
    """``delete_message`` for the store (which provides ``_db``, ``_one``, ``_write`` and
    ``_files``)."""

    @guarded
    def delete_message(self, message_id: int) -> int:
        """Delete ``message_id`` and every message below it; how many were deleted."""
        store: Any = self
        with store._write() as conn:
            conversation_id, parent_id, role = store._one(
                "SELECT conversation_id, parent_id, role FROM messages WHERE id = ?",
                (message_id,), f"message {message_id}")
            doomed = _subtree(conn, conversation_id, message_id)
            marks = ",".join("?" * len(doomed))
            files = conn.execute(f"SELECT DISTINCT sha256, mime FROM attachments WHERE"
                                 f" message_id IN ({marks})", doomed).fetchall()
            conn.execute(f"DELETE FROM messages WHERE id IN ({marks})", doomed)
            leaf = conn.execute("SELECT current_leaf_id FROM conversations WHERE id = ?",
                                (conversation_id,)).fetchone()[0]
            if leaf is None or leaf in doomed:
                leaf = _next_leaf(conn, conversation_id, parent_id, role)
            conn.execute("UPDATE conversations SET current_leaf_id = ?, updated_at = ?"
                         " WHERE id = ?", (leaf, time.time(), conversation_id))
            for sha256, mime in files:
                if conn.execute("SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1",
                                (sha256,)).fetchone() is None:
                    store._files.remove(sha256, mime)
        return len(doomed)


def _subtree(conn: sqlite3.Connection, conversation_id: int, root: int) -> list[int]:
    """``root`` and its descendants: a child is always newer than its parent, so one pass
    in id order finds them (as HistoryStore.switch_branch does)."""
    below = {root}
    for child, parent in conn.execute(
            "SELECT id, parent_id FROM messages WHERE conversation_id = ? AND id > ?"
            " ORDER BY id", (conversation_id, root)):
        if parent in below:
            below.add(child)
    return sorted(below)


def _next_leaf(conn: sqlite3.Connection, conversation_id: int, parent_id: int | None,
               role: str) -> int | None:
    """The newest leaf below the newest remaining sibling, else the parent."""
    sibling = conn.execute(
        "SELECT max(id) FROM messages WHERE conversation_id = ? AND parent_id IS ?"
        " AND role = ?", (conversation_id, parent_id, role)).fetchone()[0]
    if sibling is None:
        return parent_id
    return max(_subtree(conn, conversation_id, sibling))
