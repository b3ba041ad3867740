"""Images kept with the history: stored with their message, found again after a restart,
resent with the conversation, and deleted with the last conversation that uses them."""

from __future__ import annotations

import asyncio
import base64
import sqlite3

import pytest

from app.core.config.paths import data_dir
from app.core.errors import InputError
from app.core.gateway.services import GeneratedImage
from app.core.history import (
    AsyncHistory,
    AttachmentMissing,
    HistoryError,
    HistoryNotFound,
    HistoryStore,
    schema,
)
from app.core.images.prepare import prepare_image, probe_image
from tests.gateway import PNG_BYTES
from tests.imagegen import encode, halves, photo, screenshot


@pytest.fixture(scope="module")
def images():
    return (prepare_image(encode(photo((640, 480)), "JPEG"), name="cat.jpg"),
            prepare_image(encode(screenshot((320, 200)), "PNG"), name="screen.png"))


def files_in(store: HistoryStore) -> set[str]:
    root = store.attachments_dir
    return {p.name for p in root.glob("*/*")} if root.exists() else set()


def test_images_are_stored_with_the_message_in_a_content_addressed_folder(store, images):
    cat, screen = images
    conv = store.create_conversation()
    msg = store.add_message(conv.id, "user", "what are these?", attachments=[cat, screen])
    assert [a.name for a in msg.attachments] == ["cat.jpg", "screen.png"]
    first = msg.attachments[0]
    assert (first.sha256, first.mime, first.width, first.height, first.kind, first.size) == (
        cat.sha256, "image/jpeg", 640, 480, "input", len(cat.data))
    path = store.attachment_path(first)
    assert path == data_dir() / "attachments" / cat.sha256[:2] / f"{cat.sha256}.jpg"
    assert path.read_bytes() == cat.data and store.attachment_bytes(first.id) == cat.data
    assert files_in(store) == {f"{cat.sha256}.jpg", f"{screen.sha256}.png"}
    assert not list(store.attachments_dir.glob("*/.tmp-*"))  # no half-written files left


def test_attachments_survive_a_restart(tmp_path, images):
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        conv = store.create_conversation()
        store.add_message(conv.id, "user", "look", attachments=list(images))
        store.add_message(conv.id, "assistant", "a cat and a screen")
        before = store.active_path(conv.id)
    with HistoryStore(path) as store:
        after = store.active_path(conv.id)
        assert after == before and len(after[0].attachments) == 2
        assert [store.attachment_bytes(a) for a in after[0].attachments] == [
            i.data for i in images]
        assert store.attachments_of([m.id for m in after]) == {after[0].id: after[0].attachments}


def test_soft_delete_keeps_files_until_purge(store, images):
    conv = store.create_conversation()
    store.add_message(conv.id, "user", "look", attachments=[images[0]])
    store.delete(conv.id)
    assert store.purge_deleted(older_than_seconds=3600) == 0
    assert len(files_in(store)) == 1
    store.restore(conv.id)  # Undo: the image is still there
    (msg,) = store.active_path(conv.id)
    assert store.attachment_bytes(msg.attachments[0]) == images[0].data
    store.delete(conv.id)
    assert store.purge_deleted() == 1
    assert files_in(store) == set()
    assert store._conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
    with pytest.raises(HistoryNotFound):
        store.attachment(msg.attachments[0].id)


def test_a_shared_image_stays_until_its_last_conversation_is_purged(store, images):
    cat = images[0]
    first, second = store.create_conversation(), store.create_conversation()
    store.add_message(first.id, "user", "one", attachments=[cat])
    kept = store.add_message(second.id, "user", "two", attachments=[cat, images[1]])
    assert len(files_in(store)) == 2  # the same bytes are stored once
    store.delete(first.id)
    store.purge_deleted()
    assert files_in(store) == {f"{cat.sha256}.jpg", f"{images[1].sha256}.png"}
    assert store.attachment_bytes(kept.attachments[0]) == cat.data
    store.delete(second.id)
    store.purge_deleted()
    assert files_in(store) == set()


def test_a_missing_file_is_reported_not_fatal(store, images):
    conv = store.create_conversation()
    msg = store.add_message(conv.id, "user", "look", attachments=[images[0]])
    store.attachment_path(msg.attachments[0]).unlink()
    with pytest.raises(AttachmentMissing) as caught:
        store.attachment_path(msg.attachments[0])
    assert "cat.jpg" in str(caught.value) and str(store.attachments_dir) in str(caught.value)
    (again,) = store.active_path(conv.id)  # the transcript still opens
    sent = store.request_messages([again])
    assert sent[0]["content"][1] == {"type": "text",
                                     "text": "[image “cat.jpg” is no longer available]"}
    store.delete(conv.id)
    assert store.purge_deleted() == 1  # purging a conversation whose file is gone works


def test_request_messages_resend_the_images_of_the_whole_path(store, images):
    cat, screen = images
    conv = store.create_conversation()
    q1 = store.add_message(conv.id, "user", "what is this?", attachments=[cat])
    store.add_message(conv.id, "assistant", "A cat.")
    store.add_message(conv.id, "user", "", attachments=[screen])  # an image alone
    store.begin_answer(conv.id)  # the answer being made is not sent
    messages = store.request_messages(store.active_path(conv.id), system_prompt="Be brief")
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[0]["content"] == "Be brief" and messages[2]["content"] == "A cat."
    text, image = messages[1]["content"]
    assert text == {"type": "text", "text": "what is this?"}
    assert image["type"] == "image_url"
    url = image["image_url"]["url"]
    assert url.startswith("data:image/jpeg;base64,")
    assert base64.b64decode(url.split(",", 1)[1]) == cat.data
    (only,) = messages[3]["content"]
    assert only["image_url"]["url"].startswith("data:image/png;base64,")
    # Regenerating the first answer: the path up to the question, its image included.
    assert store.request_messages([q1])[0]["content"][1] == image


