"""How much a model takes: context sizes by model family, overrides, and whether an
attachment fits — said before sending, never found out by truncation.

The table (:data:`WINDOWS`) matches the start of the model name, as Azure deployments are
usually named after their model ("gpt-4o-mini-2024-07-18", "gpt-35-turbo-16k"). An unknown
name (a deployment called "prod-chat") gets :data:`DEFAULT_CONTEXT`, and the message says it
was assumed. Overrides, strongest first: Settings' ``context_windows`` (model name →
tokens, any model), then the profile's ``context_window`` (its own chat model), then the
table.

Room for the input = the context size minus what the answer may take: the request's
``max_tokens`` when set, else :data:`ANSWER_RESERVE` (or the model's output limit if lower).

Pure functions; any thread.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.core.errors import InputError

if TYPE_CHECKING:
    from app.core.config.profiles import Profile

DEFAULT_CONTEXT = 128_000
ANSWER_RESERVE = 4_096

# (name pattern, context tokens, longest answer, longest input if less than the context)
WINDOWS: tuple[tuple[str, int, int, int | None], ...] = (
    (r"gpt-4\.1", 1_047_576, 32_768, None),          # gpt-4.1, -mini, -nano
    (r"(chat)?gpt-4o", 128_000, 16_384, None),        # gpt-4o, gpt-4o-mini
    (r"gpt-4\.5", 128_000, 16_384, None),
    (r"gpt-4-(turbo|1106|0125|vision)", 128_000, 4_096, None),
    (r"gpt-4-32k", 32_768, 4_096, None),
    (r"gpt-4(-0314|-0613)?$", 8_192, 4_096, None),
    (r"gpt-3\.?5-turbo-instruct", 4_096, 4_096, None),
    (r"gpt-3\.?5-turbo-(0301|0613)$", 4_096, 4_096, None),
    (r"gpt-3\.?5-turbo", 16_385, 4_096, None),        # gpt-35-turbo (Azure), -16k, -0125
    (r"gpt-5", 400_000, 128_000, 272_000),
    (r"o1-mini", 128_000, 65_536, None),
    (r"o(1|3|4)", 200_000, 100_000, None),
)
# The models Settings lists (their sizes come from the table above), newest first.
KNOWN_MODELS = ("gpt-5", "gpt-5-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o",
                "gpt-4o-mini", "o4-mini", "o3", "o3-mini", "o1", "o1-mini", "gpt-4-turbo",
                "gpt-4-32k", "gpt-4", "gpt-35-turbo")


@dataclass(frozen=True)
class ContextWindow:
    """``tokens``: input and answer together; ``source`` says where the figure came from."""

    model: str
    tokens: int
    output: int
    source: str               # "table", "profile", "settings" or "assumed"
    max_input: int | None = None

    def room(self, max_tokens: int | None = None) -> int:
        """Tokens left for the input once the answer's share is set aside."""
        reserve = max_tokens if max_tokens else min(self.output, ANSWER_RESERVE)
        room = max(0, self.tokens - reserve)
        return min(room, self.max_input) if self.max_input else room

    def describe(self) -> str:
        """"gpt-4o-mini takes 128,000 tokens" (+ how that is known when not from the table)."""
        how = {"table": "", "profile": " (set in the profile)",
               "settings": " (set in Settings)",
               "assumed": " (assumed: the model is not known; set its context size in the "
                          "profile or Settings)"}[self.source]
        return f"{self.model or 'the model'} takes {self.tokens:,} tokens{how}"


def context_window(model: str, *, profile_model: str = "", profile_tokens: int = 0,
                   overrides: Mapping[str, int] | None = None) -> ContextWindow:
    """The context of ``model``. ``profile_tokens`` applies when ``model`` is the profile's
    own chat model (``profile_model``); ``overrides`` are Settings' per-model sizes."""
    name = model.strip()
    key = name.lower().rsplit("/", 1)[-1]
    output, max_input = ANSWER_RESERVE, None
    for pattern, tokens, out, longest in WINDOWS:
        if re.match(pattern, key):
            output, max_input = out, longest
            found: tuple[int, str] | None = (tokens, "table")
            break
    else:
        found = None
    for other, tokens in (overrides or {}).items():
        if other.strip().lower() == name.lower() and isinstance(tokens, int) and tokens > 0:
            return ContextWindow(name, tokens, output, "settings")
    if profile_tokens > 0 and (not profile_model or profile_model.strip() == name):
        return ContextWindow(name, profile_tokens, output, "profile")
    if found is None:
        return ContextWindow(name, DEFAULT_CONTEXT, ANSWER_RESERVE, "assumed")
    return ContextWindow(name, found[0], output, found[1], max_input)


@dataclass(frozen=True)
class Fit:
    """Whether ``needed`` tokens (the estimate of everything sent) fit ``room``."""

    needed: int
    room: int

    @property
    def ok(self) -> bool:
        return self.needed <= self.room


def fits(needed: int, window: ContextWindow, max_tokens: int | None = None) -> Fit:
    return Fit(needed, window.room(max_tokens))


def model_window(profile: Profile, model: str = "", max_tokens: Any = None,
                 overrides: Mapping[str, int] | None = None
                 ) -> tuple[ContextWindow, int | None]:
    """The window of ``model`` (the profile's chat model when empty) with the profile's
    and Settings' overrides, and the answer's share: ``max_tokens``, else the profile's
    default, else None (the default reserve). The window's and the command line's check."""
    window = context_window(model or profile.chat_model, profile_model=profile.chat_model,
                            profile_tokens=profile.context_window, overrides=overrides)
    share = max_tokens or profile.defaults.get("max_tokens")
    return window, share if isinstance(share, int) else None


def pages_that_fit(unit_tokens: Sequence[tuple[int, int]], room: int) -> tuple[int, int] | None:
    """The first run of units from the start that fits ``room`` tokens, as (first, last)
    numbers — what to offer instead of the whole document. ``unit_tokens``: (number,
    tokens) in order. None when not even the first unit fits."""
    used, last = 0, None
    for number, tokens in unit_tokens:
        if used + tokens > room:
            break
        used += tokens
        last = number
    return None if last is None else (unit_tokens[0][0], last)


class TooLarge(InputError):
    """What would be sent does not fit the model: nothing was sent, nothing was cut. The
    message names the sizes; ``suggestion`` is (file name, first, last) of a range that
    fits, when one does."""

    title = "Too large for the model"

    def __init__(self, message: str, *, hint: str = "",
                 suggestion: tuple[str, int, int] | None = None) -> None:
        super().__init__(message, hint=hint)
        self.suggestion = suggestion
