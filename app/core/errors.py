"""Typed errors raised by the core, each with a message a person understands.

The core raises; the UI and the command line decide how to show. Every error's text passes
through :func:`redact`, so a key that a gateway echoes back (OpenAI does, in its 401 text)
never reaches a screen, a log or a file.

``exit_code`` is what ``parley`` exits with for that kind of failure (documented in the
README); the GUI ignores it.
"""

from __future__ import annotations

import re
import threading

_secrets_lock = threading.Lock()
_secrets: set[str] = set()

# Anything that looks like a bearer token or an api-key header value, even one we were never
# told about (e.g. a key pasted into PARLEY_BASE_URL by mistake).
_KEYLIKE = re.compile(
    r"(?i)(bearer\s+|api[-_]key[\"']?\s*[:=]\s*[\"']?|\bsk-)([A-Za-z0-9._\-]{8,})"
)


def register_secret(value: str | None) -> None:
    """Remember a secret so that :func:`redact` masks it from now on (process-wide)."""
    if value and len(value) >= 4:
        with _secrets_lock:
            _secrets.add(value)


def redact(text: str) -> str:
    """Mask every registered secret and anything key-shaped in ``text``."""
    if not text:
        return text
    with _secrets_lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, _mask(secret))
    return _KEYLIKE.sub(lambda m: m.group(1) + "[redacted]", text)


def _mask(secret: str) -> str:
    # Keep a hint of which key it was (like OpenAI's "sk-ab...yz") without revealing it.
    return f"{secret[:3]}…[redacted]" if len(secret) >= 16 else "[redacted]"


class ParleyError(Exception):
    """Base of every error the core raises on purpose."""

    exit_code = 1
    title = "Error"

    def __init__(self, message: str, *, hint: str = "") -> None:
        self.message = redact(message)
        self.hint = redact(hint)
        super().__init__(self.message)

    def __str__(self) -> str:
        """One line: what happened, then what to do about it."""
        text = f"{self.title}: {self.message}" if self.title else self.message
        if self.hint:
            text = f"{text} — {self.hint}"
        return redact(" ".join(text.split()))


class ConfigError(ParleyError):
    """A profile, setting or key is missing or invalid."""

    exit_code = 3
    title = "Configuration problem"


class KeyringUnavailable(ConfigError):
    """No secure keyring: the key can be kept for this run only."""

    title = "No secure keyring"


class Unsupported(ConfigError):
    """The profile's gateway does not offer this service."""

    title = "Not available"


class InputError(ParleyError):
    """A file or argument given by the user cannot be used."""

    exit_code = 10
    title = "Cannot use input"


class NetworkError(ParleyError):
    """The gateway could not be reached, or the connection broke."""

    exit_code = 8
    title = "Network error"
    retryable = True


class GatewayTimeout(NetworkError):
    """Connecting, or waiting for the next chunk, took longer than the timeout."""

    title = "Timed out"


class StreamInterrupted(NetworkError):
    """The connection broke after part of the answer had arrived; the part is kept."""

    title = "Answer interrupted"

    def __init__(self, message: str, *, hint: str = "", partial_text: str = "") -> None:
        super().__init__(message, hint=hint)
        self.partial_text = partial_text


class GatewayError(ParleyError):
    """The gateway answered with an error status or an unusable body."""

    exit_code = 7
    title = "Gateway error"
    retryable = False

    def __init__(
        self,
        message: str,
        *,
        hint: str = "",
        status: int | None = None,
        code: str | None = None,
        url: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.status = status
        self.code = code
        self.url = redact(url)
        self.retry_after = retry_after


class BadRequest(GatewayError):
    """400/413/422: the gateway rejected what we sent."""

    exit_code = 5
    title = "Request rejected"


class AuthError(GatewayError):
    """401/403: wrong, missing or unauthorised key."""

    exit_code = 4
    title = "Authentication failed"


class NotFound(GatewayError):
    """404: wrong base URL, path or deployment name."""

    exit_code = 5
    title = "Not found"


class RateLimited(GatewayError):
    """429: too many requests, or the quota is used up."""

    exit_code = 6
    title = "Rate limited"
    retryable = True


class ServerError(GatewayError):
    """5xx, 408 or 409: trouble on the gateway's side, usually passing."""

    exit_code = 7
    title = "Gateway error"
    retryable = True


class ProtocolError(GatewayError):
    """The gateway answered 200 but with something that is not a valid answer."""

    exit_code = 7
    title = "Unexpected answer from gateway"


class ContentFiltered(GatewayError):
    """The gateway's content policy refused the prompt or stopped the answer."""

    exit_code = 9
    title = "Blocked by content filter"


class StreamError(GatewayError):
    """The gateway sent an ``{"error": ...}`` object inside a stream."""

    exit_code = 7
    title = "Gateway error during answer"


def _kinds(cls: type[ParleyError] = ParleyError) -> list[type[ParleyError]]:
    found = [cls]
    for sub in cls.__subclasses__():
        found.extend(_kinds(sub))
    return found


_SERVER_STATUS = re.compile(r"\bHTTP (?:5\d\d|408|409)\b")


def error_kind(text: str) -> type[ParleyError] | None:
    """The kind of error behind a stored one-line error (``str(error)``, as the history
    keeps it), from the title it starts with; None for text that starts with no title.

    Two kinds share the title "Gateway error": a 5xx/408/409 status in the text makes it a
    :class:`ServerError` (passing trouble), otherwise the base :class:`GatewayError`."""
    matches = [kind for kind in _kinds() if kind.title and text.startswith(kind.title + ":")]
    if not matches:
        return None
    longest = max(len(kind.title) for kind in matches)
    matches = [kind for kind in matches if len(kind.title) == longest]
    if ServerError in matches and GatewayError in matches:
        return ServerError if _SERVER_STATUS.search(text) else GatewayError
    return matches[-1]  # the most specific (subclasses are listed after their bases)
