"""A history that cannot be used: each real fault is told apart (``HistoryError.kind``), a
write that failed on a full disk is made once there is room, a temporary history takes the
real one's place, and what was said there moves into the real one when it works again."""

from __future__ import annotations

import asyncio

import pytest

import app.core.history.store as store_module
from app.core.history import AsyncHistory, HistoryError, HistoryNotFound, HistoryStore
from app.core.history.errors import CANNOT_OPEN, DAMAGED, FULL, LOCKED, NEWER, READ_ONLY
from app.core.history.fallback import TEMPORARY_IDS, move_conversations, temporary_store
from app.core.images.prepare import prepare_image
from tests import imagegen
from tests.history_faults import FAULTS, as_plain_user, make

KINDS = {"damaged": DAMAGED, "locked": LOCKED, "read-only": READ_ONLY,
         "read-only-folder": READ_ONLY, "newer": NEWER, "directory": CANNOT_OPEN}


@pytest.fixture
def short_busy_wait(monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.2)


def run(coro):
    return asyncio.run(coro)


async def start(path) -> AsyncHistory:
    """An AsyncHistory on ``path`` whose thread opens files as a plain user would."""
    hist = AsyncHistory(path)
    await asyncio.wrap_future(hist._executor.submit(as_plain_user))
    return hist


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_is_told_apart_and_goes_away_when_repaired(fault, tmp_path,
                                                              short_busy_wait):
    path = tmp_path / "data" / "history.sqlite3"
    repair = make(fault, path)

    async def scenario():
        hist = await start(path)
        with pytest.raises(HistoryError) as caught:
            await hist.open()
            await hist.recover_interrupted()  # the first write, as at start-up
        await hist.use_temporary(caught.value)
        repair()
        await hist.reopen()  # the real history, now usable
        titles = [c.title for c in await hist.list_conversations()]
        await hist.close()
        return caught.value, titles

    try:
        error, titles = run(scenario())
    finally:
        path.parent.chmod(0o755)
    assert error.kind == KINDS[fault], str(error)
    assert str(path) in str(error)
    assert titles == ([] if fault == "directory" else ["Kept from before"])


def test_a_full_disk_is_said_as_such_and_a_deferred_write_is_made_when_there_is_room(
        tmp_path):
    text = "a long answer that needs room " * 500

    async def scenario():
        async with AsyncHistory(tmp_path / "h.sqlite3") as hist:
            conv = await hist.create_conversation()
            await hist.add_message(conv.id, "user", "question")
            answer = await hist.begin_answer(conv.id)
            await hist.run(lambda s: s._db.execute("PRAGMA max_page_count = 1"))
            with pytest.raises(HistoryError) as full:
                await hist.finish_answer(answer.id, text)
            hist.defer(lambda s: s.finish_answer(answer.id, text))
            assert (await hist.get_message(answer.id)).status == "streaming"  # still full
            await hist.run(lambda s: s._db.execute("PRAGMA max_page_count = 4294967294"))
            stored = await hist.get_message(answer.id)  # the deferred write went first
            gone = await hist.begin_answer(conv.id)
            hist.defer(lambda s: s.finish_answer(gone.id + 1000, "no such row"))
            await hist.list_conversations()  # a write whose row is gone is dropped
            return full.value, stored, hist._deferred

    full, stored, left = run(scenario())
    assert full.kind == FULL and "free some space" in str(full)
    assert (stored.content, stored.status) == (text, "complete")
    assert left == []


def test_the_temporary_history_numbers_far_above_any_real_one(tmp_path):
    with temporary_store(tmp_path) as temp:
        assert temp.list_conversations() == []
        conv = temp.create_conversation()
        message = temp.add_message(conv.id, "user", "hello")
        assert conv.id > TEMPORARY_IDS and message.id > TEMPORARY_IDS
        assert temp.search("hello")[0].conversation_id == conv.id
        assert temp.purge_deleted() == 0  # the hidden rows stay


def test_moving_keeps_branches_statuses_drafts_and_images(tmp_path, chat):
    photo = prepare_image(imagegen.encode(imagegen.photo((64, 48)), "PNG"), name="p.png")
    with temporary_store(tmp_path / "temp") as temp, \
            HistoryStore(tmp_path / "real" / "history.sqlite3") as real:
        real.create_conversation(title="Already there")
        conv = temp.create_conversation(title="Said meanwhile", system_prompt="Be brief")
        question = temp.add_message(conv.id, "user", "look", attachments=[photo])
        first = temp.add_message(conv.id, "assistant", "first answer")
        second = temp.begin_answer(conv.id, parent_id=question.id)
        temp.finish_answer(second.id, "second answer", status="stopped", usage=(1, 2, 3))
        temp.set_draft(conv.id, "typed, not sent")
        deleted = temp.create_conversation(title="Deleted meanwhile")
        temp.delete(deleted.id)

        moved = move_conversations(temp, real)

        assert list(moved) == [conv.id]
        new = real.get_conversation(moved[conv.id])
        assert (new.title, new.system_prompt, new.draft) == ("Said meanwhile", "Be brief",
                                                             "typed, not sent")
        path = real.active_path(new.id)
        assert [(m.role, m.content, m.status) for m in path] == [
            ("user", "look", "complete"), ("assistant", "second answer", "stopped")]
        assert path[1].usage == (1, 2, 3) and path[1].sibling_count == 2
        [image] = path[0].attachments
        assert real.attachment_bytes(image) == photo.data
        assert [m.content for m in real.switch_branch(real.siblings(path[1].id)[0])] == [
            "look", "first answer"]
        assert first.id != path[1].id
        assert real.search("second answer")[0].conversation_id == new.id
        assert sorted(c.title for c in real.list_conversations()) == [
            "Already there", "Said meanwhile"]


def test_reopen_moves_what_was_said_and_stale_ids_find_nothing(tmp_path):
    path = tmp_path / "data" / "history.sqlite3"
    repair = make("damaged", path)

    async def scenario():
        hist = AsyncHistory(path)
        with pytest.raises(HistoryError) as caught:
            await hist.open()
        await hist.use_temporary(caught.value)
        assert hist.temporary and hist.problem is caught.value and hist.path == path
        folder = hist.attachments_dir.parent
        conv = await hist.create_conversation(title="Meanwhile")
        await hist.add_message(conv.id, "user", "kept?")
        with pytest.raises(HistoryError):
            await hist.reopen()  # still damaged: the temporary history stays in use
        assert hist.temporary and (await hist.get_conversation(conv.id)).title == "Meanwhile"
        repair()
        moved = await hist.reopen()
        assert not hist.temporary and not folder.exists()
        titles = sorted(c.title for c in await hist.list_conversations())
        with pytest.raises(HistoryNotFound):
            await hist.set_title(conv.id, "stale", "model")
        path_now = await hist.active_path(moved[conv.id])
        await hist.close()
        return titles, [m.content for m in path_now]

    assert run(scenario()) == (["Kept from before", "Meanwhile"], ["kept?"])
    with HistoryStore(path) as store:  # on disk, for the next start
        assert sorted(c.title for c in store.list_conversations()) == [
            "Kept from before", "Meanwhile"]


def test_closing_removes_the_temporary_history(tmp_path):
    async def scenario():
        hist = AsyncHistory(tmp_path / "history.sqlite3")
        await hist.use_temporary(HistoryError("test"))
        folder = hist.attachments_dir.parent
        await hist.create_conversation(title="gone at quit")
        assert folder.exists()
        await hist.close()
        return folder

    assert not run(scenario()).exists()
