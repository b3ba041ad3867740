"""The welcome dialog on its own: which profile each card stands for, what waits under
Advanced, fields that variables set, the key's Show, keyboard order, names, and its size on a
small screen at 2× scale."""


import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.core.config.profiles import PRESETS
from app.core.errors import AuthError, NetworkError, NotFound
from app.core.gateway.diagnostics import ConnectionReport
from app.ui.welcome.dialog import ADVANCED_FIELDS, WelcomeDialog
from app.ui.welcome.result import plain_result
from tests.ui.screens import run_on_screen


def make(qtbot, active="eduhk-apim", profiles=None, **options):
    dialog = WelcomeDialog(profiles or dict(PRESETS), active, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def inside(widget: QWidget, ancestor: QWidget) -> bool:
    return ancestor.isAncestorOf(widget)


@pytest.mark.parametrize(("card", "profile"), [
    ("apim", "eduhk-apim"), ("azure", "eduhk-azure"), ("openai", "openai")])
def test_each_gateway_fills_its_profile(qtbot, card, profile):
    dialog = make(qtbot)
    started = []
    dialog.startRequested.connect(lambda p, key: started.append((p, key)))
    dialog.choice.choose(card)
    preset = PRESETS[profile]
    assert dialog.fields["base_url"].text() == preset.base_url
    assert dialog.fields["chat_path"].text() == preset.chat_path
    assert dialog.engineer.auth_box.currentData() == preset.auth
    # "Other" cannot be guessed: its address and model are in the page, not under Advanced.
    address_hidden = inside(dialog.fields["base_url"], dialog.advanced.body)
    assert address_hidden == (card != "openai")
    assert dialog.fields["chat_model"].isVisible() == (card == "openai")
    dialog.key_edit.setText(" my-key-123 ")
    dialog.start_button.click()
    assert [(p.name, p.style, key) for p, key in started] == [(profile, preset.style,
                                                                "my-key-123")]
    assert started[0][0] == preset  # nothing edited: the shipped preset, as it is


def test_what_is_typed_for_a_card_stays_when_another_is_looked_at(qtbot):
    dialog = make(qtbot)
    dialog.choice.choose("openai")
    dialog.fields["base_url"].setText("https://llm.example.edu/v1")
    dialog.fields["chat_model"].setText("llama-3")
    dialog.choice.choose("azure")
    assert dialog.fields["base_url"].text() == PRESETS["eduhk-azure"].base_url
    dialog.choice.choose("openai")
    profile = dialog.chosen_profile()
    assert (profile.name, profile.base_url, profile.chat_model) == (
        "openai", "https://llm.example.edu/v1", "llama-3")


def test_a_custom_active_profile_is_the_other_card(qtbot):
    from dataclasses import replace
    custom = replace(PRESETS["openai"], name="custom-1", label="Lab",
                     base_url="https://lab.example.edu/v1")
    dialog = make(qtbot, "custom-1", {**PRESETS, "custom-1": custom})
    assert dialog.choice.current() == "openai"
    assert dialog.chosen_profile() == custom


def test_advanced_is_collapsed_and_holds_the_engineer_fields(qtbot):
    dialog = make(qtbot)
    body = dialog.advanced.body
    assert not dialog.advanced.is_open() and not body.isVisible()
    held = [dialog.fields[name] for name in ("base_url", "chat_model", *ADVANCED_FIELDS)]
    held += [dialog.engineer.auth_box, dialog.engineer.read_timeout]
    assert all(inside(widget, body) for widget in held)
    assert {"chat_path", "images_path", "embeddings_path", "balance_path", "images_model",
            "embeddings_model", "api_version", "proxy"} <= set(ADVANCED_FIELDS)
    assert not inside(dialog.key_edit, body) and not inside(dialog.test_button, body)
    dialog.advanced.header.click()
    assert body.isVisible() and dialog.fields["proxy"].isVisible()


def test_fields_set_by_environment_variables_are_read_only_with_a_note(qtbot):
    env = {"base_url": ("PARLEY_BASE_URL", "http://127.0.0.1:9/v1"),
           "chat_model": ("PARLEY_MODEL", "lab-model"), "style": ("PARLEY_API_STYLE", "openai")}
    dialog = make(qtbot, env=env, key_from_env=True)
    assert dialog.choice.current() == "openai"
    assert not any(card.radio.isEnabled() for card in dialog.choice.cards.values())
    for name, (_, value) in (("base_url", env["base_url"]),
                             ("chat_model", env["chat_model"])):
        assert dialog.fields[name].text() == value and dialog.fields[name].isReadOnly()
    for variable in ("PARLEY_BASE_URL", "PARLEY_MODEL", "PARLEY_API_STYLE", "PARLEY_API_KEY"):
        note = dialog.findChild(QLabel, f"envNote_{variable}")
        assert note is not None and note.text() == f"Set by {variable} for this session"
    assert dialog.key_edit.isReadOnly()
    assert not inside(dialog.fields["base_url"], dialog.advanced.body)
    # Start stores what was stored (the variables win for this session anyway) and needs no
    # typed key: PARLEY_API_KEY is the key.
    started = []
    dialog.startRequested.connect(lambda p, key: started.append((p, key)))
    dialog.start_button.click()
    assert started == [(PRESETS["openai"], "")]
    tested = []
    dialog.testRequested.connect(lambda p, key: tested.append(p))
    dialog.test_button.click()
    assert tested[0].base_url == "http://127.0.0.1:9/v1" and tested[0].chat_model == "lab-model"


def test_start_needs_a_key_and_a_usable_address(qtbot):
    dialog = make(qtbot)
    started = []
    dialog.startRequested.connect(lambda *a: started.append(a))
    dialog.start_button.click()
    assert started == [] and "key" in dialog.problem.text() and dialog.problem.isVisible()
    dialog.choice.choose("openai")
    dialog.fields["base_url"].setText("llm.example.edu")
    dialog.key_edit.setText("k-123456")
    dialog.start_button.click()
    assert started == [] and "base URL" in dialog.problem.text()


def test_the_key_is_hidden_until_shown(qtbot):
    dialog = make(qtbot)
    assert dialog.key_edit.echoMode() == QLineEdit.EchoMode.Password
    dialog.show_key.click()
    assert dialog.key_edit.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.show_key.text() == "Hide"
    dialog.show_key.click()
    assert dialog.key_edit.echoMode() == QLineEdit.EchoMode.Password


def test_keyboard_order_and_default_button(qtbot):
    dialog = make(qtbot)
    assert dialog.start_button.isDefault() and not dialog.test_button.autoDefault()
    assert dialog.focusWidget() is dialog.key_edit  # what is left to do: paste the key
    chain, widget = [], dialog.key_edit
    for _ in range(4):
        chain.append(widget.objectName())
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.objectName():
            widget = widget.nextInFocusChain()
    assert chain == ["welcomeKey", "welcomeShowKey", "welcomeTest", "welcomeAdvanced"]
    dialog.choice.choose("openai")  # the address fields come before the key
    assert dialog.fields["chat_model"].nextInFocusChain() is dialog.key_edit


def test_every_control_has_an_object_name(qtbot):
    dialog = make(qtbot)
    names = {"welcomeDialog", "gatewayChoice", "gatewayApim", "gatewayAzure", "gatewayOther",
             "welcomeKey", "welcomeTest", "welcomeAdvanced", "welcomeStart", "welcomeLater"}
    found = {w.objectName() for w in dialog.findChildren(QWidget)} | {dialog.objectName()}
    assert names <= found
    kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox)
    unnamed = [type(w).__name__ for kind in kinds for w in dialog.findChildren(kind)
               if not w.objectName()
               and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox, QLineEdit))
               and not w.metaObject().className().startswith("QLineEdit")]
    assert unnamed == []


