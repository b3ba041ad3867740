"""Conversations in the main window: open, send, stop, retry, regenerate, edit and branch,
search and jump, drafts, rename, pin, delete with undo.

The controller listens to the window's children and calls their methods (attributes down,
signals up) through :class:`~app.ui.chat.view.ChatView` — the MainWindow in the app, a plain
fake in tests. What is open, and its changes in the history, is
:class:`~app.ui.chat.open_conversation.OpenConversation`; the answer being made is
:class:`~app.ui.chat.answering.AnswerFlow`. Work that waits — the network, the history (on
its own thread), the keyring (in a worker thread) — runs in tasks on the Qt loop, so the
window never freezes. Whatever fails, the user's typed text and partial answers stay: the
composer is cleared only once the message is stored.

Threading: GUI thread; coroutines on the Qt loop.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import Any, Protocol, cast

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QWidget

from app.core.config.profiles import Profile
from app.core.errors import ParleyError
from app.core.gateway.client import Gateway
from app.core.history import AsyncHistory, Conversation, Message
from app.core.images.imagine import imagine_text
from app.core.render import MarkdownRenderer, Theme, image_source
from app.ui.chat.answering import AnswerFlow
from app.ui.chat.links import open_checked_link
from app.ui.chat.open_conversation import OpenConversation
from app.ui.chat.outgoing import Outgoing, files_title
from app.ui.chat.presenter import Presenter
from app.ui.chat.question_edit import QuestionEdit
from app.ui.chat.view import ChatView
from app.ui.documents.limits import budget
from app.ui.documents.staged import PendingDocuments
from app.ui.export.answer import AnswerExporter
from app.ui.images.pending import PendingImages
from app.ui.images.views import TranscriptImages
from app.ui.runtime.tasks import start_task
from app.ui.sidebar.conversation_list import ConversationList

DRAFT_SAVE_MS = 400
# A conversation opens whole, at its end: the transcript renders and lays out only what
# comes into view (a thousand messages open in well under 150 ms). Beyond SHOWN_MESSAGES
# the earliest wait behind "Show earlier", which adds EARLIER_STEP at a time.
SHOWN_MESSAGES = 2000
EARLIER_STEP = 1000


class Connection(Protocol):
    """The active connection (:class:`app.core.gateway.active.ActiveGateway`)."""

    def profile(self) -> Profile: ...
    async def gateway(self) -> Gateway | None: ...  # None: no API key yet


class ChatController(QObject):
    keyNeeded = Signal()   # no API key: the wiring opens Settings on the key field
    answered = Signal()    # an answer (or a picture) finished: e.g. refresh the balance
    firstAnswered = Signal(int, str, str, str)  # conversation, question, answer, model: title it

    def __init__(self, window: ChatView, history: AsyncHistory, connection: Connection,
                 theme: Theme, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.history = history
        self.connection = connection
        self.images = TranscriptImages(window.transcript, history, parent=self)
        self.pending = PendingImages(window.composer, download=self._download,
                                     history=history, parent=self)
        self.documents = PendingDocuments(window.composer, self.pending, parent=self)
        self.presenter = Presenter(self._renderer(theme), self.images.views)
        self.chat = OpenConversation(history)
        self.context_windows: Callable[[], Mapping[str, int]] = dict  # Settings' (wiring)
        self.documents.budget = lambda: budget(connection.profile(), self.chat.params,
                                               self.context_windows(), self.chat.earlier())
        self.outgoing = Outgoing(window, self.pending, self.documents, lambda: self.chat.params
                                 .get("model") or connection.profile().chat_model)
        self.editing = QuestionEdit(self.chat, window, self.pending, self.documents, parent=self)
        self.answers = AnswerFlow(self.chat, window, self.presenter, parent=self)
        self.answer_out = AnswerExporter(history, window, window.status, parent=self)  # ⋯ menu
        self._shown_from = 0
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_SAVE_MS)
        self._draft_timer.timeout.connect(lambda: start_task(self._save_draft()))
        window.transcript.set_resource_provider(self.renderer.resource)

        w = window
        w.composer.sendRequested.connect(self.send)
        w.composer.imagineRequested.connect(self.imagine)
        w.imagesDropped.connect(self.documents.offer)
        self.pending.problem.connect(w.show_notice)
        self.images.notice.connect(lambda text: w.status.showMessage(text, 4000))
        w.composer.stopRequested.connect(self.answers.stop)
        w.stopRequested.connect(self.answers.stop)
        w.composer.draftChanged.connect(lambda _: self._draft_timer.start())
        w.copyLastAnswerRequested.connect(self.copy_last_answer)
        # The draft is read now: the task runs after the window (and its composer) may be gone.
        w.closing.connect(lambda: start_task(self._save_draft(self.editing.draft())))
        w.sidebar.newChatRequested.connect(self.new_chat)
        self.conversations = ConversationList(w.sidebar, w.status, history, parent=self)
        self.conversations.openRequested.connect(
            lambda cid, mid, query: start_task(self.open(cid, mid, query)))
        self.conversations.deleted.connect(lambda cid: start_task(self._deleted(cid)))
        self.conversations.problem.connect(w.show_notice)
        w.transcript.actionRequested.connect(self._action)
        w.transcript.linkOpenRequested.connect(QDesktopServices.openUrl)
        w.transcript.promptChosen.connect(self._prompt_chosen)
        w.header.paramsChanged.connect(self._params_changed)
        w.header.modelChosen.connect(lambda model: self._params_changed({"model": model}))
        self.answers.answered.connect(self.answered)
        self.answers.firstAnswered.connect(self.firstAnswered)
        self.answers.settled.connect(self._answer_settled)

    # What is open and whether an answer is being made (read by the wiring and tests).

    @property
    def conversation(self) -> Conversation | None:
        return self.chat.conversation

    @property
    def path(self) -> list[Message]:
        return self.chat.path

    @property
    def busy(self) -> bool:
        return self.answers.busy

    @property
    def renderer(self) -> MarkdownRenderer:
        return self.presenter.renderer

    # ----- conversations -----------------------------------------------------------------

    async def refresh_list(self) -> None:
        await self.conversations.refresh()

    def new_chat(self) -> None:
        start_task(self._new_chat())

    async def _new_chat(self) -> None:
        self.editing.cancel()  # the draft it set aside is this conversation's
        await self.answers.stop_and_wait()
        await self._save_draft()
        self.chat.close()
        self.window.transcript.show_messages([])
        self.window.composer.set_text(self.chat.new_draft)
        self.window.header.set_token_total(0)
        self.window.sidebar.select_conversation(0)
        self.window.show_notice("")
        self.window.composer.focus()

    async def open(self, conversation_id: int, message_id: int = 0, highlight: str = "") -> None:
        self.editing.cancel()
        await self.answers.stop_and_wait()
        await self._save_draft()
        try:
            conversation = await self.chat.open(conversation_id, message_id)
        except ParleyError as error:
            self.window.show_notice(str(error))
            return
        self.window.header.set_params(self.chat.params)
        self.documents.check()  # another model may take less
        self._show_path(reveal=message_id)
        self.window.composer.set_text(conversation.draft)
        self.window.sidebar.select_conversation(conversation_id)
        self.window.show_notice("")
        if message_id:
            self.window.transcript.scroll_to_message(message_id, highlight)
        await self._show_usage()

    def _show_path(self, reveal: int = 0, count: int = 0) -> None:
        """Show the last ``count`` (SHOWN_MESSAGES) messages of the path (more if
        ``reveal`` is earlier)."""
        count = count or SHOWN_MESSAGES
        path = self.chat.path
        start = max(0, len(path) - count)
        index = next((i for i, m in enumerate(path) if m.id == reveal), None)
        if index is not None:
            start = min(start, max(0, index - 2))  # a search hit shows with some context
        self._shown_from = start
        more = self.tr("Show %n earlier message(s)", "", start)
        preamble = (f'<p align="center"><a href="parley-action:more:0">{more}</a></p>'
                    if start else "")
        self.window.transcript.show_messages(
            [self.presenter.view(m) for m in path[start:]], preamble_html=preamble)

    async def follow_move(self, moved: dict[int, int]) -> None:
        """The history in use was replaced and its conversations got new ids ({old: new},
        see AsyncHistory.reopen): open again what was open, at its new id, keeping the
        typed text. No answer is being made (the caller waited for it)."""
        self.editing.cancel()
        text, new_draft = self.window.composer.text(), self.chat.new_draft
        open_id = self.conversation.id if self.conversation is not None else None
        self.chat.close()  # the old ids name nothing now: nothing is written under them
        if open_id is not None and open_id in moved:
            await self.open(moved[open_id])
            self.chat.new_draft = new_draft
        elif open_id is not None:  # it was deleted meanwhile
            await self._new_chat()
        self.window.composer.set_text(text)
        await self.refresh_list()

    async def _deleted(self, conversation_id: int) -> None:
        if self.conversation and self.conversation.id == conversation_id:
            await self._new_chat()

    # ----- sending -----------------------------------------------------------------------

    def send(self, text: str) -> None:
        if not self.busy and (text.strip() or self.outgoing):
            start_task(self._send(text), name="send", busy=self.window)

    def imagine(self, prompt: str, options: dict[str, Any]) -> None:
        if not self.busy and prompt.strip():
            start_task(self._send(imagine_text(prompt), options), name="imagine",
                       busy=self.window)

    async def _send(self, text: str, image_options: dict[str, Any] | None = None) -> None:
        gateway = await self.connection.gateway()
        if gateway is None:
            self.window.show_notice(self.tr("Add your API key in Settings to start."))
            self.keyNeeded.emit()
            return  # the text stays in the composer
        profile = self.connection.profile()
        images = [] if image_options is not None else await self.outgoing.gather()
        if images is None or not text.strip() and not images:
            return  # held (said why), or every file failed (each said why)
        try:
            user, edited = await self.chat.add_question(text, images, profile,
                                                        files_title(images))
        except ParleyError as error:
            self.window.show_notice(str(error))
            return
        self.window.composer.clear()
        if images:
            self.outgoing.sent()
        self.window.show_notice("")
        await self.chat.took_question(user, edited)
        if edited:
            self.editing.sent()  # the draft and images set aside come back
            self._show_path()
        else:
            self.window.transcript.append_message(self.presenter.view(user))
        await self.refresh_list()
        if self.conversation is not None:
            self.window.sidebar.select_conversation(self.conversation.id)
        await self.answers.answer(user, gateway, profile, image_options)

    async def _download(self, url: str) -> bytes:
        """An image address dropped from a browser: fetched without the API key."""
        from app.core.gateway.services import download_image

        gateway = await self.connection.gateway()
        if gateway is None:
            raise ParleyError("add your API key in Settings first")
        return await download_image(url, gateway.conn)

    def _answer_settled(self) -> None:
        self.documents.check()  # the conversation grew: files staged meanwhile may not fit
        start_task(self._show_usage())
        start_task(self.refresh_list())

    # ----- message actions ---------------------------------------------------------------

    def _action(self, kind: str, argument: str) -> None:
        if kind == "link":  # its words name another host than it opens: ask first
            open_checked_link(cast(QWidget, self.window), argument)
            return
        if kind == "copy":
            text = self.presenter.copy_text(argument, self.path)
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
            start_task(self._regenerate(message), name="regenerate", busy=self.window)
        elif name == "delete":
            start_task(self._delete(message), name="delete message")
        elif name == "edit":
            self.editing.begin(message)
        elif name in ("copy_word", "save_as"):  # an answer's More menu: documents out
            (self.answer_out.copy_for_word if name == "copy_word" else self.answer_out.save_as)(
                message.id)
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
        if answer.status == "error":  # a retry of a failure replaces it: no failed versions
            await self.chat.delete(answer)
            question = next((m for m in self.path if m.id == question.id), question)
        self.chat.back_to(question)
        self._show_path()
        await self.answers.answer(question, gateway, self.connection.profile())

    async def _delete(self, message: Message) -> None:
        """The message and the replies below it (the transcript asked once more)."""
        try:
            await self.chat.delete(message)
        except ParleyError as error:
            self.window.show_notice(str(error))
            return
        self._show_path()
        self.window.status.showMessage(self.tr("Message deleted"), 2500)
        await self._show_usage()

    async def _switch(self, message: Message, step: int) -> None:
        shown = await self.chat.switch(message, step)
        if shown is not None:
            self._show_path(reveal=shown)
            self.window.transcript.scroll_to_message(shown)

    def _prompt_chosen(self, text: str) -> None:
        """An example prompt of a new chat: into the message box to edit or send — not sent."""
        self.window.composer.set_text(text)
        self.window.composer.focus()

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
        # Bodies rendered in the old colours are dropped with the old renderer.
        self.presenter.restyle(self._renderer(theme))
        self.window.transcript.set_resource_provider(self.renderer.resource)
        if not self.busy:
            self._show_path()

    @staticmethod
    def _renderer(theme: Theme) -> MarkdownRenderer:
        # The theme's maths sizes suit the default text size (inline 15 px beside 13 px
        # text, display 17 px); another text size would pass its own (Theme.inline_math_px).
        return MarkdownRenderer(theme, copy_label=Presenter.tr("Copy"))

    async def close(self) -> None:
        """Stop the answer, store the draft, and stop timers: nothing fires after this."""
        await self.answers.stop_and_wait()
        self._draft_timer.stop()
        await self._save_draft()

    def _params_changed(self, params: dict[str, Any]) -> None:
        write = self.chat.store_params(params)
        self.documents.check()
        if write is not None:
            start_task(self._store(write))

    async def _store(self, write: Coroutine[Any, Any, None]) -> None:
        try:
            await write
        except ParleyError as error:
            self.window.show_notice(str(error))

    async def _save_draft(self, draft: str | None = None) -> None:
        await self.chat.save_draft(self.editing.draft() if draft is None else draft)

    async def _show_usage(self) -> None:
        total = await self.chat.token_total()
        if total is not None:
            self.window.header.set_token_total(total)
