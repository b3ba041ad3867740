"""Conversations, messages, drafts, usage and recovery."""

from __future__ import annotations

import time

import pytest

from app.core.gateway.events import Usage as StreamUsage
from app.core.history import HistoryNotFound, HistoryStore, auto_title


def test_create_get_and_settings(store):
    conv = store.create_conversation(profile="eduhk-apim", model="gpt-4o",
                                     system_prompt="Be brief.", params={"temperature": 0.2})
    got = store.get_conversation(conv.id)
    assert (got.title, got.title_source, got.pinned, got.draft) == ("", "auto", False, "")
    assert (got.profile, got.model, got.params) == ("eduhk-apim", "gpt-4o", {"temperature": 0.2})
    store.set_params(conv.id, model="gpt-4o-mini", params={"top_p": 0.9})
    got = store.get_conversation(conv.id)
    assert (got.model, got.system_prompt) == ("gpt-4o-mini", "Be brief.")
    assert got.params == {"top_p": 0.9}


def test_unknown_ids_raise_not_found(store, chat):
    with pytest.raises(HistoryNotFound):
        store.get_conversation(42)
    with pytest.raises(LookupError):
        store.rename(42, "x")
    with pytest.raises(HistoryNotFound):
        store.add_message(42, "user", "hi")
    conv, (q,) = chat("q")
    other = store.create_conversation()
    with pytest.raises(HistoryNotFound):  # a parent from another conversation
        store.add_message(other.id, "user", "x", parent_id=q.id)
    with pytest.raises(ValueError):
        store.add_message(conv.id, "robot", "x")


def test_listing_pins_first_then_newest(store):
    a, b, c = (store.create_conversation(title=t) for t in "abc")
    store.add_message(a.id, "user", "bump a")  # a is now the newest
    assert [x.title for x in store.list_conversations()] == ["a", "c", "b"]
    store.set_pinned(b.id, True)
    assert [x.title for x in store.list_conversations()] == ["b", "a", "c"]
    assert [x.title for x in store.list_conversations(limit=2)] == ["b", "a"]
    assert [x.title for x in store.list_conversations(limit=2, offset=2)] == ["c"]
    store.set_draft(c.id, "typing…")  # drafts and renames do not reorder
    store.rename(c.id, "renamed")
    assert [x.title for x in store.list_conversations()] == ["b", "a", "renamed"]


def test_soft_delete_restore_and_purge(store):
    keep, conv = store.create_conversation(title="keep"), store.create_conversation(title="gone")
    store.add_message(conv.id, "user", "unique-word-xyz")
    store.delete(conv.id)
    assert [c.title for c in store.list_conversations()] == ["keep"]
    assert store.get_conversation(conv.id).deleted
    store.restore(conv.id)
    assert len(store.list_conversations()) == 2 and store.search("unique-word-xyz")
    store.delete(conv.id)
    assert store.purge_deleted(older_than_seconds=3600) == 0  # too recent
    assert store.purge_deleted() == 1
    with pytest.raises(HistoryNotFound):
        store.get_conversation(conv.id)
    assert store._conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0
    assert store.search("unique-word-xyz") == []
    store._conn.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")
    assert store.get_conversation(keep.id).title == "keep"


def test_titles_auto_model_and_user(store, chat):
    conv, _ = chat("  \n# How do I integrate x² dx?\nmore text", "an answer")
    assert store.get_conversation(conv.id).title == "How do I integrate x² dx?"
    store.add_message(conv.id, "user", "a later question")  # only the first one titles
    assert store.get_conversation(conv.id).title == "How do I integrate x² dx?"
    assert store.set_title(conv.id, "Integration help", "model")
    assert not store.set_title(conv.id, "auto again", "auto")
    store.rename(conv.id, "My maths")
    assert not store.set_title(conv.id, "Model title", "model")
    got = store.get_conversation(conv.id)
    assert (got.title, got.title_source) == ("My maths", "user")
    titled = store.create_conversation(title="Given")
    store.add_message(titled.id, "user", "hello")
    assert store.get_conversation(titled.id).title == "Given"


def test_auto_title_shapes():
    assert auto_title("") == ""
    assert auto_title("```\n\n---\n  Fix   my\tcode  please ") == "Fix my code please"
    long = auto_title("word " * 40)
    assert long.endswith("…") and len(long) <= 50 and not long.endswith(" …")
    chinese = auto_title("請問微積分的基本定理是什麼？我想知道它和導數的關係，還有積分的幾何意義是什麼")
    assert chinese.endswith("…") and chinese.startswith("請問微積分") and len(chinese) <= 26


