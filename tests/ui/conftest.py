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
