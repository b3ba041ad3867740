"""Settings: edit profiles, switch style, save a key, test connection, validation inline."""

from app.core.config.profiles import PRESETS
from app.ui.settings.dialog import SettingsDialog


def make(qtbot):
    dialog = SettingsDialog(dict(PRESETS), "eduhk-apim")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def select(dialog, name):
    for row in range(dialog.profile_list.count()):
        if dialog.profile_list.item(row).data(256) == name:
            dialog.profile_list.setCurrentRow(row)


def test_edit_azure_profile_and_save(qtbot):
    dialog = make(qtbot)
    saved = []
    dialog.profilesSaved.connect(lambda profiles, active: saved.append((profiles, active)))
    select(dialog, "eduhk-azure")
    assert dialog.current_profile_name() == "eduhk-azure"
    dialog.fields["chat_model"].setText("gpt-4o")
    dialog.fields["api_version"].setText("2024-06-01")
    dialog.temperature.setValue(0.3)
    dialog._use_profile()
    dialog._save()
    profiles, active = saved[0]
    azure = {p.name: p for p in profiles}["eduhk-azure"]
    assert active == "eduhk-azure" and azure.chat_model == "gpt-4o"
    assert azure.url_for("chat").endswith("/deployments/gpt-4o/chat/completions?api-version=2024-06-01")
    assert dict(azure.defaults) == {"temperature": 0.3}


def test_style_switch_brings_paths_and_auth(qtbot):
    dialog = make(qtbot)
    dialog._add_profile()
    dialog.fields["base_url"].setText("https://gw.example.edu/v1")
    dialog.style_box.setCurrentIndex(dialog.style_box.findData("apim"))
    dialog._style_picked()
    assert dialog.fields["chat_path"].text() == "/chatgpt/v1/completion"
    assert dialog.auth_box.currentData() == "api-key"


def test_invalid_base_url_is_shown_inline_and_blocks_save(qtbot):
    dialog = make(qtbot)
    saved = []
    dialog.profilesSaved.connect(lambda *a: saved.append(a))
    dialog.fields["base_url"].setText("eduhk-api-ea.azure-api.net")
    dialog._save()
    assert saved == [] and dialog.form_error.isVisible() and "base URL" in dialog.form_error.text()


def test_key_and_test_requests_go_up(qtbot):
    dialog = make(qtbot)
    keys, tests = [], []
    dialog.keySaveRequested.connect(lambda name, key: keys.append((name, key)))
    dialog.testRequested.connect(lambda profile, key: tests.append((profile.name, key)))
    dialog.focus_key_field()
    dialog.key_edit.setText("  secret-key-123  ")
    dialog._save_key()
    assert keys == [("eduhk-apim", "secret-key-123")]
    dialog.show_key_status("Saved in the keyring (SecretService)")
    assert dialog.key_edit.text() == ""
    dialog._test()
    assert tests == [("eduhk-apim", "")] and not dialog.test_button.isEnabled()
    dialog.show_test_result("OK · HTTP 200\nhttps://…", True)
    assert dialog.test_button.isEnabled() and "HTTP 200" in dialog.test_result.toPlainText()


def test_save_and_cancel_carry_no_stock_icons(qtbot):
    """The platform's floppy disk and red cross clash with Parley's line icons."""
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = make(qtbot)
    [box] = dialog.findChildren(QDialogButtonBox)
    assert [b.text().replace("&", "") for b in box.buttons()] and all(
        b.icon().isNull() for b in box.buttons())