def test_drafts_and_params_survive_reopen(tmp_path):
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        one, two = store.create_conversation(), store.create_conversation()
        store.set_draft(one.id, "half-written 問題")
        store.set_draft(two.id, "other")
    with HistoryStore(path) as store:
        assert store.get_conversation(one.id).draft == "half-written 問題"
        assert store.get_conversation(two.id).draft == "other"


def test_streaming_answer_checkpoints_and_finishes(store, chat):
    conv, (q,) = chat("question")
    answer = store.begin_answer(conv.id, model="gpt-4o")
    assert (answer.status, answer.content, answer.parent_id) == ("streaming", "", q.id)
    assert store.get_conversation(conv.id).current_leaf_id == answer.id
    assert store.checkpoint(answer.id, "Part")
    assert store.get_message(answer.id).content == "Part"
    done = store.finish_answer(answer.id, "Part and whole", finish_reason="stop",
                               usage={"prompt_tokens": 12, "completion_tokens": 5})
    assert (done.status, done.content, done.finish_reason) == ("complete", "Part and whole", "stop")
    assert done.usage == (12, 5, 17)
    assert not store.checkpoint(answer.id, "late chunk")  # cannot undo the finish
    assert store.get_message(answer.id).content == "Part and whole"


def test_usage_per_answer_and_per_conversation(store, chat):
    conv, (q,) = chat("question")
    first = store.begin_answer(conv.id)
    store.finish_answer(first.id, "one", usage=(10, 20, 30))
    again = store.begin_answer(conv.id, parent_id=q.id)  # a regeneration is billed too
    store.finish_answer(again.id, "two", usage=StreamUsage(10, 7, 17))
    failed = store.begin_answer(conv.id, parent_id=q.id)
    store.finish_answer(failed.id, "", status="error", error="Gateway error: 500")
    assert store.get_message(failed.id).usage is None
    assert store.get_message(failed.id).error == "Gateway error: 500"
    assert store.conversation_usage(conv.id) == (20, 27, 47)
    assert store.conversation_usage(store.create_conversation().id) == (0, 0, 0)


def test_recover_interrupted(store, chat):
    conv, _ = chat("q")
    streaming = store.begin_answer(conv.id)
    store.checkpoint(streaming.id, "half an answ")
    other = store.begin_answer(store.create_conversation().id)
    store.finish_answer(other.id, "done")
    assert store.recover_interrupted() == 1
    got = store.get_message(streaming.id)
    assert (got.status, got.content) == ("interrupted", "half an answ")
    assert store.get_message(other.id).status == "complete"
    assert store.recover_interrupted() == 0


def test_attachments_kept_with_their_message(store):
    from app.core.images.prepare import prepare_image
    from tests.gateway import PNG_BYTES

    conv = store.create_conversation()
    image = prepare_image(PNG_BYTES, name="白板.png")
    msg = store.add_message(conv.id, "user", "what is this?", attachments=[image])
    (kept,) = store.get_message(msg.id).attachments
    assert (kept.name, kept.mime, kept.sha256, kept.kind) == ("白板.png", "image/png",
                                                              image.sha256, "input")
    assert store.attachment_bytes(kept) == image.data


def test_updated_at_moves_with_new_messages(store):
    conv = store.create_conversation()
    time.sleep(0.01)
    store.add_message(conv.id, "user", "hi")
    assert store.get_conversation(conv.id).updated_at > conv.updated_at


def test_fast_row_converters_match_the_dataclasses():
    from dataclasses import fields

    from app.core.history import Conversation, Message, models

    assert tuple(f.name for f in fields(Conversation)) == models._CONV_FIELDS
    assert tuple(f.name for f in fields(Message)) == models._MSG_FIELDS
    row = (1, "t", "auto", 1.0, 2.0, 1, "p", "m", "s", '{"a": 1}', "d", None, None)
    assert models.conversation_from_row(row) == Conversation(
        1, "t", "auto", 1.0, 2.0, True, "p", "m", "s", {"a": 1}, "d", None, None)
    one, two = (models.conversation_from_row(row[:9] + ("{}",) + row[10:]) for _ in "12")
    assert one.params == {} and one.params is not two.params  # never a shared dict
