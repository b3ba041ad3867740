"""The event loop Parley's asyncio code runs on: Qt's, through qasync.

Threading: everything here runs on the GUI thread. Coroutines started with
:func:`~app.ui.runtime.tasks.start_task` run on that same thread between Qt events, so they
may touch widgets; anything slow (SQLite writes of size, image decoding) goes to a worker
thread instead.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import qasync
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


class QtLoop(qasync.QEventLoop):
    """qasync's loop plus the async-generator hooks asyncio's own loops install.

    Without them an async generator abandoned mid-iteration (an httpx stream, say) is
    finalized synchronously by the garbage collector, outside any task, and its cleanup
    fails ("async generator ignored GeneratorExit", anyio cancel-scope errors). With them,
    the loop schedules ``aclose()`` as a task, as plain asyncio does.

    Also: every callback and task step runs with this loop set as the running loop. qasync
    runs them from Qt timer events, and Qt also delivers those events outside ``run_forever``:
    in the pass qasync makes after ``run_until_complete`` (at shutdown), and wherever else Qt
    events are processed (pytest-qt between a fixture and its test). Without a running loop
    there, anyio (under httpx) failed while opening a connection, and the request died at
    random ("no running event loop").
    """

    _saved_hooks: Any = None

    def __init__(self, app: QApplication | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        self._timer = _RunningTimer(self)

    def _before_run_forever(self) -> None:
        super()._before_run_forever()
        self._saved_hooks = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter_hook,
                               finalizer=self._asyncgen_finalizer_hook)

    def _after_run_forever(self) -> None:
        if self._saved_hooks is not None:
            sys.set_asyncgen_hooks(*self._saved_hooks)
            self._saved_hooks = None
        super()._after_run_forever()


class _RunningTimer(qasync._SimpleTimer):
    """qasync's callback timer, run with its loop as the running loop (see QtLoop)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._loop = loop

    def timerEvent(self, event) -> None:
        if asyncio.events._get_running_loop() is not None:
            super().timerEvent(event)
            return
        asyncio.events._set_running_loop(self._loop)
        try:
            super().timerEvent(event)
        finally:
            asyncio.events._set_running_loop(None)


async def cancel_all_tasks() -> None:
    """Cancel every other task and wait for them, so none dies later with "no running event
    loop" after the loop has stopped; then close abandoned async generators."""
    loop = asyncio.get_running_loop()
    current = asyncio.current_task()
    pending = [t for t in asyncio.all_tasks(loop) if t is not current and not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    await loop.shutdown_asyncgens()


def run_app(app: QApplication, before_close: Callable[[], Awaitable[Any]] | None = None) -> int:
    """Run the Qt application on a :class:`QtLoop` until it quits; then ``before_close``
    (store what is pending), then cancel and await whatever still runs. Returns the exit
    code."""
    loop = QtLoop(app)
    asyncio.set_event_loop(loop)
    try:
        code = loop.run_forever()
        if before_close is not None:
            loop.run_until_complete(before_close())
        loop.run_until_complete(cancel_all_tasks())
    finally:
        asyncio.set_event_loop(None)
        loop.close()
    return int(code or 0)
