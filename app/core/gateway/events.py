"""Typed events of a chat answer, and the fold that turns them into a result.

A streamed answer is a sequence of these; a non-streamed one is interpreted into the same
sequence, so callers handle both alike. Gateway chunks are untrusted input: every field is
read defensively (a missing, null or oddly typed field is skipped, never a crash).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from app.core.errors import ContentFiltered, ParleyError, StreamError


@dataclass(frozen=True)
class TextDelta:
    """More answer text for choice ``index``."""

    text: str
    index: int = 0


@dataclass(frozen=True)
class Usage:
    """Token counts. A stream may send several; the last one wins (tests/fixtures/seed000_*.sse)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    @classmethod
    def from_json(cls, data: dict) -> Usage:
        def num(key: str) -> int:
            value = data.get(key)
            return int(value) if isinstance(value, (int, float)) else 0

        prompt, completion = num("prompt_tokens"), num("completion_tokens")
        return cls(prompt, completion, num("total_tokens") or prompt + completion)


@dataclass(frozen=True)
class FilterNotice:
    """The gateway's content filter flagged the prompt or part of the answer."""

    stage: str  # "prompt" or "completion"
    categories: tuple[str, ...]
    index: int = 0

    def describe(self) -> str:
        what = "your message" if self.stage == "prompt" else "the answer"
        return f"The content filter flagged {what} ({', '.join(self.categories)})."


@dataclass(frozen=True)
class Finish:
    """Choice ``index`` is complete; ``reason`` as the gateway said (stop, length,
    content_filter, tool_calls, ...)."""

    reason: str
    index: int = 0


@dataclass(frozen=True)
class ErrorEvent:
    """The answer could not be completed. Always the last event; any text before it stands."""

    error: ParleyError


@dataclass(frozen=True)
class Retrying:
    """No text has arrived and the request failed in a way worth trying again: retry
    ``attempt`` (1 = the first) of ``retries`` starts in ``delay`` seconds. ``error`` says
    why (e.g. :class:`~app.core.errors.RateLimited`). A window shows it so that a wait of
    several seconds before the first words never looks dead; a fold ignores it."""

    error: ParleyError
    delay: float
    attempt: int
    retries: int


ChatEvent = TextDelta | Usage | FilterNotice | Finish | ErrorEvent | Retrying

FINISH_MESSAGES = {
    "length": "The answer was cut off at the token limit.",
    "content_filter": "The answer was stopped by the gateway's content filter.",
}


def _flagged(results: Any) -> tuple[str, ...]:
    if not isinstance(results, dict):
        return ()
    return tuple(
        name for name, verdict in results.items()
        if isinstance(verdict, dict) and (verdict.get("filtered") is True)
    )


def interpret_chunk(chunk: Any) -> Iterator[ChatEvent]:
    """Events in one decoded chunk (streamed) or completion (non-streamed).

    Raises :class:`StreamError` for an ``{"error": ...}`` object, which some gateways send
    inside a 200 stream.
    """
    if not isinstance(chunk, dict):
        return
    error = chunk.get("error")
    if error:
        raise stream_error_from(error)
    for result in chunk.get("prompt_filter_results") or chunk.get("prompt_annotations") or ():
        if isinstance(result, dict):
            flagged = _flagged(result.get("content_filter_results"))
            if flagged:
                index = result.get("prompt_index")
                yield FilterNotice("prompt", flagged, index if isinstance(index, int) else 0)
    for choice in chunk.get("choices") or ():
        if not isinstance(choice, dict):
            continue
        raw_index = choice.get("index")
        index = raw_index if isinstance(raw_index, int) else 0
        part = choice.get("delta") or choice.get("message") or {}
        if isinstance(part, dict):
            for key in ("content", "refusal"):
                text = part.get(key)
                if isinstance(text, str) and text:
                    yield TextDelta(text, index)
        elif isinstance(choice.get("text"), str) and choice["text"]:  # legacy completions
            yield TextDelta(choice["text"], index)
        flagged = _flagged(choice.get("content_filter_results"))
        if flagged:
            yield FilterNotice("completion", flagged, index)
        reason = choice.get("finish_reason")
        if isinstance(reason, str) and reason:
            yield Finish(reason, index)
    usage = chunk.get("usage")
    if isinstance(usage, dict):
        yield Usage.from_json(usage)


def stream_error_from(error: Any) -> ParleyError:
    if isinstance(error, dict):
        code = str(error.get("code") or error.get("type") or "") or None
        message = str(error.get("message") or error)
    else:
        code, message = None, str(error)
    filtered = bool(code and "content" in code.lower() and "filter" in code.lower())
    return (ContentFiltered if filtered else StreamError)(message, code=code)


@dataclass
class ChatResult:
    """Everything an answer produced: text per choice, finish reasons, usage, notices.

    Also the accumulator for a stream: feed events to :meth:`add`. If the stream failed,
    :attr:`error` is set and :meth:`text_of` gives the partial answer.
    """

    finish_reasons: dict[int, str] = field(default_factory=dict)
    usage: Usage | None = None
    notices: list[FilterNotice] = field(default_factory=list)
    error: ParleyError | None = None
    parts: dict[int, list[str]] = field(default_factory=dict, repr=False)

    def add(self, event: ChatEvent) -> None:
        if isinstance(event, TextDelta):
            self.parts.setdefault(event.index, []).append(event.text)
        elif isinstance(event, Usage):
            self.usage = event
        elif isinstance(event, FilterNotice):
            self.notices.append(event)
        elif isinstance(event, Finish):
            self.finish_reasons[event.index] = event.reason
        elif isinstance(event, ErrorEvent):
            self.error = event.error

    def text_of(self, index: int = 0) -> str:
        return "".join(self.parts.get(index, ()))

    @property
    def text(self) -> str:
        return self.text_of(0)

    @property
    def indices(self) -> list[int]:
        return sorted(set(self.parts) | set(self.finish_reasons))

    @property
    def finish_reason(self) -> str | None:
        return self.finish_reasons.get(0)

    @property
    def filtered(self) -> bool:
        return "content_filter" in self.finish_reasons.values()
