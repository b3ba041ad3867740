"""The widgets a message is shown with: actions as real buttons with accessible names (for a
screen reader and for tests, no pixels), the wait for the first words, error cards, code
blocks that scroll sideways, bubbles, selection, links."""

from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import QAbstractButton, QApplication

from app.core.render import DARK, LIGHT, IncrementalRenderer, MarkdownRenderer
from app.ui.chat.transcript import ErrorView, MessageView, Transcript
from app.ui.chat.transcript.actions import ErrorCard, WaitingRow
from app.ui.chat.transcript.rows import CodeRow, TextRow


def make(qtbot, width=700, height=500):
    view = Transcript()
    view.resize(width, height)
    qtbot.addWidget(view)
    view.show()
    return view


def answer(message_id, text, **kw):
    renderer = MarkdownRenderer()
    return MessageView(message_id, "assistant", header="Assistant", text=text,
                       render=lambda: list(renderer.render_parts(text).blocks), **kw)


def buttons(view):
    return {b.accessibleName(): b for b in view.findChildren(QAbstractButton)
            if b.isVisible()}


def test_each_message_has_its_actions_as_named_buttons(qtbot):
    view = make(qtbot)
    actions = []
    view.actionRequested.connect(lambda kind, arg: actions.append((kind, arg)))
    view.show_messages([
        MessageView(1, "user", "<p>Hi</p>", actions=("copy", "edit", "delete"),
                    branch=(1, 3)),
        answer(2, "Hello.", actions=("copy", "regenerate", "delete"), usage="7 tokens")])
    user, reply = view.action_bar(1), view.action_bar(2)
    assert set(user.buttons) == {"copy", "edit", "delete", "prev", "next"}
    named = {b.accessibleName() for b in user.buttons.values()}
    assert named == {"Copy", "Edit", "Delete", "Previous version", "Next version"}
    assert {b.accessibleName() for b in reply.buttons.values()} == {"Copy", "Regenerate",
                                                                    "Delete"}
    assert all(b.toolTip() for b in user.buttons.values())
    assert view.isAncestorOf(user.buttons["copy"])  # findable under `transcript`
    assert all(b.width() >= 28 and b.height() >= 24 for b in user.buttons.values())
    user.buttons["copy"].click()
    reply.buttons["regenerate"].click()
    user.buttons["prev"].click()
    assert actions == [("action", "copy:1"), ("action", "regenerate:2"), ("action", "prev:1")]
    assert user.position.text() == "2/3"
    # Delete asks once more, in place: the first click only arms it.
    user.buttons["delete"].click()
    assert actions[-1] == ("action", "prev:1") and user.buttons["delete"].text() == "Delete?"
    user.buttons["delete"].click()
    assert actions[-1] == ("action", "delete:1")


def test_the_keyboard_reaches_the_actions_and_brings_them_into_view(qtbot):
    view = make(qtbot, height=300)
    view.show_messages([answer(i, f"Answer {i}.\n\n" + "Words here. " * 60,
                               actions=("copy", "regenerate", "delete")) for i in range(1, 8)])
    bar = view.action_bar(7)
    assert bar is not None and bar.last and bar.shows  # the last answer's actions show
    copy = bar.buttons["copy"]
    assert copy.focusPolicy() & Qt.FocusPolicy.TabFocus
    with qtbot.waitActive(view):
        view.activateWindow()
    view.scroll_to_y(0)  # the user reads from the top, then tabs to a button not yet in view
    row = next(r for r in view.rows if r.kind == "foot" and r.widget is not None
               and view.top_of(r) > view.viewport().height())
    row.widget.buttons["copy"].setFocus(Qt.FocusReason.TabFocusReason)
    assert row.widget.buttons["copy"].hasFocus()
    top = view.top_of(row) - view.verticalScrollBar().value()
    assert top >= 0 and top + row.height <= view.viewport().height()


def test_the_wait_for_the_first_words_says_what_is_happening(qtbot):
    view = make(qtbot)
    view.begin_stream(MessageView(5, "assistant", "", header="Assistant"))
    waiting = view.waiting_row()
    assert isinstance(waiting, WaitingRow) and waiting.isVisible()
    assert waiting.accessibleName().startswith("Waiting for the first words")
    view.stream_retrying("Rate limited", 3.0, 1, 2)
    assert waiting.accessibleName() == "Rate limited — retrying in 3 s (attempt 2 of 3)"
    assert "Rate limited — retrying in 3 s" in view.toPlainText()
    incremental = IncrementalRenderer(bare_code=True)
    view.stream_update(incremental.update("First words"))
    assert view.waiting_row() is None and "First words" in view.toPlainText()


def test_a_failed_answer_is_a_card_with_a_plain_title_folded_details_and_retry(qtbot):
    view = make(qtbot)
    actions = []
    view.actionRequested.connect(lambda kind, arg: actions.append((kind, arg)))
    details = "Rate limited: HTTP 429 Too Many Requests — wait a moment and try again"
    view.show_messages([MessageView(1, "user", "<p>Hi</p>"),
                        answer(2, "", error=ErrorView("The gateway is busy", details),
                               actions=("delete",))])
    card = view.error_card(2)
    assert isinstance(card, ErrorCard) and card.accessibleName() == "The gateway is busy"
    assert card.isVisible() and not card.details.isVisible()
    row = next(r for r in view.rows if r.widget is card)
    folded = row.height
    card.toggle.click()  # the details, when asked for
    assert card.details.isVisible() and row.height > folded
    card.retry.click()
    assert actions == [("action", "retry:2")]


