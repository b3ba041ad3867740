"""The main window's layout contract (objectNames) and shortcuts."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from app.ui.window.main_window import MainWindow

CONTRACT = ("composer", "sendButton", "stopButton", "conversationList", "transcript",
            "searchBox")


def make(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def test_object_names_contract(qtbot):
    window = make(qtbot)
    for name in CONTRACT:
        assert window.findChild(QWidget, name) is not None, name
    transcript = window.findChild(QWidget, "transcript")
    assert hasattr(transcript, "toPlainText")
    assert transcript.hasSelectedText() is False and transcript.selectedText() == ""
    assert transcript.toPlainText() == ""  # a new chat: its empty state is not its text
    assert window.findChild(QWidget, "emptyState").isVisible()


def test_shortcuts(qtbot):
    window = make(qtbot)
    fired = []
    window.sidebar.newChatRequested.connect(lambda: fired.append("new"))
    window.settingsRequested.connect(lambda: fired.append("settings"))
    window.stopRequested.connect(lambda: fired.append("stop"))
    window.copyLastAnswerRequested.connect(lambda: fired.append("copy"))
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)  # not busy: no stop
    window.set_busy(True)
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)
    assert fired == ["new", "settings", "copy", "stop"]
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.search.hasFocus()
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.composer.edit.hasFocus()


def emoji_or_symbol(text: str) -> bool:
    """Pictographs and symbols (📎 🎨 ⚙ ✕): boxes where no emoji or symbol font is installed."""
    import unicodedata
    return any(unicodedata.category(ch) == "So" or ord(ch) >= 0x1F000 for ch in text)


def test_every_button_has_an_icon_or_plain_text(qtbot):
    """Buttons never rely on an emoji font: each has a drawn icon or words, and a name."""
    from PySide6.QtWidgets import QAbstractButton

    window = make(qtbot)
    window.composer.strip.add(1, "photo.png")  # a chip brings its Remove button
    window.show_balance("Balance: 87.5 HKD")
    buttons = [b for b in window.findChildren(QAbstractButton)
               if b.metaObject().className() != "QLineEditIconButton"]  # Qt's own clear button
    assert len(buttons) >= 7
    for button in buttons:
        text = button.text().replace("&", "").strip()
        label = button.objectName() or text or button.toolTip()
        assert not emoji_or_symbol(text), f"{label}: emoji text {text!r}"
        assert not button.icon().isNull() or text, f"{label}: neither an icon nor text"
        if not text:  # an icon alone: a tooltip and a name say what it does
            assert button.toolTip() and button.accessibleName(), label


def test_ctrl_q_asks_to_quit(qtbot):
    """Ctrl+Q (Cmd+Q on a Mac: Qt maps Ctrl to Cmd) quits from anywhere in the window."""
    window = make(qtbot)
    asked = []
    window.quitRequested.connect(lambda: asked.append(True))
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    window.sidebar.search.setFocus()
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True, True]


def conversations(now):
    from types import SimpleNamespace
    return [SimpleNamespace(id=i, title=f"Chat {i}", updated_at=now - i * 0.6 * 86400,
                            pinned=i == 5) for i in range(1, 6)]


def test_tab_and_arrows_never_land_on_group_headings(qtbot):
    """Today / Yesterday / … are headings: Tab into the list lands on a chat, and the arrow
    keys step from chat to chat over them."""
    import time

    from app.ui.sidebar.panel import ID_ROLE

    window = make(qtbot)
    now = time.time()
    window.sidebar.set_conversations(conversations(now), now=now)
    tree = window.sidebar.tree
    headings = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if not tree.topLevelItem(i).data(0, ID_ROLE)]
    assert [h.text(0) for h in headings] == ["Pinned", "Today", "Yesterday", "Previous 7 days"]
    window.sidebar.select_conversation(0)  # a new chat: nothing current in the list
    window.sidebar.search.setFocus()
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Tab)
    assert tree.hasFocus()
    assert tree.currentItem() is not None and tree.currentItem().data(0, ID_ROLE) == 5
    seen = [tree.currentItem().data(0, ID_ROLE)]
    for key in [Qt.Key.Key_Down] * 6 + [Qt.Key.Key_Up] * 6 + [Qt.Key.Key_End, Qt.Key.Key_Home]:
        qtbot.keyClick(tree, key)
        seen.append(tree.currentItem().data(0, ID_ROLE))
    assert all(seen), f"a heading became the current row: {seen}"
    assert set(seen) == {1, 2, 3, 4, 5}
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(headings[1]).center())
    assert tree.currentItem().data(0, ID_ROLE)  # a click on a heading selects nothing new


def test_text_size_scales_transcript_composer_and_sidebar_at_once(qtbot):
    import time

    window = make(qtbot)
    now = time.time()
    window.sidebar.set_conversations(conversations(now), now=now)
    base = window.font().pointSizeF()
    heading = window.sidebar.tree.topLevelItem(0)
    composer_height = window.composer.edit.height()
    window.set_text_size("larger")
    for widget in (window.transcript, window.composer.edit, window.sidebar.tree):
        assert widget.font().pointSizeF() == pytest.approx(base * 1.3), widget.objectName()
    # the new transcript's rows are made (again) in its font: a message shown now is larger
    from app.ui.chat.transcript import MessageView

    window.transcript.show_messages([MessageView(1, "assistant", "<p>Hello</p>")])
    documents = list(window.transcript.findChildren(QTextDocument))
    assert documents and all(d.defaultFont().pointSizeF() == pytest.approx(base * 1.3)
                             for d in documents)
    assert heading.font(0).pointSizeF() == pytest.approx(base * 1.3 * 0.9)  # headings too
    assert window.composer.edit.height() > composer_height  # two lines of the larger text
    assert window.header.profile_box.font().pointSizeF() == pytest.approx(base)  # not the rest
    window.set_text_size("small")
    assert window.transcript.font().pointSizeF() == pytest.approx(base * 0.9)
    window.set_text_size("default")
    assert window.composer.edit.font().pointSizeF() == pytest.approx(base)
    assert heading.font(0).pointSizeF() == pytest.approx(base * 0.9)


def test_placement_is_remembered_and_brought_back_on_screen(qtbot):
    window = make(qtbot)
    area = window.screen().availableGeometry()
    window.setGeometry(area.x() + 40, area.y() + 50, 600, 400)
    geometry, maximized = window.placement()
    assert geometry == (area.x() + 40, area.y() + 50, 600, 400) and maximized is False
    again = MainWindow()
    qtbot.addWidget(again)
    again.place(geometry)
    assert again.geometry().getRect() == geometry
    again.place((area.right() + 5000, 10, 600, 400))  # a screen that is gone: a first size
    assert area.contains(again.geometry())
    assert MainWindow().placement() is None  # never shown: nothing to remember


def tab_round(qtbot, window, presses):
    """Tab ``presses`` times from the message box; where the focus stopped each time, and
    whether the focus ring around it was whole (not cut by the widget it sits in)."""
    from PySide6.QtWidgets import QApplication

    from app.ui.runtime.focus import FocusRing, install_focus_ring

    install_focus_ring(QApplication.instance())
    window.composer.edit.setFocus()
    stops = []
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        stops.append(focus)
        rings = [r for r in window.findChildren(FocusRing) if r.isVisible()]
        if not all(r.parentWidget().rect().contains(r.geometry()) for r in rings):
            window._clipped = [*getattr(window, "_clipped", []),
                               f"{type(focus).__name__} {focus.objectName()}"]
    return stops


def clipped_rings(stops):
    windows = {w.window() for w in stops}
    return [name for w in windows for name in getattr(w, "_clipped", [])]


def test_tab_reaches_the_example_prompts_and_focus_always_shows(qtbot):
    """Tab goes round the window: every control it stops at gets the focus ring (none is
    an invisible stop), the example prompts of a new chat are among them, and the empty
    transcript is not a stop of its own."""

    from app.ui.runtime.focus import marked

    window = make(qtbot)
    stops = tab_round(qtbot, window, 40)
    names = {w.objectName() for w in stops}
    prompts = window.transcript.empty_state.prompts
    assert all(card in stops for card in prompts), names
    assert window.transcript not in stops
    unmarked = {f"{type(w).__name__} {w.objectName()}" for w in stops if marked(w) is None}
    assert not unmarked, f"focus would not show on: {unmarked}"
    assert not clipped_rings(stops), "the focus ring is cut off around these"


def test_esc_in_the_search_box_clears_it(qtbot):
    window = make(qtbot)
    window.sidebar.search.setFocus()
    qtbot.keyClicks(window.sidebar.search, "integral")
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Escape)
    assert window.sidebar.search.text() == ""


def test_focus_shows_on_every_stop_of_a_chat_with_messages(qtbot):
    """With messages, Tab also stops at the transcript (it scrolls with the keys), its
    action buttons and a code block's Copy: each gets the ring."""

    from app.core.render import MarkdownRenderer
    from app.ui.chat.transcript import MessageView
    from app.ui.runtime.focus import marked

    window = make(qtbot)
    renderer = MarkdownRenderer()
    text = "Some text\n\n```python\nx = 1\n```\n"
    window.transcript.show_messages([
        MessageView(1, "user", "<p>Hi</p>", text="Hi", actions=("copy", "edit", "delete")),
        MessageView(2, "assistant", text=text, header="Assistant", actions=("copy", "delete"),
                    render=lambda: list(renderer.render_parts(text).blocks))])
    stops = tab_round(qtbot, window, 30)
    assert window.transcript in stops
    assert {"Copy", "Edit", "Delete", "Copy code"} <= {w.accessibleName() for w in stops}
    unmarked = {f"{type(w).__name__} {w.objectName()}" for w in stops if marked(w) is None}
    assert not unmarked, f"focus would not show on: {unmarked}"
    assert not clipped_rings(stops), "the focus ring is cut off around these"


def test_the_balance_fields_are_said_in_the_window_language(qtbot):
    from app.ui.runtime.i18n import install_translators
    from app.ui.window.balance import translated_summary

    fields = (("balance", "87.5 HKD"), ("quota", "100"), ("used", "12.5"))
    assert translated_summary(fields) == \
        "87.5 HKD · quota 100 · used 12.5"
    install_translators("zh_HK")
    try:
        assert translated_summary((*fields, ("tier", "gold"))) == \
            "87.5 HKD · 配額 100 · 已用 12.5 · tier gold"
        assert translated_summary((("remaining balance", "3"), ("total usage", "9"))) == \
            "剩餘餘額 3 · 總用量 9"
    finally:
        install_translators("en")
