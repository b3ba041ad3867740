"""A gateway that goes quiet mid-answer: what is on screen reaches the history within about
a second all the same (a checkpoint on a timer, not only when text arrives), so a user who
force-quits the hung app loses at most the last second — in the main window, in quick ask,
and when the process is killed for real (SIGKILL, no cleanup)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from app.core.history import HistoryStore
from app.core.instance_protocol import InstanceRequest
from tests.conftest import style_env
from tests.gateway import Fault
from tests.ui.flow import start_app, stop_app, type_and_send, until

ROOT = Path(__file__).resolve().parents[3]
SHOWN = "The first part of a long answer"
# The promise is "at most the last second is lost"; the rest is slack for a loaded machine.
WITHIN = 2.0


def stored_answer(path: Path) -> tuple[str, str]:
    """The newest assistant message (text, status), read on a connection of our own, as
    the next start of Parley (or a second process) would see it."""
    with HistoryStore(path) as store:
        row = store._db.execute("SELECT content, status FROM messages WHERE role = 'assistant'"
                                " ORDER BY id DESC LIMIT 1").fetchone()
    return tuple(row) if row else ("", "")


@pytest.fixture
async def parley(gateway, monkeypatch, qtbot):
    app = await start_app(gateway, monkeypatch)
    yield app
    if app.quick.window is not None:
        app.quick.window.close()
        app.quick.window.deleteLater()
    await stop_app(app)


async def test_a_stalled_answer_reaches_the_history_within_a_second(parley, gateway):
    gateway.add_fault(Fault.stalling(SHOWN))
    await type_and_send(parley, "Tell me a long story")
    await until(lambda: SHOWN in parley.window.transcript.toPlainText())
    await until(lambda: stored_answer(parley.history.path) == (SHOWN, "streaming"),
                timeout=WITHIN)
    parley.window.composer.stop_button.click()
    await until(lambda: not parley.controller.busy)
    assert stored_answer(parley.history.path) == (SHOWN, "stopped")


async def test_a_stalled_quick_ask_answer_reaches_the_history_within_a_second(parley, gateway):
    gateway.add_fault(Fault.stalling(SHOWN))
    QGuiApplication.clipboard().setText("Some text to explain")
    parley.handle_request(InstanceRequest("quick-ask"))
    await until(lambda: parley.quick.window is not None and parley.quick.window.isVisible())
    parley.quick.window.question.returnPressed.emit()
    await until(lambda: SHOWN in parley.quick.window.answer.toPlainText())
    await until(lambda: stored_answer(parley.history.path) == (SHOWN, "streaming"),
                timeout=WITHIN)
    parley.quick.stop()
    await until(lambda: stored_answer(parley.history.path)[1] == "stopped")


# The real app in a process of its own: ask, and say when the answer's text is on screen.
CHILD = f"""
SHOWN = {SHOWN!r}
import asyncio
from PySide6.QtWidgets import QApplication
from app.ui.runtime.loop import QtLoop
app = QApplication([])
loop = QtLoop(app)
asyncio.set_event_loop(loop)
from app.ui.wiring import App

async def ask():
    parley = App()
    parley.show()
    await parley.ready
    parley.window.composer.set_text("Tell me a long story")
    parley.window.composer.send_button.click()
    while SHOWN not in parley.window.transcript.toPlainText():
        await asyncio.sleep(0.02)
    print("shown", flush=True)

loop.run_until_complete(ask())
loop.run_forever()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_while_the_gateway_is_quiet_keeps_what_was_shown(gateway, tmp_path):
    gateway.add_fault(Fault.stalling(SHOWN))
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    env.update(style_env(gateway, "apim"), PARLEY_HOME=str(home), PYTHONPATH=str(ROOT),
               QT_QPA_PLATFORM="offscreen",
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "shown", "the child died on its own"
        time.sleep(WITHIN)  # the gateway stays quiet: no delta will come to trigger a save
        child.send_signal(signal.SIGKILL)  # a force-quit: no cleanup, no atexit
    finally:
        child.kill()
        child.wait(timeout=10)
        child.stdout.close()
    [database] = home.rglob("history.sqlite3")
    assert stored_answer(database) == (SHOWN, "streaming")
    with HistoryStore(database) as store:
        assert store.recover_interrupted() == 1  # the next start marks it interrupted
