"""What the chat controller uses of the main window, as protocols.

The controller depends on :class:`ChatView`, not on the widgets: the real one is
:class:`app.ui.window.main_window.MainWindow`; tests drive the controller's logic through a
plain Python fake (tests/ui/chat/fake_view.py). Attributes down, signals up: the methods are
what the controller calls; the signals (Qt signal instances on the real widgets) are what it
listens to. Each part also offers what the controller's helpers need of the same widget —
:class:`~app.ui.images.views.TranscriptImages` (an ImageCanvas),
:class:`~app.ui.images.pending.PendingImages` (an ImageTray) and
:class:`~app.ui.sidebar.conversation_list.ConversationList` (a ConversationsPanel and an
UndoBar) — so the helpers are built from the same view.

Threading: GUI thread only, like the widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance

from app.core.render import RenderUpdate
from app.ui.chat.transcript import MessageView
from app.ui.images.pending import ImageTray
from app.ui.images.views import ImageCanvas
from app.ui.sidebar.conversation_list import ConversationsPanel, UndoBar


class TranscriptView(ImageCanvas, Protocol):
    """The conversation as shown (:class:`app.ui.chat.transcript.Transcript`). Also what
    AnswerStream paints into (its StreamView: stream_update, stream_retrying)."""

    @property
    def actionRequested(self) -> SignalInstance: ...    # (kind, argument): a parley-… link
    @property
    def linkOpenRequested(self) -> SignalInstance: ...  # (QUrl): a web link was clicked
    @property
    def promptChosen(self) -> SignalInstance: ...       # (text): a new chat's example prompt
    def set_resource_provider(self, provider: Callable[[str], bytes | None]) -> None: ...
    def show_messages(self, messages: list[MessageView], preamble_html: str = "") -> None: ...
    def append_message(self, message: MessageView) -> None: ...
    def begin_stream(self, message: MessageView) -> None: ...
    def stream_update(self, update: RenderUpdate) -> None: ...
    def stream_waiting(self, text: str) -> None: ...       # said until the first words
    def stream_retrying(self, reason: str, delay: float, attempt: int, retries: int) -> None: ...
    def finish_stream(self, message: MessageView) -> None: ...
    @property
    def streaming(self) -> bool: ...                    # a stream is open (begun, not finished)
    def scroll_to_message(self, message_id: int, highlight: str = "") -> bool: ...


class ComposerView(ImageTray, Protocol):
    """Where the next message is typed (:class:`app.ui.chat.composer.Composer`)."""

    @property
    def sendRequested(self) -> SignalInstance: ...     # (text)
    @property
    def imagineRequested(self) -> SignalInstance: ...  # (prompt, image options)
    @property
    def stopRequested(self) -> SignalInstance: ...
    @property
    def draftChanged(self) -> SignalInstance: ...      # (text), typed by the user
    @property
    def editCancelled(self) -> SignalInstance: ...     # Cancel (or Esc) while editing
    def set_editing(self, on: bool) -> None: ...       # the "Editing your question" bar
    def text(self) -> str: ...
    def set_text(self, text: str) -> None: ...
    def clear(self) -> None: ...
    def focus(self) -> None: ...
    def image_settings(self) -> dict[str, Any]: ...
    def hold(self, reason: str) -> None: ...  # Send held while not "" (files too large)


class HeaderView(Protocol):
    """Model and parameters above the transcript (:class:`app.ui.window.header.Header`)."""

    @property
    def paramsChanged(self) -> SignalInstance: ...  # ({name: value}), e.g. temperature
    @property
    def modelChosen(self) -> SignalInstance: ...    # (model)
    def set_params(self, params: Mapping[str, Any]) -> None: ...
    def set_token_total(self, total: int) -> None: ...


class SidebarView(ConversationsPanel, Protocol):
    """The conversation list (:class:`app.ui.sidebar.panel.Sidebar`)."""

    @property
    def newChatRequested(self) -> SignalInstance: ...
    def select_conversation(self, conversation_id: int) -> None: ...


class ChatView(Protocol):
    """The main window as the chat controller sees it."""

    @property
    def transcript(self) -> TranscriptView: ...
    @property
    def composer(self) -> ComposerView: ...
    @property
    def header(self) -> HeaderView: ...
    @property
    def sidebar(self) -> SidebarView: ...
    @property
    def status(self) -> UndoBar: ...
    @property
    def imagesDropped(self) -> SignalInstance: ...  # ([Offered]), outside the composer
    @property
    def stopRequested(self) -> SignalInstance: ...  # Esc while an answer streams
    @property
    def copyLastAnswerRequested(self) -> SignalInstance: ...
    @property
    def closing(self) -> SignalInstance: ...
    def show_notice(self, text: str) -> None: ...   # one line above the composer; "" hides it
    def set_busy(self, busy: bool) -> None: ...     # an answer is being made
