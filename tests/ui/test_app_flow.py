"""The whole window against the loopback gateway, on the Qt loop: as a user would."""


from app.ui.sidebar.panel import MESSAGE_ROLE
from tests.gateway import Fault
from tests.ui.flow import HELLO, type_and_send, until


async def test_send_streams_and_is_stored(parley, gateway):
    await type_and_send(parley, "Hello")
    # Wait on the outcome, not on "busy": a fast answer can flip busy on and off between polls.
    await until(lambda: len(parley.controller.path) == 2
                and parley.controller.path[-1].status == "complete" and not parley.controller.busy)
    text = parley.window.transcript.toPlainText()
    assert "Hello" in text and HELLO in text and "33 tokens" in text
    assert parley.window.composer.text() == ""
    conversations = await parley.history.list_conversations()
    assert [c.title for c in conversations] == ["Hello"]
    path = await parley.history.active_path(conversations[0].id)
    assert [(m.role, m.content, m.status) for m in path] == [
        ("user", "Hello", "complete"), ("assistant", HELLO, "complete")]
    assert parley.window.header.tokens.text() == "33 tokens"


async def test_stop_keeps_the_partial_answer(parley, gateway):
    gateway.stream_text("word " * 400, chunks=400)
    gateway.add_fault(Fault(chunk_delay=0.01, path="completion"))
    await type_and_send(parley, "Tell me a long story")
    await until(lambda: "word word" in parley.window.transcript.toPlainText())
    parley.window.composer.stop_button.click()
    await until(lambda: not parley.controller.busy)
    path = parley.controller.path
    assert path[-1].status == "stopped" and path[-1].content.startswith("word word")
    assert "Stopped" in parley.window.transcript.toPlainText()
    assert parley.window.notice.isVisible()


async def test_error_keeps_typed_text_and_shows_inline_retry(parley, gateway):
    gateway.add_fault(*[Fault(status=500, path="completion")] * 3)
    await type_and_send(parley, "Will this fail?")
    await until(lambda: parley.controller.path and parley.controller.path[-1].status == "error",
                timeout=15)
    text = parley.window.transcript.toPlainText()
    # A card, titled in plain words, its details (HTTP 500) folded, and Retry.
    assert "The gateway is having trouble" in text and "HTTP 500" in text and "Retry" in text
    card = parley.window.transcript.error_card(parley.controller.path[-1].id)
    assert card.accessibleName() == "The gateway is having trouble"
    assert card.isVisible() and not card.details.isVisible() and "HTTP 500" in card.details.text()
    # Retry makes a new answer in place of the failed one (no failed version to page past).
    card.retry.click()
    await until(lambda: parley.controller.path[-1].role == "assistant"
                and parley.controller.path[-1].status == "complete")
    assert HELLO in parley.window.transcript.toPlainText()
    assert parley.controller.path[-1].sibling_count == 1
    assert "HTTP 500" not in parley.window.transcript.toPlainText()


async def test_search_and_jump(parley, gateway):
    await type_and_send(parley, "first question about integrals")
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy)
    first = parley.controller.conversation.id
    parley.window.sidebar.new_button.click()
    await until(lambda: parley.controller.conversation is None)
    await type_and_send(parley, "second chat")
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy)
    parley.window.sidebar.search.setText("integrals")
    await until(lambda: parley.window.sidebar.tree.topLevelItemCount() == 2)
    hit = parley.window.sidebar.tree.topLevelItem(1)
    parley.window.sidebar.tree.itemActivated.emit(hit, 0)
    await until(lambda: parley.controller.conversation is not None
                and parley.controller.conversation.id == first)
    selections = parley.window.transcript.extraSelections()
    assert selections and selections[0].cursor.selectedText().lower() == "integrals"


