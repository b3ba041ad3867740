"""The one path for failure: every task ends its busy state and shows what went wrong."""

import asyncio

import pytest

from app.core.errors import AuthError, ConfigError, register_secret
from app.ui.runtime import tasks
from app.ui.runtime.tasks import Failure, describe, start_task


class Busy:
    def __init__(self):
        self.states = []

    def set_busy(self, busy):
        self.states.append(busy)


@pytest.fixture
def shown():
    seen: list[Failure] = []
    tasks.set_reporter(seen.append)
    yield seen
    tasks.set_reporter(None)


async def test_busy_ends_and_the_failure_is_shown_whatever_escapes(shown):
    busy = Busy()

    async def broken():
        raise RuntimeError("the disk said no")

    task = start_task(broken(), name="t", busy=busy)
    await asyncio.gather(task, return_exceptions=True)
    await asyncio.sleep(0)  # done callbacks run on the next pass
    assert busy.states == [True, False]
    (failure,) = shown
    assert failure.title == "Something went wrong inside Parley"
    assert "RuntimeError: the disk said no" in failure.message and "kept" in failure.hint


async def test_cancelled_is_not_a_failure_but_ends_busy(shown):
    busy = Busy()
    task = start_task(asyncio.sleep(10), busy=busy)
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await asyncio.sleep(0)
    assert busy.states == [True, False] and shown == []


async def test_a_task_with_its_own_place_reports_there(shown):
    own: list[Failure] = []

    async def refused():
        raise AuthError("HTTP 401", hint="check the key")

    await asyncio.gather(start_task(refused(), report=own.append), return_exceptions=True)
    await asyncio.sleep(0)
    assert shown == [] and own[0].title == "Your key was refused"
    assert own[0].text() == "Your key was refused: HTTP 401 — check the key"


def test_failures_never_show_a_key():
    register_secret("sk-secret-key-123456789")
    failure = describe(ConfigError("bad key sk-secret-key-123456789", hint="sk-secret-key-123456789"))
    assert "sk-secret" not in failure.text() and failure.title == "A setting needs attention"
    assert "sk-secret" not in describe(ValueError("sk-secret-key-123456789")).text()
