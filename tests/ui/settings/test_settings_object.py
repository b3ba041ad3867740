"""The Settings dialog edits a copy of the app's Settings and emits it on Save; its style
choices come from the styles table."""

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from app.core.config import styles
from app.core.config.profiles import PRESETS
from app.core.config.settings import LANGUAGES, THEMES, Settings
from app.core.config.styles import STYLES, GatewayStyle, PresetFields, style_names
from app.core.shortcuts import HotkeyStatus
from app.ui.settings.dialog import SettingsDialog
from app.ui.settings.quick_ask_page import QuickAskPage


def make(qtbot, settings=None):
    dialog = SettingsDialog(dict(PRESETS), "eduhk-apim", settings)
    qtbot.addWidget(dialog)
    return dialog


def box_values(box):
    return tuple(box.itemData(i) for i in range(box.count()))


def test_save_emits_an_edited_copy_and_leaves_the_original_alone(qtbot):
    original = Settings(theme="light", presets={"Marker": "Mark it."}, keep_in_tray=None)
    dialog = make(qtbot, original)
    saved = []
    dialog.settingsSaved.connect(saved.append)
    assert dialog.theme_box.currentData() == "light" and dialog.model_titles.isChecked()
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh_HK"))
    dialog.model_titles.setChecked(False)
    dialog._save()
    assert len(saved) == 1 and isinstance(saved[0], Settings)
    assert saved[0] == replace(original, theme="dark", language="zh_HK", model_titles=False)
    assert original == Settings(theme="light", presets={"Marker": "Mark it."})
    assert not dialog.isVisible()


def test_cancel_emits_nothing(qtbot):
    dialog = make(qtbot)
    saved = []
    dialog.settingsSaved.connect(saved.append)
    dialog.model_titles.setChecked(False)
    dialog.reject()
    assert saved == []


def test_a_page_that_edits_settings_joins_the_copy(qtbot):
    original = Settings(quick_ask_shortcut="Ctrl+Alt+Space", keep_in_tray=None)
    dialog = make(qtbot, original)
    page = QuickAskPage(original, HotkeyStatus("off", ""), tray_exists=True)
    dialog.add_page(page, "Quick ask")
    live = []
    page.shortcutChanged.connect(live.append)
    assert page.tray.isChecked()  # unset: on where there is a tray
    assert dialog.edited_settings() == original  # nothing touched: an unset choice stays unset
    page.hotkey.editor.setKeySequence(QKeySequence("Ctrl+Shift+K"))
    page.hotkey.editor.editingFinished.emit()
    page.tray.setChecked(False)
    assert live == ["Ctrl+Shift+K"]  # the shortcut still acts at once
    assert dialog.edited_settings() == replace(original, quick_ask_shortcut="Ctrl+Shift+K",
                                               keep_in_tray=False)
    assert original.keep_in_tray is None


def test_the_choices_are_the_settings_and_the_styles_tables(qtbot):
    dialog = make(qtbot)
    assert box_values(dialog.theme_box) == THEMES
    assert box_values(dialog.language_box) == LANGUAGES
    assert box_values(dialog.style_box) == style_names()
    labels = [dialog.style_box.itemText(i) for i in range(dialog.style_box.count())]
    assert labels == [QCoreApplication.translate("SettingsDialog", s.label) for s in STYLES]


def test_a_style_added_to_the_table_is_offered_and_picks_its_preset(qtbot, monkeypatch):
    lab = GatewayStyle(name="lab", label="Lab gateway",
                       preset=PresetFields(name="lab-gw", base_url="https://lab.example.edu",
                                           chat_path="/llm/chat", auth="bearer"))
    monkeypatch.setattr(styles, "STYLES", (*STYLES, lab))
    dialog = make(qtbot)
    assert box_values(dialog.style_box)[-1] == "lab"
    assert dialog.style_box.itemText(dialog.style_box.count() - 1) == "Lab gateway"
    dialog._add_profile()
    dialog.fields["base_url"].setText("https://gw.example.edu")
    dialog.style_box.setCurrentIndex(dialog.style_box.findData("lab"))
    dialog._style_picked()
    assert dialog.fields["chat_path"].text() == "/llm/chat"
    saved = []
    dialog.profilesSaved.connect(lambda profiles, active: saved.extend(profiles))
    dialog._save()
    custom = {p.name: p for p in saved}["custom-1"]
    assert (custom.style, custom.chat_path) == ("lab", "/llm/chat")


def test_every_control_has_an_object_name(qtbot):
    """Tests and accessibility tools find controls by name: themeBox, languageBox,
    textSizeBox, and every other field, box and button on every page."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QKeySequenceEdit,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
    )
    dialog = make(qtbot)
    dialog.add_page(QuickAskPage(Settings(), HotkeyStatus("off", ""), tray_exists=True),
                    "Quick ask")
    for name in ("themeBox", "languageBox", "textSizeBox", "modelTitles"):
        assert dialog.findChild(QComboBox, name) or dialog.findChild(QAbstractButton, name), name
    kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QKeySequenceEdit,
             QListWidget, QPlainTextEdit)
    unnamed = [f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
               for kind in kinds for w in dialog.findChildren(kind)
               if not w.objectName()
               and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox,
                                                     QKeySequenceEdit, QLineEdit))
               and w.parentWidget().metaObject().className() != "QDialogButtonBox"
               and not w.metaObject().className().startswith("QLineEdit")]  # Qt's parts
    assert unnamed == []


def test_text_size_choices_come_from_settings(qtbot):
    from app.core.config.settings import TEXT_SIZES
    dialog = make(qtbot, Settings(text_size="large"))
    box = dialog.appearance.text_size_box
    assert box_values(box) == TEXT_SIZES and box.currentData() == "large"
    box.setCurrentIndex(box.findData("larger"))
    assert dialog.edited_settings().text_size == "larger"
