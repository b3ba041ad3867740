"""FakeGateway: a loopback HTTP/1.1 server that imitates the gateways Parley talks to.

It runs its own asyncio loop in a daemon thread, so sync tests, asyncio tests, a Qt/qasync
loop and subprocesses can all reach it over real TCP. Responses are framed by hand (see
``wire``) so that faults can control every byte, chunk boundary and disconnect.
"""
from __future__ import annotations

import asyncio
import ipaddress
import sys
import threading
import traceback
from collections.abc import Callable

from . import payloads as P
from .faults import Fault
from .images import ReceivedImage, image_urls, images_in
from .routes import Reply, handle
from .streams import (
    build_stream,
    drop_done,
    rewrite_line_endings,
    seed_hello,
    split_events,
    split_text,
)
from .wire import LAST_CHUNK, BadRequest, RecordedRequest, http_chunk, read_request, response_head

DEFAULT_KEY = "test-key-0123456789abcdef"
DEFAULT_ANSWER = "Hello! How can I assist you today?"
STOP_TIMEOUT = 5.0


def check_loopback(host: str) -> str:
    """Return ``host`` if it is a loopback address literal (127.0.0.0/8 or ::1), else raise
    ValueError: the fake gateway accepts any key shape and must never face a network."""
    try:
        addr = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise ValueError(f"host must be a loopback IP address, not {host!r}") from None
    if not addr.is_loopback:
        raise ValueError(f"refusing non-loopback host {host!r}")
    return str(addr)