def test_error_cards_are_readable_in_both_themes(qtbot):
    """The title and details on the card's tint: contrast ≥ 4.5:1 (WCAG AA)."""
    from app.ui.runtime.appearance import build_palette, mix

    for theme in (LIGHT, DARK):
        palette = build_palette(theme)
        tint = mix(palette.color(QPalette.ColorRole.Base), QColor(theme.error), 0.12)
        text = palette.color(QPalette.ColorRole.WindowText)
        assert _contrast(text, tint) >= 4.5, theme.name


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + \
            0.0722 * channel(c.blueF())
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_code_scrolls_sideways_instead_of_wrapping_and_has_its_own_copy(qtbot):
    view = make(qtbot, width=500)
    actions = []
    view.actionRequested.connect(lambda kind, arg: actions.append((kind, arg)))
    long_line = "run --with-a-flag=value " * 8
    view.show_messages([answer(3, f"Try:\n\n```bash\n{long_line}\necho done\n```\n")])
    code = next(r.widget for r in view.rows if isinstance(r.widget, CodeRow))
    assert code.label.text() == "bash" and code.copy.accessibleName() == "Copy code"
    assert code.bar.isVisible() and code.bar.maximum() > 0  # too wide: it scrolls
    lines = code.view.doc.blockCount()
    assert lines == 2  # one line each, never wrapped mid-flag
    code.copy.click()
    assert actions == [("copy", "3:0")]

    def wheel(modifiers):
        event = QWheelEvent(QPointF(10, 10), QPointF(10, 10), QPoint(), QPoint(0, -120),
                            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(code, event)
        return event.isAccepted()

    assert wheel(Qt.KeyboardModifier.ShiftModifier)  # shift+wheel: sideways
    assert code.bar.value() > 0 and code.view.origin.x() == -code.bar.value()
    assert not wheel(Qt.KeyboardModifier.NoModifier)  # up and down: the transcript's


def test_questions_are_bubbles_at_the_right_answers_full_width(qtbot):
    view = make(qtbot)
    view.show_messages([MessageView(1, "user", "<p>A short question</p>"),
                        answer(2, "A long answer. " * 40)])
    bubble = next(r.widget for r in view.rows if r.kind == "bubble")
    text = next(r.widget for r in view.rows if r.kind == "text")
    assert bubble._box.right() == bubble.width() - 1 and bubble._box.width() < bubble.width() / 2
    assert text.origin.x() == 0 and text.x() == bubble.x()  # one left edge for the column


def test_selection_is_within_one_part_and_the_transcript_reports_it(qtbot):
    view = make(qtbot)
    view.show_messages([MessageView(1, "user", "<p>Question words</p>"),
                        answer(2, "Answer words.")])
    parts = [r.widget for r in view.rows if isinstance(r.widget, TextRow)]
    assert not view.hasSelectedText() and view.selectedText() == ""
    parts[0].select_all()
    assert view.hasSelectedText() and view.selectedText() == "Question words"
    parts[1].select_all()  # another message: the first selection goes
    assert view.selectedText() == "Answer words." and not parts[0].has_selection()


def test_a_link_says_where_it_goes_on_hover_and_opens_on_a_click(qtbot):
    view = make(qtbot)
    hovered, opened = [], []
    view.linkHovered.connect(hovered.append)
    view.linkOpenRequested.connect(lambda url: opened.append(url.toString()))
    view.show_messages([answer(1, "[notes](https://www.eduhk.hk/library)")])
    part = next(r.widget for r in view.rows if isinstance(r.widget, TextRow))
    layout = part.doc.documentLayout()
    point = next(QPoint(x, y) for y in range(2, 30) for x in range(2, 80)
                 if layout.anchorAt(QPointF(x, y)))
    qtbot.mouseMove(part, point)
    assert hovered[-1] == "Opens https://www.eduhk.hk/library"
    assert part.cursor().shape() == Qt.CursorShape.PointingHandCursor
    qtbot.mouseClick(part, Qt.MouseButton.LeftButton, pos=point)
    assert opened == ["https://www.eduhk.hk/library"]
    view.anchorClicked.emit(QUrl("parley-link:http%3A%2F%2Felsewhere.example;www.eduhk.hk"))
    assert opened == ["https://www.eduhk.hk/library"]  # a misleading one is not opened here


def test_an_answers_documents_wait_behind_more(qtbot):
    from PySide6.QtGui import QAction

    view = make(qtbot)
    actions = []
    view.actionRequested.connect(lambda kind, arg: actions.append((kind, arg)))
    view.show_messages([answer(2, "Hello.", actions=("copy", "regenerate", "delete",
                                                     "copy_word", "save_as"))])
    bar = view.action_bar(2)
    assert list(bar.buttons) == ["copy", "regenerate", "delete", "more"]
    more = bar.buttons["more"]
    assert more.accessibleName() == "More" and more.toolTip() and view.isAncestorOf(more)
    entries = {a.text(): a for a in view.findChildren(QAction) if a.text()}
    assert {"Copy for Word", "Save as…"} <= set(entries)  # under `transcript`, by name
    assert bar.plain_text(bar_view := answer(2, "x", actions=("copy", "copy_word"))) == (
        "Copy · Copy for Word") and bar_view.id == 2
    more.click()  # a click opens the menu (popup: no nested loop); its button looks pressed
    assert bar.menu.isVisible() and more.isDown() and bar.shows
    entries["Save as…"].trigger()
    bar.menu.close()
    assert not more.isDown()
    entries["Copy for Word"].trigger()
    assert actions == [("action", "save_as:2"), ("action", "copy_word:2")]
