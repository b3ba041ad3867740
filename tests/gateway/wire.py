"""HTTP/1.1 framing on asyncio streams: read requests, frame responses byte-exactly.

Hand-written rather than borrowed from http.server so the gateway decides every byte, every
chunk boundary and the moment a connection drops.
"""
from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .payloads import reason

IDLE_TIMEOUT = 30.0     # an idle keep-alive connection is closed after this long
REQUEST_TIMEOUT = 10.0  # a request whose first line arrived must be complete within this
MAX_HEADERS = 100
MAX_BODY = 64 * 1024 * 1024


class BadRequest(Exception):
    """The bytes on the connection are not an HTTP/1.x request we can answer."""


@dataclass
class RecordedRequest:
    """One request as the gateway received it."""

    method: str
    path: str
    """Path without the query string, exactly as sent (not percent-decoded)."""
    query: dict[str, str]
    headers: dict[str, str]
    """Lower-cased header names; repeated headers are joined with ", "."""
    body: bytes = b""
    version: str = "HTTP/1.1"
    peer: Any = field(default=None, repr=False)

    @property
    def json(self) -> Any:
        """The body parsed as JSON, or None if it is empty or not JSON."""
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None

    @property
    def host(self) -> str:
        return self.headers.get("host", "")

    @property
    def keep_alive(self) -> bool:
        conn = self.headers.get("connection", "").lower()
        if self.version == "HTTP/1.0":
            return "keep-alive" in conn
        return "close" not in conn


async def _readline(reader: asyncio.StreamReader) -> bytes:
    try:
        return await reader.readline()
    except (ValueError, asyncio.LimitOverrunError) as exc:  # line longer than the reader limit
        raise BadRequest("line too long") from exc


async def read_request(reader: asyncio.StreamReader,
                       writer: asyncio.StreamWriter) -> RecordedRequest | None:
    """The next request on the connection, or None if the client closed it (or went idle)."""
    try:
        line = await asyncio.wait_for(_readline(reader), IDLE_TIMEOUT)
        while line in (b"\r\n", b"\n"):  # RFC 9112 2.2: ignore blank lines before a request
            line = await asyncio.wait_for(_readline(reader), IDLE_TIMEOUT)
    except TimeoutError:
        return None
    if not line:
        return None
    try:
        return await asyncio.wait_for(_read_rest(line, reader, writer), REQUEST_TIMEOUT)
    except (TimeoutError, asyncio.IncompleteReadError) as exc:
        raise BadRequest("incomplete request") from exc


async def _read_rest(line: bytes, reader: asyncio.StreamReader,
                     writer: asyncio.StreamWriter) -> RecordedRequest:
    parts = line.decode("latin-1").split()
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise BadRequest(f"bad request line {line[:80]!r}")
    method, target, version = parts
    headers: dict[str, str] = {}
    for _ in range(MAX_HEADERS + 1):
        raw = await _readline(reader)
        if raw in (b"\r\n", b"\n", b""):
            break
        name, sep, value = raw.decode("latin-1").partition(":")
        if not sep:
            raise BadRequest(f"bad header line {raw[:80]!r}")
        name, value = name.strip().lower(), value.strip()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    else:
        raise BadRequest("too many headers")

    split = urlsplit(target)  # also copes with absolute-form targets
    req = RecordedRequest(
        method=method.upper(), path=split.path or "/",
        query=dict(parse_qsl(split.query, keep_blank_values=True)),
        headers=headers, version=version, peer=writer.get_extra_info("peername"),
    )
    chunked = "chunked" in headers.get("transfer-encoding", "").lower()
    has_body = chunked or headers.get("content-length", "0").strip() not in ("", "0")
    if has_body and headers.get("expect", "").lower() == "100-continue":
        # curl waits a second for this before sending larger bodies.
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        await writer.drain()
    req.body = await (_read_chunked(reader) if chunked else _read_sized(reader, headers))
    return req


async def _read_sized(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    try:
        length = int(headers.get("content-length", "0") or 0)
    except ValueError as exc:
        raise BadRequest("bad Content-Length") from exc
    if not 0 <= length <= MAX_BODY:
        raise BadRequest("bad Content-Length")
    return await reader.readexactly(length) if length else b""


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = bytearray()
    while True:
        size_line = await _readline(reader)
        try:
            size = int(size_line.split(b";")[0].strip(), 16)
        except ValueError as exc:
            raise BadRequest(f"bad chunk size {size_line[:40]!r}") from exc
        if size == 0:
            break
        if len(body) + size > MAX_BODY:
            raise BadRequest("body too large")
        body += await reader.readexactly(size)
        await reader.readexactly(2)  # CRLF after the chunk data
    for _ in range(MAX_HEADERS + 1):  # trailer section, ignored
        if (await _readline(reader)) in (b"\r\n", b"\n", b""):
            break
    return bytes(body)


def response_head(status: int, headers: Iterable[tuple[str, str]]) -> bytes:
    """Status line and header block, ending with the blank line."""
    lines = [f"HTTP/1.1 {status} {reason(status)}",
             f"Date: {formatdate(usegmt=True)}",
             "Server: parley-fake-gateway"]
    lines.extend(f"{name}: {value}" for name, value in headers)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def http_chunk(data: bytes) -> bytes:
    """One chunk of a chunked body (never call with empty data: that is the terminator)."""
    return b"%x\r\n%s\r\n" % (len(data), data)


LAST_CHUNK = b"0\r\n\r\n"
