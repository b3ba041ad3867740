"""Opening, migrating and refusing databases."""

from __future__ import annotations

import sqlite3

import pytest

from app.core.config.paths import data_dir
from app.core.history import HistoryError, HistoryStore
from app.core.history.schema import APPLICATION_ID, LATEST, migrate


def pragma(path, name):
    with sqlite3.connect(path) as conn:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]


def test_new_database_in_data_dir_is_migrated_and_in_wal_mode():
    with HistoryStore() as store:
        assert store.path == data_dir() / "history.sqlite3"
        tables = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master")}
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"conversations", "messages", "messages_fts", "messages_vocab"} <= tables
    assert pragma(store.path, "user_version") == LATEST
    assert pragma(store.path, "journal_mode") == "wal"
    assert pragma(store.path, "application_id") == APPLICATION_ID


def test_reopening_is_idempotent_and_keeps_data(tmp_path):
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        conv = store.create_conversation(title="Kept")
    with HistoryStore(path) as store:
        assert store.get_conversation(conv.id).title == "Kept"
        assert migrate(store._conn) == LATEST  # nothing left to do
    assert pragma(path, "user_version") == LATEST


def test_newer_schema_is_refused_with_the_path(tmp_path):
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    with pytest.raises(HistoryError) as err:
        HistoryStore(path).open()
    assert "newer Parley" in str(err.value) and str(path) in str(err.value)
    assert err.value.exit_code == 12 and err.value.title == "History problem"
    assert pragma(path, "user_version") == LATEST + 5  # untouched


def test_corrupt_file_is_refused_with_the_path(tmp_path):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database, just junk " * 200)
    with pytest.raises(HistoryError) as err:
        HistoryStore(path).open()
    assert str(path) in str(err.value)
    assert path.read_bytes().startswith(b"this is not")  # nothing overwritten


def test_damaged_pages_surface_as_history_error(tmp_path):
    path = tmp_path / "damaged.sqlite3"
    with HistoryStore(path) as store:
        conv = store.create_conversation()
        for i in range(300):
            store.add_message(conv.id, "user", f"message {i} " * 40)
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, len(data), 4096):  # scribble over every page but the first
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(HistoryError) as err, HistoryStore(path) as store:
        store.active_path(conv.id)
        store.search("message")
    assert str(path) in str(err.value)


def test_sqlite_file_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x)")
    with pytest.raises(HistoryError, match="other program"):
        HistoryStore(path).open()


def test_unopened_store_says_so(tmp_path):
    with pytest.raises(RuntimeError, match="not open"):
        HistoryStore(tmp_path / "x.sqlite3").list_conversations()
