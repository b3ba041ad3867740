"""One answer being streamed into the transcript and the history.

Deltas are collected as they arrive; the transcript is updated at most once per frame (only
the changed tail is re-rendered, see IncrementalRenderer), and less often should an update
ever get dear (see FramePacer). Until the first words, the transcript's waiting row shows;
a retry of the request (app.core.gateway.events.Retrying) is said there, with its reason
and a countdown. While the stream is open, the text shown is
checkpointed to the history once a second whenever some of it is unsaved — on a timer, not
only when a delta arrives, so a gateway that goes quiet and a force-quit of the hung app
lose at most the last second. However the stream ends — complete, stopped (task
cancelled), failed — the answer is finished in the history with what arrived.

When the history cannot keep the text (the disk is full, say), the answer goes on being
shown all the same: ``saveFailed`` says why, the checkpoints keep trying, and a final save
that fails is handed to :meth:`AsyncHistory.defer`, which writes it before the history's
next call; :meth:`run` then returns the answer as it stands on screen, with ``saved`` False.

Threading: a coroutine on the Qt loop; history writes go to the history's own thread.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing
from dataclasses import replace
from typing import Protocol, cast

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.gateway.events import ChatEvent, ChatResult, ErrorEvent, Retrying, TextDelta
from app.core.history import AsyncHistory, HistoryError, HistoryStore, Message
from app.core.history.models import coerce_usage
from app.core.render import IncrementalRenderer, RenderUpdate
from app.core.render.blocks import RenderedBlock
from app.ui.chat.presenter import retry_reason, scope_copy_links, scope_update
from app.ui.runtime.tasks import start_task

FRAME_MS = 16
CHECKPOINT_SECONDS = 1.0


class FramePacer:
    """How long to wait before the next transcript update.

    At most one update per frame; beyond that, updates may take only ``share`` of the
    loop's time. With one small document per part (app/ui/chat/transcript/parts.py) an
    update costs about the same at any length (1–3 ms); should one get dear (a slow
    machine, a huge open code block), spacing updates by their own cost keeps the loop
    responsive and the total CPU linear in the answer's length, at the price of fewer
    (still ≥ 4) updates per second."""

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

    def stream_update(self, update: RenderUpdate) -> None: ...
    def stream_retrying(self, reason: str, delay: float, attempt: int, retries: int) -> None: ...


class AnswerStream(QObject):
    saveFailed = Signal(object)  # HistoryError: the history could not keep the text shown

    def __init__(self, answer: Message, history: AsyncHistory, transcript: StreamView,
                 renderer: IncrementalRenderer, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.answer = answer
        self.history = history
        self.transcript = transcript
        self.renderer = renderer
        self.result = ChatResult()
        self._frame = QTimer(self, singleShot=True, interval=FRAME_MS)
        self._frame.timeout.connect(self._paint)
        self._pacer = FramePacer()
        self._dirty = False
        self._saved_text = ""              # what the history holds of the answer
        self.save_error: HistoryError | None = None  # the last save failed with this
        self.html = ""                     # the answer's HTML once finished
        self.blocks: tuple[RenderedBlock, ...] = ()  # the same, block by block
        self.codes: tuple[str, ...] = ()  # and its code blocks (Copy)
        self.finished = False
        self.final: Message | None = None  # the answer as finished (stored or not)
        self._text, self._joined = "", 0   # the text so far, and how many deltas it holds
        self.saved = True                  # False: the final save failed (and was deferred)

    async def run(self, events: AsyncIterator[ChatEvent]) -> Message:
        """Consume the events; return the finished message (as stored, if it could be)."""
        status = "complete"
        saver = start_task(self._keep_saving(), name="checkpoint answer")
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
                    elif isinstance(event, ErrorEvent):
                        status = "error"
                    elif isinstance(event, Retrying):
                        self.transcript.stream_retrying(retry_reason(event.error), event.delay,
                                                        event.attempt, event.retries)
        except asyncio.CancelledError:
            # Stopped by the user (or the app is quitting): keep what arrived, marked stopped.
            saver.cancel()
            await asyncio.shield(self._finish("stopped"))
            raise
        finally:
            saver.cancel()
        return await self._finish(status)

    async def _keep_saving(self) -> None:
        """Checkpoint once a second while there is unsaved text, whether or not the
        gateway is sending (a write already submitted still happens, in order, if this
        task is cancelled; a checkpoint after the finish is ignored by the store)."""
        while True:
            await asyncio.sleep(CHECKPOINT_SECONDS)
            text = self.result.text
            if text == self._saved_text:
                continue
            try:
                await self.history.checkpoint(self.answer.id, text)
            except HistoryError as error:
                self._failed(error)
                continue
            self._saved_text, self.save_error = text, None

    def _failed(self, error: HistoryError) -> None:
        if self.save_error is None:  # once per run of failures, not once a second
            self.saveFailed.emit(error)
        self.save_error = error

    def freeze(self) -> None:
        """Show the whole answer as it stands, rendered once, and stop painting. Also what a
        caller does when finishing failed below (the text must stay on screen)."""
        if self.finished:
            return
        self._frame.stop()
        # The last blocks, from the incremental renderer: what is shown is now the whole
        # answer, rendered once — never again at the end (100 KB: ~3 s on the GUI thread).
        update = scope_update(self.renderer.finish(self.result.text), self.answer.id)
        self.transcript.stream_update(update)
        self.html = scope_copy_links(self.renderer.html(), self.answer.id)
        self.blocks = tuple(scope_update(RenderUpdate(frozen_blocks=list(self.renderer.blocks)),
                                         self.answer.id).frozen_blocks)
        self.codes = self.renderer.codes
        self.finished = True

    async def _finish(self, status: str) -> Message:
        self.freeze()
        result = self.result
        if status == "complete" and not result.text and result.finish_reason is None:
            status = "error"
        error = str(result.error) if result.error is not None else None
        finish = functools.partial(
            HistoryStore.finish_answer, message_id=self.answer.id, content=result.text,
            status=status, finish_reason=result.finish_reason, usage=result.usage,
            error=error)
        try:
            self.final = await self.history.finish_answer(
                self.answer.id, result.text, status=status, finish_reason=result.finish_reason,
                usage=result.usage, error=error)
            self.save_error = None
        except HistoryError as failure:
            self._failed(failure)
            self.history.defer(finish)  # written before the history's next call, if it can
            self.saved = False
            counts = coerce_usage(result.usage)
            prompt, completion, total = counts if counts is not None else (None, None, None)
            self.final = replace(
                self.answer, content=result.text, status=status, error=error,
                finish_reason=result.finish_reason, prompt_tokens=prompt,
                completion_tokens=completion, total_tokens=total, updated_at=time.time())
        return self.final

    def _text_so_far(self) -> str:
        """The answer's text, joining only the deltas that came since the last time
        (``result.text`` joins them all: ~0.3 ms a frame at 100 KB)."""
        parts = self.result.parts.get(0, [])
        if len(parts) > self._joined:
            self._text += "".join(parts[self._joined:])
            self._joined = len(parts)
        return self._text

    def _paint(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        started = time.perf_counter()
        update = scope_update(self.renderer.update(self._text_so_far()), self.answer.id)
        self.transcript.stream_update(update)
        self._frame.setInterval(self._pacer.delay_ms(time.perf_counter() - started))
