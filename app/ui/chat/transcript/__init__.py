"""The transcript: one conversation, each message its own widgets, laid out only near the
viewport. See :mod:`.widget` (the Transcript), :mod:`.engine` (the virtual layout),
:mod:`.entries` (messages as rows), :mod:`.parts` (a body cut into parts), :mod:`.rows` and
:mod:`.actions` (the widgets), :mod:`.docview` (a document shown without a text browser),
:mod:`.resources` (the only images a document may load), :mod:`.models` (plain data).

Names load on first use (PEP 562), and the row widgets only when the first message is
shown: the main window's first paint needs the empty Transcript alone (each module imported
after PySide6 costs ~2 ms of start-up).

Threading: GUI thread only.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {"ErrorView": "models", "ImageView": "models", "MessageView": "models",
          "Transcript": "widget"}

if TYPE_CHECKING:
    from app.ui.chat.transcript.models import ErrorView, ImageView, MessageView
    from app.ui.chat.transcript.widget import Transcript


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = ["ErrorView", "ImageView", "MessageView", "Transcript"]
