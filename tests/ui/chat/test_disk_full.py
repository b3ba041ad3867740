"""The disk fills up while an answer streams. The full disk is SQLite's own: the history's
connection may not grow the file past the pages it has (``PRAGMA max_page_count``), so every
write that needs room fails with SQLITE_FULL, exactly as on a full disk; lifting the limit
is freeing space. The answer stays on screen, a plain notice says why it is not saved,
Send comes back, and once there is space the answer reaches the history after all."""

from __future__ import annotations

from app.core.history import HistoryStore
from tests.gateway import Fault
from tests.ui.flow import HELLO, type_and_send, until

LONG = "".join(f"Sentence {i} of a long answer that needs room on disk. " for i in range(300))


async def fill_disk(app) -> None:
    """From now on the history file cannot grow (max_page_count below its size means its
    size); a write that needs a new page fails with SQLITE_FULL."""
    await app.history.run(lambda store: store._db.execute("PRAGMA max_page_count = 1"))


async def free_space(app) -> None:
    await app.history.run(lambda store: store._db.execute("PRAGMA max_page_count = 4294967294"))


def stored(app, message_id: int) -> tuple[str, str]:
    with HistoryStore(app.history.path) as store:
        message = store.get_message(message_id)
    return message.content, message.status



def notice(app) -> str:
    return app.window.notice.text() if app.window.notice.isVisible() else ""


async def test_disk_full_mid_answer_keeps_the_answer_and_send_comes_back(parley, gateway):
    gateway.stream_text(LONG, chunks=150)
    gateway.add_fault(Fault(chunk_delay=0.01, path="completion"))
    await type_and_send(parley, "Tell me a long story")
    await until(lambda: "Sentence 1 " in parley.window.transcript.toPlainText())
    await fill_disk(parley)
    await until(lambda: "disk is full" in notice(parley))  # said at once, while it streams
    await until(lambda: not parley.controller.busy)

    answer = parley.controller.path[-1]
    assert answer.content == LONG and answer.status == "complete"
    assert "Sentence 299 of" in parley.window.transcript.toPlainText()  # all of it shown
    assert "not saved" in notice(parley) or "could not be saved" in notice(parley)
    assert parley.window.composer.send_button.isVisible()  # Stop is gone, Send is back
    assert stored(parley, answer.id)[1] == "streaming"  # the history could not keep it

    # Send while the disk is still full: refused, said, and the typed text stays.
    await type_and_send(parley, "Are you there?")
    await until(lambda: "full" in notice(parley) and not parley.controller.busy)
    assert parley.window.composer.text() == "Are you there?"

    await free_space(parley)
    gateway.reset()  # the next answer is the short default one
    parley.window.composer.send_button.click()
    await until(lambda: parley.controller.path[-1].role == "assistant"
                and parley.controller.path[-1].status == "complete"
                and parley.controller.path[-1].content == HELLO)
    assert parley.window.composer.text() == ""
    # What could not be saved was saved before the first write that could be made.
    assert stored(parley, answer.id) == (LONG, "complete")
    assert stored(parley, parley.controller.path[-1].id) == (HELLO, "complete")


async def test_disk_full_then_stop_keeps_what_is_shown(parley, gateway):
    gateway.stream_text(LONG, chunks=300)
    gateway.add_fault(Fault(chunk_delay=0.02, path="completion"))
    await type_and_send(parley, "Tell me a long story")
    await until(lambda: "Sentence 20 " in parley.window.transcript.toPlainText())
    await fill_disk(parley)
    await until(lambda: "disk is full" in notice(parley))
    parley.window.composer.stop_button.click()
    await until(lambda: not parley.controller.busy)
    answer = parley.controller.path[-1]
    assert answer.status == "stopped" and answer.content.startswith("Sentence 0 ")
    assert "Sentence 20 " in answer.content
    assert answer.content[-40:].strip() in parley.window.transcript.toPlainText()
    assert parley.window.composer.send_button.isVisible()
    await free_space(parley)
    gateway.reset()
    await type_and_send(parley, "Go on")
    await until(lambda: parley.controller.path[-1].content == HELLO)
    assert stored(parley, answer.id) == (answer.content, "stopped")
