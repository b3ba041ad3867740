"""Turning what a gateway sent back into typed errors with a message a person understands.

Error bodies come in many shapes: OpenAI/Azure ``{"error": {"code", "message"}}``, APIM
``{"statusCode", "message"}``, FastAPI ``{"detail": ...}``, plain text, or an HTML page from a
proxy. Each becomes one short line — never a dump of HTML, never a traceback.
"""

from __future__ import annotations

import email.utils
import html
import json
import re
import time
from collections.abc import Mapping
from typing import Any

import httpx

from app.core.errors import (
    AuthError,
    BadRequest,
    ContentFiltered,
    GatewayError,
    GatewayTimeout,
    NetworkError,
    NotFound,
    ProtocolError,
    RateLimited,
    ServerError,
)
from app.core.gateway.origin import origin

MAX_SUMMARY = 200
_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_DROP = re.compile(r"<(script|style|head)\b.*?</\1>", re.I | re.S)


def shorten(text: str, limit: int = MAX_SUMMARY) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def summarize_html(body: str) -> str:
    """One line for an HTML page: its title, else its first visible words."""
    match = _TITLE.search(body)
    if match and match.group(1).strip():
        return shorten(html.unescape(match.group(1)))
    text = html.unescape(_TAG.sub(" ", _DROP.sub(" ", body)))
    return shorten(text) or "an HTML page"


def looks_like_html(content_type: str, body: str) -> bool:
    head = body.lstrip()[:200].lower()
    return "html" in content_type or head.startswith(("<!doctype html", "<html"))


def decode_json(body: bytes, content_type: str, url: str) -> Any:
    """The decoded JSON body, or a :class:`ProtocolError` saying in one line what came instead."""
    try:
        return json.loads(body)
    except ValueError:
        text = body.decode("utf-8", errors="replace")
        shown = summarize_html(text) if looks_like_html(content_type, text) else shorten(text)
        raise ProtocolError(
            f"expected JSON but got {content_type or 'no content type'}: "
            f"{shown or 'an empty body'}",
            hint=f"check the base URL and path (called {url})", url=url,
        ) from None


def parse_error_body(body: bytes, content_type: str) -> tuple[str | None, str]:
    """The gateway's own error code (if any) and message, from any body shape."""
    text = body.decode("utf-8", errors="replace")
    if not text.strip():
        return None, ""
    if looks_like_html(content_type, text):
        return None, summarize_html(text)
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None, shorten(text)
    if isinstance(data, dict):
        err = data.get("error", data)
        if isinstance(err, dict):
            code = _own_code(err.get("code"), err.get("type")) or data.get("statusCode")
            message = err.get("message") or err.get("detail") or data.get("message")
            inner = err.get("innererror")
            if isinstance(inner, dict) and inner.get("code"):
                code = inner["code"]
            if message is None:
                message = json.dumps(err, ensure_ascii=False)
            return (str(code) if code is not None else None), shorten(str(message))
        if isinstance(err, str):
            return None, shorten(err)
    return None, shorten(text)


