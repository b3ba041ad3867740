"""Streaming inside the Qt event loop (qasync) over a real loopback socket.

PySide6 6.12.0 on Python < 3.12 drops a reference to True on every signal disconnect, and
qasync disconnects on every socket read: after a few dozen streamed answers the process dies
with "Fatal Python error: bool_dealloc". MockTransport never touches a socket and would not
catch it, so this streams thousands of real chunks through qasync's socket notifiers.
"""

import sys

import pytest

PySide6 = pytest.importorskip("PySide6")
qasync = pytest.importorskip("qasync")

from app.core.gateway.chat import ChatRequest, collect, message  # noqa: E402
from app.core.gateway.client import Gateway  # noqa: E402
from tests.conftest import TEST_KEY, profile_for  # noqa: E402
from tests.gateway import Fault  # noqa: E402

HELLO = "Hello! How can I assist you today?"


def test_installed_pyside_avoids_the_known_crash():
    if sys.version_info < (3, 12):
        assert PySide6.__version__ != "6.12.0"


def test_thousands_of_chunks_through_the_qt_loop(qapp, gateway):
    deltas = [f"詞{i} " for i in range(1500)]
    big = "".join(deltas)
    loop = qasync.QEventLoop(qapp)

    async def run():
        results = []
        async with Gateway(profile_for(gateway, "apim"), TEST_KEY) as g:
            for _ in range(40):  # many short answers: 40 × 14 events
                results.append((await collect(g.stream_chat(ChatRequest([message("user", "Hi")])))).text)
            gateway.stream_text(big, chunks=deltas)
            gateway.add_fault(Fault(chunk_size=97))  # reads land mid-event and mid-character
            large = await collect(g.stream_chat(ChatRequest([message("user", "long")])))
        return results, large

    try:
        results, large = loop.run_until_complete(run())
    finally:
        loop.close()
    assert results == [HELLO] * 40
    assert large.error is None and large.text == big and large.finish_reason == "stop"
