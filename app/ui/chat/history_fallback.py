"""Chatting on when the history cannot be used, and going back when it can.

At start-up the history may be unusable: damaged, locked by another program, read-only,
from a newer Parley, not a file. Rather than a window whose Send does nothing,
:meth:`HistoryFallback.begin` puts a temporary history in its place
(:meth:`AsyncHistory.use_temporary`) and shows the banner: answers are not being saved, and
why. Everything works as usual meanwhile. Retry tries the real history again
(:meth:`AsyncHistory.reopen`); once it works, what was said meanwhile is moved into it, the
open conversation is opened again at its new id with the typed text kept, and the banner
goes. A Retry that fails says so and changes nothing.

Threading: GUI thread; coroutines on the Qt loop (the history works on its own thread).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar

from app.core.history import AsyncHistory, HistoryError
from app.ui.chat.controller import ChatController
from app.ui.chat.history_notices import history_problem
from app.ui.runtime.tasks import start_task
from app.ui.window.history_banner import HistoryBanner

STATUS_MS = 8000


class HistoryFallback(QObject):
    def __init__(self, history: AsyncHistory, banner: HistoryBanner, status: QStatusBar,
                 controller: ChatController,
                 answering: Sequence[Callable[[], Awaitable[None]]] = (),
                 parent: QObject | None = None) -> None:
        """``answering``: waits until an answer being made (main window, quick ask) has
        ended; Retry moves conversations only between answers."""
        super().__init__(parent)
        self.history, self.banner, self.status = history, banner, status
        self.controller, self.answering = controller, answering
        banner.retryRequested.connect(self.retry)

    async def begin(self, problem: HistoryError) -> None:
        """The real history is unusable (``problem``): go on in a temporary one."""
        self._show(problem)
        try:
            await self.history.use_temporary(problem)
        except HistoryError as worse:  # not even a temporary folder: say that too
            self.status.showMessage(str(worse))
            return
        await self.controller.refresh_list()

    def retry(self) -> None:
        self.banner.set_retrying(True)
        start_task(self._retry(), name="retry history")

    async def _retry(self) -> None:
        try:
            for wait in self.answering:
                await wait()
            moved = await self.history.reopen()
        except HistoryError as problem:
            self._show(problem)
            self.status.showMessage(self.tr("Answers are still not being saved: %1.").replace(
                "%1", history_problem(problem)), STATUS_MS)
            return
        finally:
            self.banner.set_retrying(False)
        await self.controller.follow_move(moved)
        self.banner.hide()
        self.status.showMessage(self.tr(
            "The history works again: answers are saved, with what was said meanwhile."),
            STATUS_MS)

    def _show(self, problem: HistoryError) -> None:
        self.banner.show_problem(history_problem(problem), str(problem))