def test_edit_and_resend_links_the_kept_image_again(store, images):
    conv = store.create_conversation()
    q = store.add_message(conv.id, "user", "what?", attachments=[images[0]])
    edited = store.add_message(conv.id, "user", "what is it?", parent_id=q.parent_id,
                               attachments=list(q.attachments))
    assert edited.attachments[0].sha256 == images[0].sha256
    assert edited.attachments[0].id != q.attachments[0].id and len(files_in(store)) == 1


def test_generated_images_keep_their_revised_prompt(store):
    conv = store.create_conversation()
    store.add_message(conv.id, "user", "a red panda")
    answer = store.begin_answer(conv.id, model="dall-e-3")
    made = store.add_generated_images(answer.id, [
        GeneratedImage(PNG_BYTES, "image/png", "A red panda reading in a library")])
    store.finish_answer(answer.id, "")
    (kept,) = store.get_message(answer.id).attachments
    assert kept == made[0]
    assert (kept.kind, kept.revised_prompt, kept.name) == (
        "generated", "A red panda reading in a library", "generated image 1")
    assert (kept.mime, kept.width, kept.height) == probe_image(PNG_BYTES)
    assert store.attachment_bytes(kept) == PNG_BYTES
    messages = store.request_messages(store.active_path(conv.id))
    assert messages[-1] == {"role": "assistant",
                            "content": "[generated image: A red panda reading in a library]"}
    # In one step, as an assistant message of its own:
    other = store.add_message(conv.id, "assistant", "Here it is", attachments=[
        GeneratedImage(encode(halves((32, 16)), "PNG"), "image/png", "two halves")])
    assert other.attachments[0].kind == "generated" and other.attachments[0].width == 32
    with pytest.raises(ValueError):
        store.add_generated_images(store.add_message(conv.id, "user", "hi").id,
                                   [GeneratedImage(PNG_BYTES, "image/png")])


def test_a_failed_add_stores_nothing(store, images):
    conv = store.create_conversation()
    with pytest.raises(InputError) as caught:
        store.add_message(conv.id, "assistant", "made", attachments=[
            GeneratedImage(PNG_BYTES, "image/png"),
            GeneratedImage(b"<html>not an image</html>", "image/png")])
    assert "generated image 2 is not a supported image" in str(caught.value)
    with pytest.raises(HistoryNotFound):
        store.add_message(conv.id, "user", "x", parent_id=999, attachments=[images[0]])
    assert store.active_path(conv.id) == []
    assert store._conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
    assert store.remove_stray_files() == 1  # the file written before the rollback
    assert files_in(store) == set()


def test_stray_files_are_swept_and_kept_ones_stay(store, images):
    conv = store.create_conversation()
    store.add_message(conv.id, "user", "x", attachments=[images[0]])
    stray = store.attachments_dir / "ab" / ("ab" * 32 + ".png")
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"left by a crash")
    (stray.parent / ".tmp-123").write_bytes(b"half")
    assert store.remove_stray_files() == 2
    assert files_in(store) == {f"{images[0].sha256}.jpg"}


def test_migrating_a_version_1_history_keeps_its_data(tmp_path, images):
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path, isolation_level=None)
    statements = dict(schema.MIGRATIONS)[1]
    for statement in statements:  # exactly what Parley with schema 1 made
        raw.execute(statement)
    raw.execute("PRAGMA user_version = 1")
    raw.execute("INSERT INTO conversations (id, title, title_source, created_at, updated_at,"
                " current_leaf_id) VALUES (1, 'Before images', 'user', 1.0, 2.0, 2)")
    raw.execute("INSERT INTO messages (id, conversation_id, parent_id, role, content,"
                " created_at, updated_at) VALUES (1, 1, NULL, 'user', 'hello 你好', 1, 1),"
                " (2, 1, 1, 'assistant', 'hi', 2, 2)")
    raw.close()
    with HistoryStore(path) as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
        assert store.get_conversation(1).title == "Before images"
        path_ = store.active_path(1)
        assert [(m.role, m.content, m.attachments) for m in path_] == [
            ("user", "hello 你好", ()), ("assistant", "hi", ())]
        assert store.search("你好")[0].conversation_id == 1
        msg = store.add_message(1, "user", "and now", attachments=[images[0]])
        assert store.get_message(msg.id).attachments[0].sha256 == images[0].sha256


def test_async_history_offers_the_attachment_methods(images):
    async def scenario():
        async with AsyncHistory() as hist:
            conv = await hist.create_conversation()
            msg = await hist.add_message(conv.id, "user", "look", attachments=[images[0]])
            path = await hist.attachment_path(msg.attachments[0])
            listed = await hist.attachments_of([msg.id])
            sent = await hist.request_messages(await hist.active_path(conv.id))
            return path, listed, sent, msg

    path, listed, sent, msg = asyncio.run(scenario())
    assert path.read_bytes() == images[0].data and listed == {msg.id: msg.attachments}
    assert sent[0]["content"][1]["type"] == "image_url"


def test_attachment_methods_are_guarded_like_the_rest(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    with pytest.raises(RuntimeError, match="not open"):
        store.attachments_of([1])
    with store:
        store._conn.execute("DROP TABLE attachments")  # as a damaged file would behave
        with pytest.raises(HistoryError) as caught:
            store.attachments_of([1])
        assert str(tmp_path / "h.sqlite3") in str(caught.value)
