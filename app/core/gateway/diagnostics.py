""""Test connection": one tiny request, and a plain account of what happened.

Settings shows the exact URL called, the HTTP status, how long it took and what came back
(the answer's first words, or the error line), so a wrong path or deployment is obvious.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from app.core.config.profiles import Profile
from app.core.errors import GatewayError, ParleyError
from app.core.gateway.chat import ChatRequest, message
from app.core.gateway.client import Gateway
from app.core.gateway.connection import RetryPolicy
from app.core.gateway.events import ErrorEvent, TextDelta
from app.core.gateway.http_errors import shorten


@dataclass(frozen=True)
class ConnectionReport:
    ok: bool
    url: str
    status: int | None
    seconds: float
    detail: str  # the answer's start, or the error line
    # What failed, typed, for a view that says it in its own words (the welcome); None: OK.
    error: ParleyError | None = field(default=None, compare=False)

    def describe(self) -> str:
        status = f"HTTP {self.status}" if self.status else "no HTTP answer"
        verdict = "OK" if self.ok else "Failed"
        return f"{verdict} · {status} · {self.seconds:.1f} s\n{self.url}\n{self.detail}"


async def test_connection(profile: Profile, key: str, **gateway_options) -> ConnectionReport:
    """Stream a one-word answer from the profile's chat endpoint (no retries: the user wants
    to see the first failure as it is)."""
    url = profile.url_for("chat")
    request = ChatRequest([message("user", "Reply with the single word: OK")],
                          params={"max_tokens": 5, "temperature": 0})
    started = time.monotonic()
    text, error = [], None
    try:
        async with Gateway(profile, key, retry=RetryPolicy(max_retries=0),
                           **gateway_options) as gateway:
            async for event in gateway.stream_chat(request):
                if isinstance(event, TextDelta):
                    text.append(event.text)
                elif isinstance(event, ErrorEvent):
                    error = event.error
    except ParleyError as exc:  # e.g. a profile that cannot build a URL
        error = exc
    elapsed = time.monotonic() - started
    if error is not None:
        status = error.status if isinstance(error, GatewayError) else None
        return ConnectionReport(False, getattr(error, "url", "") or url, status, elapsed,
                                str(error), error)
    answer = shorten("".join(text), 80) or "(an empty answer)"
    return ConnectionReport(True, url, 200, elapsed, f"The gateway answered: {answer}")
