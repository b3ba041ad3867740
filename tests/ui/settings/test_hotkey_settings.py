"""The settings section for the quick-ask shortcut: the status said plainly, the command to
bind with a working Copy button, and edits reported once."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

from app.core.shortcuts import HotkeyStatus
from app.ui.settings.hotkey_section import HotkeySettings

COMMAND = "/home/u/.venv/bin/parley quick-ask"


def make(qtbot) -> HotkeySettings:
    section = HotkeySettings()
    qtbot.addWidget(section)
    section.show()
    return section


def test_failure_says_why_and_offers_the_command_to_copy(qtbot):
    section = make(qtbot)
    section.show_status(HotkeyStatus("wayland", "Ctrl+Alt+Space", "This is a Wayland session: "
                                     "Wayland does not let programs register global shortcuts "
                                     "themselves.", COMMAND))
    assert section.status_label.text().startswith("Not registered. This is a Wayland session")
    assert section.command_field.isVisible() and section.command_field.text() == COMMAND
    assert section.command_hint.isVisible() and "Command to bind" in section.command_hint.text()
    qtbot.mouseClick(section.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == COMMAND
    assert section.copy_button.text() == "Copied"
    qtbot.waitUntil(lambda: section.copy_button.text() == "Copy", timeout=3000)


def test_registered_hides_the_command_and_off_shows_it(qtbot):
    section = make(qtbot)
    section.show_status(HotkeyStatus("registered", "Ctrl+Alt+Space", "", COMMAND))
    assert section.status_label.text() == ("Registered: press Ctrl+Alt+Space anywhere to ask "
                                           "about the clipboard.")
    assert not section.command_field.isVisible() and not section.copy_button.isVisible()
    section.show_status(HotkeyStatus("off", "", "No global shortcut is set.", COMMAND))
    assert section.status_label.text() == "No shortcut is set."
    assert section.command_field.isVisible()


def test_edits_are_reported_once_and_set_shortcut_is_silent(qtbot):
    section = make(qtbot)
    changes = []
    section.shortcutChanged.connect(changes.append)
    section.set_shortcut("Ctrl+Alt+Space")
    assert section.shortcut() == "Ctrl+Alt+Space" and changes == []
    section.editor.setKeySequence(QKeySequence("Meta+Shift+A"))
    section.editor.editingFinished.emit()
    section.editor.editingFinished.emit()
    assert changes == ["Meta+Shift+A"]
    section.editor.clear()  # the clear button
    assert changes == ["Meta+Shift+A", ""]
