"""Quick ask: read the clipboard, ask about it in the small window, keep it in the history.

Opened by the global hotkey, the tray or ``parley quick-ask``. The clipboard is read when
the window opens (an image prepared in a worker, as for the composer); an action or the
question builds the request (app.core.quick_ask); the answer streams into the window and,
like every answer, into the history — each quick ask is a conversation of its own, which
"Open in Parley" continues in the main window.

Threading: GUI thread; coroutines on the Qt loop, image work in the executor.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication, QImage

from app.core.errors import InputError, ParleyError
from app.core.gateway.chat import ChatRequest
from app.core.history import AsyncHistory, Message
from app.core.images.prepare import PreparedImage, prepare_image
from app.core.quick_ask import ClipboardContent, build_request
from app.core.render import IncrementalRenderer, MarkdownRenderer
from app.ui.chat.answer_stream import AnswerStream
from app.ui.chat.history_notices import not_saved_notice
from app.ui.chat.presenter import Presenter
from app.ui.chat.transcript import MessageView
from app.ui.images.offered import thumbnail
from app.ui.quick_ask.clipboard import read_clipboard
from app.ui.quick_ask.window import QuickAskWindow
from app.ui.runtime.tasks import Failure, start_task


class QuickAsk(QObject):
    openConversation = Signal(int)  # continue this quick ask in the main window
    answered = Signal()

    def __init__(self, history: AsyncHistory, connection, renderer: MarkdownRenderer,
                 ready: asyncio.Future, parent: QObject | None = None) -> None:
        """``connection``: ``profile()`` and ``async gateway()``; ``ready``: done once the
        app's start-up (history open) is over — a ``parley quick-ask`` that starts Parley
        arrives before that."""
        super().__init__(parent)
        self.history, self.connection, self.renderer = history, connection, renderer
        self.ready = ready
        self.window: QuickAskWindow | None = None
        self.content = ClipboardContent()
        self.image: PreparedImage | None = None  # the clipboard image as prepared for sending
        self.conversation_id = 0
        self.answer: Message | None = None
        self._task: asyncio.Task | None = None

    def open(self) -> None:
        start_task(self._open(), name="quick ask", report=self._report)

    def _report(self, failure: Failure) -> None:
        """Failures of quick ask show in its own window (the main one may be hidden)."""
        self._window().show_failure(failure)

    def set_renderer(self, renderer: MarkdownRenderer) -> None:
        self.renderer = renderer
        if self.window is not None:
            self.window.answer.set_resource_provider(renderer.resource)

    async def _open(self) -> None:
        await asyncio.shield(self.ready)
        window = self._window()
        self.stop()
        self.conversation_id, self.answer = 0, None
        thumb, problem = None, ""
        try:
            self.content, thumb = await self._read()
        except ParleyError as error:
            self.content, self.image, problem = ClipboardContent(), None, str(error)
        window.present(self.content.preview(), thumb)
        if problem:
            window.show_status(problem, error=True)

    async def _read(self) -> tuple[ClipboardContent, QImage | None]:
        prepared = []

        def prepare(data: bytes, name: str) -> tuple[str, str]:
            image = prepare_image(data, name=name)
            prepared.append(image)
            return image.data_url, image.mime

        content = await read_clipboard(prepare)
        self.image = prepared[0] if prepared else None
        if self.image is None:
            return content, None
        return content, await thumbnail(self.image.data, name=self.image.name)

    def _window(self) -> QuickAskWindow:
        if self.window is None:
            self.window = QuickAskWindow()
            self.window.answer.set_resource_provider(self.renderer.resource)
            self.window.askRequested.connect(self.ask)
            self.window.copyRequested.connect(self.copy_answer)
            self.window.openInParleyRequested.connect(self._open_in_parley)
            self.window.closed.connect(self.stop)
        return self.window

    # ----- asking ------------------------------------------------------------------------

    def ask(self, question: str, action: str) -> None:
        if self._task is None or self._task.done():
            self._task = start_task(self._ask(question, action or None), name="quick answer",
                                    busy=self._window(), report=self._report)

    async def _ask(self, question: str, action: str | None) -> None:
        window = self._window()
        try:
            request = build_request(self.content, question, action)
        except InputError as error:
            window.show_status(error.message + (f" ({error.hint})" if error.hint else ""), True)
            return
        gateway = await self.connection.gateway()
        if gateway is None:
            window.show_status(self.tr("Add your API key in Parley's settings first."), True)
            return
        profile = self.connection.profile()
        window.set_answering(True)
        window.show_status(request.note)
        try:
            conversation = await self.history.create_conversation(
                title=request.title, profile=profile.name, model=profile.chat_model)
            images: list[PreparedImage] = (
                [self.image] if request.images and self.image is not None else [])
            user = await self.history.add_message(conversation.id, "user", request.text,
                                                  attachments=images)
            answer = await self.history.begin_answer(conversation.id, parent_id=user.id,
                                                     model=profile.chat_model)
        except ParleyError as error:
            window.set_answering(False, has_answer=False)
            window.show_status(str(error), True)
            return
        self.conversation_id, self.answer = conversation.id, answer
        header = Presenter(self.renderer).header(answer)
        window.answer.show_messages([])
        window.answer.begin_stream(MessageView(answer.id, "assistant", "", header=header))
        stream = AnswerStream(answer, self.history, window.answer,
                              IncrementalRenderer(renderer=self.renderer, bare_code=True),
                              parent=self)
        stream.saveFailed.connect(lambda error: window.show_status(not_saved_notice(error), True))
        chat = ChatRequest([request.message()], model=profile.chat_model)
        try:
            final = await stream.run(gateway.stream_chat(chat))
            body = stream.html
        except Exception:  # below the UI (e.g. the history could not store it): keep the text
            stream.freeze()
            window.answer.finish_stream(MessageView(answer.id, "assistant", "", header=header))
            raise  # shown by the task runner (_report)
        finally:
            window.set_answering(False)
            # A child of this controller would live as long as the app: every delta, the
            # renderer's blocks and the HTML of every quick answer with it.
            stream.deleteLater()
        self.answer = final
        window.answer.finish_stream(MessageView(final.id, "assistant", body,
                                                header=header, footer_html=_status(final)))
        if stream.save_error is not None:
            window.show_status(not_saved_notice(stream.save_error), True)
        elif final.error:
            window.show_status(final.error, True)
        self.answered.emit()

    async def wait(self) -> None:
        """Until the quick answer being made (if any) has ended — without stopping it."""
        task = self._task
        if task is not None and not task.done() and task is not asyncio.current_task():
            await asyncio.wait({task})

    def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()  # the partial answer is kept in the history, as stopped

    def copy_answer(self) -> None:
        if self.answer is not None and self.answer.content:
            QGuiApplication.clipboard().setText(self.answer.content)
            self._window().show_status(self.tr("Answer copied."))

    def _open_in_parley(self) -> None:
        if self.conversation_id:
            self.openConversation.emit(self.conversation_id)
            self._window().close()


def _status(message: Message) -> str:
    if message.status == "stopped":
        return QCoreApplication.translate("QuickAsk", "Stopped")
    if message.usage and message.usage.total:
        return QCoreApplication.translate("QuickAsk", "%1 tokens").replace(
            "%1", f"{message.usage.total:,}")
    return ""
