"""The answer being made in the open conversation, one at a time.

An answer is begun in the history and the transcript, streamed (or, for an ``/imagine``
question, made as images), and finished however it ends — complete, failed, or stopped
with what arrived kept (see :class:`~app.ui.chat.answer_stream.AnswerStream`). It runs in
the task of whoever asked for it (a send, a retry, a regenerate), which :meth:`stop`
cancels; ``busy`` holds while it runs.


Threading: GUI thread; coroutines on the Qt loop; history writes on the history's thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.config.profiles import Profile
from app.core.gateway.chat import ChatRequest
from app.core.gateway.client import Gateway
from app.core.gateway.events import ChatEvent, ErrorEvent
from app.core.history import HistoryError, Message
from app.core.images.generation import make_images
from app.core.images.imagine import imagine_prompt
from app.core.render import IncrementalRenderer
from app.ui.chat.answer_stream import AnswerStream
from app.ui.chat.history_notices import not_begun_notice, not_saved_notice
from app.ui.chat.open_conversation import OpenConversation
from app.ui.chat.presenter import Presenter
from app.ui.chat.transcript import MessageView
from app.ui.chat.view import ChatView


class AnswerFlow(QObject):
    """Makes the answers of the open conversation (``chat``), shown in ``window``."""

    answered = Signal()  # an answer (or a picture) finished, in whichever conversation
    firstAnswered = Signal(int, str, str, str)  # conversation, question, answer, model
    settled = Signal()   # the open conversation's answer is final as shown

    def __init__(self, chat: OpenConversation, window: ChatView, presenter: Presenter,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chat = chat
        self.history = chat.history
        self.window = window
        self.presenter = presenter
        self.busy = False
        self._task: asyncio.Task | None = None

    async def answer(self, question: Message, gateway: Gateway, profile: Profile,
                     image_options: dict[str, Any] | None = None) -> None:
        """Answer ``question`` (the end of the open conversation's path). Whatever
        happens, busy ends and a failure is said; a history that cannot keep the answer
        does not stop it (see :class:`~app.ui.chat.answer_stream.AnswerStream`)."""
        prompt = imagine_prompt(question.content)
        if prompt is not None and image_options is None:
            image_options = self.window.composer.image_settings()  # regenerate, retry
        model = (profile.images_model if prompt is not None
                 else self.chat.params.get("model") or profile.chat_model)
        try:
            answer = await self.chat.begin_answer(question, model)
        except HistoryError as error:  # the question is stored and shown; Retry is Send
            self.window.show_notice(not_begun_notice(error))
            return
        self.window.transcript.begin_stream(
            MessageView(answer.id, "assistant", "", header=self.presenter.header(answer)))
        self._set_busy(True)
        self._task = asyncio.current_task()
        if prompt is not None:
            await self._make_images(answer, gateway, prompt, image_options or {})
            return
        stream = AnswerStream(answer, self.history, self.window.transcript,
                              IncrementalRenderer(renderer=self.presenter.renderer,
                                                  bare_code=True), parent=self)
        stream.saveFailed.connect(lambda error: self.window.show_notice(not_saved_notice(error)))
        try:
            try:
                request = ChatRequest(await self.chat.request_messages(), model=model,
                                      params=self.chat.request_params())
                final = await stream.run(gateway.stream_chat(request))
            except asyncio.CancelledError:
                # Stopped: the answer as the stream finished it (it may not be stored).
                final = stream.final or await self.history.get_message(answer.id)
                self._finish(final, stream)
                raise
            except HistoryError as error:  # the request could not be read from the history
                final = await stream.run(_failed(error))  # the answer shows it as its error
            except Exception:
                self._abandon(answer, stream)
                raise  # the task's reporter says what happened (app.ui.runtime.tasks)
            self._finish(final, stream)
        finally:
            # Left alone, a child of this flow would live as long as the window, and with it
            # every delta, the renderer's blocks and the HTML (~0.1 MiB a typical answer).
            # The presenter has kept what is needed: the body and its code blocks.
            stream.deleteLater()

    async def _make_images(self, answer: Message, gateway: Gateway, prompt: str,
                           options: dict[str, Any]) -> None:
        count = int(options.get("n", 1))
        making = self.tr("Making %n image(s)…", "", count)
        self.window.transcript.stream_waiting(making)
        try:
            final = await make_images(self.history, gateway, answer, prompt, options)
        except asyncio.CancelledError:
            self._finish(await self.history.get_message(answer.id))
            raise
        except Exception:
            self._abandon(answer)
            raise
        self._finish(final)

    def _abandon(self, answer: Message, stream: AnswerStream | None = None) -> None:
        """Something below the UI failed mid-answer (e.g. the history could not store it):
        what arrived stays on screen, the transcript's stream is closed and busy ends, so
        the window stays usable. Not ``answered``: nothing was finished."""
        self._task = None
        self._set_busy(False)
        if stream is not None:
            stream.freeze()
        if self.window.transcript.streaming:
            self.window.transcript.finish_stream(MessageView(answer.id, "assistant", ""))
        self.settled.emit()

    def _finish(self, final: Message, stream: AnswerStream | None = None) -> None:
        self._task = None
        self._set_busy(False)
        self.answered.emit()
        if not self.chat.took_answer(final):
            return  # the user has moved on; the answer is safe in the history
        if stream is not None and stream.finished:
            self.presenter.remember(final.id, final.content, stream.blocks, stream.codes)
        self.window.transcript.finish_stream(self.presenter.view(final))
        path = self.chat.path
        if stream is not None and final.status == "complete" and len(path) == 2 \
                and path[-1].id == final.id:
            self.firstAnswered.emit(final.conversation_id, path[0].content,
                                    final.content, final.model or "")
        if stream is not None and stream.save_error is not None:
            self.window.show_notice(not_saved_notice(stream.save_error))
        elif final.status == "stopped":
            self.window.show_notice(self.tr("Answer stopped. What arrived is kept."))
        self.settled.emit()

    def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def stop_and_wait(self) -> None:
        """Stop the answer being made and wait until it is stored as stopped."""
        task = self._task
        if task is not None and not task.done() and task is not asyncio.current_task():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def wait(self) -> None:
        """Until the answer being made (if any) has ended — without stopping it."""
        task = self._task
        if task is not None and not task.done() and task is not asyncio.current_task():
            await asyncio.wait({task})

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.window.set_busy(busy)


async def _failed(error: HistoryError) -> AsyncGenerator[ChatEvent, None]:
    """The stream of an answer no request could be made for: only its error."""
    yield ErrorEvent(error)

