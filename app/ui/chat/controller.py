"""Conversations in the main window: open, send, stream, stop, retry, regenerate, edit and
branch, search and jump, drafts, rename, pin, delete with undo.

The controller listens to the window's children and calls their methods (attributes down,
signals up). Work that waits — the network, the history (on its own thread), the keyring
(in a worker thread) — runs in tasks on the Qt loop, so the window never freezes. Whatever
fails, the user's typed text and partial answers stay: the composer is cleared only once
the message is stored.

Threading: GUI thread; coroutines on the Qt loop.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication

from app.core.config.profiles import Profile
from app.core.errors import ParleyError
from app.core.gateway.chat import ChatRequest
from app.core.gateway.client import Gateway
from app.core.history import AsyncHistory, Conversation, Message
from app.core.images.generation import imagine_prompt, imagine_text, make_images
from app.core.images.vision import takes_images
from app.core.render import IncrementalRenderer, MarkdownRenderer, Theme, image_source
from app.ui.chat.answer_stream import AnswerStream
from app.ui.chat.presenter import Presenter
from app.ui.chat.transcript import MessageView
from app.ui.images.pending import PendingImages
from app.ui.images.views import TranscriptImages
from app.ui.runtime.loop import start_task
from app.ui.sidebar.conversation_list import ConversationList
from app.ui.window.main_window import MainWindow

DRAFT_SAVE_MS = 400
# A long conversation opens at its end (a rich message costs ~10 ms to render and lay out,
# so 20 keep opening well under 300 ms); "Show earlier" adds EARLIER_STEP at a time.
SHOWN_MESSAGES = 20
EARLIER_STEP = 40


class ChatController(QObject):
    keyNeeded = Signal()   # no API key: the wiring opens Settings on the key field
    answered = Signal()    # an answer (or a picture) finished: e.g. refresh the balance
    firstAnswered = Signal(int, str, str, str)  # conversation, question, answer, model: title it

    def __init__(self, window: MainWindow, history: AsyncHistory, connection, theme: Theme,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.history = history
        self.connection = connection  # .profile(), async .gateway() -> Gateway | None
        self.renderer = self._renderer(theme)
        self.images = TranscriptImages(window.transcript, history, parent=self)
        self.pending = PendingImages(window.composer, download=self._download,
                                     history=history, parent=self)
        self.presenter = Presenter(self.renderer, self.images.views)
        self.conversation: Conversation | None = None
        self.path: list[Message] = []
        self.params: dict[str, Any] = {}
        self.busy = False
        self._task: asyncio.Task | None = None
        self._edit_parent: int | None | bool = False  # False: not editing
        self._new_draft = ""
        self._shown_from = 0
        self._send_anyway = False  # the user chose to send images to a non-vision model
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_SAVE_MS)
        self._draft_timer.timeout.connect(lambda: start_task(self._save_draft()))
        window.transcript.set_resource_provider(self.renderer.resource)

        w = window
        w.composer.sendRequested.connect(self.send)
        w.composer.imagineRequested.connect(self.imagine)
        w.imagesDropped.connect(self.pending.offer)
        self.pending.problem.connect(w.show_notice)
        self.images.notice.connect(lambda text: w.status.showMessage(text, 4000))
        w.composer.stopRequested.connect(self.stop)
        w.stopRequested.connect(self.stop)
        w.composer.draftChanged.connect(lambda _: self._draft_timer.start())
        w.copyLastAnswerRequested.connect(self.copy_last_answer)
        w.closing.connect(lambda: start_task(self._save_draft()))
        w.sidebar.newChatRequested.connect(self.new_chat)
        self.conversations = ConversationList(w.sidebar, w.status, history, parent=self)
        self.conversations.openRequested.connect(
            lambda cid, mid, query: start_task(self.open(cid, mid, query)))
        self.conversations.deleted.connect(lambda cid: start_task(self._deleted(cid)))
        self.conversations.problem.connect(w.show_notice)
        w.transcript.actionRequested.connect(self._action)
        w.transcript.linkOpenRequested.connect(QDesktopServices.openUrl)
        w.header.paramsChanged.connect(self._params_changed)
        w.header.modelChosen.connect(lambda model: self._params_changed({"model": model}))

    # ----- conversations -----------------------------------------------------------------

    async def refresh_list(self) -> None:
        await self.conversations.refresh()

    def new_chat(self) -> None:
        start_task(self._new_chat())

    async def _new_chat(self) -> None:
        await self.stop_and_wait()
        await self._save_draft()
        self.conversation, self.path, self._edit_parent = None, [], False
        self.window.transcript.show_messages([])
        self.window.composer.set_text(self._new_draft)
        self.window.header.set_token_total(0)
        self.window.sidebar.select_conversation(0)
        self.window.show_notice("")
        self.window.composer.focus()

    async def open(self, conversation_id: int, message_id: int = 0, highlight: str = "") -> None:
        await self.stop_and_wait()
        await self._save_draft()
        try:
            conversation = await self.history.get_conversation(conversation_id)
            path = await self.history.active_path(conversation_id)
            if message_id and message_id not in {m.id for m in path}:
                path = await self.history.switch_branch(message_id)  # the hit's branch
        except ParleyError as error:
            self.window.show_notice(str(error))
            return
        self.conversation, self.path, self._edit_parent = conversation, path, False
        self.params = dict(conversation.params or {})
        self.params["system_prompt"] = conversation.system_prompt
        self.window.header.set_params(self.params)
        self._show_path(reveal=message_id)
        self.window.composer.set_text(conversation.draft)
        self.window.sidebar.select_conversation(conversation_id)
        self.window.show_notice("")
        if message_id:
            self.window.transcript.scroll_to_message(message_id, highlight)
        await self._show_usage()

    def _show_path(self, reveal: int = 0, count: int = SHOWN_MESSAGES) -> None:
        """Show the last ``count`` messages of the path (more if ``reveal`` is earlier)."""
        start = max(0, len(self.path) - count)
        index = next((i for i, m in enumerate(self.path) if m.id == reveal), None)
        if index is not None:
            start = min(start, max(0, index - 2))  # a search hit shows with some context
        self._shown_from = start
        more = self.tr("Show %n earlier message(s)", "", start)
        preamble = (f'<p align="center"><a href="parley-action:more:0">{more}</a></p>'
                    if start else "")
        self.window.transcript.show_messages(
            [self.presenter.view(m) for m in self.path[start:]], preamble_html=preamble)

    async def _deleted(self, conversation_id: int) -> None:
        if self.conversation and self.conversation.id == conversation_id:
            await self._new_chat()

    # ----- sending and answering ---------------------------------------------------------

    def send(self, text: str) -> None:
        if not self.busy and (text.strip() or self.pending):
            start_task(self._send(text), name="send")

    def imagine(self, prompt: str, options: dict) -> None:
        if not self.busy and prompt.strip():
            start_task(self._send(imagine_text(prompt), options), name="imagine")

    async def _send(self, text: str, image_options: dict | None = None) -> None:
        gateway = await self.connection.gateway()
        if gateway is None:
            self.window.show_notice(self.tr("Add your API key in Settings to start."))
            self.keyNeeded.emit()
            return  # the text stays in the composer
        profile: Profile = self.connection.profile()
        images = [] if image_options is not None else await self.pending.ready()
        if not text.strip() and not images:
            return  # every image failed (each said why); nothing else to send
        if images and not self._vision_ok(profile):
            return
        try:
            if self.conversation is None:
                self.conversation = await self.history.create_conversation(
                    profile=profile.name, model=profile.chat_model,
                    system_prompt=self.params.get("system_prompt", ""),
                    params={k: v for k, v in self.params.items() if k != "system_prompt"})
            editing = self._edit_parent is not False
            parent = self._edit_parent if editing else (self.path[-1].id if self.path else None)
            user = await self.history.add_message(self.conversation.id, "user", text,
                                                  parent_id=parent, attachments=images)
            if images and not text.strip() and not self.path:  # an image alone: title it
                await self.history.set_title(self.conversation.id, self.tr("Image: %1").replace(
                    "%1", ", ".join(i.name for i in images)), "auto")
        except ParleyError as error:
            self.window.show_notice(str(error))
            return
        self.window.composer.clear()
        if images:
            self.pending.clear()
        self._send_anyway = False
        self._new_draft = ""
        self._edit_parent = False
        self.window.show_notice("")
        if editing:
            self.path = await self.history.active_path(self.conversation.id)
            self._show_path()
        else:
            self.path.append(user)
            self.window.transcript.append_message(self.presenter.view(user))
        await self.refresh_list()
        self.window.sidebar.select_conversation(self.conversation.id)
        await self._answer(user, gateway, profile, image_options)

    def _vision_ok(self, profile: Profile) -> bool:
        """Images for a model not known to read them: say so once; the next Send sends."""
        model = self.params.get("model") or profile.chat_model
        if self._send_anyway or takes_images(model):
            return True
        self._send_anyway = True
        self.window.show_notice(self.tr(
            "“%1” is not known to read images: it may ignore or refuse them. Press Send "
            "again to send anyway, or pick a vision model (e.g. gpt-4o) in the header.")
            .replace("%1", model))
        return False

    async def _answer(self, question: Message, gateway: Gateway, profile: Profile,
                      image_options: dict | None = None) -> None:
        assert self.conversation is not None
        prompt = imagine_prompt(question.content)
        if prompt is not None and image_options is None:
            image_options = self.window.composer.image_settings()  # regenerate, retry
        model = (profile.images_model if prompt is not None
                 else self.params.get("model") or profile.chat_model)
        answer = await self.history.begin_answer(self.conversation.id, parent_id=question.id,
                                                 model=model)
        self.path = await self.history.active_path(self.conversation.id)
        self.window.transcript.begin_stream(
            MessageView(answer.id, "assistant", "", header=self.presenter.header(answer)))
        self._set_busy(True)
        self._task = asyncio.current_task()
        if prompt is not None:
            await self._make_images(answer, gateway, prompt, image_options or {})
            return
        stream = AnswerStream(answer, self.history, self.window.transcript,
                              IncrementalRenderer(renderer=self.renderer), parent=self)
        try:
            request = ChatRequest(await self._request_messages(), model=model, params={
                k: v for k, v in self.params.items() if k in ("temperature", "max_tokens")})
            final = await stream.run(gateway.stream_chat(request))
        except asyncio.CancelledError:
            final = await self.history.get_message(answer.id)
            self._finish_answer(final, stream)
            raise
        self._finish_answer(final, stream)

    async def _make_images(self, answer: Message, gateway: Gateway, prompt: str,
                           options: dict) -> None:
        count = int(options.get("n", 1))
        self.window.transcript.stream_update([], "<p><i>" + self.tr(
            "Making %n image(s)…", "", count) + "</i></p>")
        try:
            final = await make_images(self.history, gateway, answer, prompt, options)
        except asyncio.CancelledError:
            self._finish_answer(await self.history.get_message(answer.id))
            raise
        self._finish_answer(final)

    def _finish_answer(self, final: Message, stream: AnswerStream | None = None) -> None:
        self._task = None
        self._set_busy(False)
        self.answered.emit()
        if self.conversation is None or final.conversation_id != self.conversation.id:
            return  # the user has moved on; the answer is safe in the history
        self.path = [final if m.id == final.id else m for m in self.path]
        if stream is not None and stream.finished:
            self.presenter.remember(final.id, final.content, stream.html, stream.codes)
        self.window.transcript.finish_stream(self.presenter.view(final))
        if stream is not None and final.status == "complete" and len(self.path) == 2 \
                and self.path[-1].id == final.id:
            self.firstAnswered.emit(final.conversation_id, self.path[0].content,
                                    final.content, final.model or "")
        if final.status == "stopped":
            self.window.show_notice(self.tr("Answer stopped. What arrived is kept."))
        start_task(self._show_usage())
        start_task(self.refresh_list())

    def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def stop_and_wait(self) -> None:
        """Stop the answer being streamed and wait until it is stored as stopped."""
        task = self._task
        if task is not None and not task.done() and task is not asyncio.current_task():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _request_messages(self) -> list[dict[str, Any]]:
        """The path as a request, images included (read from their files on the history's
        thread); the answer being made and answers that failed before any text are left out."""
        return await self.history.request_messages(
            self.path, system_prompt=self.params.get("system_prompt", ""))

    async def _download(self, url: str) -> bytes:
        """An image address dropped from a browser: fetched without the API key."""
        from app.core.gateway.services import download_image

        gateway = await self.connection.gateway()
        if gateway is None:
            raise ParleyError("add your API key in Settings first")
        return await download_image(url, gateway.conn)

    # ----- message actions ---------------------------------------------------------------

    def _action(self, kind: str, argument: str) -> None:
        if kind == "copy":
            text = self.presenter.copy_text(argument)
            if text is not None:
                self._copy(text, self.tr("Code copied"))
            return
        if kind == "attachment":
            self.images.action(argument)
            return
        if kind == "image":
            # The user clicked an image placeholder: only now may it be fetched.
            href = f"parley-image:{argument}"
            source = image_source(href)
            if source:
                self.images.load_web(href, source, self._download)
            return
        if kind != "action" or ":" not in argument:
            return
        name, _, raw_id = argument.partition(":")
        message = next((m for m in self.path if str(m.id) == raw_id), None)
        if name == "more":
            self._show_path(count=len(self.path) - self._shown_from + EARLIER_STEP)
            self.window.transcript.scroll_to_message(self.path[self._shown_from].id)
        elif message is None or self.busy:
            return
        elif name == "copy":
            self._copy(message.content, self.tr("Message copied"))
        elif name in ("regenerate", "retry"):
            start_task(self._regenerate(message))
        elif name == "edit":
            self._edit_parent = message.parent_id
            self.pending.clear()
            self.pending.reuse([a for a in message.attachments if a.kind == "input"])
            self.window.composer.set_text(message.content)
            self.window.composer.focus()
            self.window.show_notice(self.tr(
                "Editing: sending starts a new branch; the old one stays (‹ › to switch)."))
        elif name in ("prev", "next"):
            start_task(self._switch(message, -1 if name == "prev" else 1))

    async def _regenerate(self, answer: Message) -> None:
        question = next((m for m in self.path if m.id == answer.parent_id), None)
        gateway = await self.connection.gateway()
        if gateway is None:
            self.keyNeeded.emit()
            return
        if question is None:
            return
        self.path = self.path[: self.path.index(question) + 1]
        self._show_path()
        await self._answer(question, gateway, self.connection.profile())

    async def _switch(self, message: Message, step: int) -> None:
        siblings = await self.history.siblings(message.id)
        index = siblings.index(message.id) + step
        if 0 <= index < len(siblings):
            self.path = await self.history.switch_branch(siblings[index])
            self._show_path(reveal=siblings[index])
            self.window.transcript.scroll_to_message(siblings[index])

    def copy_last_answer(self) -> None:
        last = next((m for m in reversed(self.path) if m.role == "assistant" and m.content), None)
        if last is not None:
            self._copy(last.content, self.tr("Answer copied"))

    def _copy(self, text: str, note: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.window.status.showMessage(note, 2500)

    # ----- small helpers -----------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        """Re-render with the light or dark palette (not while an answer streams)."""
        self.renderer = self._renderer(theme)
        # A new presenter drops the bodies rendered in the old colours.
        self.presenter = Presenter(self.renderer, self.images.views)
        self.window.transcript.set_resource_provider(self.renderer.resource)
        if not self.busy:
            self._show_path()

    @staticmethod
    def _renderer(theme: Theme) -> MarkdownRenderer:
        return MarkdownRenderer(theme, copy_label=Presenter.tr("Copy"))

    async def close(self) -> None:
        """Stop the answer, store the draft, and stop timers: nothing fires after this."""
        await self.stop_and_wait()
        self._draft_timer.stop()
        await self._save_draft()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.window.set_busy(busy)

    def _params_changed(self, params: dict[str, Any]) -> None:
        self.params.update(params)
        if self.conversation is not None:
            extra = {k: v for k, v in self.params.items() if k != "system_prompt"}
            self._run(self.history.set_params(
                self.conversation.id, system_prompt=self.params.get("system_prompt", ""),
                params=extra))

    async def _save_draft(self) -> None:
        text = self.window.composer.text()
        if self.conversation is None:
            self._new_draft = text
        elif text != (self.conversation.draft or ""):
            await self.history.set_draft(self.conversation.id, text)
            self.conversation = replace(self.conversation, draft=text)

    async def _show_usage(self) -> None:
        if self.conversation is not None:
            usage = await self.history.conversation_usage(self.conversation.id)
            self.window.header.set_token_total(usage.total)

    def _run(self, coro, refresh: bool = False) -> None:
        async def run() -> None:
            try:
                await coro
            except ParleyError as error:
                self.window.show_notice(str(error))
            if refresh:
                await self.refresh_list()
        start_task(run())