class FakeGateway:
    """A stand-in for the EduHK APIM, Azure deployment and OpenAI-style gateways.

    Configure it through plain attributes (``key``, ``transcript``, ``answer``, ``deployments``,
    ``balance_body``, ``require_api_version``) at any time; each request reads them afresh.
    """

    def __init__(self, key: str | None = DEFAULT_KEY, host: str = "127.0.0.1", port: int = 0):
        self.host = check_loopback(host)
        self.port = port
        self._requested_port = port
        self.key = key
        self.requests: list[RecordedRequest] = []
        self.faults: list[Fault] = []
        self._set_defaults()
        self.on_request: Callable[[RecordedRequest], None] | None = None
        """Called on the server thread with each request as it is recorded."""
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task] = set()

    # --- lifecycle ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def open_connections(self) -> int:
        """Client connections open now. One a client dropped counts until the server has
        noticed (its next write fails), so 0 means the gateway saw every connection end."""
        return len(self._tasks)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> FakeGateway:
        """Start listening; returns once the socket accepts connections."""
        if self.running:
            raise RuntimeError("FakeGateway already started")
        ready = threading.Event()
        failure: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, args=(ready, failure),
                                        name=f"FakeGateway-{self.host}", daemon=True)
        self._thread.start()
        if not ready.wait(STOP_TIMEOUT):
            raise RuntimeError("FakeGateway did not start in time")
        if failure:
            self._thread.join(STOP_TIMEOUT)
            raise failure[0]
        return self

    def stop(self) -> None:
        """Close the listener and every open connection, then join the thread. Idempotent."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or not thread.is_alive():
            return
        try:
            fut = asyncio.run_coroutine_threadsafe(self._shutdown(), loop)
            fut.result(STOP_TIMEOUT)
        except Exception:  # loop already gone or shutdown slow: still stop the loop below
            pass
        try:
            loop.call_soon_threadsafe(loop.stop)
        except RuntimeError:
            pass
        thread.join(STOP_TIMEOUT)

    def __enter__(self) -> FakeGateway:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _run(self, ready: threading.Event, failure: list[BaseException]) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            try:
                self._server = loop.run_until_complete(
                    asyncio.start_server(self._on_connect, self.host, self._requested_port))
                self.port = self._server.sockets[0].getsockname()[1]
            except BaseException as exc:  # bind errors surface in start() on the caller's thread
                failure.append(exc)
                return
            finally:
                ready.set()
            loop.run_forever()
            pending = asyncio.all_tasks(loop)  # anything shutdown did not reach
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.wait(pending, timeout=1))
        finally:
            loop.close()

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=STOP_TIMEOUT / 2)

    # --- configuration helpers ---------------------------------------------------------------

    def add_fault(self, *faults: Fault) -> None:
        """Queue faults; each is consumed by the first later request it matches."""
        with self._lock:
            self.faults.extend(faults)

    def stream_text(self, text: str, chunks=None, finish_reason: str | None = "stop",
                    usage: dict | None = None) -> bytes:
        """Make streamed chat answer ``text`` (see ``split_text`` for ``chunks``); returns the
        new transcript."""
        self.transcript = build_stream(split_text(text, chunks), finish_reason, usage)
        return self.transcript

    def reset(self) -> None:
        """Forget requests and faults and restore the default answers and settings."""
        with self._lock:
            self.requests.clear()
            self.faults.clear()
        self._set_defaults()

    def _set_defaults(self) -> None:
        self.transcript: bytes | None = seed_hello()
        """SSE body replayed for streamed chat; None streams ``answer`` instead."""
        self.answer = DEFAULT_ANSWER
        """Text of non-streamed chat answers."""
        self.deployments = {"gpt-4o-mini", "dall-e-3", "text-embedding-ada-002"}
        self.balance_body: dict = {"balance": 87.5, "currency": "HKD", "used": 12.5, "quota": 100}
        self.require_api_version: str | None = None
        """If set, azure-style requests need exactly this ``api-version`` query value."""

    @property
    def last(self) -> RecordedRequest | None:
        """The most recent request, if any."""
        return self.requests[-1] if self.requests else None

    def received_images(self, request: RecordedRequest | None = None,
                        max_side: int | None = 2048) -> list[ReceivedImage]:
        """The images of ``request`` (default: the last request that carried images),
        each decoded with Pillow: ``(mime, width, height, size, role)``. AssertionError if
        one does not decode or (with ``max_side``) has a longer side than that."""
        if request is None:
            with self._lock:
                recorded = list(self.requests)
            request = next((r for r in reversed(recorded) if image_urls(r.json)), None)
            if request is None:
                return []
        return images_in(request.json, max_side)

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for i, fault in enumerate(self.faults):
                if fault.matches(path):
                    return self.faults.pop(i)
        return None

    # --- connections -------------------------------------------------------------------------

    async def _on_connect(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._tasks.add(task)
        self._writers.add(writer)
        # With no write buffer, drain() returns only once bytes reach the kernel, so chunk
        # boundaries and "disconnect after N bytes" are real on the wire.
        writer.transport.set_write_buffer_limits(high=0)
        try:
            while not writer.is_closing():
                try:
                    req = await read_request(reader, writer)
                except BadRequest as exc:
                    body = P.dumps(P.bad_request(f"Malformed HTTP request: {exc}"))
                    writer.write(response_head(400, [("Content-Type", "application/json"),
                                                     ("Content-Length", str(len(body))),
                                                     ("Connection", "close")]) + body)
                    await writer.drain()
                    break
                if req is None or not await self._serve(req, writer):
                    break
        except (ConnectionError, asyncio.CancelledError):
            pass
        except Exception:  # a bug in the fixture: show it, but never take the loop down
            traceback.print_exc(file=sys.stderr)
        finally:
            self._writers.discard(writer)
            self._tasks.discard(task)
            writer.close()

    async def _serve(self, req: RecordedRequest, writer: asyncio.StreamWriter) -> bool:
        """Answer one request; False when the connection must close afterwards."""
        with self._lock:
            self.requests.append(req)
        if self.on_request is not None:
            self.on_request(req)
        fault = self._take_fault(req.path)
        if fault is None:
            reply = handle(self, req)
        elif fault.redirect_to is not None:
            reply = Reply(307, b"", None, {"Location": fault.redirect_to})
        elif fault.status is not None:
            body = fault.body if fault.body is not None else P.dumps(P.status_error(fault.status))
            reply = Reply(fault.status, body.encode() if isinstance(body, str) else body,
                          fault.content_type)
        else:
            reply = handle(self, req)
        if fault is not None:
            headers = dict(fault.headers)
            if "Content-Type" in headers:  # replaces the route's own, not a second header
                reply.content_type = headers.pop("Content-Type")
            reply.headers.update(headers)
            if fault.delay:
                await asyncio.sleep(fault.delay)
        return await self._send(writer, req, reply, fault)

    async def _send(self, writer: asyncio.StreamWriter, req: RecordedRequest, reply: Reply,
                    fault: Fault | None) -> bool:
        f = fault or Fault()
        body = reply.body
        if reply.stream:
            if f.raw_stream is not None:
                body = f.raw_stream
            if f.drop_done:
                body = drop_done(body)
            pieces = split_events(body)  # one SSE event per HTTP chunk, as the gateway sends
            if f.line_ending is not None:
                pieces = [rewrite_line_endings(p, f.line_ending) for p in pieces]
        else:
            pieces = [body]
        if f.chunk_size is not None:
            data = b"".join(pieces)
            pieces = [data[i:i + f.chunk_size] for i in range(0, len(data), f.chunk_size)]
        pieces = [p for p in pieces if p]  # an empty HTTP chunk would end the body
        chunked = reply.stream or f.chunk_size is not None
        keep_alive = req.keep_alive and f.disconnect_after is None

        headers = []
        if reply.content_type:
            headers.append(("Content-Type", reply.content_type))
        if chunked:
            headers.append(("Transfer-Encoding", "chunked"))
        else:
            headers.append(("Content-Length", str(sum(map(len, pieces)))))
        headers.append(("Connection", "keep-alive" if keep_alive else "close"))
        headers.extend(reply.headers.items())
        writer.write(response_head(reply.status, headers))
        await writer.drain()
        if req.method == "HEAD":
            return keep_alive

        limit, sent = f.disconnect_after, 0
        for i, piece in enumerate(pieces):
            if limit is not None:
                piece = piece[:max(0, limit - sent)]
                if not piece:
                    break
            if i and f.chunk_delay:
                await asyncio.sleep(f.chunk_delay)
            writer.write(http_chunk(piece) if chunked else piece)
            await writer.drain()
            sent += len(piece)
        if limit is not None:
            # Drop the connection mid-body: no terminating chunk, fewer bytes than announced.
            writer.transport.abort()
            return False
        if chunked:
            writer.write(LAST_CHUNK)
            await writer.drain()
        return keep_alive
