"""Documents kept with the history: the original file and the parts it sent, found again
after a restart, sent again on Regenerate and Edit, purged with the last conversation that
uses them; and the schema 2 → 3 migration that made room for them."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from app.core.documents import prepare_document, read_document
from app.core.errors import InputError
from app.core.history import AsyncHistory, HistoryStore, schema
from app.core.images.prepare import prepare_image
from tests import docgen
from tests.imagegen import encode, photo


@pytest.fixture
def ready_pptx(tmp_path):
    path = docgen.sample_pptx(tmp_path / "deck.pptx", slides=3, picture_slides=(2,))
    return prepare_document(read_document(path))


def files_in(store: HistoryStore) -> set[str]:
    root = store.attachments_dir
    return {p.name for p in root.glob("*/*")} if root.exists() else set()


def test_a_document_is_kept_with_its_original_and_the_parts_it_sent(store, ready_pptx):
    conv = store.create_conversation()
    msg = store.add_message(conv.id, "user", "summarise", attachments=[ready_pptx])
    (att,) = msg.attachments
    doc = ready_pptx.document
    assert (att.kind, att.is_document, att.name, att.sha256, att.size) == (
        "document", True, "deck.pptx", doc.sha256, doc.size)
    assert att.meta["unit"] == "slide" and att.meta["count"] == 3
    assert att.meta["pages"] == "1-3" and att.meta["image_pages"] == "2"
    assert att.meta["tokens"] == ready_pptx.tokens
    original = store.attachment_path(att)
    assert original.suffix == ".pptx" and original.read_bytes() == doc.path.read_bytes()
    assert files_in(store) == {f"{doc.sha256}.pptx", f"{att.extract_sha256}.json"}
    assert store.document_parts(att) == list(ready_pptx.parts)


def test_asking_again_sends_the_same_parts_after_a_restart_and_without_the_file(tmp_path,
                                                                                 ready_pptx):
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        conv = store.create_conversation()
        store.add_message(conv.id, "user", "summarise", attachments=[ready_pptx])
    ready_pptx.document.path.unlink()  # the user's copy is gone: the history has its own
    with HistoryStore(path) as store:
        messages = store.request_messages(store.active_path(conv.id))
    content = messages[0]["content"]
    assert content[0] == {"type": "text", "text": "summarise"}
    assert content[1:] == list(ready_pptx.parts)
    texts = "\n".join(p["text"] for p in content if p["type"] == "text")
    assert "--- deck.pptx · slide 1 of 3 ---" in texts and "slide 3 of 3" in texts
    assert [p["type"] for p in content].count("image_url") == 1


def test_an_edited_question_links_the_same_document(store, ready_pptx):
    conv = store.create_conversation()
    first = store.add_message(conv.id, "user", "summarise", attachments=[ready_pptx])
    again = store.add_message(conv.id, "user", "summarise briefly", parent_id=None,
                              attachments=list(first.attachments))
    assert again.attachments[0].extract_sha256 == first.attachments[0].extract_sha256
    assert store.request_messages([again])[0]["content"][1:] == list(ready_pptx.parts)


def test_documents_and_images_go_in_the_order_attached(store, ready_pptx):
    image = prepare_image(encode(photo((64, 48)), "JPEG"), name="cat.jpg")
    conv = store.create_conversation()
    msg = store.add_message(conv.id, "user", "both", attachments=[image, ready_pptx])
    content = store.request_messages([msg])[0]["content"]
    assert content[1]["type"] == "image_url" and content[2:] == list(ready_pptx.parts)


def test_purge_removes_a_documents_files_with_its_last_conversation(store, ready_pptx):
    one, two = store.create_conversation(), store.create_conversation()
    store.add_message(one.id, "user", "a", attachments=[ready_pptx])
    store.add_message(two.id, "user", "b", attachments=[ready_pptx])
    store.delete(one.id)
    store.purge_deleted()
    assert len(files_in(store)) == 2  # still used by the other conversation
    store.delete(two.id)
    store.purge_deleted()
    assert files_in(store) == set()
    assert store.remove_stray_files() == 0


def test_missing_parts_become_a_note_and_stray_files_are_swept(store, ready_pptx):
    conv = store.create_conversation()
    msg = store.add_message(conv.id, "user", "look", attachments=[ready_pptx])
    (store.attachments_dir / msg.attachments[0].extract_sha256[:2]
     / f"{msg.attachments[0].extract_sha256}.json").unlink()
    content = store.request_messages([store.get_message(msg.id)])[0]["content"]
    assert content[1] == {"type": "text", "text": "[document “deck.pptx” is no longer available]"}
    assert store.remove_stray_files() == 0  # the original is still referred to


def test_a_file_changed_after_reading_is_refused_and_nothing_is_stored(store, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\nfirst version\n", encoding="utf-8")
    ready = prepare_document(read_document(path))
    path.write_text("# Notes\nsecond version\n", encoding="utf-8")  # same size, new text
    conv = store.create_conversation()
    with pytest.raises(InputError, match="notes.md changed since it was attached"):
        store.add_message(conv.id, "user", "read", attachments=[ready])
    assert store.active_path(conv.id) == []


def test_async_history_offers_document_parts(ready_pptx):
    async def scenario():
        async with AsyncHistory() as hist:
            conv = await hist.create_conversation()
            msg = await hist.add_message(conv.id, "user", "x", attachments=[ready_pptx])
            return await hist.document_parts(msg.attachments[0])

    assert asyncio.run(scenario()) == list(ready_pptx.parts)


def test_migrating_a_version_2_history_keeps_its_images(tmp_path):
    path = tmp_path / "v2.sqlite3"
    raw = sqlite3.connect(path, isolation_level=None)
    for version in (1, 2):  # exactly what Parley with schema 2 made
        for statement in dict(schema.MIGRATIONS)[version]:
            raw.execute(statement)
    raw.execute("PRAGMA user_version = 2")
    raw.execute("INSERT INTO conversations (id, title, created_at, updated_at, current_leaf_id)"
                " VALUES (1, 'Old', 1, 1, 1)")
    raw.execute("INSERT INTO messages (id, conversation_id, role, content, created_at,"
                " updated_at) VALUES (1, 1, 'user', 'a cat', 1, 1)")
    raw.execute("INSERT INTO attachments (id, message_id, position, sha256, mime, size, width,"
                " height, name, kind, revised_prompt, created_at) VALUES"
                " (7, 1, 0, ?, 'image/jpeg', 10, 4, 3, 'cat.jpg', 'input', NULL, 5)",
                ("ab" * 32,))
    raw.close()
    with HistoryStore(path) as store:
        assert schema.user_version(store._conn) == schema.LATEST == 3
        (att,) = store.get_message(1).attachments
        assert (att.id, att.sha256, att.name, att.kind, att.width, att.created_at) == (
            7, "ab" * 32, "cat.jpg", "input", 4, 5)
        assert (att.extract_sha256, att.meta, att.is_document) == (None, {}, False)
        indexes = {r[0] for r in store._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attachments'")}
        assert {"attachments_message", "attachments_sha256", "attachments_extract"} <= indexes
        store._conn.execute("DELETE FROM messages WHERE id = 1")  # the cascade still works
        assert store._conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0


def test_a_temporary_historys_documents_move_into_the_real_one(tmp_path, ready_pptx):
    from app.core.history.fallback import move_conversations, temporary_store

    with temporary_store(tmp_path / "temp") as temp, HistoryStore(tmp_path / "h.sqlite3") as real:
        conv = temp.create_conversation()
        temp.add_message(conv.id, "user", "summarise", attachments=[ready_pptx])
        moved = move_conversations(temp, real)
        (att,) = real.active_path(moved[conv.id])[0].attachments
        assert att.is_document and att.meta["image_pages"] == "2"
        assert real.document_parts(att) == list(ready_pptx.parts)
        assert real.attachment_path(att).read_bytes() == ready_pptx.document.path.read_bytes()
