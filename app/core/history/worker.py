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
import inspect
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from app.core.history.store import HistoryStore

T = TypeVar("T")


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


def _mirror(name: str) -> Callable[..., Any]:
    method = getattr(HistoryStore, name)

    @functools.wraps(method)
    async def call(self: AsyncHistory, *args: Any, **kwargs: Any) -> Any:
        return await self._submit(getattr(self._store, name), *args, **kwargs)

    return call


# Everything public on the store, except what AsyncHistory does its own way.
MIRRORED = tuple(
    name for name, member in inspect.getmembers(HistoryStore, inspect.isfunction)
    if not name.startswith("_") and name not in ("open", "close"))
for _name in MIRRORED:
    setattr(AsyncHistory, _name, _mirror(_name))
