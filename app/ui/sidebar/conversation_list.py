"""The sidebar's conversations: the list, search by title and content, rename, pin, delete
with Undo. Opening a conversation is the chat controller's job: this asks for it.

Threading: GUI thread; history calls on the Qt loop (the history works on its own thread).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QWidget

from app.core.errors import ParleyError
from app.core.history import AsyncHistory
from app.ui.runtime.tasks import start_task
from app.ui.sidebar.undo_note import UndoNote

UNDO_SECONDS = 8
PAGE = 300  # conversations listed at first, and added each time the user scrolls to the end


class SearchField(Protocol):
    def text(self) -> str: ...


class ConversationsPanel(Protocol):
    """What :class:`ConversationList` needs of the sidebar (:class:`app.ui.sidebar.panel.Sidebar`):
    what it shows, and the signals the user's requests come by."""

    @property
    def search(self) -> SearchField: ...
    def searching(self) -> bool: ...
    def set_conversations(self, conversations: Sequence[Any], now: float | None = None,
                          more: bool = False) -> None: ...
    def set_search_results(self, hits: Sequence[Any]) -> None: ...
    @property
    def conversationSelected(self) -> SignalInstance: ...
    @property
    def renameRequested(self) -> SignalInstance: ...
    @property
    def pinRequested(self) -> SignalInstance: ...
    @property
    def deleteRequested(self) -> SignalInstance: ...
    @property
    def searchChanged(self) -> SignalInstance: ...
    @property
    def searchHitActivated(self) -> SignalInstance: ...
    @property
    def moreRequested(self) -> SignalInstance: ...


class UndoBar(Protocol):
    """The status bar (QStatusBar): a message for a while; a widget of ours (the undo note)."""

    def showMessage(self, text: str, timeout: int = 0, /) -> None: ...
    def clearMessage(self) -> None: ...
    def insertPermanentWidget(self, index: int, widget: QWidget, stretch: int = 0, /) -> int: ...
    def removeWidget(self, widget: QWidget, /) -> None: ...


class ConversationList(QObject):
    openRequested = Signal(int, int, str)  # conversation, message to show (0: none), highlight
    deleted = Signal(int)                  # a conversation went (Undo may bring it back)
    problem = Signal(str)

    def __init__(self, sidebar: ConversationsPanel, status: UndoBar, history: AsyncHistory,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sidebar, self.status, self.history = sidebar, status, history
        self._query = ""
        self._limit = PAGE
        self._note: QWidget | None = None  # "Deleted …" with Undo, while it is offered
        s = sidebar
        s.conversationSelected.connect(lambda cid: self.openRequested.emit(cid, 0, ""))
        s.renameRequested.connect(lambda cid, t: self._run(self.history.rename(cid, t)))
        s.pinRequested.connect(lambda cid, p: self._run(self.history.set_pinned(cid, p)))
        s.deleteRequested.connect(lambda cid: start_task(self.delete(cid)))
        s.searchChanged.connect(lambda q: start_task(self.search(q)))
        s.searchHitActivated.connect(
            lambda cid, mid: self.openRequested.emit(cid, mid, self._query))
        s.moreRequested.connect(self._more)

    async def refresh(self) -> None:
        if self.sidebar.searching():
            await self.search(self.sidebar.search.text().strip())
            return
        # One more than shown: tells whether older ones exist, without a count query.
        listed = await self.history.list_conversations(limit=self._limit + 1)
        self.sidebar.set_conversations(listed[:self._limit], more=len(listed) > self._limit)

    def _more(self) -> None:
        self._limit += PAGE
        start_task(self.refresh(), name="list older chats")

    async def search(self, query: str) -> None:
        self._query = query
        if not query:
            await self.refresh()
            return
        hits = await self.history.search(query)
        if query == self._query:  # a newer search may have started meanwhile
            self.sidebar.set_search_results(hits)

    async def delete(self, conversation_id: int) -> None:
        title = (await self.history.get_conversation(conversation_id)).title
        await self.history.delete(conversation_id)
        self.deleted.emit(conversation_id)
        await self.refresh()
        self._offer_undo(conversation_id, title)

    def _offer_undo(self, conversation_id: int, title: str) -> None:
        """The note with Undo, for UNDO_SECONDS; it replaces an earlier one. A permanent
        widget: the status bar hides its normal widgets under every message it shows."""
        self._drop_note()
        note = UndoNote(title or self.tr("New chat"))
        self.status.insertPermanentWidget(0, note)  # the status bar is now its parent
        self._note = note

        def undo() -> None:
            self._drop_note()
            self._run(self.history.restore(conversation_id))

        note.undoRequested.connect(undo)
        QTimer.singleShot(UNDO_SECONDS * 1000, note, lambda: self._drop_note(note))

    def _drop_note(self, note: QWidget | None = None) -> None:
        """Remove the undo note (only ``note``, if given: a later one stays)."""
        current = self._note
        if current is None or (note is not None and note is not current):
            return
        self._note = None
        self.status.removeWidget(current)
        current.deleteLater()

    def _run(self, coro) -> None:
        async def run() -> None:
            try:
                await coro
            except ParleyError as error:
                self.problem.emit(str(error))
            await self.refresh()
        start_task(run())
