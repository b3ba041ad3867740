"""UI tests: async tests run on the real Qt event loop (qasync), so QTimer, signals and
sockets all work inside them. Never call qtbot.wait* inside a coroutine (it hangs); await
asyncio.sleep or a future instead."""

import gc

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.runtime.loop import QtLoop


def pytest_asyncio_loop_factories(config, item):
    return {"qt": lambda: QtLoop(QApplication.instance() or QApplication([]))}


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """The QApplication exists before any loop is built; after each test, this test's
    garbage is collected here, on the GUI thread."""
    yield qapp
    gc.collect()


@pytest.fixture
async def parley(gateway, monkeypatch, qtbot):
    """The whole app against the loopback gateway (tests/ui/flow.py), stopped after the
    test. A test file that needs more around it defines its own."""
    from tests.ui.flow import start_app, stop_app

    app = await start_app(gateway, monkeypatch)
    yield app
    await stop_app(app)
