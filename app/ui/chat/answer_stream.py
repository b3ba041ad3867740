"""One answer being streamed into the transcript and the history.

Deltas are collected as they arrive; the transcript is updated at most once per frame (only
the changed tail is re-rendered, see IncrementalRenderer), and less often as a long answer
makes each update dearer (see FramePacer); the partial text is checkpointed
to the history at least once a second, so a crash loses at most the last second. However the
stream ends — complete, stopped (task cancelled), failed — the answer is finished in the
history with what arrived, never lost.

Threading: a coroutine on the Qt loop; history writes go to the history's own thread.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from contextlib import aclosing
from typing import Protocol, cast

from PySide6.QtCore import QObject, QTimer

from app.core.gateway.events import ChatEvent, ChatResult, ErrorEvent, TextDelta
from app.core.history import AsyncHistory, Message
from app.core.render import IncrementalRenderer
from app.ui.chat.presenter import scope_copy_links, scope_update

FRAME_MS = 16
CHECKPOINT_SECONDS = 1.0


class FramePacer:
    """How long to wait before the next transcript update.

    At most one update per frame; beyond that, updates may take only ``share`` of the
    loop's time. An update's cost grows with the document: Qt rescans every frame of a
    QTextDocument whenever a table (code blocks and tables are tables) is inserted or
    removed, so near the end of a 100 KB answer one update costs ~20–30 ms. Spacing updates
    by their own cost keeps the loop responsive and the total CPU linear in the answer's
    length, at the price of fewer (still ≥ 4) updates per second on very long answers."""

    def __init__(self, frame_ms: int = FRAME_MS, share: float = 1 / 3,
                 longest_ms: int = 250) -> None:
        self.frame_ms, self.share, self.longest_ms = frame_ms, share, longest_ms

    def delay_ms(self, cost_seconds: float) -> int:
        """The wait after an update that took ``cost_seconds``."""
        idle = cost_seconds * 1000 * (1 / self.share - 1)
        return int(min(self.longest_ms, max(self.frame_ms, idle)))


class StreamView(Protocol):
    """Where the answer is painted (a :class:`~app.ui.chat.transcript.Transcript` whose
    stream has begun)."""

    def stream_update(self, frozen: list[str], tail: str, reset: bool = False) -> None: ...


class AnswerStream(QObject):
    def __init__(self, answer: Message, history: AsyncHistory, transcript: StreamView,
                 renderer: IncrementalRenderer, *, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.answer = answer
        self.history = history
        self.transcript = transcript
        self.renderer = renderer
        self.clock = clock
        self.result = ChatResult()
        self._frame = QTimer(self, singleShot=True, interval=FRAME_MS)
        self._frame.timeout.connect(self._paint)
        self._pacer = FramePacer()
        self._dirty = False
        self.html = ""                     # the answer's HTML once finished
        self.codes: tuple[str, ...] = ()  # and its code blocks (Copy)
        self.finished = False

    async def run(self, events: AsyncIterator[ChatEvent]) -> Message:
        """Consume the events; return the finished message as stored."""
        last_checkpoint = self.clock()
        status = "complete"
        try:
            # The gateway's streams are async generators: closing one at once (stopped,
            # failed) releases its connection (docs/ARCHITECTURE.md, pitfalls).
            async with aclosing(cast(AsyncGenerator[ChatEvent, None], events)) as stream:
                async for event in stream:
                    self.result.add(event)
                    if isinstance(event, TextDelta) and event.index == 0:
                        self._dirty = True
                        if not self._frame.isActive():
                            self._frame.start()
                        if self.clock() - last_checkpoint >= CHECKPOINT_SECONDS:
                            last_checkpoint = self.clock()
                            await self.history.checkpoint(self.answer.id, self.result.text)
                    elif isinstance(event, ErrorEvent):
                        status = "error"
        except asyncio.CancelledError:
            # Stopped by the user (or the app is quitting): keep what arrived, marked stopped.
            await asyncio.shield(self._finish("stopped"))
            raise
        return await self._finish(status)

    def freeze(self) -> None:
        """Show the whole answer as it stands, rendered once, and stop painting. Also what a
        caller does when finishing failed below (the text must stay on screen)."""
        if self.finished:
            return
        self._frame.stop()
        # The last blocks, from the incremental renderer: what is shown is now the whole
        # answer, rendered once — never again at the end (100 KB: ~3 s on the GUI thread).
        update = scope_update(self.renderer.finish(self.result.text), self.answer.id)
        self.transcript.stream_update(update.frozen, update.tail, update.reset)
        self.html = scope_copy_links(self.renderer.html(), self.answer.id)
        self.codes = self.renderer.codes
        self.finished = True

    async def _finish(self, status: str) -> Message:
        self.freeze()
        result = self.result
        if status == "complete" and not result.text and result.finish_reason is None:
            status = "error"
        error = str(result.error) if result.error is not None else None
        return await self.history.finish_answer(
            self.answer.id, result.text, status=status, finish_reason=result.finish_reason,
            usage=result.usage, error=error)

    def _paint(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        started = time.perf_counter()
        update = scope_update(self.renderer.update(self.result.text), self.answer.id)
        self.transcript.stream_update(update.frozen, update.tail, update.reset)
        self._frame.setInterval(self._pacer.delay_ms(time.perf_counter() - started))
