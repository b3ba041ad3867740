"""Quick ask, Qt-free: clipboard content + an action + the typed question → the request.

The quick-ask window reads the clipboard (text, or an image already prepared as a data URL
by the image-preparation step), shows :func:`preview_text`, and on Enter or an action
button calls :func:`build_request`. The result holds the user message's text exactly as
sent (and as saved in history), its images, and a title for the history.

Rules:
- An empty question with no action means Explain.
- An action with a typed question: the action's instruction, then the question as an
  extra note (e.g. Summarize + "in three bullet points").
- A question with no action: the question, with the clipboard attached below it.
- An action with an empty clipboard works on the typed text instead (type a sentence,
  click Fix grammar).
- Nothing to send (empty clipboard, empty question): :class:`InputError`.
- Clipboard text beyond ``max_chars`` (default :data:`MAX_SENT_CHARS`) is cut at a line
  or word boundary; the prompt and ``note`` say so.
- The clipboard text is sent inside a fence longer than any run of backticks in it, so
  markdown in it is shown as it is and cannot close the fence.

Threading: pure functions and frozen data; any thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.core.errors import InputError
from app.core.gateway.chat import message
from app.core.history.text import auto_title

MAX_SENT_CHARS = 30_000  # ~8k tokens of English, fewer characters' worth of Chinese
PREVIEW_CHARS = 240
PREVIEW_LINES = 4


@dataclass(frozen=True)
class QuickAction:
    """A one-click action. ``instruction`` has ``{what}``: "the text below", "the attached
    image", or both; ``reads_text`` actions work on the words in an image."""

    id: str
    label: str
    instruction: str
    reads_text: bool = False


ACTIONS: dict[str, QuickAction] = {a.id: a for a in (
    QuickAction("explain", "Explain", "Explain {what} clearly and concisely."),
    QuickAction("summarize", "Summarize", "Summarize {what}: the main points, briefly."),
    QuickAction("translate-en", "Translate to English",
                "Translate {what} into English. Reply with the translation only.", True),
    QuickAction("translate-zh", "Translate to 中文",
                "Translate {what} into Traditional Chinese as written in Hong Kong "
                "(繁體中文，香港用語). Reply with the translation only.", True),
    QuickAction("fix-grammar", "Fix grammar",
                "Fix the grammar, spelling and punctuation of {what}. Keep the meaning, tone "
                "and formatting; reply with the corrected text only.", True),
)}
DEFAULT_ACTION = "explain"


@dataclass(frozen=True)
class ClipboardContent:
    """What the clipboard held when the window opened. ``image_url`` is a ready
    ``data:image/...;base64,...`` URL (see app.core.images.prepare); ``image_mime`` its type."""

    text: str = ""
    image_url: str = ""
    image_mime: str = ""

    @property
    def clean_text(self) -> str:
        """The text as it is sent: line ends normalised, blank lines and trailing space
        around it dropped (the first line's indentation is kept)."""
        text = self.text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
        return "" if not text.strip() else text.strip("\n").rstrip()

    @property
    def is_empty(self) -> bool:
        return not self.clean_text and not self.image_url

    def preview(self) -> str:
        return preview_text(self.clean_text)


@dataclass(frozen=True)
class QuickAskRequest:
    """The user message to send. ``text`` and ``images`` are what goes to the model and to
    history; ``title`` names the new conversation; ``note`` is set when the clipboard
    text was cut (show it near the answer)."""

    action: str | None
    question: str
    text: str
    images: tuple[str, ...]
    title: str
    truncated: bool = False
    note: str = ""

    def message(self) -> dict[str, Any]:
        """The chat message, parts and all (app.core.gateway.chat.message)."""
        return message("user", self.text, self.images)


def preview_text(text: str, max_chars: int = PREVIEW_CHARS,
                 max_lines: int = PREVIEW_LINES) -> str:
    """A short preview: blank lines dropped, runs of spaces collapsed, at most
    ``max_lines`` lines and ``max_chars`` characters, "…" when anything was left out."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    shown = "\n".join(lines[:max_lines])
    cut = len(lines) > max_lines
    if len(shown) > max_chars:
        shown, cut = shown[:max_chars].rstrip(), True
    return shown + ("…" if cut else "")


def build_request(clipboard: ClipboardContent, question: str = "",
                  action: str | None = None, *,
                  max_chars: int = MAX_SENT_CHARS) -> QuickAskRequest:
    """The request for ``action`` (an :data:`ACTIONS` id, or None for the question as it
    is) on ``clipboard``; see the module's rules. Raises :class:`InputError`."""
    question = (question or "").strip()
    if action is not None and action not in ACTIONS:
        raise InputError(f"unknown quick action {action!r}",
                         hint="use one of " + ", ".join(ACTIONS))
    text, image = clipboard.clean_text, _checked_image(clipboard)
    if action is None and not question:
        action = DEFAULT_ACTION
    if not text and not image:
        if not question:
            label = ACTIONS[action].label.lower() if action else "ask"
            raise InputError(f"nothing to {label}: the clipboard is empty and no question "
                             "was typed", hint="copy some text or an image first, or type "
                                               "a question")
        if action is not None:  # the action works on what was typed
            text, question = question, ""
    text, truncated, note = _capped(text, max_chars)
    parts = []
    if action is not None:
        parts.append(_instruction(ACTIONS[action], bool(text), bool(image)))
    if question:
        parts.append(question)
    if text:
        parts.append(_fenced(text))
    if note:
        parts.append(f"[{note}]")
    return QuickAskRequest(action, question, "\n\n".join(parts), (image,) if image else (),
                           _title(action, question, text), truncated, note)


def _checked_image(clipboard: ClipboardContent) -> str:
    url = clipboard.image_url
    if not url:
        return ""
    mime = clipboard.image_mime or url[5:].split(";", 1)[0]
    if not (url.startswith(f"data:{mime};base64,") and mime.startswith("image/")):
        raise InputError("the clipboard image is not an image data URL",
                         hint="prepare it with app.core.images.prepare first")
    return url


def _instruction(action: QuickAction, has_text: bool, has_image: bool) -> str:
    image = "the text in the attached image" if action.reads_text else "the attached image"
    what = ("the text below" if has_text else "") + (" and " if has_text and has_image else "")
    what += image if has_image else ""
    return action.instruction.format(what=what)


def _capped(text: str, limit: int) -> tuple[str, bool, str]:
    if len(text) <= limit:
        return text, False, ""
    head = text[:limit]
    for boundary in ("\n", " "):  # end at a line, else a word, if one is near the end
        at = head.rfind(boundary)
        if at >= limit * 0.9:
            head = head[:at]
            break
    head = head.rstrip()
    note = (f"Only the first {len(head):,} of {len(text):,} characters of the clipboard "
            "were sent.")
    return head, True, note


def _fenced(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def _title(action: str | None, question: str, text: str) -> str:
    if action is None:
        return auto_title(question) or auto_title(text)
    about = auto_title(text) or auto_title(question) or "image"
    return f"{ACTIONS[action].label}: {about}"
