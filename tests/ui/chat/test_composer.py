"""The composer: Enter sends, Shift+Enter is a newline, IME composition is never sent."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent

from app.ui.chat.composer import Composer


def make(qtbot):
    composer = Composer()
    qtbot.addWidget(composer)
    composer.show()
    sent = []
    composer.sendRequested.connect(sent.append)
    return composer, sent


def test_enter_sends_and_shift_enter_is_a_newline(qtbot):
    composer, sent = make(qtbot)
    qtbot.keyClicks(composer.edit, "first line")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(composer.edit, "second")
    assert sent == [] and composer.text() == "first line\nsecond"
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == ["first line\nsecond"]
    assert composer.text() == "first line\nsecond"  # kept until the parent stores it


def test_empty_message_is_not_sent(qtbot):
    composer, sent = make(qtbot)
    qtbot.keyClicks(composer.edit, "   ")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == [] and not composer.send_button.isEnabled()


def test_enter_while_ime_composes_commits_instead_of_sending(qtbot):
    composer, sent = make(qtbot)
    composer.edit.setFocus()
    # Chinese text arrives through the input method, never as key presses.
    typed = QInputMethodEvent("", [])
    typed.setCommitString("我想問")
    composer.edit.inputMethodEvent(typed)
    # The IME shows a candidate (preedit) for "ni hao"; Enter must not send it.
    composer.edit.inputMethodEvent(QInputMethodEvent("nihao", []))
    assert composer.edit.composing
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == []
    commit = QInputMethodEvent("", [])
    commit.setCommitString("你好")
    composer.edit.inputMethodEvent(commit)
    assert not composer.edit.composing and composer.text() == "我想問你好"
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == ["我想問你好"]


def test_busy_swaps_send_for_stop_and_keeps_typing(qtbot):
    composer, sent = make(qtbot)
    stops = []
    composer.stopRequested.connect(lambda: stops.append(1))
    composer.set_busy(True)
    assert composer.stop_button.isVisible() and not composer.send_button.isVisible()
    qtbot.keyClicks(composer.edit, "next question")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == [] and composer.text() == "next question"
    qtbot.mouseClick(composer.stop_button, Qt.MouseButton.LeftButton)
    assert stops == [1]
    composer.set_busy(False)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == ["next question"]


def test_drafts_are_announced_but_restores_are_not(qtbot):
    composer, _ = make(qtbot)
    drafts = []
    composer.draftChanged.connect(drafts.append)
    composer.set_text("restored draft")
    assert drafts == [] and composer.text() == "restored draft"
    qtbot.keyClicks(composer.edit, "!")
    assert drafts[-1] == "restored draft!"
