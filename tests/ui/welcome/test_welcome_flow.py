"""The first minute, in the whole app against the loopback gateway: no key → the welcome (not
Settings); Test over a real socket says ✓ or ✗ in plain words; Start keeps the key in the
(in-memory) keyring and the next question is answered; Later keeps the window and the draft."""

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from app.core.config.profiles import ProfileStore
from app.core.config.secrets import SERVICE
from app.core.config.settings import Settings
from app.ui.wiring import App
from tests.conftest import TEST_KEY
from tests.ui.flow import HELLO, stop_app, type_and_send, until


async def start_without_key(env=None, monkeypatch=None):
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    Settings(model_titles=False).save()  # no title request racing with what is checked
    app = App()
    app.show()
    await asyncio.wait_for(app.ready, 10)
    return app


@pytest.fixture
async def fresh(gateway, qtbot):
    app = await start_without_key()
    yield app
    await stop_app(app)


def welcome_open(app):
    return app.first_run.is_open()


async def test_first_start_without_a_key_shows_the_welcome_not_settings(fresh):
    assert welcome_open(fresh)
    assert fresh.dialog is None  # Settings did not open
    welcome = fresh.first_run.dialog
    assert welcome.objectName() == "welcomeDialog"
    assert welcome.choice.current() == "apim"  # the active profile's card
    assert not welcome.advanced.is_open()


@pytest.mark.parametrize("where", ["keyring", "env"])
async def test_with_a_key_the_welcome_does_not_show(gateway, qtbot, memory_keyring,
                                                    monkeypatch, where):
    env = {}
    if where == "keyring":
        memory_keyring.set_password(SERVICE, "eduhk-apim", TEST_KEY)
    else:
        env = {"PARLEY_API_KEY": TEST_KEY}
    app = await start_without_key(env, monkeypatch)
    try:
        assert app.first_run.dialog is None and app.dialog is None
    finally:
        await stop_app(app)


async def test_test_says_connected_or_refused_in_plain_words(fresh, gateway):
    welcome = fresh.first_run.dialog
    welcome.fields["base_url"].setText(gateway.url)  # under Advanced: the loopback gateway
    welcome.key_edit.setText(TEST_KEY)
    welcome.test_button.click()
    await until(lambda: welcome.test_result.text().startswith("✓"))
    assert "Connected" in welcome.test_result.text() and "HTTP" not in welcome.test_result.text()
    assert gateway.requests[-1].headers["api-key"] == TEST_KEY
    welcome.key_edit.setText("a-wrong-key-0000")
    welcome.test_button.click()
    await until(lambda: welcome.test_result.text().startswith("✗"))
    assert welcome.test_result.text() == "✗ The gateway refused this key."
    assert "whole key" in welcome.advice.text() and welcome.advice.isVisible()
    assert "401" not in welcome.test_result.text() + welcome.advice.text()  # no raw dump


async def test_start_saves_the_key_and_the_next_question_is_answered(fresh, gateway,
                                                                    memory_keyring):
    welcome = fresh.first_run.dialog
    welcome.choice.choose("openai")
    welcome.fields["base_url"].setText(gateway.url + "/v1")
    welcome.key_edit.setText(TEST_KEY)
    QTest.keyClick(welcome.key_edit, Qt.Key.Key_Return)  # Enter is Start
    await until(lambda: not welcome_open(fresh))
    assert memory_keyring.get_password(SERVICE, "openai") == TEST_KEY
    store = ProfileStore()
    assert store.active_name() == "openai"
    assert store.get().base_url == gateway.url + "/v1"
    await type_and_send(fresh, "Hello")
    await until(lambda: HELLO in fresh.window.transcript.toPlainText())
    assert gateway.requests[-1].path.startswith("/v1/chat/completions")


async def test_later_leaves_the_window_usable_and_the_draft_intact(fresh, gateway):
    composer = fresh.window.composer
    composer.set_text("My first question")
    QTest.keyClick(fresh.first_run.dialog, Qt.Key.Key_Escape)  # Esc is Later
    await until(lambda: not welcome_open(fresh))
    assert composer.text() == "My first question" and composer.isEnabled()
    assert ProfileStore().file.read().get("profiles") is None  # nothing stored
    composer.send_button.click()  # still no key: the welcome comes back, the draft stays
    await until(lambda: welcome_open(fresh))
    assert composer.text() == "My first question" and gateway.requests == []
    fresh.first_run.dialog.later_button.click()
    await until(lambda: not welcome_open(fresh))


async def test_an_environment_variable_is_shown_on_its_field(gateway, qtbot, monkeypatch):
    app = await start_without_key({"PARLEY_BASE_URL": gateway.url}, monkeypatch)
    try:
        welcome = app.first_run.dialog
        field = welcome.fields["base_url"]
        assert field.text() == gateway.url and field.isReadOnly()
        note = welcome.findChild(object, "envNote_PARLEY_BASE_URL")
        assert note is not None and "PARLEY_BASE_URL" in note.text()
        welcome.key_edit.setText(TEST_KEY)
        welcome.test_button.click()  # tested as the session uses it: the variable's URL
        await until(lambda: welcome.test_result.text().startswith("✓"))
    finally:
        await stop_app(app)


async def test_with_settings_open_a_send_without_a_key_goes_to_its_key_field(fresh, gateway):
    fresh.first_run.dialog.later_button.click()
    await until(lambda: not welcome_open(fresh))
    fresh.open_settings()
    fresh.window.composer.set_text("Hi")
    fresh.window.composer.send_button.click()
    await until(lambda: fresh.dialog.tabs.currentIndex() == 0 and fresh.window.notice.text())
    assert not welcome_open(fresh) and fresh.window.composer.text() == "Hi"
    fresh.dialog.reject()


async def test_settings_in_the_app_show_what_variables_set(gateway, qtbot, monkeypatch):
    from tests.ui.flow import start_app

    app = await start_app(gateway, monkeypatch)  # PARLEY_BASE_URL, _API_STYLE, _API_KEY
    try:
        assert app.first_run.dialog is None  # a key from the environment: no welcome
        app.open_settings()
        dialog = app.dialog
        assert dialog.fields["base_url"].isReadOnly() and dialog.key_edit.isReadOnly()
        assert dialog.fields["base_url"].text() == gateway.url
        assert dialog.findChild(QLabel, "envNote_PARLEY_API_KEY") is not None
        dialog.reject()
    finally:
        await stop_app(app)


async def test_without_a_secure_keyring_the_key_is_kept_for_the_session_and_said(
        gateway, qtbot):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # conftest puts the in-memory one back afterwards
    app = await start_without_key()
    try:
        welcome = app.first_run.dialog
        welcome.fields["base_url"].setText(gateway.url)
        welcome.key_edit.setText(TEST_KEY)
        welcome.start_button.click()
        await until(lambda: not welcome_open(app))
        assert "for this session only" in app.window.notice.text()
        assert TEST_KEY not in app.window.notice.text()
        await type_and_send(app, "Hello")
        await until(lambda: HELLO in app.window.transcript.toPlainText())
    finally:
        await stop_app(app)
