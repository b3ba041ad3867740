"""Failures below the window end with a clear notice and a usable window; typed text and the
answer so far are kept (the real window against the loopback gateway)."""

from dataclasses import replace

import keyring

from app.core.config.profiles import ProfileStore
from app.core.config.secrets import SERVICE
from tests.ui.flow import HELLO, start_app, stop_app, type_and_send, until


def usable(app) -> bool:
    """Send is back (enabled as soon as there is text), Stop is gone, nothing is running."""
    composer = app.window.composer
    return composer.send_button.isVisible() and not composer.stop_button.isVisible() \
        and not app.controller.busy


async def test_an_unusable_proxy_is_said_and_send_comes_back(parley, gateway):
    store = ProfileStore()
    profile = parley.connection.profile()
    store.save(replace(profile, proxy="ftp://proxy.example:21"))
    parley.connection.reload()
    await type_and_send(parley, "Through the proxy?")
    await until(lambda: parley.window.notice.isVisible() and "proxy" in parley.window.notice.text())
    assert "A setting needs attention" in parley.window.notice.text()
    await until(lambda: usable(parley))
    assert parley.window.composer.text() == "Through the proxy?"  # nothing typed is lost
    store.save(replace(profile, proxy=""))  # fixed in Settings
    parley.connection.reload()
    await type_and_send(parley, "Through the proxy?")
    await until(lambda: parley.controller.path and parley.controller.path[-1].role == "assistant"
                and parley.controller.path[-1].status == "complete")
    assert HELLO in parley.window.transcript.toPlainText()


async def test_a_key_with_a_line_break_is_a_setting_not_a_network_error(parley, gateway,
                                                                         monkeypatch):
    monkeypatch.setenv("PARLEY_API_KEY", "first-half\nsecond-half")
    await type_and_send(parley, "Hello")
    await until(lambda: "line breaks" in parley.window.notice.text())
    await until(lambda: usable(parley))
    assert [r for r in gateway.requests if "completion" in r.path] == []
    assert parley.window.composer.text() == "Hello"


async def test_a_locked_keyring_is_said(parley, gateway, monkeypatch):
    monkeypatch.delenv("PARLEY_API_KEY")
    keyring.set_password(SERVICE, parley.connection.profile().name, "stored-key-0123456789")

    def locked(*_args):
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    monkeypatch.setattr(keyring, "get_password", locked)
    await type_and_send(parley, "Hello")
    await until(lambda: "locked" in parley.window.notice.text())
    assert "The keyring cannot be used" in parley.window.notice.text()
    await until(lambda: usable(parley))
    assert parley.window.composer.text() == "Hello"


async def test_an_unexpected_failure_mid_answer_keeps_the_text_and_the_window(parley, gateway,
                                                                              monkeypatch):
    gateway.stream_text("Partial words arrive. " * 30, chunks=30)
    original = parley.history.finish_answer

    async def broken(*args, **kwargs):
        raise RuntimeError("simulated failure while storing the answer")

    monkeypatch.setattr(parley.history, "finish_answer", broken)
    await type_and_send(parley, "Tell me something")
    await until(lambda: "Something went wrong inside Parley" in parley.window.notice.text())
    assert "RuntimeError: simulated failure" in parley.window.notice.text()
    await until(lambda: usable(parley))
    assert "Partial words arrive." in parley.window.transcript.toPlainText()
    assert not parley.window.transcript.streaming
    monkeypatch.setattr(parley.history, "finish_answer", original)
    gateway.stream_text(HELLO)
    await type_and_send(parley, "And now?")
    await until(lambda: parley.controller.path and parley.controller.path[-1].role == "assistant"
                and parley.controller.path[-1].status == "complete")
    assert HELLO in parley.window.transcript.toPlainText()


async def test_a_damaged_config_is_set_aside_and_the_window_works(gateway, monkeypatch, qtbot):
    from app.core.config import paths

    config = paths.config_dir() / "config.json"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('{"settings": {"theme": "dark"', encoding="utf-8")
    app = await start_app(gateway, monkeypatch)
    try:
        assert "could not be used" in app.window.notice.text()
        assert list(config.parent.glob("config.json.bad-*"))  # kept, not deleted
        await type_and_send(app, "Hello")
        await until(lambda: app.controller.path and app.controller.path[-1].role == "assistant"
                    and app.controller.path[-1].status == "complete")
        assert HELLO in app.window.transcript.toPlainText()
    finally:
        await stop_app(app)


async def test_wrong_types_in_config_give_a_notice_and_a_working_send(gateway, monkeypatch,
                                                                       qtbot):
    import json

    from app.core.config import paths

    config = paths.config_dir() / "config.json"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps({"settings": {"theme": ["dark"], "keep_in_tray": "yes",
                                               "model_titles": False},
                                  "profiles": {"eduhk-apim": {"read_timeout": "long"}}}))
    app = await start_app(gateway, monkeypatch)
    try:
        notice = app.window.notice.text()
        assert "theme" in notice and "read_timeout" in notice
        await type_and_send(app, "Hello")
        await until(lambda: app.controller.path and app.controller.path[-1].role == "assistant"
                    and app.controller.path[-1].status == "complete")
    finally:
        await stop_app(app)


async def test_choosing_a_profile_on_a_full_disk_is_said(parley, monkeypatch):
    import errno
    import json

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(json, "dump", full)
    parley.window.header.profileChosen.emit("eduhk-azure")  # as the header's box does
    assert "No space left" in parley.window.notice.text()
    assert "A setting needs attention" in parley.window.notice.text()


async def test_parley_home_is_a_file_and_the_window_still_answers(gateway, monkeypatch, qtbot,
                                                                   tmp_path):
    import asyncio

    from app.ui.wiring import App
    from tests.conftest import style_env

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PARLEY_HOME", str(blocker))
    for name, value in style_env(gateway, "apim").items():
        monkeypatch.setenv(name, value)
    app = App()
    app.show()
    try:
        await asyncio.wait_for(app.ready, 10)
        assert "PARLEY_HOME" in app.window.notice.text()
        await type_and_send(app, "Hello")
        await until(lambda: HELLO in app.window.transcript.toPlainText())
        assert gateway.requests  # PARLEY_BASE_URL held: the loopback gateway answered
    finally:
        await stop_app(app)
