"""From history messages to what the transcript shows: views with lazily rendered bodies.

A :class:`~app.ui.chat.transcript.MessageView` carries the header, the status in plain words
("Stopped", "Cut off at the token limit"), the token count, the actions offered (Copy, Edit,
Regenerate or Retry, Delete; an answer's Copy for Word and Save as…), the versions (‹ 2/3 ›)
and, for a failed answer, an error card titled in plain words (the same titles as every
other failure: app.ui.runtime.tasks). Its body is rendered only when the transcript is
about to show it, block by block with code blocks bare (the transcript gives each its own
widget); a Copy on a code block names ``ID:N``, the message and the block's number.

Rendered bodies are kept for reopening conversations within a byte budget (BODY_BUDGET),
so a long day of answers cannot fill the memory; the least recently shown go first.

Threading: GUI thread (it renders markdown, which is fast for one message).
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.core import errors as E
from app.core.history import Message
from app.core.render import MarkdownRenderer, RenderUpdate
from app.core.render.blocks import RenderedBlock
from app.core.render.lru import MIB, ByteLRU
from app.ui.chat.transcript import ErrorView, ImageView, MessageView
from app.ui.chat.transcript.models import (
    COPY,
    COPY_WORD,
    DELETE,
    EDIT,
    REGENERATE,
    RETRY,
    SAVE_AS,
)
from app.ui.runtime.tasks import describe

_COPY = re.compile(r"parley-copy:(\d+)")
# Rendered bodies kept for reopening conversations: ~100–200 typical answers, or a few
# 100 KB ones (rendering one message again costs ~10 ms; a 100 KB answer ~1.5 s).
BODY_BUDGET = 4 * MIB


def scope_copy_links(text: str, message_id: int) -> str:
    return _COPY.sub(lambda m: f"parley-copy:{message_id}:{m.group(1)}", text)


def _scope_block(block: RenderedBlock, message_id: int) -> RenderedBlock:
    if "parley-copy:" not in block.html:
        return block
    return RenderedBlock(scope_copy_links(block.html, message_id), block.kind, block.language,
                         block.code)


def scope_update(update: RenderUpdate, message_id: int) -> RenderUpdate:
    return RenderUpdate([scope_copy_links(b, message_id) for b in update.frozen],
                        scope_copy_links(update.tail, message_id), update.reset,
                        [_scope_block(b, message_id) for b in update.frozen_blocks],
                        [_scope_block(b, message_id) for b in update.tail_blocks])


def user_html(text: str) -> str:
    """A user's message as typed: escaped, line breaks kept (not markdown)."""
    lines = html.escape(text).split("\n")
    return "<p>" + "<br>".join(lines) + "</p>"


def retry_reason(error: BaseException) -> str:
    """Why the gateway is being asked again, in a few plain words."""
    if isinstance(error, E.RateLimited):
        return QCoreApplication.translate("Presenter", "Rate limited")
    return describe(error).title


def error_view(stored: str) -> ErrorView:
    """The card of an answer that failed with ``stored`` (the error as the history keeps
    it): titled as any failure of its kind is (app.ui.runtime.tasks), the rest folded."""
    kind = E.error_kind(stored)
    title = QCoreApplication.translate("Presenter", "The answer could not be completed")
    if kind is not None:
        try:
            title = describe(kind(stored.partition(": ")[2])).title
        except TypeError:  # a kind that needs more than a message to be made
            pass
    return ErrorView(title, stored)


@dataclass(frozen=True)
class _Body:
    """A message's rendered body, for the text it was rendered from, and its code blocks."""

    content: str
    blocks: tuple[RenderedBlock, ...]
    codes: tuple[str, ...]

    def weight(self) -> int:
        return (sys.getsizeof(self.content) + sum(sys.getsizeof(b.html) for b in self.blocks)
                + sum(sys.getsizeof(code) for code in self.codes))


