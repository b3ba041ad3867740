"""A plain Python stand-in for the main window, as the chat controller sees it
(app.ui.chat.view.ChatView), and an in-process gateway and connection.

Nothing here is a widget: the fake parts keep what the controller asked them to show, so a
test reads it back, and they emit the signals a user's click or keystroke would."""

from __future__ import annotations

import asyncio
import re
from collections import deque

from app.core.config.profiles import PRESETS
from app.core.gateway.events import Finish, TextDelta, Usage

HELLO = "Hello there."


class FakeSignal:
    """connect() and emit(), called at once in connection order, like a direct Qt signal."""

    def __init__(self) -> None:
        self.slots = []
        self.emitted = []

    def connect(self, slot) -> None:
        self.slots.append(slot)

    def emit(self, *args) -> None:
        self.emitted.append(args)
        for slot in list(self.slots):
            slot(*args)


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


class FakeTranscript:
    def __init__(self) -> None:
        self.actionRequested = FakeSignal()
        self.linkOpenRequested = FakeSignal()
        self.promptChosen = FakeSignal()
        self.shown = []          # MessageViews, in order
        self.preamble = ""
        self.streaming_id = None
        self.streamed = ""       # the streaming answer's HTML so far
        self.scrolled = []       # (message id, highlight)
        self.waiting = []        # what the waiting row said, in order
        self.resources = None

    # what the controller calls
    def set_resource_provider(self, provider) -> None:
        self.resources = provider

    def show_messages(self, messages, preamble_html="") -> None:
        self.shown, self.preamble, self.streaming_id = list(messages), preamble_html, None

    def append_message(self, message) -> None:
        self.shown.append(message)

    def begin_stream(self, message) -> None:
        self.shown.append(message)
        self.streaming_id, self.streamed, self._frozen = message.id, "", ""

    def stream_update(self, update) -> None:
        if self.streaming_id is None:
            return
        self._frozen = ("" if update.reset else self._frozen) + "".join(update.frozen)
        self.streamed = self._frozen + update.tail

    def stream_waiting(self, text) -> None:
        self.waiting.append(text)

    def stream_retrying(self, reason, delay, attempt, retries) -> None:
        self.waiting.append(f"{reason} — retrying in {delay:g} s")

    def finish_stream(self, message) -> None:
        if self.streaming_id is None:
            self.shown.append(message)
            return
        index = next(i for i, m in enumerate(self.shown) if m.id == self.streaming_id)
        message.body_html = self.streamed  # the streamed body stays as shown
        self.shown[index] = message
        self.streaming_id = None

    @property
    def streaming(self) -> bool:
        return self.streaming_id is not None

    def scroll_to_message(self, message_id, highlight="") -> bool:
        self.scrolled.append((message_id, highlight))
        return any(m.id == message_id for m in self.shown)

    # what TranscriptImages needs
    def has_image(self, url) -> bool:
        return False

    def set_image(self, url, image) -> None:
        pass

    def picture(self, url):
        return None

    def replace_link(self, href, fragment_html) -> int:
        return 0

    def devicePixelRatioF(self) -> float:
        return 1.0

    def window(self):
        return None

    # for tests
    def ids(self) -> list[int]:
        return [m.id for m in self.shown]

    def footer(self, message_id: int) -> str:
        """The words under a message as a reader finds them: its error card (title,
        Retry), then its status, actions (by their labels), ‹ n/m › and usage."""
        from app.ui.chat.transcript.actions import action_labels

        message = next(m for m in self.shown if m.id == message_id)
        labels = action_labels()
        card = ""
        if message.error is not None:
            card = message.error.title + (f" · {labels['retry']}" if message.error.retry else "")
        return " · ".join(t for t in (card, message.footer_text(labels)) if t)

    def body(self, message_id: int) -> str:
        """A message's body as shown (rendered now if it was not yet)."""
        message = next(m for m in self.shown if m.id == message_id)
        return plain("".join(block.html for block in message.blocks()))


class FakeChips:
    def __init__(self) -> None:
        self.keys = []
        self.states = {}

    def add(self, key, name) -> None:
        self.keys.append(key)

    def set_thumbnail(self, key, image) -> None:
        pass

    def set_detail(self, key, detail) -> None:
        pass

    def add_document(self, key, name, path) -> None:
        self.keys.append(key)
        self.states[key] = None

    def set_document(self, key, state) -> None:
        self.states[key] = state

    def remove(self, key) -> None:
        if key in self.keys:
            self.keys.remove(key)