async def test_a_finished_answer_is_not_rendered_again(parley, gateway, monkeypatch):
    """The streamed blocks are the final rendering; rendering a long answer again at its end
    froze the window for seconds (bench: 2.3 s at 100 KB)."""
    gateway.stream_text("## Title\n\n" + "Some *text* with `code`.\n\n" * 40 + "```python\nx = 1\n```",
                        chunks=60)
    calls = []
    real = parley.controller.renderer.render_full
    monkeypatch.setattr(parley.controller.renderer, "render_full",
                        lambda text: calls.append(text) or real(text))
    await type_and_send(parley, "long one")
    await until(lambda: len(parley.controller.path) == 2
                and parley.controller.path[-1].status == "complete" and not parley.controller.busy)
    assert calls == []
    text = parley.window.transcript.toPlainText()
    assert text.count("Some text with code.") == 40 and "Regenerate" in text
    answer = parley.controller.path[-1]
    parley.controller._action("copy", f"{answer.id}:0")  # the code block's Copy still works
    from PySide6.QtGui import QGuiApplication
    assert QGuiApplication.clipboard().text() == "x = 1"


async def test_a_search_hit_leaves_no_selection_behind(parley, gateway):
    """Opening a hit highlighted its word and left a cursor that selected everything added
    after it, in that chat and every chat opened later, until restart."""
    await type_and_send(parley, "first question about integrals")
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy)
    first = parley.controller.conversation.id
    parley.window.sidebar.search.setText("integrals")
    tree = parley.window.sidebar.tree
    await until(lambda: tree.topLevelItemCount() == 2  # the results' header and the hit
                and tree.topLevelItem(1).data(0, MESSAGE_ROLE))
    tree.itemActivated.emit(tree.topLevelItem(1), 0)
    await until(lambda: parley.window.transcript.extraSelections())
    transcript = parley.window.transcript
    assert not transcript.hasSelectedText()
    await type_and_send(parley, "and one more")  # more of the same chat, after the hit
    await until(lambda: len(parley.controller.path) == 4 and not parley.controller.busy)
    assert parley.controller.conversation.id == first
    assert not transcript.hasSelectedText()
    parley.window.sidebar.search.clear()
    parley.window.sidebar.new_button.click()
    await until(lambda: parley.controller.conversation is None)
    assert transcript.extraSelections() == []
    await type_and_send(parley, "a new chat")
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy)
    assert not transcript.hasSelectedText() and transcript.extraSelections() == []


async def test_a_new_chat_shows_its_empty_state_until_the_first_message(parley, gateway):
    from app.core.shortcuts import REGISTERED, HotkeyStatus

    transcript = parley.window.transcript
    state = transcript.empty_state
    assert state.isVisible() and transcript.toPlainText() == ""
    assert "Settings" in state.quick.text()  # no global shortcut registered (offscreen)
    parley.hotkey._set(HotkeyStatus(REGISTERED, "Ctrl+Alt+Space"))  # as register() does
    assert "Ctrl+Alt+Space" in state.quick.text()
    state.prompts[0].click()
    assert parley.window.composer.text() == state.prompts[0].text()
    assert parley.controller.path == []  # in the message box, not sent
    await type_and_send(parley, "Hello")
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy)
    assert not state.isVisible()
    parley.window.sidebar.new_button.click()
    await until(lambda: parley.controller.conversation is None and state.isVisible())
    assert transcript.toPlainText() == ""


async def test_down_then_enter_from_the_search_box_opens_a_hit(parley, gateway, qtbot):
    from PySide6.QtCore import Qt

    await type_and_send(parley, "a question about **integrals** and more")
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy)
    first = parley.controller.conversation.id
    parley.window.sidebar.new_button.click()
    await until(lambda: parley.controller.conversation is None)
    sidebar = parley.window.sidebar
    sidebar.search.setFocus()
    sidebar.search.setText("integrals")
    await until(lambda: sidebar.tree.topLevelItemCount() == 2
                and sidebar.tree.topLevelItem(0).text(0) == "1 result")
    qtbot.keyClick(sidebar.search, Qt.Key.Key_Down)
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_Return)
    await until(lambda: parley.controller.conversation is not None
                and parley.controller.conversation.id == first)
    transcript = parley.window.transcript
    await until(lambda: transcript.extraSelections())
    assert transcript.extraSelections()[0].cursor.selectedText().lower() == "integrals"
    assert not transcript.hasSelectedText()
    sidebar.search.setText("no such words anywhere")
    await until(lambda: sidebar.note.isVisible())
    assert sidebar.note.text() == "No results for “no such words anywhere”"
