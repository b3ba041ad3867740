"""A new chat's empty state: shown only while the transcript has no message, real buttons
for the example prompts, the quick-ask shortcut, fitting small and narrow windows; and a
search hit highlighted in the message it opens."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QWidget

from app.ui.chat.transcript import MessageView, Transcript
from app.ui.chat.transcript.empty import EmptyState
from app.ui.runtime.focus import marked


def make(qtbot, width=900, height=640):
    view = Transcript()
    view.resize(width, height)
    qtbot.addWidget(view)
    view.show()
    return view


def cards(view):
    return list(view.empty_state.findChildren(QAbstractButton))


def shown(widget: QWidget, view: Transcript) -> bool:
    return widget.isVisibleTo(view)


def test_a_new_chat_shows_the_empty_state_and_no_text(qtbot):
    view = make(qtbot)
    state = view.findChild(EmptyState, "emptyState")
    assert state is view.empty_state and shown(state, view)
    assert state.accessibleName() and state.title.text() == "What can I help with?"
    assert "maths" in state.blurb.text() and "PDF" in state.blurb.text()
    assert view.toPlainText() == ""  # the panel is not the conversation
    assert state.geometry() == view.viewport().rect()
    assert 3 <= len(cards(view)) <= 4


def test_it_goes_with_the_first_message_and_comes_back_for_a_new_chat(qtbot):
    view = make(qtbot)
    view.append_message(MessageView(1, "user", "<p>Hi</p>", text="Hi"))
    assert not shown(view.empty_state, view)
    assert view.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the conversation takes focus
    view.show_messages([])
    assert shown(view.empty_state, view) and view.toPlainText() == ""
    assert view.focusPolicy() == Qt.FocusPolicy.NoFocus  # Tab goes to the prompts instead
    view.begin_stream(MessageView(2, "assistant", ""))  # the answer to a question sent
    assert not shown(view.empty_state, view)
    view.show_messages([MessageView(3, "assistant", "<p>Old answer</p>")])  # a chat opened
    assert not shown(view.empty_state, view)


def test_example_prompts_are_named_buttons_that_report_their_words(qtbot):
    view = make(qtbot)
    chosen = []
    view.promptChosen.connect(chosen.append)
    buttons = cards(view)
    for button in buttons:
        assert button.accessibleName() == button.text() and button.text()
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert button.toolTip()
        assert marked(button) is button  # the focus ring shows on it
        assert shown(button, view) and view.viewport().rect().contains(
            button.mapTo(view.viewport(), button.rect().bottomRight()))
    qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    buttons[2].setFocus()
    qtbot.keyClick(buttons[2], Qt.Key.Key_Space)
    assert chosen == [buttons[1].text(), buttons[2].text()]


def test_the_quick_ask_line_names_the_shortcut_or_how_to_set_one(qtbot):
    view = make(qtbot)
    line = view.empty_state.quick
    assert "Settings" in line.text()  # none registered (yet)
    view.set_quick_ask_shortcut("Ctrl+Alt+Space")
    assert "Ctrl+Alt+Space" in line.text() and "Settings" not in line.text()
    view.set_quick_ask_shortcut("")
    assert "Settings" in line.text()


def visible_parts(view):
    state = view.empty_state
    return [w for w in (state.title, state.blurb, state.cards, state.quick) if shown(w, view)]


def test_it_fits_a_small_window_and_a_narrow_one(qtbot):
    view = make(qtbot, width=900, height=640)
    state = view.empty_state
    wide = [card.geometry() for card in cards(view)]
    assert wide[0].top() == wide[1].top()  # two columns
    view.resize(380, 640)  # narrow: one column, nothing cut at the sides
    narrow = [card.geometry() for card in cards(view)]
    assert len({g.left() for g in narrow}) == 1 and narrow[1].top() > narrow[0].bottom()
    view.resize(640, 230)  # low (a small window at 2×): the cards go, the words stay
    assert not shown(state.cards, view)
    assert {state.title, state.blurb, state.quick} <= set(visible_parts(view))
    area = view.viewport().rect()
    for part in visible_parts(view):
        assert area.contains(part.geometry()), part.objectName()
    tops = [part.geometry().top() for part in visible_parts(view)]
    assert tops == sorted(tops)  # in order, not overlapping
    view.resize(900, 640)
    assert shown(state.cards, view)


def test_it_follows_the_palette_and_the_text_size(qtbot):
    view = make(qtbot)
    state = view.empty_state
    assert state.blurb.foregroundRole() == QPalette.ColorRole.PlaceholderText  # muted
    title = state.title.font().pointSizeF()
    bigger = view.font()
    bigger.setPointSizeF(bigger.pointSizeF() * 1.3)
    view.setFont(bigger)  # Settings → text size
    assert state.title.font().pointSizeF() > title


def test_a_search_hit_is_highlighted_even_when_its_words_are_apart(qtbot):
    """A search matches its words anywhere in a message; the hit opened marks the words
    together when they are, else the longest of them."""
    from app.core.render import MarkdownRenderer

    renderer = MarkdownRenderer()
    text = "The **rule** for a chain of functions is the chain rule."
    view = make(qtbot)
    view.show_messages([MessageView(1, "assistant", text=text, header="Assistant",
                                    render=lambda: list(renderer.render_parts(text).blocks))])
    assert view.scroll_to_message(1, highlight="chain rule")
    assert view.extraSelections()[0].cursor.selectedText() == "chain rule"
    assert view.scroll_to_message(1, highlight="functions rule")
    assert view.extraSelections()[0].cursor.selectedText() == "functions"
    assert not view.hasSelectedText()
