"""The Qt loop: timers fire inside async tests, abandoned async generators are closed as
tasks, and shutdown cancels what is left."""

import asyncio

from PySide6.QtCore import QTimer

from app.ui.runtime.loop import QtLoop, cancel_all_tasks
from app.ui.runtime.tasks import start_task


async def test_runs_on_the_qt_loop_and_timers_fire():
    assert isinstance(asyncio.get_running_loop(), QtLoop)
    fired = asyncio.get_running_loop().create_future()
    QTimer.singleShot(10, lambda: fired.set_result(True))
    assert await asyncio.wait_for(fired, 2)


async def test_abandoned_async_generator_is_closed_in_a_task():
    closed = []

    async def agen():
        try:
            yield 1
            yield 2
        finally:
            await asyncio.sleep(0)  # needs a running loop and a task: the bug in qasync
            closed.append(asyncio.current_task() is not None)

    gen = agen()
    assert await gen.__anext__() == 1
    del gen  # the last reference: CPython finalizes it now, through the loop's hook
    for _ in range(5):
        await asyncio.sleep(0)
    assert closed == [True]


async def test_cancel_all_tasks_waits_for_cleanup():
    cleaned = []

    async def worker():
        try:
            await asyncio.sleep(30)
        finally:
            cleaned.append(True)

    task = start_task(worker(), name="worker")
    await asyncio.sleep(0)
    await cancel_all_tasks()
    assert task.cancelled() and cleaned == [True]


def test_work_run_after_run_until_complete_still_sees_its_loop(qapp):
    """qasync processes pending Qt events once more after ``run_until_complete`` has stopped
    the loop, and Qt processes them wherever ``processEvents`` is called (pytest-qt does,
    between a fixture and its test). Callbacks and task steps run there must still find their
    loop: anyio (under httpx) asks for the current task when a connection opens, and without
    a running loop the request failed at random ("no running event loop"), e.g. a balance
    refresh begun just before a test fixture returned."""
    loop = QtLoop(qapp)
    seen = []

    def chain(left):
        seen.append(asyncio._get_running_loop())
        if left:
            loop.call_soon(chain, left - 1)

    async def starts_work_and_returns():
        loop.call_soon(chain, 50)

    try:
        loop.run_until_complete(starts_work_and_returns())
        assert seen, "nothing ran"
        assert all(found is loop for found in seen)
        assert asyncio._get_running_loop() is None  # and nothing leaks past it
        seen.clear()
        later = []
        loop.call_soon(lambda: later.append(asyncio._get_running_loop()))
        for _ in range(100):
            qapp.processEvents()
        assert later == [loop] and all(found is loop for found in seen)
        assert asyncio._get_running_loop() is None
    finally:
        loop.close()
