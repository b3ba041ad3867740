"""AsyncHistory: a HistoryStore on its own thread, offered as coroutines.

Every public method of :class:`~.store.HistoryStore` is here as a coroutine with the same
arguments (``await hist.list_conversations()``); exceptions arrive as the same types.
Calls run one at a time, in the order their coroutines start, on a single worker thread
that owns the SQLite connection — so the UI thread never waits on the disk. Works with any
asyncio loop, qasync's included (only ``asyncio.wrap_future`` is used).

Cancelling an awaiting task does not cancel the database work: a write that was submitted
still happens (it is short), which keeps the order of writes intact.
"""

from __future__ import annotations

import asyncio
import functools
import types
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from app.core.history.store import HistoryStore

T = TypeVar("T")
P = ParamSpec("P")


class _Mirror(Generic[P, T]):
    """A :class:`HistoryStore` method offered on :class:`AsyncHistory` as a coroutine with the
    same arguments, run on the history's thread.

    Declared once per method in the class body (not set in a loop at import time) so a type
    checker sees each one with the store's own parameters and an awaitable result."""

    def __init__(self, method: Callable[Concatenate[HistoryStore, P], T]) -> None:
        name = method.__name__

        @functools.wraps(method)
        async def call(history: AsyncHistory, *args: Any, **kwargs: Any) -> Any:
            return await history._submit(getattr(history._store, name), *args, **kwargs)

        self.coroutine = call

    @overload
    def __get__(self, history: None, owner: type) -> Callable[..., Coroutine[Any, Any, T]]: ...
    @overload
    def __get__(self, history: AsyncHistory,
                owner: type) -> Callable[P, Coroutine[Any, Any, T]]: ...

    def __get__(self, history: AsyncHistory | None, owner: type) -> Callable[..., Any]:
        # Like a plain method: the coroutine function on the class, bound on an instance.
        return self.coroutine if history is None else types.MethodType(self.coroutine, history)


class AsyncHistory:
    """``async with AsyncHistory() as hist: ...`` or ``await hist.open()`` …
    ``await hist.close()``."""

    def __init__(self, path: Path | str | None = None) -> None:
        self._store = HistoryStore(path)
        self._executor = ThreadPoolExecutor(max_workers=1,
                                            thread_name_prefix="parley-history")
        self._closed = False

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def attachments_dir(self) -> Path:
        """Where the history keeps images (see :mod:`.attachments`)."""
        return self._store.attachments_dir

    def _submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> asyncio.Future[T]:
        if self._closed:
            raise RuntimeError("AsyncHistory is closed")
        return asyncio.wrap_future(self._executor.submit(fn, *args, **kwargs))

    async def run(self, fn: Callable[[HistoryStore], T]) -> T:
        """Run ``fn(store)`` on the history thread: several steps in one hop, or anything
        the methods do not cover. ``fn`` must not keep the store."""
        return await self._submit(fn, self._store)

    async def open(self) -> AsyncHistory:
        await self._submit(self._store.open)
        return self

    async def close(self) -> None:
        """Finish the calls already made, close the database on its thread, end the
        thread. Safe to call twice."""
        if self._closed:
            return
        future = self._submit(self._store.close)
        self._closed = True
        try:
            await future
        finally:
            self._executor.shutdown(wait=False)

    def close_sync(self) -> None:
        """:meth:`close` for when no loop is running (e.g. at interpreter exit)."""
        if not self._closed:
            self._closed = True
            self._executor.submit(self._store.close).result()
            self._executor.shutdown(wait=True)

    async def __aenter__(self) -> AsyncHistory:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ----- the store's methods, as coroutines (tests check that none is missing) ----------

    create_conversation = _Mirror(HistoryStore.create_conversation)
    get_conversation = _Mirror(HistoryStore.get_conversation)
    list_conversations = _Mirror(HistoryStore.list_conversations)
    rename = _Mirror(HistoryStore.rename)
    set_title = _Mirror(HistoryStore.set_title)
    set_pinned = _Mirror(HistoryStore.set_pinned)
    set_draft = _Mirror(HistoryStore.set_draft)
    set_params = _Mirror(HistoryStore.set_params)
    delete = _Mirror(HistoryStore.delete)
    restore = _Mirror(HistoryStore.restore)
    purge_deleted = _Mirror(HistoryStore.purge_deleted)
    add_message = _Mirror(HistoryStore.add_message)
    begin_answer = _Mirror(HistoryStore.begin_answer)
    checkpoint = _Mirror(HistoryStore.checkpoint)
    finish_answer = _Mirror(HistoryStore.finish_answer)
    get_message = _Mirror(HistoryStore.get_message)
    siblings = _Mirror(HistoryStore.siblings)
    active_path = _Mirror(HistoryStore.active_path)
    switch_branch = _Mirror(HistoryStore.switch_branch)
    search = _Mirror(HistoryStore.search)
    conversation_usage = _Mirror(HistoryStore.conversation_usage)
    recover_interrupted = _Mirror(HistoryStore.recover_interrupted)
    attachments_of = _Mirror(HistoryStore.attachments_of)
    attachment = _Mirror(HistoryStore.attachment)
    attachment_path = _Mirror(HistoryStore.attachment_path)
    attachment_bytes = _Mirror(HistoryStore.attachment_bytes)
    request_messages = _Mirror(HistoryStore.request_messages)
    add_generated_images = _Mirror(HistoryStore.add_generated_images)
    remove_stray_files = _Mirror(HistoryStore.remove_stray_files)


# Everything public on the store, except what AsyncHistory does its own way.
MIRRORED = tuple(name for name, member in vars(AsyncHistory).items()
                 if isinstance(member, _Mirror))
