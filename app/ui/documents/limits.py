"""What the model takes, and the words the composer uses about documents and limits.

:func:`budget` finds the context window of the model in use (the header's choice, else the
profile's), with the profile's ``context_window`` and Settings' ``context_windows``
overrides (app.core.documents.context); :func:`verdict` weighs everything staged against
it. Nothing is cut to fit: the composer holds Send and says why, and "Choose pages…" offers
a range that fits.

Threading: GUI thread (cheap arithmetic and translated strings).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.core.config.profiles import Profile
from app.core.documents import ContextWindow, format_pages, model_window
from app.core.documents.model import kept_numbers
from app.core.documents.tokens import about, conversation_tokens, text_tokens


@dataclass(frozen=True)
class Budget:
    """The model's window, the answer's share (``max_tokens``; None: the default reserve)
    and the tokens the request carries besides the new message: the system prompt and
    ``earlier``, the conversation so far, sent again with it."""

    window: ContextWindow
    max_tokens: int | None = None
    system: int = 0
    earlier: int = 0

    @property
    def base(self) -> int:
        """All the request carries besides the new message."""
        return self.system + self.earlier

    @property
    def room(self) -> int:
        return self.window.room(self.max_tokens)


def budget(profile: Profile, params: Mapping[str, Any],
           overrides: Mapping[str, int] | None, earlier: Sequence[Any] = ()) -> Budget:
    """The budget for the next message of a conversation with ``params`` (its model,
    max_tokens and system prompt as the header set them) after the messages ``earlier``
    (the path it follows, oldest first: they are sent again with it)."""
    window, max_tokens = model_window(profile, params.get("model") or "",
                                      params.get("max_tokens"), overrides)
    system = text_tokens(params.get("system_prompt") or "")
    return Budget(window, max_tokens, system, conversation_tokens(earlier, system))


@dataclass(frozen=True)
class Verdict:
    """``over``: the keys of the documents to mark (empty when it all fits); ``reason``:
    why Send is held ("" when it is not)."""

    needed: int
    over: frozenset[int] = frozenset()
    reason: str = ""


def verdict(budget: Budget, text_and_images: int, documents: Mapping[int, int]) -> Verdict:
    """``documents``: {chip key: estimated tokens}. When it does not fit, the documents that
    alone are more than the room are marked, else the largest one."""
    needed = budget.base + text_and_images + sum(documents.values())
    room = budget.room
    if needed <= room:
        return Verdict(needed)
    over = {key for key, tokens in documents.items() if tokens > room}
    if not over and documents:
        over = {max(documents, key=lambda key: documents[key])}
    if crowded(budget):
        reason = QCoreApplication.translate(
            "DocumentChips", "With the conversation so far (about %5 tokens), this message "
            "and its attachments are about %1 tokens: more than %2 takes (%3, less %4 kept "
            "for the answer). Choose pages, remove a file, or start a new chat to send.")
    else:
        reason = QCoreApplication.translate(
            "DocumentChips", "The message and its attachments are about %1 tokens: more "
            "than %2 takes (%3, less %4 kept for the answer). Choose pages or remove a file "
            "to send.")
    reason = reason.replace("%5", about(budget.earlier))
    window = budget.window
    reason = (reason.replace("%1", about(needed)).replace("%2", window.model or "the model")
              .replace("%3", f"{window.tokens:,}").replace("%4", f"{window.tokens - room:,}"))
    return Verdict(needed, frozenset(over), reason)


def units_text(unit: str, n: int) -> str:
    """"12 pages", "1 slide" (translated)."""
    # Two sources, not "%n page(s)": the chip reads as plain English without a translator.
    if n == 1:
        one = {"slide": QCoreApplication.translate("DocumentChips", "1 slide"),
               "sheet": QCoreApplication.translate("DocumentChips", "1 sheet"),
               "part": QCoreApplication.translate("DocumentChips", "1 part")}
        return one.get(unit) or QCoreApplication.translate("DocumentChips", "1 page")
    many = {"slide": QCoreApplication.translate("DocumentChips", "%1 slides"),
            "sheet": QCoreApplication.translate("DocumentChips", "%1 sheets"),
            "part": QCoreApplication.translate("DocumentChips", "%1 parts")}
    text = many.get(unit) or QCoreApplication.translate("DocumentChips", "%1 pages")
    return text.replace("%1", f"{n:,}")


def summary(unit: str, count: int, tokens: int, chosen: Sequence[int] | None = None) -> str:
    """"12 pages · ~8,400 tokens"; "5 pages of 12 · ~3,100 tokens" for a selection."""
    units = units_text(unit, count)
    if chosen is not None and len(chosen) < count:
        units = QCoreApplication.translate("DocumentChips", "%1 of %2").replace(
            "%1", units_text(unit, len(chosen))).replace("%2", f"{count:,}")
    return QCoreApplication.translate("DocumentChips", "%1 · ~%2 tokens").replace(
        "%1", units).replace("%2", about(tokens))


def stored_summary(meta: Mapping[str, Any]) -> tuple[str, str]:
    """A sent document's line ("3 pages of 20 · ~1,200 tokens") and its page-images note,
    from the record kept with it (its chip when sent again, its card in the transcript)."""
    unit = str(meta.get("unit") or "page")
    chosen = kept_numbers(str(meta.get("pages") or ""))
    line = summary(unit, int(meta.get("count") or len(chosen)), int(meta.get("tokens") or 0),
                   chosen)
    return line, images_note(unit, kept_numbers(str(meta.get("image_pages") or "")))


def images_note(unit: str, numbers: Sequence[int]) -> str:
    """"pages 3, 7 as images" ("" when none go as images)."""
    if not numbers:
        return ""
    notes = {"slide": QCoreApplication.translate("DocumentChips", "slides %1 as images"),
             "sheet": QCoreApplication.translate("DocumentChips", "sheets %1 as images")}
    text = notes.get(unit) or QCoreApplication.translate("DocumentChips", "pages %1 as images")
    return text.replace("%1", format_pages(numbers).replace(",", ", "))


def crowded(budget: Budget) -> bool:
    """The conversation so far takes most of the room: it, not the files, is what to say."""
    return budget.earlier > budget.room // 2


def over_note(budget: Budget) -> str:
    """"More than gpt-4o-mini takes (128,000)", or that it is too much for the conversation
    so far."""
    if crowded(budget):
        return QCoreApplication.translate(
            "DocumentChips", "Too much after this conversation (about %1 tokens)").replace(
            "%1", about(budget.earlier))
    return QCoreApplication.translate("DocumentChips", "More than %1 takes (%2)").replace(
        "%1", budget.window.model or "the model").replace("%2", f"{budget.window.tokens:,}")


def over_detail(tokens: int, budget: Budget) -> str:
    """"~310,000 tokens — more than gpt-4o-mini takes (128,000)"."""
    return QCoreApplication.translate(
        "DocumentChips", "~%1 tokens — more than %2 takes (%3)").replace(
        "%1", about(tokens)).replace("%2", budget.window.model or "the model").replace(
        "%3", f"{budget.window.tokens:,}")
