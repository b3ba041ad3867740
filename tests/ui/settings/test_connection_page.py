"""Settings' Connection tab: what a student needs first, the engineer's fields under a
collapsed Advanced, and fields that PARLEY_* variables set shown read-only with a note."""

from PySide6.QtWidgets import QLabel

from app.core.config.profiles import PRESETS, env_fields
from app.ui.settings.dialog import SettingsDialog


def make(qtbot, **options):
    dialog = SettingsDialog(dict(PRESETS), "eduhk-apim", **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_engineer_fields_wait_under_a_collapsed_advanced(qtbot):
    dialog = make(qtbot)
    body = dialog.connection.advanced.body
    assert not dialog.connection.advanced.is_open() and not body.isVisible()
    first = [dialog.style_box, dialog.key_edit, dialog.test_button] + [
        dialog.fields[name] for name in ("label", "base_url", "chat_model")]
    assert all(w.isVisible() and not body.isAncestorOf(w) for w in first)
    later = [dialog.fields[name] for name in (
        "chat_path", "images_path", "embeddings_path", "balance_path", "images_model",
        "embeddings_model", "api_version", "proxy", "ca_bundle")]
    later += [dialog.auth_box, dialog.stream_usage, dialog.read_timeout, dialog.temperature,
              dialog.max_tokens]
    assert all(body.isAncestorOf(w) and not w.isVisible() for w in later)
    dialog.connection.advanced.header.click()
    assert all(w.isVisible() for w in later)


def test_fields_set_by_variables_are_read_only_and_keep_what_is_stored(qtbot):
    env = env_fields({"PARLEY_BASE_URL": "http://127.0.0.1:9", "PARLEY_MODEL": "lab-model",
                      "PARLEY_API_STYLE": "Azure"})
    assert env == {"base_url": ("PARLEY_BASE_URL", "http://127.0.0.1:9"),
                   "chat_model": ("PARLEY_MODEL", "lab-model"),
                   "style": ("PARLEY_API_STYLE", "azure")}
    dialog = make(qtbot, env=env, key_from_env=True)
    assert dialog.fields["base_url"].text() == "http://127.0.0.1:9"
    assert dialog.fields["base_url"].isReadOnly() and dialog.fields["chat_model"].isReadOnly()
    assert dialog.style_box.currentData() == "azure" and not dialog.style_box.isEnabled()
    assert dialog.key_edit.isReadOnly()
    for variable in ("PARLEY_BASE_URL", "PARLEY_MODEL", "PARLEY_API_STYLE", "PARLEY_API_KEY"):
        note = dialog.findChild(QLabel, f"envNote_{variable}")
        assert note is not None and note.isVisible(), variable
        assert note.text() == f"Set by {variable} for this session"
    keys, saved, tested = [], [], []
    dialog.keySaveRequested.connect(lambda *a: keys.append(a))
    dialog.profilesSaved.connect(lambda profiles, active: saved.extend(profiles))
    dialog.testRequested.connect(lambda profile, key: tested.append(profile))
    dialog.key_edit.setText("typed-anyway")
    dialog._save_key()
    assert keys == []  # PARLEY_API_KEY wins: nothing to save
    dialog._test()  # tested as this session would reach it
    assert tested[0].base_url == "http://127.0.0.1:9" and tested[0].style == "azure"
    assert tested[0].overridden_by
    dialog.fields["label"].setText("My APIM")
    dialog._save()
    apim = {p.name: p for p in saved}["eduhk-apim"]
    assert apim.label == "My APIM" and apim.style == "apim"
    assert apim.base_url == PRESETS["eduhk-apim"].base_url  # the variable's value not stored
    assert apim.chat_model == PRESETS["eduhk-apim"].chat_model


def test_without_variables_nothing_is_noted_or_locked(qtbot):
    dialog = make(qtbot, env=env_fields({}))
    assert dialog.findChildren(QLabel, "envNote_PARLEY_BASE_URL") == []
    assert not dialog.fields["base_url"].isReadOnly() and dialog.style_box.isEnabled()
    assert not dialog.key_edit.isReadOnly()


def test_tab_follows_the_page_and_reaches_advanced_after_test(qtbot):
    from PySide6.QtCore import Qt

    dialog = make(qtbot)
    dialog.connection.advanced.set_open(True)
    order, widget = [], dialog.style_box
    while len(order) < 12:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.objectName() \
                and widget.isVisible():
            order.append(widget.objectName())
        widget = widget.nextInFocusChain()
    assert order[:10] == ["styleBox", "field_label", "field_base_url", "field_chat_model",
                          "keyField", "saveKeyButton", "deleteKeyButton", "testButton",
                          "testResult", "connectionAdvanced"]
    assert order[10:] == ["field_chat_path", "field_images_path"]
