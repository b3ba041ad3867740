"""The history schema and its migrations, versioned with ``PRAGMA user_version``.

Each migration is a tuple of SQL statements run in one ``BEGIN IMMEDIATE`` transaction
together with the ``user_version`` bump, so a crash mid-migration leaves the previous
version intact. Never edit a released migration: append a new one.

Search index: ``messages_fts`` is a *contentless* FTS5 table with the trigram tokenizer
(substring search that works for Chinese, case-insensitive), kept in sync by triggers on
``messages`` — including FK cascades, which fire them too. Each text is indexed with two
newlines appended (:data:`FTS_PAD`): then every occurrence of a 1- or 2-character string
begins some trigram, so short queries can be answered from the index through a prefix
range on ``messages_vocab`` (see :mod:`.search`).

Runs on the store's thread; the caller owns the connection (autocommit mode).
"""

from __future__ import annotations

import sqlite3

from app.core.history.errors import FOREIGN, NEWER, HistoryError

APPLICATION_ID = 0x50524C59  # "PRLY": recognises a Parley history among SQLite files
FTS_PAD = "char(10, 10)"

_V1 = (
    """CREATE TABLE conversations (
        id              INTEGER PRIMARY KEY,
        title           TEXT NOT NULL DEFAULT '',
        title_source    TEXT NOT NULL DEFAULT 'auto'
                        CHECK (title_source IN ('auto', 'user', 'model')),
        created_at      REAL NOT NULL,
        updated_at      REAL NOT NULL,
        pinned          INTEGER NOT NULL DEFAULT 0,
        profile         TEXT NOT NULL DEFAULT '',
        model           TEXT NOT NULL DEFAULT '',
        system_prompt   TEXT NOT NULL DEFAULT '',
        params          TEXT NOT NULL DEFAULT '{}',
        draft           TEXT NOT NULL DEFAULT '',
        current_leaf_id INTEGER,
        deleted_at      REAL
    )""",
    # The sidebar query walks this index in order and stops at its LIMIT: no sort, no scan
    # of deleted rows.
    """CREATE INDEX conversations_sidebar
        ON conversations (pinned DESC, updated_at DESC, id DESC) WHERE deleted_at IS NULL""",
    """CREATE INDEX conversations_deleted
        ON conversations (deleted_at) WHERE deleted_at IS NOT NULL""",
    # parent_id has no FOREIGN KEY on purpose: a cascade down a 1,000-message chain would
    # recurse past SQLite's trigger depth. Children are removed with their conversation.
    """CREATE TABLE messages (
        id                INTEGER PRIMARY KEY,
        conversation_id   INTEGER NOT NULL
                          REFERENCES conversations (id) ON DELETE CASCADE,
        parent_id         INTEGER,
        role              TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
        content           TEXT NOT NULL DEFAULT '',
        attachments       TEXT NOT NULL DEFAULT '[]',
        status            TEXT NOT NULL DEFAULT 'complete' CHECK (status IN
                          ('complete', 'streaming', 'stopped', 'interrupted', 'error')),
        error             TEXT,
        finish_reason     TEXT,
        model             TEXT NOT NULL DEFAULT '',
        prompt_tokens     INTEGER,
        completion_tokens INTEGER,
        total_tokens      INTEGER,
        created_at        REAL NOT NULL,
        updated_at        REAL NOT NULL
    )""",
    # Serves loading a conversation, siblings (same parent; parent NULL for roots), the
    # usage sum, and the FK cascade.
    "CREATE INDEX messages_tree ON messages (conversation_id, parent_id, id)",
    "CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming'",
    "CREATE VIRTUAL TABLE messages_fts USING fts5(content, content='', tokenize='trigram')",
    "CREATE VIRTUAL TABLE messages_vocab USING fts5vocab(messages_fts, 'row')",
    f"""CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content || {FTS_PAD});
    END""",
    # A contentless table forgets the text, so a delete must repeat exactly what was indexed.
    f"""CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content)
            VALUES ('delete', old.id, old.content || {FTS_PAD});
    END""",
    # WHEN: finishing an answer usually rewrites the text of its last checkpoint unchanged.
    f"""CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages
        WHEN old.content IS NOT new.content BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content)
            VALUES ('delete', old.id, old.content || {FTS_PAD});
        INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content || {FTS_PAD});
    END""",
    f"PRAGMA application_id = {APPLICATION_ID}",
)

