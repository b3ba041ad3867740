"""The history cannot be used when Parley starts — damaged, locked by another process,
read-only (file or folder), from a newer Parley, or a folder at its path. The window opens
all the same, a banner says answers are not being saved and why, questions are answered
(kept in a temporary history), and Retry goes back to the real history once the fault is
gone, with what was said meanwhile moved into it and the typed text still there."""

from __future__ import annotations

import asyncio

import pytest

import app.core.history.store as store_module
from app.core.config.paths import data_dir
from app.core.history import AsyncHistory, HistoryStore
from app.core.history.store import DB_NAME
from tests.history_faults import FAULTS, as_plain_user, make
from tests.ui.flow import HELLO, start_app, stop_app, type_and_send, until

REASONS = {"damaged": "damaged", "locked": "in use by another program",
           "read-only": "read-only", "read-only-folder": "read-only",
           "newer": "newer version of Parley", "directory": "cannot be opened"}


def answered(app, count: int) -> bool:
    path = app.controller.path
    return (len(path) == count and path[-1].status == "complete" and path[-1].content == HELLO
            and not app.controller.busy)


def saved_titles(path) -> list[str]:
    with HistoryStore(path) as store:
        return sorted(c.title for c in store.list_conversations())


@pytest.mark.parametrize("fault", FAULTS)
async def test_unusable_history_at_start(fault, gateway, monkeypatch, qtbot):
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.3, raising=False)  # sooner
    path = data_dir() / DB_NAME
    repair = make(fault, path)
    history = AsyncHistory()
    # As root, the history's thread must not override file modes (see tests/history_faults).
    await asyncio.wrap_future(history._executor.submit(as_plain_user))
    app = await start_app(gateway, monkeypatch, history=history)
    try:
        # The window is usable: a question is answered, though not saved.
        await type_and_send(app, "Hello")
        await until(lambda: answered(app, 2))
        assert HELLO in app.window.transcript.toPlainText()
        assert app.window.composer.text() == ""

        banner = app.window.history_banner
        assert banner.isVisible()
        assert "not being saved" in banner.text() and REASONS[fault] in banner.text()
        assert str(path) in banner.toolTip()

        # Retry while the fault is still there: said, and nothing changes.
        banner.retry_button.click()
        await until(lambda: banner.retry_button.isEnabled())
        assert banner.isVisible() and REASONS[fault] in banner.text()
        assert "still" in app.window.status.currentMessage().lower()

        repair()
        app.window.composer.set_text("typed while retrying")
        banner.retry_button.click()
        await until(lambda: not banner.isVisible())
        assert app.window.composer.text() == "typed while retrying"
        # What was said meanwhile is in the real history now, and the chat goes on there.
        before = [] if fault == "directory" else ["Kept from before"]
        assert saved_titles(path) == sorted([*before, "Hello"])
        assert [m.content for m in app.controller.path] == ["Hello", HELLO]
        await type_and_send(app, "And now?")
        await until(lambda: answered(app, 4))
        with HistoryStore(path) as store:
            [conversation] = [c for c in store.list_conversations() if c.title == "Hello"]
            assert [m.content for m in store.active_path(conversation.id)] == [
                "Hello", HELLO, "And now?", HELLO]
        tree = app.window.sidebar.tree  # the sidebar lists the real history's conversations
        rows = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
        assert all(any(title in row for row in rows) for title in [*before, "Hello"])
    finally:
        await stop_app(app)
        path.parent.chmod(0o755)
