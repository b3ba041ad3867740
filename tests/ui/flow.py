"""Driving the whole app in tests, as a user would, on the Qt loop."""

import asyncio
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent

from app.core.config.settings import Settings
from app.ui.runtime.loop import cancel_all_tasks
from app.ui.wiring import App
from tests.conftest import style_env
from tests.waits import tasks_done as tasks_done  # re-exported for the flow tests
from tests.waits import until as until

HELLO = "Hello! How can I assist you today?"


async def start_app(gateway, monkeypatch, style="apim", model_titles=False, history=None):
    """The whole app against the loopback gateway. Its window is NOT given to qtbot:
    pytest-qt deletes registered widgets before fixtures finish, which would pull the window
    from under shutdown and from background tasks still holding it; :func:`stop_app` owns
    the lifetime instead.

    ``model_titles`` is off unless asked for: the title request races with what a test
    checks next (titles, request counts, queued faults). tests/ui/sidebar/test_titles_flow.py
    covers it, on as it is by default. ``history``: an AsyncHistory to use instead of the
    default one (not opened yet: the app opens it)."""
    for name, value in style_env(gateway, style).items():
        monkeypatch.setenv(name, value)
    settings, _ = Settings.load()
    if settings.model_titles != model_titles:
        replace(settings, model_titles=model_titles).save()
    app = App(history=history)
    app.show()
    await asyncio.wait_for(app.ready, 10)
    return app


async def stop_app(app):
    await app.shutdown()
    await cancel_all_tasks()
    app.window.close()
    app.window.deleteLater()
    app.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


async def type_and_send(app, text):
    app.window.composer.set_text(text)
    app.window.composer.send_button.click()
