"""AsyncHistory: the store on its own thread, as coroutines, from any asyncio loop."""

from __future__ import annotations

import asyncio
import inspect
import threading

import pytest

from app.core.history import AsyncHistory, HistoryError, HistoryNotFound, HistoryStore
from app.core.history.worker import MIRRORED


def test_every_public_store_method_is_mirrored_as_a_coroutine():
    public = {n for n, _ in inspect.getmembers(HistoryStore, inspect.isfunction)
              if not n.startswith("_")}
    assert public - {"open", "close"} == set(MIRRORED)
    for name in public:
        assert inspect.iscoroutinefunction(getattr(AsyncHistory, name)), name


def test_works_under_asyncio_run_on_another_thread():
    main = threading.get_ident()

    async def scenario():
        async with AsyncHistory() as hist:
            conv = await hist.create_conversation(title="async")
            question = await hist.add_message(conv.id, "user", "hello 你好")
            answer = await hist.begin_answer(conv.id)
            await hist.checkpoint(answer.id, "partial")
            await hist.finish_answer(answer.id, "done", usage=(1, 2, 3))
            path = await hist.active_path(conv.id)
            listed = await hist.list_conversations()
            hits = await hist.search("你好")
            worker = await hist.run(lambda store: threading.get_ident())
            # Many calls at once still run one at a time, in order.
            drafts = [hist.set_draft(conv.id, f"draft {i}") for i in range(20)]
            await asyncio.gather(*drafts)
            final = await hist.get_conversation(conv.id)
            return question, path, listed, hits, worker, final

    question, path, listed, hits, worker, final = asyncio.run(scenario())
    assert worker != main
    assert [m.content for m in path] == ["hello 你好", "done"]
    assert [c.title for c in listed] == ["async"]
    assert [h.message_id for h in hits] == [question.id]
    assert final.draft == "draft 19"


def test_errors_arrive_as_the_same_types(tmp_path):
    async def scenario():
        async with AsyncHistory() as hist:
            with pytest.raises(HistoryNotFound):
                await hist.get_conversation(999)
            with pytest.raises(ValueError):
                conv = await hist.create_conversation()
                await hist.add_message(conv.id, "robot", "x")
        broken = tmp_path / "broken.sqlite3"
        broken.write_bytes(b"junk" * 1000)
        hist = AsyncHistory(broken)
        with pytest.raises(HistoryError):
            await hist.open()
        await hist.close()

    asyncio.run(scenario())


def test_close_flushes_and_refuses_later_calls(tmp_path):
    path = tmp_path / "h.sqlite3"

    async def scenario():
        hist = await AsyncHistory(path).open()
        conv = await hist.create_conversation()
        pending = asyncio.create_task(hist.set_draft(conv.id, "kept"))
        await asyncio.sleep(0)  # the task starts: its call is queued before close's
        await hist.close()
        await pending
        await hist.close()  # twice is fine
        with pytest.raises(RuntimeError):
            await hist.list_conversations()
        return conv

    conv = asyncio.run(scenario())
    with HistoryStore(path) as store:
        assert store.get_conversation(conv.id).draft == "kept"


def test_a_store_refuses_other_threads():
    import sqlite3
    from concurrent.futures import ThreadPoolExecutor

    with HistoryStore() as store:
        with ThreadPoolExecutor(1) as pool, pytest.raises(sqlite3.ProgrammingError):
            pool.submit(store.list_conversations).result()
        assert store.list_conversations() == []


def test_mirrored_methods_take_the_store_methods_parameters():
    for name in MIRRORED:
        store = inspect.signature(getattr(HistoryStore, name))
        mirror = inspect.signature(getattr(AsyncHistory, name))
        assert list(store.parameters) == list(mirror.parameters), name
        for param, same in zip(store.parameters.values(), mirror.parameters.values(),
                               strict=True):
            assert (param.kind, param.default) == (same.kind, same.default), (name, param)