def test_test_results_in_plain_words():
    def report(error):
        return ConnectionReport(False, "https://gw/x", None, 0.2, str(error), error)

    assert plain_result(None)[:2] == (False, "Paste your API key first.")
    ok = plain_result(ConnectionReport(True, "https://gw/x", 200, 0.42, "The gateway answered"))
    assert ok == (True, "Connected: the gateway answered in 0.4 s.", "")
    assert plain_result(report(AuthError("HTTP 401")))[1] == "The gateway refused this key."
    assert "base URL" in plain_result(report(NotFound("HTTP 404")))[2]
    assert "network" in plain_result(report(NetworkError("refused")))[2]


SCALED = """
import json
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.core.config.profiles import PRESETS
from app.ui.welcome.dialog import WelcomeDialog
from app.ui.window.main_window import MainWindow
window = MainWindow()
window.show()
welcome = WelcomeDialog(dict(PRESETS), "eduhk-apim", parent=window)
welcome.open()
app.processEvents()
print(json.dumps(["area", app.primaryScreen().availableGeometry().getRect()]))
print(json.dumps(["welcome", welcome.frameGeometry().getRect(), welcome.geometry().getRect(),
                  welcome.start_button.geometry().translated(
                      welcome.geometry().topLeft()).getRect()]))
"""


def test_the_welcome_fits_an_800x600_screen_at_2x(tmp_path):
    """400×300 logical pixels: the dialog and its Start button are on screen (its page
    scrolls)."""
    lines = run_on_screen(tmp_path, 800, 600, SCALED)
    area = QRect(*lines[0][1])
    assert area.size() == QSize(400, 300)  # the scale took effect
    _, frame, client, start = lines[1]
    assert area.contains(QRect(*frame)) and area.contains(QRect(*client)), (frame, area)
    assert area.contains(QRect(*start))
