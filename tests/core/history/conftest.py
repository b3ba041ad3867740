"""Fixtures of the history tests. The root conftest already gives each test its own
PARLEY_HOME, so the default database path is private to the test."""

from __future__ import annotations

import pytest

from app.core.history import HistoryStore


@pytest.fixture
def store():
    with HistoryStore() as s:
        yield s


@pytest.fixture
def chat(store):
    """``chat(*turns)``: a conversation of alternating user/assistant messages in
    ``store``; returns (conversation, messages)."""

    def make(*turns: str, into: HistoryStore | None = None):
        target = into or store
        conv = target.create_conversation()
        messages = [target.add_message(conv.id, ("user", "assistant")[i % 2], text)
                    for i, text in enumerate(turns)]
        return conv, messages

    return make