# Images kept with messages (see .attachments). The bytes live in content-addressed files;
# a row per use, so the same file can serve several messages and is deleted with the last.
# messages.attachments (a JSON column of v1) was never written with data and stays unused.
_V2 = (
    """CREATE TABLE attachments (
        id              INTEGER PRIMARY KEY,
        message_id      INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        position        INTEGER NOT NULL DEFAULT 0,
        sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
        mime            TEXT NOT NULL,
        size            INTEGER NOT NULL,
        width           INTEGER NOT NULL,
        height          INTEGER NOT NULL,
        name            TEXT NOT NULL DEFAULT '',
        kind            TEXT NOT NULL CHECK (kind IN ('input', 'generated')),
        revised_prompt  TEXT,
        created_at      REAL NOT NULL
    )""",
    # The FK cascade and every lookup by message go through this index.
    "CREATE INDEX attachments_message ON attachments (message_id, position)",
    # "Is this file still used?" when a conversation is purged.
    "CREATE INDEX attachments_sha256 ON attachments (sha256)",
)

# Documents kept with messages (see .attachments): kind 'document' (the CHECK of v2 allows
# only images, and SQLite cannot change a CHECK, so the table is rebuilt with every row);
# ``extract_sha256`` names the content-addressed JSON of the parts that were sent, ``meta``
# what the attachment shows (pages, pages sent as images, the token estimate) as JSON.
_ATTACHMENT_V2_COLUMNS = ("id, message_id, position, sha256, mime, size, width, height, name,"
                          " kind, revised_prompt, created_at")
_V3 = (
    """CREATE TABLE attachments_v3 (
        id              INTEGER PRIMARY KEY,
        message_id      INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        position        INTEGER NOT NULL DEFAULT 0,
        sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
        mime            TEXT NOT NULL,
        size            INTEGER NOT NULL,
        width           INTEGER NOT NULL,
        height          INTEGER NOT NULL,
        name            TEXT NOT NULL DEFAULT '',
        kind            TEXT NOT NULL CHECK (kind IN ('input', 'generated', 'document')),
        revised_prompt  TEXT,
        created_at      REAL NOT NULL,
        extract_sha256  TEXT CHECK (extract_sha256 IS NULL OR length(extract_sha256) = 64),
        meta            TEXT NOT NULL DEFAULT '{}'
    )""",
    f"INSERT INTO attachments_v3 ({_ATTACHMENT_V2_COLUMNS})"
    f" SELECT {_ATTACHMENT_V2_COLUMNS} FROM attachments",
    "DROP TABLE attachments",  # its indexes go with it
    "ALTER TABLE attachments_v3 RENAME TO attachments",
    "CREATE INDEX attachments_message ON attachments (message_id, position)",
    "CREATE INDEX attachments_sha256 ON attachments (sha256)",
    # "Is this extract still used?" when a conversation is purged.
    "CREATE INDEX attachments_extract ON attachments (extract_sha256)"
    " WHERE extract_sha256 IS NOT NULL",
)

# (version, statements). Version N is reached by running every migration up to N in order.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = ((1, _V1), (2, _V2), (3, _V3))
LATEST = MIGRATIONS[-1][0]


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to :data:`LATEST`; return the version it was at before.

    Raises :class:`HistoryError` for a database from a newer Parley (opening it could
    damage data this version does not know) or for a SQLite file that is not a history.
    """
    start = _check(conn)
    for version, statements in MIGRATIONS:
        if version <= start:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            if user_version(conn) >= version:
                conn.execute("COMMIT")
                continue
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return start


def _check(conn: sqlite3.Connection) -> int:
    version = user_version(conn)
    if version > LATEST:
        raise HistoryError(
            f"the history database was written by a newer Parley (schema {version}; this "
            f"version knows up to {LATEST})",
            hint="update Parley to open it", kind=NEWER,
        )
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    foreign = app_id not in (0, APPLICATION_ID) or (
        version == 0
        and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    )
    if foreign:
        raise HistoryError("the history file is an SQLite database of some other program",
                           hint="choose another file, or move this one away", kind=FOREIGN)
    return version
