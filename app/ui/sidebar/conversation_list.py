"""The sidebar's conversations: the list, search by title and content, rename, pin, delete
with Undo. Opening a conversation is the chat controller's job: this asks for it.

Threading: GUI thread; history calls on the Qt loop (the history works on its own thread).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QStatusBar

from app.core.errors import ParleyError
from app.core.history import AsyncHistory
from app.ui.runtime.loop import start_task
from app.ui.sidebar.panel import Sidebar

UNDO_SECONDS = 8
PAGE = 300  # conversations listed at first, and added each time the user scrolls to the end


class ConversationList(QObject):
    openRequested = Signal(int, int, str)  # conversation, message to show (0: none), highlight
    deleted = Signal(int)                  # a conversation went (Undo may bring it back)
    problem = Signal(str)

    def __init__(self, sidebar: Sidebar, status: QStatusBar, history: AsyncHistory,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sidebar, self.status, self.history = sidebar, status, history
        self._query = ""
        self._limit = PAGE
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
        button = QPushButton(self.tr("Undo"), self.status)
        self.status.addWidget(button)
        self.status.showMessage(
            self.tr("Deleted “%1”").replace("%1", title or self.tr("New chat")),
            UNDO_SECONDS * 1000)

        def undo() -> None:
            button.deleteLater()
            self.status.clearMessage()
            self._run(self.history.restore(conversation_id))

        button.clicked.connect(undo)
        QTimer.singleShot(UNDO_SECONDS * 1000, button.deleteLater)

    def _run(self, coro) -> None:
        async def run() -> None:
            try:
                await coro
            except ParleyError as error:
                self.problem.emit(str(error))
            await self.refresh()
        start_task(run())
