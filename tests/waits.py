"""Waiting in tests for the thing itself, never for a fixed time: a fixed sleep is too short
on a loaded machine (a flaky test) and longer than needed everywhere else (a slow one). To
show that something did NOT happen, first wait for what would have made it happen (the
request reached the gateway, the task ended, the queued call ran), then assert."""

from __future__ import annotations

import asyncio


async def until(predicate, timeout=10.0):
    """Wait (on the running loop) until ``predicate()`` is true; AssertionError after
    ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


async def tasks_done(name: str, timeout: float = 10.0) -> int:
    """Wait until every task of the running loop called ``name`` has ended; return how many
    were running. AssertionError if some still run after ``timeout`` seconds."""
    running = [t for t in asyncio.all_tasks() if t.get_name() == name]
    if running:
        _done, pending = await asyncio.wait(running, timeout=timeout)
        if pending:
            raise AssertionError(f"{len(pending)} task(s) {name!r} still running")
    return len(running)


def queued_calls_done(qtbot, receiver, timeout: int = 5000) -> None:
    """Outside a coroutine: wait until every call already queued on the GUI thread for
    ``receiver`` (queued signals, zero-delay timers) has run. They run in order, so a
    zero-delay call queued now runs after all of them."""
    from PySide6.QtCore import QTimer

    ran = []
    QTimer.singleShot(0, receiver, lambda: ran.append(True))
    qtbot.waitUntil(lambda: bool(ran), timeout=timeout)
