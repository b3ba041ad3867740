"""From history messages to what the transcript shows: rendered bodies, headers, footers.

Footers carry the per-message actions as ``parley-action:NAME:ID`` links (Copy, Edit,
Regenerate, Retry, ‹ 2/3 ›), the token usage and the status of an answer that did not
complete. Copy links inside a message are renamed ``parley-copy:ID:N`` so one transcript can
hold many messages' code blocks.

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

from app.core.history import Message
from app.core.render import MarkdownRenderer, RenderUpdate
from app.core.render.lru import MIB, ByteLRU
from app.ui.chat.transcript import ImageView, MessageView

_COPY = re.compile(r"parley-copy:(\d+)")
# Rendered bodies kept for reopening conversations: ~100–200 typical answers, or a few
# 100 KB ones (rendering one message again costs ~10 ms; a 100 KB answer ~1.5 s).
BODY_BUDGET = 4 * MIB


def scope_copy_links(text: str, message_id: int) -> str:
    return _COPY.sub(lambda m: f"parley-copy:{message_id}:{m.group(1)}", text)


def scope_update(update: RenderUpdate, message_id: int) -> RenderUpdate:
    return RenderUpdate([scope_copy_links(b, message_id) for b in update.frozen],
                        scope_copy_links(update.tail, message_id), update.reset)


def user_html(text: str) -> str:
    """A user's message as typed: escaped, line breaks kept (not markdown)."""
    lines = html.escape(text).split("\n")
    return "<p>" + "<br>".join(lines) + "</p>"


@dataclass(frozen=True)
class _Body:
    """A message's rendered body, for the text it was rendered from, and its code blocks."""

    content: str
    html: str
    codes: tuple[str, ...]

    def weight(self) -> int:
        return (sys.getsizeof(self.content) + sys.getsizeof(self.html)
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
        images = self.image_views(message.attachments) if message.attachments else ()
        if message.role == "user":
            return MessageView(message.id, "user",
                               user_html(message.content) if message.content else "",
                               footer_html=self.footer(message), images=images)
        body = self._body(message.id, message.content).html
        return MessageView(message.id, "assistant", body, header=self.header(message),
                           footer_html=self.footer(message), images=images)

    def _body(self, message_id: int, content: str) -> _Body:
        found = self._bodies.get(message_id)
        if found is not None and found.content == content:
            return found
        if not content:
            body = _Body("", "", ())
        else:
            rendered = self.renderer.render_full(content)
            body = _Body(content, scope_copy_links(rendered.html, message_id), rendered.codes)
        self._bodies.put(message_id, body)
        return body

    def remember(self, message_id: int, content: str, body_html: str,
                 codes: tuple[str, ...]) -> None:
        """A body rendered elsewhere (a streamed answer): no need to render it again."""
        self._bodies.put(message_id, _Body(content, body_html, codes))

    def header(self, message: Message) -> str:
        name = self.tr("Assistant")
        return f"{name} · {message.model}" if message.model else name

    def footer(self, message: Message) -> str:
        mid = message.id
        parts: list[str] = []
        if message.role == "assistant":
            status = {
                "stopped": self.tr("Stopped"),
                "interrupted": self.tr("Interrupted"),
                "error": self.tr("Failed"),
            }.get(message.status)
            if message.finish_reason == "length":
                status = self.tr("Cut off at the token limit")
            elif message.finish_reason == "content_filter":
                status = self.tr("Stopped by the content filter")
            if status:
                parts.append(f'<span style="color:#c62828;"><b>{html.escape(status)}</b></span>')
            if message.error:
                parts.append(f'<span style="color:#c62828;">{html.escape(message.error)}</span>')
        if message.content:
            parts.append(_action("copy", mid, self.tr("Copy")))
        if message.role == "user":
            parts.append(_action("edit", mid, self.tr("Edit")))
        elif message.status in ("error", "interrupted", "stopped"):
            parts.append(_action("retry", mid, self.tr("Retry")))
        else:
            parts.append(_action("regenerate", mid, self.tr("Regenerate")))
        if message.sibling_count > 1:
            position = f"{message.sibling_index + 1}/{message.sibling_count}"
            prev = _action("prev", mid, "‹") if message.sibling_index > 0 else "‹"
            nxt = (_action("next", mid, "›")
                   if message.sibling_index < message.sibling_count - 1 else "›")
            parts.append(f"{prev} {position} {nxt}")
        usage = message.usage
        if message.role == "assistant" and usage and usage.total:
            parts.append(html.escape(self.tr("%1 tokens").replace("%1", f"{usage.total:,}")))
        return " &nbsp;·&nbsp; ".join(parts)

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
            found = self._body(message.id, message.content)
        codes = found.codes
        return codes[number] if 0 <= number < len(codes) else None


def _action(name: str, message_id: int, label: str) -> str:
    return f'<a href="parley-action:{name}:{message_id}">{html.escape(label)}</a>'