class Presenter:
    """Builds MessageViews and remembers each message's code blocks for Copy."""

    def __init__(self, renderer: MarkdownRenderer,
                 image_views: Callable[[Sequence[Any]], tuple[ImageView, ...]] | None = None,
                 ) -> None:
        """``image_views``: a message's attachments → what the transcript shows of them."""
        self.renderer = renderer
        self.image_views = image_views or (lambda attachments: ())
        # By message id, most recently shown last: every message shown is touched, so the
        # open conversation's are the last to go (and Copy renders again if they went).
        self._bodies: ByteLRU[int, _Body] = ByteLRU(BODY_BUDGET, _Body.weight)

    def restyle(self, renderer: MarkdownRenderer) -> None:
        """Render with ``renderer`` (another palette) from now on: what was rendered with
        the old one is dropped, as a new presenter would start."""
        self.renderer = renderer
        self._bodies.clear()

    @property
    def cached_bytes(self) -> int:
        """What the rendered bodies held weigh now (at most BODY_BUDGET)."""
        return self._bodies.nbytes

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("Presenter", text)

    def view(self, message: Message) -> MessageView:
        """What the transcript shows of ``message``; its body is rendered only when shown."""
        # Thumbnails start decoding when the transcript is about to show the message.
        attachments = message.attachments
        images = (lambda: self.image_views(attachments)) if attachments else None
        branch = (message.sibling_index, message.sibling_count)
        if message.role == "user":
            actions = ((COPY,) if message.content else ()) + (EDIT, DELETE)
            return MessageView(message.id, "user",
                               user_html(message.content) if message.content else "",
                               load_images=images, text=message.content, actions=actions,
                               branch=branch)
        failed = message.status == "error"
        again = RETRY if message.status in ("interrupted", "stopped") else REGENERATE
        documents = (COPY_WORD, SAVE_AS) if message.content else ()  # in the More menu
        actions = (((COPY,) if message.content else ()) + (() if failed else (again,))
                   + (DELETE,) + documents)
        usage = message.usage
        return MessageView(
            message.id, "assistant", header=self.header(message), load_images=images,
            render=lambda: list(self.body(message.id, message.content).blocks),
            text=message.content, status=self.status(message), actions=actions,
            branch=branch, error=error_view(message.error or "") if failed else None,
            usage=(self.tr("%1 tokens").replace("%1", f"{usage.total:,}")
                   if usage and usage.total else ""))

    def body(self, message_id: int, content: str) -> _Body:
        """The rendered body of a message (from the cache when it holds this text)."""
        found = self._bodies.get(message_id)
        if found is not None and found.content == content:
            return found
        if not content:
            body = _Body("", (), ())
        else:
            rendered = self.renderer.render_parts(content)
            body = _Body(content, tuple(_scope_block(b, message_id) for b in rendered.blocks),
                         rendered.codes)
        self._bodies.put(message_id, body)
        return body

    def remember(self, message_id: int, content: str, blocks: Sequence[RenderedBlock],
                 codes: tuple[str, ...]) -> None:
        """A body rendered elsewhere (a streamed answer): no need to render it again."""
        self._bodies.put(message_id, _Body(content, tuple(blocks), codes))

    def header(self, message: Message) -> str:
        name = self.tr("Assistant")
        return f"{name} · {message.model}" if message.model else name

    def status(self, message: Message) -> str:
        """How an answer ended, when that is worth saying — not as an error: a failure has
        its own card, and a stop is the user's choice."""
        if message.finish_reason == "length":
            return self.tr("Cut off at the token limit")
        if message.finish_reason == "content_filter":
            return self.tr("Stopped by the content filter")
        return {"stopped": self.tr("Stopped"),
                "interrupted": self.tr("Interrupted")}.get(message.status, "")

    def copy_text(self, argument: str, messages: Sequence[Message] = ()) -> str | None:
        """The code behind ``parley-copy:ID:N``. ``messages``: those shown, to render the
        message again if its body has left the cache since it was shown."""
        try:
            message_id, number = (int(x) for x in argument.split(":"))
        except ValueError:
            return None
        found = self._bodies.get(message_id)
        if found is None:
            message = next((m for m in messages if m.id == message_id), None)
            if message is None:
                return None
            found = self.body(message.id, message.content)
        codes = found.codes
        return codes[number] if 0 <= number < len(codes) else None
