"""Fault descriptions the fake gateway injects into its next matching response."""
from __future__ import annotations

from dataclasses import dataclass, field

from .payloads import html_error_page
from .streams import build_stream, split_events

_LINE_ENDINGS = (None, "\n", "\r\n", "\r")


@dataclass
class Fault:
    """One misbehaviour, consumed by the first request whose path contains ``path``.

    ``path=None`` matches any request. Faults queue FIFO on ``FakeGateway.faults``; the first
    one that matches is removed and applied. ``status``, ``redirect_to``, ``delay``, ``headers``,
    ``chunk_size``, ``chunk_delay`` and ``disconnect_after`` apply to every route; ``raw_stream``,
    ``line_ending`` and ``drop_done`` only change streamed chat bodies.
    """

    status: int | None = None
    """Answer with this status instead of handling the request."""
    body: bytes | str | None = None
    """Body for ``status``; default is a JSON error for that status."""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    """Extra response headers, e.g. ``{"Retry-After": "0"}``."""
    raw_stream: bytes | None = None
    """Exact bytes to send instead of the streamed chat body (still 200 text/event-stream)."""
    chunk_size: int | None = None
    """Send the body in HTTP chunks of this many bytes (cuts through UTF-8 characters too)."""
    line_ending: str | None = None
    """Rewrite the SSE body's line ends as ``"\\r\\n"`` or ``"\\r"``."""
    disconnect_after: int | None = None
    """Close the TCP connection after this many body bytes, without the terminating chunk."""
    delay: float = 0
    """Seconds to wait before sending the response headers."""
    chunk_delay: float = 0
    """Seconds to wait between body chunks."""
    drop_done: bool = False
    """Leave out the ``data: [DONE]`` event; the stream still ends cleanly."""
    redirect_to: str | None = None
    """Answer 307 with this ``Location``."""
    path: str | None = None
    """Only requests whose path contains this consume the fault."""

    def __post_init__(self) -> None:
        # Catch typos in tests at the point of writing, not as a puzzling client failure.
        if self.line_ending not in _LINE_ENDINGS:
            raise ValueError(f"line_ending must be one of {_LINE_ENDINGS}")
        if self.chunk_size is not None and self.chunk_size < 1:
            raise ValueError("chunk_size must be >= 1")
        if self.disconnect_after is not None and self.disconnect_after < 0:
            raise ValueError("disconnect_after must be >= 0")
        if self.status is not None and not 100 <= self.status <= 999:
            raise ValueError("status must be a 3-digit HTTP status")

    def matches(self, path: str) -> bool:
        return self.path is None or self.path in path

    @classmethod
    def html_error(cls, status: int = 502, **kwargs) -> Fault:
        """A fault answering ``status`` with a proxy's multi-line HTML error page."""
        kwargs.setdefault("content_type", "text/html")
        return cls(status=status, body=html_error_page(status), **kwargs)

    @classmethod
    def stalling(cls, text: str, seconds: float = 60, **kwargs) -> Fault:
        """A streamed answer that sends ``text`` at once, then goes quiet for ``seconds``
        before each further piece (a gateway that hangs mid-answer)."""
        body = build_stream([text, " and the rest"])
        head = b"".join(split_events(body)[:3])  # prompt filter, role, the text
        kwargs.setdefault("path", "completion")
        return cls(raw_stream=body, chunk_size=len(head), chunk_delay=seconds, **kwargs)
