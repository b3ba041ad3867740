"""Search over conversation titles and message text.

Called by :class:`~.store.HistoryStore` on its thread with its connection; read-only.

How a query runs (each whitespace-separated term is literal text; all must match):

* Terms of 3+ characters go to the trigram FTS5 index as quoted phrases (a substring
  match, case-insensitive, Chinese included).
* A 1–2 character term (``微積``, ``AI``) is not a trigram, but every occurrence begins
  some indexed trigram (texts are padded, see :mod:`.schema`): ``微積`` becomes
  ``("微積分" OR "微積\\n" OR …)`` from a prefix range of the index's vocabulary. That
  lookup reads the terms' entries, so it is cheap for rare terms and slow for common ones:
  it gets :data:`EXPAND_SECONDS`, and a term that takes longer is checked with LIKE on the
  rows the other terms find instead.
* A query of only short terms first scans the newest :data:`PROBE_ROWS` messages with
  LIKE, where a common term fills the page at once; only if it does not (a rare term) is
  the index asked for the older messages.
* Titles are matched with LIKE over the (thousands of) conversations.

Every query is bounded: after :data:`BUDGET_SECONDS` SQLite is interrupted and the hits
found so far are returned.

Hits come newest first: conversations whose title matches, then the other message hits by
recency; at most ``per_conversation`` messages per conversation, and a title hit only
for a conversation with no message hit.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace

from app.core.history.models import SearchHit
from app.core.history.text import (
    fts_phrase,
    like_pattern,
    search_terms,
    snippet,
    term_pattern,
)

PROBE_ROWS = 5_000  # newest messages scanned for a short query before using the index
EXPAND_LIMIT = 256  # prefix trigrams of a short term we are willing to OR together
EXPAND_SECONDS = 0.005
BUDGET_SECONDS = 0.25
PROGRESS_STEPS = 1_000  # SQLite instructions between checks of the clock

# Text is not selected here: most rows are skipped (one hit per conversation), and
# decoding their text would cost more than the search. Hits' texts are read at the end.
_SELECT = ("SELECT m.id, m.conversation_id, c.title, c.updated_at FROM {source}"
           " JOIN conversations c ON c.id = m.conversation_id"
           " WHERE c.deleted_at IS NULL AND {where} ORDER BY {order} DESC")
_FTS = "messages_fts f JOIN messages m ON m.id = f.rowid"
_LIKE = "m.content LIKE ? ESCAPE '\\'"


def search(conn: sqlite3.Connection, query: str, *, limit: int = 50,
           per_conversation: int = 1) -> list[SearchHit]:
    terms = search_terms(query)
    if not terms or limit <= 0:
        return []
    found = _Hits(terms, limit, max(1, per_conversation))
    titles: list[SearchHit] = []
    conn.set_progress_handler(found.interrupt, PROGRESS_STEPS)
    try:
        titles = _title_hits(conn, terms, limit)
        _content_hits(conn, terms, found)
    except sqlite3.OperationalError:
        if not found.out_of_time():
            raise  # out of time: SQLite was interrupted; keep what was found
    finally:
        conn.set_progress_handler(None, 0)
    found.read_texts(conn)
    # Conversations whose title matches come first. Each shows its message hits when it
    # has some (they open at the message); the title hit only stands in when it has none.
    by_conversation: dict[int, list[SearchHit]] = {}
    for hit in found.hits:
        by_conversation.setdefault(hit.conversation_id, []).append(hit)
    ordered: list[SearchHit] = []
    for hit in titles:
        ordered.extend(by_conversation.pop(hit.conversation_id, []) or [hit])
    ordered.extend(h for h in found.hits if h.conversation_id in by_conversation)
    pattern = term_pattern(terms)  # the words found in each title, for the list to mark
    return [replace(h, title_spans=tuple(m.span() for m in pattern.finditer(h.title)))
            for h in ordered[:limit]]


class _Hits:
    """Collects message hits across the steps of one query, within its time budget."""

    def __init__(self, terms: list[str], limit: int, per_conversation: int) -> None:
        self.terms, self.limit, self.per_conversation = terms, limit, per_conversation
        self.deadline = time.monotonic() + BUDGET_SECONDS
        self.step_deadline = self.deadline
        self.hits: list[SearchHit] = []
        self.per: dict[int, int] = {}

    def out_of_time(self) -> bool:
        return time.monotonic() > self.deadline

    def interrupt(self) -> bool:
        """SQLite's progress handler: True stops the running statement."""
        return time.monotonic() > min(self.deadline, self.step_deadline)

    @property
    def full(self) -> bool:
        return len(self.hits) >= self.limit

    def collect(self, conn: sqlite3.Connection, sql: str, params: list[object]) -> None:
        cursor = conn.execute(sql, params)
        try:
            for message_id, conv_id, title, updated_at in cursor:
                if self.per.get(conv_id, 0) >= self.per_conversation:
                    continue
                self.per[conv_id] = self.per.get(conv_id, 0) + 1
                self.hits.append(SearchHit(conv_id, message_id, title, "", (), updated_at))
                if self.full or self.out_of_time():
                    break
        finally:
            cursor.close()  # ends the read snapshot now, not at garbage collection

    def read_texts(self, conn: sqlite3.Connection) -> None:
        """Fill in the snippets (at most ``limit`` rows, read by id)."""
        ids = [hit.message_id for hit in self.hits if hit.message_id is not None]
        texts: dict[int | None, tuple[str, str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            texts.update((row[0], row[1:]) for row in conn.execute(
                "SELECT id, role, content FROM messages WHERE id IN"
                f" ({','.join('?' * len(chunk))})", chunk))
        for i, hit in enumerate(self.hits):
            # An answer is markdown: its snippet reads as the transcript shows it. A
            # question is shown as typed, marks and all.
            role, content = texts.get(hit.message_id, ("user", ""))
            text, spans = snippet(content, self.terms, markdown=role == "assistant")
            self.hits[i] = replace(hit, snippet=text, spans=spans)


def _title_hits(conn: sqlite3.Connection, terms: list[str], limit: int) -> list[SearchHit]:
    where = " AND ".join("title LIKE ? ESCAPE '\\'" for _ in terms)
    rows = conn.execute(
        # Walks the sidebar index in order: stops early for a common term.
        f"SELECT id, title, updated_at FROM conversations WHERE deleted_at IS NULL AND {where}"
        " ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ?",
        [like_pattern(t) for t in terms] + [limit],
    ).fetchall()
    hits = []
    for conversation_id, title, updated_at in rows:
        text, spans = snippet(title, terms)
        hits.append(SearchHit(conversation_id, None, title, text, spans, updated_at))
    return hits


def _content_hits(conn: sqlite3.Connection, terms: list[str], found: _Hits) -> None:
    short = [t for t in terms if len(t) < 3]
    boundary = None
    if len(short) == len(terms):
        newest = conn.execute("SELECT max(id) FROM messages").fetchone()[0] or 0
        boundary = newest - PROBE_ROWS
        newest_only = " AND ".join([_LIKE] * len(short) + ["m.id > ?"])
        found.collect(conn, _SELECT.format(source="messages m", where=newest_only, order="m.id"),
                      [like_pattern(t) for t in short] + [boundary])
        if found.full or boundary <= 0:
            return
    groups = [fts_phrase(t) for t in terms if len(t) >= 3]
    checked: list[str] = []  # short terms too common to expand: LIKE on each candidate
    for term in short:
        expansion = _expand(conn, term, found)
        if expansion == []:
            return  # the term occurs nowhere
        if expansion is None:
            checked.append(term)
        else:
            groups.append("(" + " OR ".join(fts_phrase(t) for t in expansion) + ")")
    # The older messages (all of them when the query has a long term).
    row_id = "f.rowid" if groups else "m.id"  # on the FTS side, FTS5 skips by rowid itself
    where = [_LIKE] * len(checked) + ([] if boundary is None else [f"{row_id} <= ?"])
    params: list[object] = [like_pattern(t) for t in checked]
    params += [] if boundary is None else [boundary]
    if groups:
        found.collect(conn, _SELECT.format(source=_FTS, order=row_id, where=" AND ".join(
            ["messages_fts MATCH ?"] + where)), [" AND ".join(groups)] + params)
    else:  # only common short terms, not enough among the newest: the budget bounds this
        found.collect(conn, _SELECT.format(source="messages m", where=" AND ".join(where),
                                           order=row_id), params)


def _expand(conn: sqlite3.Connection, term: str, found: _Hits) -> list[str] | None:
    """The indexed trigrams that begin with ``term`` (folded as the index folds), or None
    when they are too many, or too slow to list, to OR together."""
    low = term.lower()
    bump = ord(low[-1]) + 1
    if 0xD800 <= bump < 0xE000:  # skip surrogates: not encodable
        bump = 0xE000
    params: list[object] = [low]
    where = "term >= ?"
    if bump <= 0x10FFFF:
        where += " AND term < ?"
        params.append(low[:-1] + chr(bump))
    found.step_deadline = time.monotonic() + EXPAND_SECONDS
    try:
        rows = conn.execute(f"SELECT term FROM messages_vocab WHERE {where} LIMIT ?",
                            params + [EXPAND_LIMIT + 1]).fetchall()
    except sqlite3.OperationalError:
        if found.out_of_time() or time.monotonic() <= found.step_deadline:
            raise  # the whole query is out of time, or a real error
        return None
    finally:
        found.step_deadline = found.deadline
    return None if len(rows) > EXPAND_LIMIT else [t for (t,) in rows]
