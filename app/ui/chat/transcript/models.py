"""What the transcript shows of a message, as plain data (no Qt).

The presenter (app/ui/chat/presenter.py) builds a :class:`MessageView` per message; the
transcript turns it into rows of widgets only when the message comes near the viewport. So
a view is cheap: its body is rendered on demand (``render``), its actions are names, its
error and status are plain text the widgets lay out.

Threading: plain data; made and read on the GUI thread.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.render.blocks import RenderedBlock

# Action names, as the transcript's actionRequested("action", "NAME:ID") carries them.
COPY, EDIT, REGENERATE, RETRY, DELETE, PREV, NEXT = (
    "copy", "edit", "regenerate", "retry", "delete", "prev", "next")
# An answer's documents out ("Copy for Word/Docs", "Save as…"): behind its More (⋯) menu.
COPY_WORD, SAVE_AS, MORE = "copy_word", "save_as", "more"
IN_MENU = (COPY_WORD, SAVE_AS)


@dataclass(frozen=True)
class ImageView:
    """An image shown in a message: ``url`` is a ``parley-thumb:``/``parley-web:`` resource,
    ``open_url`` what a click on it asks for; ``caption`` (plain text) and ``actions``
    (``(label, url)`` links) go underneath. With a ``title`` it is a file card instead (a
    sent document): ``url`` its icon, the title and ``caption`` beside it, each opening it."""

    url: str
    width: int
    height: int
    open_url: str = ""
    caption: str = ""
    actions: tuple[tuple[str, str], ...] = ()
    title: str = ""


@dataclass(frozen=True)
class ErrorView:
    """A failed answer's card: a plain ``title`` ("The gateway is busy"), the ``details``
    (folded until asked for) and whether Retry is offered."""

    title: str
    details: str = ""
    retry: bool = True


@dataclass(slots=True)
class MessageView:
    """What the transcript shows of one message.

    ``body_html`` is the rendered body for simple uses (a user's text, a body already at
    hand); ``render`` gives the body as blocks (see RenderedBlock) when the message is about
    to be shown — a long conversation renders only what comes into view. ``text`` is the
    raw text (to estimate the height before rendering). ``status`` and ``usage`` are plain
    words under the message ("Stopped", "1,234 tokens"); ``actions`` are the buttons offered
    (COPY, EDIT, REGENERATE, RETRY, DELETE; COPY_WORD and SAVE_AS go in the More
    menu); ``branch`` is (index, count) of its versions.
    ``load_images`` gives ``images`` when the message is shown (decoding a thumbnail for every
    message of a long conversation at open would be wasted). ``footer_html`` is kept for
    callers that still describe the footer as HTML (shown as text under the message when no
    status, usage or actions are given)."""

    id: int
    role: str
    body_html: str = ""
    header: str = ""
    footer_html: str = ""
    images: tuple[ImageView, ...] = ()
    render: Callable[[], list[RenderedBlock]] | None = field(default=None, repr=False)
    load_images: Callable[[], tuple[ImageView, ...]] | None = field(default=None, repr=False)
    text: str = ""
    status: str = ""
    usage: str = ""
    actions: tuple[str, ...] = ()
    branch: tuple[int, int] = (0, 1)
    error: ErrorView | None = None

    def pictures(self) -> tuple[ImageView, ...]:
        """Its images: ``images``, or made now by ``load_images`` (which may start decoding
        them: only for a message about to be shown)."""
        if not self.images and self.load_images is not None:
            self.images, self.load_images = self.load_images(), None
        return self.images

    def blocks(self) -> list[RenderedBlock]:
        """The body, block by block (rendered now if it has to be)."""
        if self.render is not None:
            return self.render()
        return [RenderedBlock(self.body_html)] if self.body_html else []

    def footer_text(self, labels: dict[str, str]) -> str:
        """The words under the message as one line (status, actions, ‹ n/m ›, usage), with
        ``labels`` naming the actions: what a reader of the plain text sees."""
        if not (self.status or self.usage or self.actions) and self.footer_html:
            return plain_text(self.footer_html)
        words = [self.status] if self.status else []
        words += [labels.get(name, name) for name in self.actions]
        index, count = self.branch
        if count > 1:
            words.append(f"‹ {index + 1}/{count} ›")
        if self.usage:
            words.append(self.usage)
        return " · ".join(words)


_TAG = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    """Rough plain text of an HTML fragment (tags dropped, entities decoded)."""
    return html.unescape(_TAG.sub("", fragment.replace("&nbsp;", " ")))
