"""The sample conversation in a private history (the root conftest gives each test its own
PARLEY_HOME)."""

from __future__ import annotations

import pytest

from app.core.export.document import load_conversation
from app.core.history.store import HistoryStore
from tests.core.export.sample import sample_conversation


@pytest.fixture
def store():
    with HistoryStore() as s:
        yield s


@pytest.fixture
def conversation(store):
    return sample_conversation(store)


@pytest.fixture
def doc(store, conversation):
    return load_conversation(store, conversation)
