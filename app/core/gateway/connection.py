"""One HTTP connection pool to one gateway: credentials, timeouts, retries, redirects.

Threading: an instance belongs to the event loop it was created on (plain asyncio or qasync)
and must be used and closed there.

Safety: the key is attached per request by a hook that runs on every redirect hop too, and
only for the profile's own origin (httpx forwards custom headers such as ``api-key`` on
cross-origin redirects by itself).
"""

from __future__ import annotations

import asyncio
import os
import random
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from app import __version__
from app.core.config.profiles import Profile
from app.core.config.secrets import clean_key
from app.core.errors import ConfigError, ParleyError, register_secret
from app.core.gateway.http_errors import decode_json, error_for_status, error_for_transport
from app.core.gateway.origin import origin

MAX_ERROR_BODY = 64 * 1024


@dataclass(frozen=True)
class RetryPolicy:
    """The official OpenAI client's policy: 2 retries, before any content has arrived."""

    max_retries: int = 2
    max_server_wait: float = 60.0

    def delay(self, attempt: int, retry_after: float | None, rnd: float) -> float:
        """Seconds to wait before retry ``attempt`` (0-based)."""
        if retry_after is not None and 0 <= retry_after <= self.max_server_wait:
            return retry_after
        return min(0.5 * 2**attempt, 8.0) * (1 - 0.25 * rnd)


PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")
_PROXY_HINT = "write it as http://host:port or socks5://host:port"


def proxy_url(typed: str) -> str | None:
    """The proxy as httpx takes it: None for none, ``host:port`` as ``http://host:port`` (how
    people type it in Settings), or :class:`ConfigError` naming what cannot be used."""
    typed = typed.strip()
    if not typed:
        return None
    scheme, _, rest = (typed if "://" in typed else f"http://{typed}").partition("://")
    scheme = scheme.lower()
    url = f"{scheme}://{rest}"
    if scheme not in PROXY_SCHEMES:
        raise ConfigError(f"the proxy '{typed}' uses {scheme}://, which Parley cannot use",
                          hint=_PROXY_HINT)
    try:
        parsed = httpx.URL(url)
        port = parsed.port  # raises for a port that is not a number
    except (httpx.InvalidURL, ValueError):
        raise ConfigError(f"the proxy '{typed}' is not a host and port",
                          hint=_PROXY_HINT) from None
    if not parsed.host or " " in typed or (port is not None and not 0 < port < 65536):
        raise ConfigError(f"the proxy '{typed}' is not a host and port", hint=_PROXY_HINT)
    return url


def _client(profile: Profile, **options: Any) -> httpx.AsyncClient:
    """An httpx client with the profile's network settings. The proxy is the profile's, else
    the environment's (HTTPS_PROXY, ALL_PROXY, GNOME's lower-case all_proxy…); one that
    cannot be used is a :class:`ConfigError`, not a traceback at the first request."""
    proxy = proxy_url(profile.proxy)
    try:
        return httpx.AsyncClient(timeout=timeouts(profile), follow_redirects=True,
                                 max_redirects=5, verify=_verify(profile), proxy=proxy,
                                 headers={"User-Agent": f"Parley/{__version__}"}, **options)
    except (ValueError, ImportError) as error:  # an environment proxy httpx cannot use
        names = [n for n in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy",
                             "http_proxy", "all_proxy") if os.environ.get(n)]
        raise ConfigError(f"the proxy in {' / '.join(names) or 'the environment'} cannot be "
                          f"used ({error})", hint=_PROXY_HINT + ", or unset it") from None


class Connection:
    """An ``httpx.AsyncClient`` set up for one profile and key."""

    def __init__(
        self,
        profile: Profile,
        key: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.profile = profile.validate()
        register_secret(key)  # whatever the gateway echoes back is masked in errors
        self._key = clean_key(key)  # a line break inside would fail as a "network error"
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self._transport = transport
        self.client = _client(profile, transport=transport,
                              event_hooks={"request": [self._attach_key]})

    async def _attach_key(self, request: httpx.Request) -> None:
        # Runs for the first request and each redirect hop. Strip whatever httpx copied over,
        # then add the key only where it belongs.
        for name in ("api-key", "authorization"):
            request.headers.pop(name, None)
        if origin(request.url) != origin(self.profile.base_url):
            return
        if self.profile.auth == "bearer":
            request.headers["Authorization"] = f"Bearer {self._key}"
        else:
            request.headers["api-key"] = self._key

    def plain_client(self) -> httpx.AsyncClient:
        """A client with this profile's network settings but no key, for fetching URLs the
        gateway hands out (generated images on blob storage). The caller closes it."""
        return _client(self.profile, transport=self._transport)

    async def aclose(self) -> None:
        await self.client.aclose()

    async def __aenter__(self) -> Connection:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def backoff(self, attempt: int, error: ParleyError) -> float | None:
        """Seconds to wait before retrying after ``error``, or None to give up."""
        if attempt >= self.retry.max_retries or not getattr(error, "retryable", False):
            return None
        return self.retry.delay(attempt, getattr(error, "retry_after", None), random.random())

    @asynccontextmanager
    async def open(
        self, method: str, url: str, *, json_body: Any = None, accept: str = "application/json"
    ) -> AsyncIterator[httpx.Response]:
        """Send one request (no retry) and yield the 2xx response with its body unread.

        Raises typed errors for error statuses and network failures; closes the response
        (and with it the connection, if unread) when the block exits or is cancelled.
        """
        try:
            request = self.client.build_request(
                method, url, json=json_body, headers={"Accept": accept}
            )
            response = await self.client.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise error_for_transport(exc, url) from None
        except ValueError as exc:  # e.g. an invalid URL built from a bad profile
            raise ConfigError(f"cannot call {url}: {exc}") from None
        try:
            if response.status_code >= 300:
                body = await _read_bounded(response)
                origin = str(response.history[0].request.url) if response.history else ""
                raise error_for_status(
                    response.status_code, body, response.headers,
                    url=str(response.request.url), profile_name=self.profile.name,
                    redirected_from=origin,
                )
            yield response
        except httpx.HTTPError as exc:
            raise error_for_transport(exc, url) from None
        finally:
            await response.aclose()

    async def request_json(self, method: str, url: str, json_body: Any = None) -> Any:
        """A whole JSON request/response, with retries. Returns the decoded body."""
        attempt = 0
        while True:
            try:
                async with self.open(method, url, json_body=json_body) as response:
                    body = await response.aread()
                    return decode_json(body, response.headers.get("content-type", ""), url)
            except ParleyError as error:
                wait = self.backoff(attempt, error)
                if wait is None:
                    raise
            attempt += 1
            await self.sleep(wait)


async def _read_bounded(response: httpx.Response) -> bytes:
    """Keep at most MAX_ERROR_BODY of an error body: an HTML page can be huge."""
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():  # to the end: see chat._events_of on why
        if size < MAX_ERROR_BODY:
            chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[:MAX_ERROR_BODY]


def timeouts(profile: Profile) -> httpx.Timeout:
    """Connect ≈ 10 s; read = longest wait for the next chunk; no cap on the whole answer."""
    return httpx.Timeout(
        connect=profile.connect_timeout, read=profile.read_timeout,
        write=max(profile.read_timeout, 30.0), pool=profile.connect_timeout,
    )


def _verify(profile: Profile) -> ssl.SSLContext | bool:
    if not profile.ca_bundle:
        return True
    try:
        return ssl.create_default_context(cafile=profile.ca_bundle)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"cannot use the CA bundle {profile.ca_bundle}: {exc}") from None
