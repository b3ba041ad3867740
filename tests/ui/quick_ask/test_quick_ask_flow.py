"""Quick ask through the real app against the loopback gateway: clipboard text or image in,
an action or a question, the answer streaming in the small window, kept in the history."""

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from app.core.instance_protocol import InstanceRequest
from app.ui.chat.answer_stream import AnswerStream
from tests import imagegen
from tests.ui.flow import HELLO, start_app, stop_app, until


@pytest.fixture
async def parley(gateway, monkeypatch, qtbot):
    app = await start_app(gateway, monkeypatch)
    yield app
    if app.quick.window is not None:
        app.quick.window.close()
        app.quick.window.deleteLater()
    await stop_app(app)


def quick_window(app):
    return app.quick.window


async def open_quick_ask(app):
    app.handle_request(InstanceRequest("quick-ask"))
    await until(lambda: quick_window(app) is not None and quick_window(app).isVisible())
    return quick_window(app)


async def test_text_on_the_clipboard_is_explained_on_enter(parley, gateway):
    QGuiApplication.clipboard().setText("The mitochondria is the powerhouse of the cell.\n\n\n")
    window = await open_quick_ask(parley)
    assert "powerhouse" in window.clip.text()
    assert window.question.hasFocus() or QGuiApplication.focusWindow() is None  # offscreen
    window.question.returnPressed.emit()  # Enter with nothing typed: explain
    await until(lambda: parley.quick.answer is not None
                and parley.quick.answer.status == "complete")
    assert HELLO in window.answer.toPlainText()
    # The finished stream (deltas, blocks, HTML) is let go, not kept as a child for the day.
    await until(lambda: not any(isinstance(c, AnswerStream) for c in parley.quick.children()))
    chat = [r for r in gateway.requests if r.method == "POST"][-1]  # not the balance's GET
    sent = chat.json["messages"]
    assert sent[-1]["role"] == "user" and "powerhouse" in sent[-1]["content"]
    [conversation] = await parley.history.list_conversations()
    assert conversation.title.startswith("Explain")
    path = await parley.history.active_path(conversation.id)
    assert [m.role for m in path] == ["user", "assistant"] and path[1].content == HELLO

    window.copy_button.click()
    assert QGuiApplication.clipboard().text() == HELLO
    window.open_button.click()  # continue in the main window
    await until(lambda: parley.controller.conversation is not None
                and parley.controller.conversation.id == conversation.id)
    assert parley.window.isVisible() and not window.isVisible()


async def test_image_on_the_clipboard_is_sent_downscaled(parley, gateway):
    image = QImage.fromData(imagegen.encode(imagegen.photo((2600, 1400)), "JPEG"))
    QGuiApplication.clipboard().setImage(image)
    window = await open_quick_ask(parley)
    await until(lambda: window.clip_image.isVisible() and not window.clip_image.pixmap().isNull())
    window.action_buttons["translate-en"].click()
    await until(lambda: parley.quick.answer is not None
                and parley.quick.answer.status == "complete")
    [received] = gateway.received_images()
    assert max(received.width, received.height) == 2048
    [conversation] = await parley.history.list_conversations()
    question = (await parley.history.active_path(conversation.id))[0]
    assert len(question.attachments) == 1 and "English" in question.content


async def test_nothing_to_ask_says_so_and_sends_nothing(parley, gateway):
    QGuiApplication.clipboard().clear()
    window = await open_quick_ask(parley)
    before = len(chats(gateway))  # start-up's balance request may land at any time: not counted
    window.question.returnPressed.emit()
    await until(lambda: window.status.text() != "")
    assert "clipboard is empty" in window.status.text()
    assert len(chats(gateway)) == before and parley.quick.answer is None


def chats(gateway) -> list:
    """The chat requests the gateway received (not the balance or other endpoints)."""
    return [r for r in list(gateway.requests) if "completion" in r.path]


async def test_the_hotkey_and_the_tray_open_it(parley):
    QGuiApplication.clipboard().setText("hotkey text")
    parley.hotkey.activated.emit()
    await until(lambda: quick_window(parley) is not None and quick_window(parley).isVisible())
    quick_window(parley).close()
    parley.tray.quickAskRequested.emit()
    await until(lambda: quick_window(parley).isVisible())
    assert "hotkey text" in quick_window(parley).clip.text()


async def test_quick_ask_shows_no_new_chat_panel(parley):
    """The main window's new-chat panel (greeting, example prompts) is not quick ask's:
    its answer area stays plain before and while it answers."""
    from PySide6.QtWidgets import QAbstractButton

    from app.ui.chat.transcript.empty import EmptyState

    QGuiApplication.clipboard().setText("Photosynthesis")
    window = await open_quick_ask(parley)
    assert window.answer.empty_state is None and not window.answer.findChildren(EmptyState)
    window.answer.sync()
    assert not [b for b in window.answer.findChildren(QAbstractButton) if b.isVisible()]
