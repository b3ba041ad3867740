"""Chat completions, streamed or whole, for every gateway style.

:func:`stream_chat` yields typed events (:mod:`app.core.gateway.events`) and never raises for
gateway or network trouble: a failure is the final :class:`ErrorEvent`, after whatever text arrived.
Requests that fail before any text arrived are retried (408/409/429/5xx, timeouts,
connection errors), each announced by a :class:`Retrying` event before the wait; once text
has streamed they are not, so the partial answer stands.

Cancelling the task that iterates closes the connection at once. To stop iterating early
from inside, wrap the generator in ``contextlib.aclosing``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from app.core.config.profiles import CHAT_PARAMS, Profile
from app.core.errors import InputError, ParleyError, ProtocolError, StreamInterrupted
from app.core.gateway.connection import Connection
from app.core.gateway.events import (
    ChatEvent,
    ChatResult,
    ErrorEvent,
    Retrying,
    TextDelta,
    interpret_chunk,
)
from app.core.gateway.stream import StreamInterpreter, interpret_body

Message = Mapping[str, Any]


@dataclass
class ChatRequest:
    """What to ask. ``params`` override the profile's defaults; None values are dropped."""

    messages: Sequence[Message]
    model: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


def text_part(text: str) -> dict[str, Any]:
    return {"type": "text", "text": text}


def image_part(data_url: str, detail: str | None = None) -> dict[str, Any]:
    image_url: dict[str, Any] = {"url": data_url}
    if detail:
        image_url["detail"] = detail
    return {"type": "image_url", "image_url": image_url}


def message(role: str, text: str = "", images: Sequence[str] = ()) -> dict[str, Any]:
    """A message; with images, ``content`` becomes a list of parts (as in
    tests/fixtures/seed000_image.sse)."""
    if not images:
        return {"role": role, "content": text}
    parts = [text_part(text)] if text else []
    parts.extend(image_part(url) for url in images)
    return {"role": role, "content": parts}


def response_format(kind: str, schema: Mapping[str, Any] | None = None,
                    name: str = "answer") -> dict[str, Any]:
    """``json_object`` or ``json_schema`` (structured output) as the API expects it."""
    if kind == "json_object":
        return {"type": "json_object"}
    if kind == "json_schema":
        if not isinstance(schema, Mapping):
            raise InputError("a json_schema response format needs a JSON schema object")
        if "schema" in schema and "name" in schema:  # already the wrapped form
            return {"type": "json_schema", "json_schema": dict(schema)}
        return {"type": "json_schema",
                "json_schema": {"name": name, "schema": dict(schema), "strict": True}}
    if kind == "text":
        return {"type": "text"}
    raise InputError(f"unknown response format '{kind}'", hint="use json_object or json_schema")


def build_body(profile: Profile, request: ChatRequest, *, stream: bool) -> dict[str, Any]:
    body: dict[str, Any] = {}
    model = request.model or profile.chat_model
    if model and profile.model_in_body("chat"):
        body["model"] = model
    body["messages"] = [dict(m) for m in request.messages]
    for source in (profile.defaults, request.params):
        for key, value in source.items():
            if key in CHAT_PARAMS:
                if value is None:
                    body.pop(key, None)
                else:
                    body[key] = value
    body["stream"] = stream
    if stream and profile.stream_usage:
        body["stream_options"] = {"include_usage": True}
    return body


async def stream_chat(conn: Connection, request: ChatRequest) -> AsyncIterator[ChatEvent]:
    """The answer as typed events; the last event is an :class:`ErrorEvent` on failure."""
    url = conn.profile.url_for("chat", request.model)
    body = build_body(conn.profile, request, stream=True)
    attempt = 0
    while True:
        text_seen = []
        try:
            async with conn.open("POST", url, json_body=body, accept="text/event-stream") as resp:
                async for event in _events_of(resp, url):
                    if isinstance(event, TextDelta):
                        text_seen.append(event.text)
                    yield event
            return
        except ParleyError as error:
            if text_seen:
                yield ErrorEvent(_interrupted(error, "".join(text_seen)))
                return
            wait = conn.backoff(attempt, error)
            if wait is None:
                yield ErrorEvent(error)
                return
            why = error
        attempt += 1
        yield Retrying(why, wait, attempt, conn.retry.max_retries)
        await conn.sleep(wait)


def _interrupted(error: ParleyError, partial: str) -> ParleyError:
    if isinstance(error, StreamInterrupted) or not getattr(error, "retryable", False):
        return error
    return StreamInterrupted(error.message, hint="the part that arrived is kept",
                             partial_text=partial)


async def _events_of(response: httpx.Response, url: str) -> AsyncIterator[ChatEvent]:
    """Read the body and hand it to the interpreter (:mod:`app.core.gateway.stream`); its
    final :class:`ErrorEvent` is raised instead, so :func:`stream_chat` decides on retries."""
    content_type = response.headers.get("content-type", "").lower()
    if "text/event-stream" not in content_type:
        # An odd gateway may ignore "stream": true and answer with one JSON completion.
        events = interpret_body(await response.aread(), content_type, url)
    else:
        interpreter = StreamInterpreter(url)  # SSE is UTF-8 whatever charset the header names
        # Read to the end of the body even after [DONE] or an error, as the official client
        # does. Returning early strands httpx's stream generators half-way; they are then
        # finalized outside this task, which breaks on loops without async-generator hooks
        # (qasync).
        try:
            async for data in response.aiter_bytes():
                for event in interpreter.feed(data):
                    yield event
        except httpx.HTTPError:
            if not interpreter.done:  # a connection dropped after [DONE] loses nothing
                raise
        events = interpreter.close()
    for event in events:
        if isinstance(event, ErrorEvent):
            raise event.error
        yield event


async def complete_chat(conn: Connection, request: ChatRequest) -> ChatResult:
    """A whole (non-streamed) answer. Raises typed errors; retries like the stream does."""
    url = conn.profile.url_for("chat", request.model)
    data = await conn.request_json("POST", url, build_body(conn.profile, request, stream=False))
    result = ChatResult()
    for event in interpret_chunk(data):
        result.add(event)
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        raise ProtocolError("the gateway's answer has no choices", url=url)
    return result


async def collect(events: AsyncIterator[ChatEvent]) -> ChatResult:
    """Fold a stream into a :class:`ChatResult` (the error, if any, is in ``.error``)."""
    result = ChatResult()
    async for event in events:
        result.add(event)
    return result
