"""The stream interpreter: what a streamed chat answer sent in, typed events out, no I/O.

Like httpx-sse's decoder, it never touches a socket. The HTTP loop in
:mod:`app.core.gateway.chat` hands it whatever arrived (:meth:`StreamInterpreter.feed`, bytes
split anywhere) and yields what comes back, so every framing, JSON and error rule can be tested
with plain strings. Retry decisions are not made here: they stay with the HTTP loop.

Lines end only at CR, LF or CRLF, as the SSE spec says; ``str.splitlines`` would also split at
U+2028, U+2029 and U+0085 inside JSON strings and lose text (httpx-sse 0.4.1 did). The field
rules (``data:`` with or without a space, comments, ``event:``, multi-line data) are httpx-sse's
own ``SSEDecoder``: a private module, but the same class with the same ``decode(line)`` from
0.4.0 to 0.4.3, and pyproject keeps httpx-sse below 0.5.

Threading: an interpreter holds the state of one response; make a new one per response and use
it from one thread or task at a time. It never blocks and never raises a :class:`ParleyError`
for what the gateway sent: a failure comes out of :meth:`StreamInterpreter.close` as a final
:class:`ErrorEvent`.
"""

from __future__ import annotations

import codecs
import json

from httpx_sse._decoders import SSEDecoder

from app.core.errors import ParleyError, ProtocolError
from app.core.gateway.events import ChatEvent, ErrorEvent, interpret_chunk, stream_error_from
from app.core.gateway.http_errors import decode_json, looks_like_html, shorten, summarize_html


class StreamInterpreter:
    """Turns one SSE chat stream into :data:`ChatEvent` values as its pieces arrive.

    Feed it bytes (:meth:`feed`; text works too, but use one kind per stream) or events someone
    else decoded (:meth:`feed_event`), then call :meth:`close` once at the end of the body.
    After ``[DONE]`` or a failure, whatever else arrives is read and ignored, so the caller can
    read the body to its end (see ``chat._events_of`` on why it must).
    """

    def __init__(self, url: str = "") -> None:
        """``url`` goes into errors. The body is decoded as UTF-8, as the SSE standard
        requires, whatever charset the content type names; undecodable bytes become U+FFFD."""
        self.url = url
        self._text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._sse = SSEDecoder()
        self._partial: list[str] = []  # pieces of a line whose end has not arrived yet
        self._after_cr = False  # the last piece ended in CR: a LF first in the next is its CRLF
        self._done = False
        self._got_any = False
        self._failure: ParleyError | None = None

    @property
    def done(self) -> bool:
        """``[DONE]`` arrived: the answer is complete, a connection dropped now loses nothing."""
        return self._done

    def feed(self, data: bytes | str) -> list[ChatEvent]:
        """The events completed by this piece of the body (often none, often several)."""
        text = self._text.decode(data) if isinstance(data, bytes) else data
        events: list[ChatEvent] = []
        decode = self._sse.decode
        for line in self._lines(text):
            sse = decode(line)
            if sse is not None:
                events += self.feed_event(sse.event, sse.data)
        return events

    def feed_event(self, event: str, data: str) -> list[ChatEvent]:
        """The events in one decoded SSE event (``event`` is its type: "" or "message" for
        chunks, "error" for a gateway's error event)."""
        data = data.strip()
        if self._done or self._failure is not None or not data:
            return []
        if data == "[DONE]":
            self._done = True
            return []
        try:
            chunk = json.loads(data)
        except ValueError:
            # The official client raises here too: dropping the event would lose its text
            # without a word. What arrived before it stands.
            self._failure = stream_error_from(data) if event == "error" else ProtocolError(
                f"the gateway sent a piece of the answer that is not valid JSON: "
                f"{shorten(data, 120)}", hint="try again; if it keeps happening, the gateway "
                "or a proxy on the way is changing the answer", url=self.url)
            return []
        if event == "error" and isinstance(chunk, dict) and "error" not in chunk:
            chunk = {"error": chunk}
        self._got_any = True
        try:
            return list(interpret_chunk(chunk))
        except ParleyError as error:  # an {"error": ...} chunk inside a 200 stream
            self._failure = error
            return []

    def close(self) -> list[ChatEvent]:
        """At the end of the body: an :class:`ErrorEvent` if the stream failed or brought
        nothing at all, else nothing (a stream without ``[DONE]`` that sent chunks stands)."""
        # An unterminated last line is dropped, as the spec says: only a blank line completes
        # an event, so it could never have produced one.
        self._partial = []
        self._text.reset()
        if self._failure is not None:
            return [ErrorEvent(self._failure)]
        if not self._got_any:
            return [ErrorEvent(ProtocolError(
                "the gateway ended the answer without sending anything",
                hint="try again", url=self.url))]
        return []

    def _lines(self, text: str) -> list[str]:
        """The lines ``text`` completes, without their ends; the unfinished rest is kept."""
        if self._after_cr and text:
            self._after_cr = False
            if text[0] == "\n":
                text = text[1:]
        if "\r" in text:
            # A CR ends its line at once; a LF right after it (even in the next piece) is the
            # rest of a CRLF, not another, empty line.
            self._after_cr = text[-1] == "\r"
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        if len(lines) == 1:
            if text:
                self._partial.append(text)  # joined once its end arrives: no quadratic copying
            return []
        if self._partial:
            self._partial.append(lines[0])
            lines[0] = "".join(self._partial)
            self._partial = []
        rest = lines.pop()
        if rest:
            self._partial.append(rest)
        return lines


def interpret_body(body: bytes, content_type: str, url: str = "") -> list[ChatEvent]:
    """The events of a whole body sent back to a streamed request with another content type.

    An odd gateway may ignore ``"stream": true`` and answer one JSON completion: its events.
    Anything else (an HTML page, plain text) is a :class:`ProtocolError`, and a JSON error object
    a :class:`StreamError`, each as the one :class:`ErrorEvent` returned. ``content_type`` is
    lower case.
    """
    if "json" in content_type or body.lstrip()[:1] in (b"{", b"["):
        try:
            return list(interpret_chunk(decode_json(body, content_type, url)))
        except ParleyError as error:
            return [ErrorEvent(error)]
    text = body.decode("utf-8", errors="replace")
    shown = summarize_html(text) if looks_like_html(content_type, text) else shorten(text)
    return [ErrorEvent(ProtocolError(
        f"expected a stream but got {content_type or 'no content type'}: {shown or 'nothing'}",
        hint=f"check the base URL and path (called {url})", url=url,
    ))]