class FakeComposer:
    def __init__(self) -> None:
        for name in ("sendRequested", "imagineRequested", "stopRequested", "draftChanged",
                     "imagesOffered", "attachmentRemoved", "editCancelled"):
            setattr(self, name, FakeSignal())
        self.strip = FakeChips()
        self._text = ""
        self.focused = 0
        self.editing = False
        self.held = ""

    def text(self) -> str:
        return self._text

    def set_text(self, text) -> None:  # a restored draft: not announced
        self._text = text

    def clear(self) -> None:
        self.type("")

    def focus(self) -> None:
        self.focused += 1

    def set_editing(self, on) -> None:
        self.editing = on

    def image_settings(self) -> dict:
        return {"size": "1024x1024", "quality": "standard", "n": 1}

    def refresh(self) -> None:
        pass

    def hold(self, reason) -> None:
        self.held = reason

    # for tests: the user types, then presses Enter
    def type(self, text: str) -> None:
        self._text = text
        self.draftChanged.emit(text)

    def send(self, text: str) -> None:
        self.type(text)
        self.sendRequested.emit(text)


class FakeHeader:
    def __init__(self) -> None:
        self.paramsChanged = FakeSignal()
        self.modelChosen = FakeSignal()
        self.params = {}
        self.token_total = None

    def set_params(self, params) -> None:
        self.params = dict(params)

    def set_token_total(self, total) -> None:
        self.token_total = total


class FakeSearch:
    def __init__(self) -> None:
        self.query = ""

    def text(self) -> str:
        return self.query


class FakeSidebar:
    def __init__(self) -> None:
        for name in ("newChatRequested", "conversationSelected", "renameRequested",
                     "pinRequested", "deleteRequested", "searchChanged", "searchHitActivated",
                     "moreRequested"):
            setattr(self, name, FakeSignal())
        self.search = FakeSearch()
        self.listed = []
        self.selected = None

    def searching(self) -> bool:
        return bool(self.search.query.strip())

    def set_conversations(self, conversations, now=None, more=False) -> None:
        self.listed = [c.id for c in conversations]

    def set_search_results(self, hits) -> None:
        self.listed = [h.conversation_id for h in hits]

    def select_conversation(self, conversation_id) -> None:
        self.selected = conversation_id


class FakeStatus:
    def __init__(self) -> None:
        self.messages = []

    def showMessage(self, text, timeout=0) -> None:
        self.messages.append(text)

    def clearMessage(self) -> None:
        self.messages.append("")

    def insertPermanentWidget(self, index, widget, stretch=0) -> int:
        return index

    def removeWidget(self, widget) -> None:
        pass


class FakeView:
    """The main window: transcript, composer, header, sidebar, status bar, notice line."""

    def __init__(self) -> None:
        self.transcript = FakeTranscript()
        self.composer = FakeComposer()
        self.header = FakeHeader()
        self.sidebar = FakeSidebar()
        self.status = FakeStatus()
        for name in ("imagesDropped", "stopRequested", "copyLastAnswerRequested", "closing"):
            setattr(self, name, FakeSignal())
        self.notice = ""
        self.busy = False

    def show_notice(self, text) -> None:
        self.notice = text

    def set_busy(self, busy) -> None:
        self.busy = busy


HOLD = object()  # in a script: the answer waits here until released (or stopped)


class ScriptedGateway:
    """Answers each chat request with the next scripted list of events (default: HELLO,
    usage, finish) and keeps every request. HOLD in a script waits for :meth:`release`."""

    def __init__(self) -> None:
        self.scripts = deque()
        self.requests = []
        self._release = asyncio.Event()

    def script(self, *events) -> None:
        self.scripts.append(events)

    def release(self) -> None:
        self._release.set()

    async def stream_chat(self, request):
        self.requests.append(request)
        events = (self.scripts.popleft() if self.scripts
                  else (TextDelta(HELLO), Usage(3, 4, 7), Finish("stop")))
        for event in events:
            if event is HOLD:
                await self._release.wait()
            else:
                yield event


class FakeConnection:
    """The active connection: the OpenAI preset, and the scripted gateway (None: no key)."""

    def __init__(self, gateway: ScriptedGateway) -> None:
        self.chat_gateway = gateway
        self.has_key = True

    def profile(self):
        return PRESETS["openai"]

    async def gateway(self):
        return self.chat_gateway if self.has_key else None
