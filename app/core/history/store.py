"""HistoryStore: the conversation history in one SQLite file (stdlib ``sqlite3``).

Threading: a store owns ONE connection and must be used only from the thread that called
:meth:`HistoryStore.open` (SQLite objects refuse other threads). The GUI never calls it
directly: :class:`~.worker.AsyncHistory` runs a store on its own thread.

Durability: WAL journal with ``synchronous=NORMAL``. Every public write is one
transaction, so a crash or ``kill -9`` leaves the file consistent and loses nothing that
returned (only a power cut can lose the last moments). A streaming answer is saved with
:meth:`checkpoint` (one UPDATE) at most once a second; after a crash,
:meth:`recover_interrupted` marks what was streaming as "interrupted".

Nothing is ever deleted by editing or regenerating: messages form a tree (``parent_id``)
and the conversation remembers which leaf is current. Deleting a conversation is soft
(undo = :meth:`restore`) until :meth:`purge_deleted`; one message only on request (.deletion).

Images kept with messages (files under ``<folder of the database>/attachments``) are
described in :mod:`.attachments`, whose methods the store mixes in.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.core.config.paths import data_dir
from app.core.history import search as _search
from app.core.history.attachments import AttachmentMethods, inserted_id
from app.core.history.deletion import MessageDeletion
from app.core.history.errors import HistoryError, HistoryNotFound, os_kind, unreadable
from app.core.history.errors import guarded as _guarded
from app.core.history.models import CONVERSATION_COLUMNS as _CONV
from app.core.history.models import MESSAGE_COLUMNS as _MSG
from app.core.history.models import (
    ROLES,
    STATUSES,
    TITLE_SOURCES,
    Conversation,
    Message,
    SearchHit,
    TokenCounts,
    coerce_usage,
)
from app.core.history.models import conversation_from_row as _conversation
from app.core.history.models import message_from_row as _message
from app.core.history.schema import migrate
from app.core.history.text import auto_title

DB_NAME = "history.sqlite3"
BUSY_SECONDS = 5.0  # how long a write waits for another program's lock before giving up
CURRENT_LEAF: Any = type("CurrentLeaf", (), {"__repr__": lambda self: "CURRENT_LEAF"})()


class HistoryStore(AttachmentMethods, MessageDeletion):
    """Synchronous history on one connection; see the module docstring for threading."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else data_dir() / DB_NAME
        self._conn: sqlite3.Connection | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def open(self) -> HistoryStore:
        """Create the folder and file if needed, set WAL and pragmas, migrate."""
        if self._conn is not None:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(f"cannot create the folder {self.path.parent}: {exc}",
                               kind=os_kind(exc)) from exc
        try:
            # Autocommit: explicit transactions (see _write); timeout: SQLite's busy wait.
            conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=BUSY_SECONDS)
        except sqlite3.Error as exc:
            raise unreadable(self.path, exc) from exc
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        except (HistoryError, sqlite3.Error) as exc:
            conn.close()
            if isinstance(exc, HistoryError):
                raise HistoryError(f"{exc.message} ({self.path})", hint=exc.hint,
                                   kind=exc.kind) from exc
            raise unreadable(self.path, exc) from exc
        self._conn = conn
        return self

    def close(self) -> None:
        """Close the connection (the WAL is folded into the file). Safe to call twice."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass  # only statistics; closing matters more
            conn.close()

    def __enter__(self) -> HistoryStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front: no deadlock-prone lock upgrade later.
        conn = self._conn
        assert conn is not None
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _one(self, sql: str, params: Sequence[Any], what: str) -> tuple[Any, ...]:
        assert self._conn is not None
        row = self._db.execute(sql, params).fetchone()
        if row is None:
            raise HistoryNotFound(f"{what} is not in the history")
        return row

    # -- conversations -------------------------------------------------------------------

    @_guarded
    def create_conversation(self, *, title: str = "", profile: str = "", model: str = "",
                            system_prompt: str = "",
                            params: Mapping[str, Any] | None = None) -> Conversation:
        now = time.time()
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO conversations (title, title_source, created_at, updated_at,"
                " profile, model, system_prompt, params) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (title, "user" if title else "auto", now, now, profile, model, system_prompt,
                 json.dumps(dict(params or {}), ensure_ascii=False)))
        return self.get_conversation(inserted_id(cur))

    @_guarded
    def get_conversation(self, conversation_id: int) -> Conversation:
        return _conversation(self._one(f"SELECT {_CONV} FROM conversations WHERE id = ?",
                                       (conversation_id,), f"conversation {conversation_id}"))

    @_guarded
    def list_conversations(self, *, limit: int | None = None,
                           offset: int = 0) -> list[Conversation]:
        """Not deleted; pinned first, then most recently updated. Loads no messages."""
        rows = self._db.execute(
            f"SELECT {_CONV} FROM conversations WHERE deleted_at IS NULL"
            " ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset)).fetchall()
        return [_conversation(row) for row in rows]

    def _update(self, conversation_id: int, assignments: str, params: Sequence[Any]) -> None:
        with self._write() as conn:
            cur = conn.execute(f"UPDATE conversations SET {assignments} WHERE id = ?",
                               (*params, conversation_id))
            if cur.rowcount == 0:
                raise HistoryNotFound(f"conversation {conversation_id} is not in the history")

    @_guarded
    def rename(self, conversation_id: int, title: str) -> None:
        """The user's own title: automatic titles never replace it."""
        self._update(conversation_id, "title = ?, title_source = 'user'", (title.strip(),))

    @_guarded
    def set_title(self, conversation_id: int, title: str, source: str) -> bool:
        """Set a title from ``source`` ('auto' < 'model' < 'user') unless the current one
        came from a higher source. Returns whether it was set."""
        if source not in TITLE_SOURCES:
            raise ValueError(f"title source must be one of {TITLE_SOURCES}, not {source!r}")
        current = self._one("SELECT title_source FROM conversations WHERE id = ?",
                            (conversation_id,), f"conversation {conversation_id}")[0]
        if TITLE_SOURCES.index(source) < TITLE_SOURCES.index(current):
            return False
        self._update(conversation_id, "title = ?, title_source = ?", (title.strip(), source))
        return True

    @_guarded
    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._update(conversation_id, "pinned = ?", (int(bool(pinned)),))

    @_guarded
    def set_draft(self, conversation_id: int, text: str) -> None:
        """Keep the unsent text. Does not reorder the sidebar (updated_at unchanged)."""
        self._update(conversation_id, "draft = ?", (text,))

    @_guarded
    def set_params(self, conversation_id: int, *, profile: str | None = None,
                   model: str | None = None, system_prompt: str | None = None,
                   params: Mapping[str, Any] | None = None) -> None:
        """Change the given settings; None leaves one as it is."""
        changes = {"profile": profile, "model": model, "system_prompt": system_prompt,
                   "params": None if params is None
                   else json.dumps(dict(params), ensure_ascii=False)}
        changes = {k: v for k, v in changes.items() if v is not None}
        if changes:
            self._update(conversation_id, ", ".join(f"{k} = ?" for k in changes),
                         tuple(changes.values()))

    @_guarded
    def delete(self, conversation_id: int) -> None:
        """Soft delete: gone from the sidebar and search until restored or purged."""
        self._update(conversation_id, "deleted_at = ?", (time.time(),))

    @_guarded
    def restore(self, conversation_id: int) -> None:
        self._update(conversation_id, "deleted_at = NULL", ())

    @_guarded
    def purge_deleted(self, older_than_seconds: float = 0) -> int:
        """Delete for good the conversations deleted at least that long ago, with their
        messages (FK cascade; triggers drop them from the index) and the image files no
        other conversation uses. Returns how many conversations."""
        with self._write() as conn:
            return self._purge(conn, time.time() - older_than_seconds)

    # -- messages --------------------------------------------------------------------------

    @_guarded
    def add_message(self, conversation_id: int, role: str, content: str, *,
                    parent_id: int | None = CURRENT_LEAF,
                    attachments: Sequence[Any] | None = None,
                    status: str = "complete", model: str = "") -> Message:
        """Append a message below ``parent_id`` (default: the current leaf; None: a new
        root) and make it the current leaf. Edit-and-resend = add below the edited
        message's parent: the old branch stays. The first user message of an untitled
        conversation gives it an automatic title. ``attachments``: images stored with it
        in the same transaction (PreparedImage, a kept Attachment, or for an assistant
        message generated images; see :mod:`.attachments`)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {role!r}")
        return self._insert(conversation_id, role, content, parent_id, attachments, status,
                             model)

    @_guarded
    def begin_answer(self, conversation_id: int, *, parent_id: int | None = None,
                     model: str = "") -> Message:
        """An empty 'streaming' assistant message below ``parent_id`` (default: the
        current leaf), now the current leaf. Regenerate = begin below the same question."""
        return self._insert(conversation_id, "assistant", "",
                            CURRENT_LEAF if parent_id is None else parent_id, None,
                            "streaming", model)

    def _insert(self, conversation_id: int, role: str, content: str, parent_id: Any,
                attachments: Any, status: str, model: str) -> Message:
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
        now = time.time()
        with self._write() as conn:
            leaf, title, title_source = self._one(
                "SELECT current_leaf_id, title, title_source FROM conversations WHERE id = ?",
                (conversation_id,), f"conversation {conversation_id}")
            parent = leaf if parent_id is CURRENT_LEAF else parent_id
            if parent is not None:
                self._one("SELECT 1 FROM messages WHERE id = ? AND conversation_id = ?",
                          (parent, conversation_id),
                          f"message {parent} of conversation {conversation_id}")
            message_id = inserted_id(conn.execute(
                f"INSERT INTO messages ({_MSG}) VALUES"
                " (NULL, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, NULL, NULL, ?, ?)",
                (conversation_id, parent, role, content, "[]", status, model, now, now)))
            self._link(conn, message_id, role, attachments or (), now)
            titled = role == "user" and not title and title_source == "auto"
            conn.execute(
                "UPDATE conversations SET current_leaf_id = ?, updated_at = ?"
                + (", title = ?" if titled else "") + " WHERE id = ?",
                (message_id, now, *((auto_title(content),) if titled else ()),
                 conversation_id))
        return self.get_message(message_id)

    @_guarded
    def checkpoint(self, message_id: int, content: str) -> bool:
        """Save the text streamed so far: one UPDATE, its own transaction. Ignored (False)
        once the answer is no longer streaming, so a late checkpoint cannot undo a finish."""
        return self._db.execute(
            "UPDATE messages SET content = ?, updated_at = ? WHERE id = ?"
            " AND status = 'streaming'", (content, time.time(), message_id)).rowcount > 0

    @_guarded
    def finish_answer(self, message_id: int, content: str, *, status: str = "complete",
                      finish_reason: str | None = None, usage: Any = None,
                      error: str | None = None) -> Message:
        """The final text and outcome ('complete', 'stopped', 'error', 'interrupted').
        ``usage``: (prompt, completion[, total]), a dict, or app.core.gateway.events.Usage."""
        if status not in STATUSES or status == "streaming":
            raise ValueError(f"cannot finish an answer as {status!r}")
        counts = coerce_usage(usage)
        now = time.time()
        with self._write() as conn:
            conversation_id = self._one("SELECT conversation_id FROM messages WHERE id = ?",
                                        (message_id,), f"message {message_id}")[0]
            conn.execute(
                "UPDATE messages SET content = ?, status = ?, finish_reason = ?, error = ?,"
                " prompt_tokens = ?, completion_tokens = ?, total_tokens = ?, updated_at = ?"
                " WHERE id = ?",
                (content, status, finish_reason, error, *(counts or (None,) * 3), now,
                 message_id))
            conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?",
                         (now, conversation_id))
        return self.get_message(message_id)

    @_guarded
    def get_message(self, message_id: int) -> Message:
        row = self._one(f"SELECT {_MSG} FROM messages WHERE id = ?", (message_id,),
                        f"message {message_id}")
        ids = self._sibling_ids(row[1], row[2], row[3])
        return _message(row, ids.index(row[0]), len(ids),
                        self.attachments_of([message_id]).get(message_id, ()))

    def _sibling_ids(self, conversation_id: int, parent_id: int | None, role: str) -> list[int]:
        return [r[0] for r in self._db.execute(
            "SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS ?"
            " AND role = ? ORDER BY id", (conversation_id, parent_id, role))]

    @_guarded
    def siblings(self, message_id: int) -> list[int]:
        """Ids of the messages with the same parent and role (itself included), by id."""
        row = self._one("SELECT conversation_id, parent_id, role FROM messages WHERE id = ?",
                        (message_id,), f"message {message_id}")
        return self._sibling_ids(*row)

    # -- the tree --------------------------------------------------------------------------

    @_guarded
    def active_path(self, conversation_id: int) -> list[Message]:
        """The messages from the root to the current leaf, with sibling positions."""
        leaf = self._one("SELECT current_leaf_id FROM conversations WHERE id = ?",
                         (conversation_id,), f"conversation {conversation_id}")[0]
        # One indexed read of the whole tree beats one query per level; even 1,000
        # messages with their text take a few milliseconds.
        rows = self._db.execute(f"SELECT {_MSG} FROM messages WHERE conversation_id = ?",
                                  (conversation_id,)).fetchall()
        rows.sort()  # by id, in Python: SQLite would copy every text into a sorter
        by_id = {row[0]: row for row in rows}
        if leaf not in by_id:
            leaf = rows[-1][0] if rows else None  # lost leaf: fall back to the newest
        groups: dict[tuple[Any, str], list[int]] = {}
        for row in rows:
            groups.setdefault((row[2], row[3]), []).append(row[0])
        images = self._attachments_in(conversation_id)
        path: list[Message] = []
        while leaf is not None and leaf in by_id and len(path) <= len(rows):
            row = by_id[leaf]
            ids = groups[(row[2], row[3])]
            path.append(_message(row, ids.index(row[0]), len(ids), images.get(row[0], ())))
            leaf = row[2]
        path.reverse()
        return path

    @_guarded
    def switch_branch(self, message_id: int) -> list[Message]:
        """Make the branch through ``message_id`` current (its newest leaf) and return the
        new active path. Used by "< 2/3 >" and to open a search hit."""
        conversation_id = self._one("SELECT conversation_id FROM messages WHERE id = ?",
                                    (message_id,), f"message {message_id}")[0]
        below = {message_id}
        # A child is always newer than its parent, so one pass in id order finds the
        # subtree, and its largest id is its most recent leaf.
        for child, parent in self._db.execute(
                "SELECT id, parent_id FROM messages WHERE conversation_id = ? AND id > ?"
                " ORDER BY id", (conversation_id, message_id)):
            if parent in below:
                below.add(child)
        self._update(conversation_id, "current_leaf_id = ?", (max(below),))
        return self.active_path(conversation_id)

    # -- search, usage, recovery ------------------------------------------------------------

    @_guarded
    def search(self, query: str, *, limit: int = 50,
               per_conversation: int = 1) -> list[SearchHit]:
        """Titles and message text; the query is literal text (see :mod:`.search`)."""
        return _search.search(self._db, query, limit=limit,
                              per_conversation=per_conversation)

    @_guarded
    def conversation_usage(self, conversation_id: int) -> TokenCounts:
        """Tokens of every answer in the conversation, on every branch (all were billed)."""
        row = self._db.execute(
            "SELECT coalesce(sum(prompt_tokens), 0), coalesce(sum(completion_tokens), 0),"
            " coalesce(sum(total_tokens), 0) FROM messages WHERE conversation_id = ?",
            (conversation_id,)).fetchone()
        return TokenCounts(*row)

    @_guarded
    def recover_interrupted(self) -> int:
        """At startup: answers left 'streaming' by a crash become 'interrupted'."""
        with self._write() as conn:
            return conn.execute("UPDATE messages SET status = 'interrupted', updated_at = ?"
                                " WHERE status = 'streaming'", (time.time(),)).rowcount
