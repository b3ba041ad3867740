"""Editing a question is a mode, through the whole window against the loopback gateway: the
composer says so and offers Cancel (and Esc); what was typed and staged before is set aside
and comes back; sending while editing starts a new branch; after Cancel, Send is a plain
send again."""

import pytest
from PySide6.QtCore import Qt

from app.ui.images.offered import Offered
from tests import imagegen
from tests.ui.flow import type_and_send, until


@pytest.fixture
def diagram(tmp_path):
    path = tmp_path / "diagram.png"
    path.write_bytes(imagegen.encode(imagegen.screenshot((400, 300)), "PNG"))
    return path


def answered(app, length):
    return (len(app.controller.path) == length and not app.controller.busy
            and app.controller.path[-1].status == "complete")


async def two_questions(app):
    await type_and_send(app, "First question")
    await until(lambda: answered(app, 2))
    await type_and_send(app, "Second question")
    await until(lambda: answered(app, 4))
    return app.controller.path


async def stage(app, text, image):
    """A draft being written, with an image ready to go with it."""
    composer = app.window.composer
    composer.edit.setFocus()
    composer.edit.insertPlainText(text)  # typed: announced as the draft
    app.window.imagesDropped.emit([Offered("path", str(image), image.name)])
    await until(lambda: all(p.prepared for p in app.controller.pending.items.values()))


def edit(app, message):
    app.window.transcript.actionRequested.emit("action", f"edit:{message.id}")


async def test_cancel_puts_back_the_draft_and_images_and_send_is_plain_again(
        parley, gateway, diagram):
    first, *_ = await two_questions(parley)
    composer = parley.window.composer
    await stage(parley, "A half-written third question", diagram)

    edit(parley, first)
    assert composer.text() == "First question"
    assert composer.strip.names() == []  # the first question had no image
    assert composer.edit_bar.isVisible() and "Editing your question" in \
        composer.edit_label.text()
    assert "new branch" in parley.window.notice.text()

    composer.edit.insertPlainText(" (changed my mind)")
    composer.cancel_edit_button.click()
    assert composer.text() == "A half-written third question"
    assert composer.strip.names() == ["diagram.png"]
    assert not composer.edit_bar.isVisible() and not parley.window.notice.isVisible()

    composer.send_button.click()  # a plain send: at the end, not a branch
    await until(lambda: answered(parley, 6))
    third = parley.controller.path[4]
    assert third.content == "A half-written third question"
    assert third.parent_id == parley.controller.path[3].id and third.sibling_count == 1
    assert [a.name for a in third.attachments] == ["diagram.png"]
    assert len(gateway.received_images()) == 1


async def test_escape_cancels_the_edit(parley, qtbot):
    first, *_ = await two_questions(parley)
    window = parley.window
    window.activateWindow()
    await until(window.isActiveWindow)
    window.composer.set_text("my draft")
    edit(parley, first)
    assert window.composer.text() == "First question"
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)
    assert window.composer.text() == "my draft" and not window.composer.edit_bar.isVisible()
    assert not parley.controller.chat.editing


async def test_sending_the_edit_starts_a_branch_and_brings_back_the_draft(
        parley, gateway, diagram):
    first, *_ = await two_questions(parley)
    composer = parley.window.composer
    await stage(parley, "Still writing this", diagram)
    edit(parley, first)
    await type_and_send(parley, "First question, better")
    await until(lambda: answered(parley, 2) and parley.controller.path[0].id != first.id)
    edited = parley.controller.path[0]
    assert edited.content == "First question, better" and edited.sibling_count == 2
    assert gateway.received_images() == []  # the draft's image was not sent with the edit
    assert composer.text() == "Still writing this" and composer.strip.names() == ["diagram.png"]
    assert not composer.edit_bar.isVisible()
    await type_and_send(parley, "Still writing this")  # now a plain send, with its image
    await until(lambda: answered(parley, 4))
    assert parley.controller.path[2].parent_id == parley.controller.path[1].id
    assert len(gateway.received_images()) == 1


async def test_the_draft_in_the_history_is_not_the_edited_text(parley):
    first, *_ = await two_questions(parley)
    conversation = parley.controller.conversation.id
    composer = parley.window.composer
    composer.edit.setFocus()
    composer.edit.insertPlainText("my real draft")
    edit(parley, first)
    composer.edit.insertPlainText(" typed while editing")  # the draft timer runs
    parley.window.sidebar.new_button.click()  # leaving the chat ends the edit
    await until(lambda: parley.controller.conversation is None)
    assert (await parley.history.get_conversation(conversation)).draft == "my real draft"
    assert not composer.edit_bar.isVisible() and not parley.controller.chat.editing


async def test_an_image_that_fails_while_set_aside_does_not_come_back(tmp_path):
    from app.ui.images.pending import PendingImages
    from tests.ui.chat.fake_view import FakeComposer

    composer = FakeComposer()
    problems = []
    pending = PendingImages(composer, download=None, history=None)
    pending.problem.connect(problems.append)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    pending.offer([Offered("path", str(broken), broken.name)])
    pending.set_aside()  # an edit began while it was being prepared
    assert composer.strip.keys == [] and not pending
    await until(lambda: problems)
    assert "broken.png" in problems[0]
    pending.bring_back()
    assert composer.strip.keys == [] and not pending


async def test_while_editing_only_what_comes_before_counts_against_the_model(parley):
    """The budget for documents weighs the path the edited question will follow."""
    path = await two_questions(parley)
    chat = parley.controller.chat
    assert chat.earlier() == path
    parley.controller.editing.begin(path[2])  # the second question: after the first answer
    assert chat.earlier() == path[:2]
    parley.controller.editing.begin(path[0])  # the first: nothing before it
    assert chat.earlier() == []
    parley.controller.editing.cancel()
    assert chat.earlier() == path
