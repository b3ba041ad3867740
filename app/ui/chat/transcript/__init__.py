"""The transcript: one conversation, each message its own widgets, laid out only near the
viewport. See :mod:`.widget` (the Transcript), :mod:`.engine` (the virtual layout),
:mod:`.entries` (messages as rows), :mod:`.parts` (a body cut into parts), :mod:`.rows` and
:mod:`.actions` (the widgets), :mod:`.docview` (a document shown without a text browser),
:mod:`.resources` (the only images a document may load), :mod:`.models` (plain data).

Threading: GUI thread only.
"""

from app.ui.chat.transcript.models import ErrorView, ImageView, MessageView
from app.ui.chat.transcript.widget import Transcript

__all__ = ["ErrorView", "ImageView", "MessageView", "Transcript"]
