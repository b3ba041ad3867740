"""Deleting a chat: "Deleted “…”" and Undo side by side in the status bar, both readable (the
button used to sit on top of the message), in a full-size window and in one as narrow as a
1280-pixel screen gives at QT_SCALE_FACTOR=2."""

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QPushButton

from tests.ui.flow import type_and_send, until


def undo_buttons(app):
    return [b for b in app.window.status.findChildren(QPushButton)
            if b.text() == "Undo" and b.isVisible()]


def deleted_labels(app):
    return [label for label in app.window.status.findChildren(QLabel)
            if label.text().startswith("Deleted") and label.isVisible()]


def box(widget, ancestor):
    """Where ``widget`` is, in ``ancestor``'s coordinates."""
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


async def make_chats(app, *titles):
    for title in titles:
        app.window.sidebar.new_button.click()
        await until(lambda: app.controller.conversation is None)
        await type_and_send(app, title)
        await until(lambda: len(app.controller.path) == 2 and not app.controller.busy)


@pytest.mark.parametrize("width", [1180, 640])
async def test_the_message_and_undo_sit_side_by_side(parley, width):
    long_title = "A very long question about the second derivative of a function " * 2
    await make_chats(parley, long_title.strip())
    parley.window.resize(width, 600)
    title = (await parley.history.get_conversation(parley.controller.conversation.id)).title
    parley.window.sidebar.deleteRequested.emit(parley.controller.conversation.id)
    await until(lambda: undo_buttons(parley) and deleted_labels(parley))
    [button], [label] = undo_buttons(parley), deleted_labels(parley)
    status = parley.window.status
    label_box, button_box = box(label, status), box(button, status)
    assert not label_box.intersects(button_box)
    assert status.rect().contains(label_box) and status.rect().contains(button_box)
    assert label.width() >= label.sizeHint().width()  # the whole text shows, nothing cut
    assert label.text().startswith("Deleted “A very long question") and "”" in label.text()
    assert label.toolTip() == f"Deleted “{title}”" and len(label.text()) < len(label.toolTip())
    assert status.currentMessage() == ""  # nothing painted underneath either


async def test_undo_brings_the_chat_back_and_the_note_goes(parley):
    await make_chats(parley, "Keep me")
    kept = parley.controller.conversation.id
    parley.window.sidebar.deleteRequested.emit(kept)
    await until(lambda: undo_buttons(parley))
    assert [c.id for c in await parley.history.list_conversations()] == []
    undo_buttons(parley)[0].click()
    await until(lambda: not undo_buttons(parley) and not deleted_labels(parley))
    await until(lambda: parley.window.sidebar.tree.topLevelItemCount() == 2)
    assert [c.id for c in await parley.history.list_conversations()] == [kept]


async def test_a_second_delete_replaces_the_note(parley):
    await make_chats(parley, "First", "Second")
    first, second = (c.id for c in reversed(await parley.history.list_conversations()))
    parley.window.sidebar.deleteRequested.emit(first)
    await until(lambda: deleted_labels(parley))
    parley.window.sidebar.deleteRequested.emit(second)
    await until(lambda: deleted_labels(parley)
                and deleted_labels(parley)[0].text() == "Deleted “Second”")
    assert len(undo_buttons(parley)) == 1 and len(deleted_labels(parley)) == 1


async def test_the_note_goes_after_its_time(parley, monkeypatch):
    from app.ui.sidebar import conversation_list

    monkeypatch.setattr(conversation_list, "UNDO_SECONDS", 0.2)
    await make_chats(parley, "Gone")
    parley.window.sidebar.deleteRequested.emit(parley.controller.conversation.id)
    await until(lambda: deleted_labels(parley))
    await until(lambda: not deleted_labels(parley) and not undo_buttons(parley))
    assert parley.window.status.findChildren(QLabel, "undoNoteText") == []