def _own_code(code: Any, kind: Any) -> Any:
    """The gateway's own code, or its error type where that says more: LiteLLM repeats the
    HTTP status as the code ("400") and puts what went wrong in the type ("auth_error")."""
    bare_number = not code or str(code).strip().isdigit()
    if bare_number and isinstance(kind, str) and kind.strip():
        return kind.strip()
    return code or None


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """``retry-after-ms``, then ``Retry-After`` in seconds or as an HTTP date."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(raw)
    if parsed is None:
        return None
    return max(0.0, email.utils.mktime_tz(parsed) - time.time())


_CONTENT_POLICY = ("content_policy", "contentfilter", "content_filter", "responsibleaipolicy")


def error_for_status(
    status: int,
    body: bytes,
    headers: Mapping[str, str],
    *,
    url: str,
    profile_name: str = "",
    redirected_from: str = "",
) -> GatewayError:
    """The typed error for an HTTP error response."""
    code, message = parse_error_body(body, headers.get("content-type", ""))
    reason = httpx.codes.get_reason_phrase(status) or "Error"
    detail = f"HTTP {status} {reason}"
    if code and code != str(status):
        detail += f" [{code}]"
    if message:
        detail += f": {message}"
    retry_after = retry_after_seconds(headers)
    moved_from = f", redirected from {redirected_from}" if redirected_from else ""
    where = f" (called {url}{moved_from})"
    moved_host = bool(redirected_from) and origin(redirected_from) != origin(url)
    key_cmd = f"parley key set --profile {profile_name}" if profile_name else "parley key set"
    lowered = (code or "").lower().replace(" ", "")
    cls: type[GatewayError]
    if any(tag in lowered for tag in _CONTENT_POLICY) or "safety system" in message.lower():
        cls, hint = ContentFiltered, "rephrase the request"
    elif status in (401, 403) and moved_host:
        cls = AuthError
        hint = ("the gateway redirected to another address (host, port or http/https), and "
                "Parley sends the key only to the base URL's own; check the base URL" + where)
    elif status in (401, 403):
        cls = AuthError
        hint = f"the API key was refused; check it with '{key_cmd}'" + (
            " and that this key may use this service" if status == 403 else ""
        )
    elif status == 404:
        cls = NotFound
        hint = "check the base URL, the path and the model or deployment name" + where
    elif status == 413:
        cls = BadRequest
        hint = "the request is too large: send fewer or smaller images, or less text"
    elif status == 429:
        cls = RateLimited
        hint = "too many requests or the quota is used up; wait a moment and try again"
    elif status in (408, 409) or status >= 500:
        cls, hint = ServerError, "the gateway is having trouble; try again shortly"
    elif 300 <= status < 400:
        cls = NotFound
        hint = "the gateway redirected somewhere Parley will not follow; check the base URL" + where
    else:
        cls, hint = BadRequest, "the gateway did not accept the request" + where
    return cls(detail, hint=hint, status=status, code=code, url=url, retry_after=retry_after)


def error_for_transport(exc: httpx.HTTPError, url: str) -> NetworkError:
    """A network failure (no HTTP answer) as a typed, readable error naming host and port."""
    where = _host_and_port(url)
    if isinstance(exc, httpx.ConnectTimeout):
        return GatewayTimeout(f"could not connect to {where} in time",
                              hint="check the network, proxy and base URL")
    if isinstance(exc, httpx.TimeoutException):
        return GatewayTimeout(f"{where} stopped sending data",
                              hint="the gateway may be overloaded; try again")
    if isinstance(exc, httpx.ConnectError):
        text = str(exc) or type(exc).__name__
        if "CERTIFICATE" in text.upper():
            return NetworkError(f"the TLS certificate of {where} was not accepted",
                                hint="set a custom CA bundle if your network needs one")
        if "name" in text.lower() and ("resolution" in text.lower() or "known" in text.lower()):
            return NetworkError(f"cannot find the host {where}",
                                hint="check the base URL and your internet connection")
        return NetworkError(f"cannot connect to {where}",
                            hint="check the base URL, network and proxy settings")
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        return NetworkError(f"the connection to {where} broke", hint="try again")
    if isinstance(exc, httpx.ProxyError):
        return NetworkError(f"the proxy refused the connection to {where}",
                            hint="check the proxy settings")
    return NetworkError(f"{type(exc).__name__} while talking to {where}", hint="try again")


def _host_and_port(url: str) -> str:
    """``host:port`` of ``url``, the scheme's default port spelled out: a gateway on a
    non-standard port (a local proxy, a tunnel) is told apart from the same host on 443."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return "the gateway"
    host = parsed.host
    if not host:
        return "the gateway"
    if ":" in host:  # an IPv6 address, bracketed as in a URL
        host = f"[{host}]"
    port = parsed.port or {"http": 80, "https": 443}.get(parsed.scheme)
    return f"{host}:{port}" if port else host
