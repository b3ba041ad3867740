"""The Parameters popover against the loopback gateway: what the user did not set is not
sent (the profile's defaults, or the gateway's, apply)."""

from dataclasses import replace

from app.core.config.profiles import ProfileStore
from tests.ui.flow import type_and_send, until


async def open_and_close_untouched(app):
    header = app.window.header
    header.params_button.click()
    await until(header.popup.isVisible)
    header.popup.hide()  # what a click outside the popup does


def chats(gateway):
    return [r for r in gateway.requests if r.method == "POST"]  # not the balance's GET


async def ask(app, gateway, text):
    """Send ``text``; the JSON body of the chat request it made."""
    before = len(chats(gateway))
    await type_and_send(app, text)
    await until(lambda: len(chats(gateway)) > before and not app.controller.busy
                and app.controller.path and app.controller.path[-1].status == "complete")
    return chats(gateway)[-1].json


async def test_an_untouched_popover_sends_no_temperature(parley, gateway):
    await open_and_close_untouched(parley)
    body = await ask(parley, gateway, "Hello")
    assert "temperature" not in body and "max_tokens" not in body
    parley.window.sidebar.new_button.click()  # a new chat: still nothing set
    await until(lambda: parley.controller.conversation is None)
    popup = parley.window.header.popup
    assert popup.temperature.text() == popup.temperature.specialValueText()
    await open_and_close_untouched(parley)
    body = await ask(parley, gateway, "Again")
    assert "temperature" not in body and "max_tokens" not in body


async def test_an_untouched_popover_keeps_the_profiles_defaults(parley, gateway):
    profile = parley.connection.profile()
    ProfileStore().save(replace(profile, defaults={"temperature": 0.3, "max_tokens": 300}))
    parley.connection.reload()
    await open_and_close_untouched(parley)
    body = await ask(parley, gateway, "Hello")
    assert body["temperature"] == 0.3 and body["max_tokens"] == 300


async def test_a_temperature_the_user_set_is_sent(parley, gateway):
    header = parley.window.header
    header.params_button.click()
    await until(header.popup.isVisible)
    header.popup.temperature.setValue(0.7)
    header.popup.hide()
    body = await ask(parley, gateway, "Hello")
    assert body["temperature"] == 0.7 and "max_tokens" not in body
