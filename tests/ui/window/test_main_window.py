"""The main window's layout contract (objectNames) and shortcuts."""

from PySide6.QtCore import Qt
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
