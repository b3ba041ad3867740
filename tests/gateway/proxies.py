"""Loopback proxies for tests: a SOCKS5 server (CONNECT, no authentication) and a plain HTTP
forward proxy, each in its own thread, relaying only to loopback addresses.

``with Socks5Proxy() as proxy: proxy.url`` → ``socks5://127.0.0.1:PORT``; ``proxy.connects``
lists the ``(host, port)`` pairs it was asked for, so a test can tell the proxy was used.
"""
from __future__ import annotations

import asyncio
import ipaddress
import struct
import threading

from .server import check_loopback


class _LoopbackProxy:
    scheme = ""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = check_loopback(host)
        self.port = 0
        self.connects: list[tuple[str, int]] = []
        self._writers: list[asyncio.StreamWriter] = []
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name=type(self).__name__)

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def __enter__(self) -> _LoopbackProxy:
        self._thread.start()
        self._ready.wait(5)
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._track(self._serve), self.host, 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        # Close every connection and finish every relay on this loop, then close it: a
        # transport left for the garbage collector would touch a closed loop.
        server.close()
        for writer in self._writers:
            writer.close()
        tasks = asyncio.all_tasks(self._loop)
        for task in tasks:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        self._loop.run_until_complete(server.wait_closed())
        self._loop.close()

    def _track(self, serve):
        async def tracked(reader, writer) -> None:
            self._writers.append(writer)
            await serve(reader, writer)

        return tracked

    async def _open(self, host: str, port: int):
        check_loopback(host)  # a test proxy never reaches past this machine
        self.connects.append((host, port))
        reader, writer = await asyncio.open_connection(host, port)
        self._writers.append(writer)
        return reader, writer

    async def _serve(self, reader, writer) -> None:
        raise NotImplementedError

    @staticmethod
    async def _pipe(reader, writer) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _relay(self, reader, writer, up_reader, up_writer) -> None:
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))


class Socks5Proxy(_LoopbackProxy):
    """RFC 1928, CONNECT only, no authentication; IPv4, IPv6 or a loopback name."""

    scheme = "socks5"

    async def _serve(self, reader, writer) -> None:
        try:
            _version, count = await reader.readexactly(2)
            await reader.readexactly(count)
            writer.write(b"\x05\x00")  # no authentication
            _version, command, _reserved, kind = await reader.readexactly(4)
            if kind == 1:
                host = str(ipaddress.IPv4Address(await reader.readexactly(4)))
            elif kind == 4:
                host = str(ipaddress.IPv6Address(await reader.readexactly(16)))
            else:
                (length,) = await reader.readexactly(1)
                name = (await reader.readexactly(length)).decode()
                host = "127.0.0.1" if name == "localhost" else name
            (port,) = struct.unpack("!H", await reader.readexactly(2))
            if command != 1:
                writer.write(b"\x05\x07\x00\x01" + bytes(6))
                writer.close()
                return
            up_reader, up_writer = await self._open(host, port)
            writer.write(b"\x05\x00\x00\x01" + bytes(4) + b"\x00\x00")
            await self._relay(reader, writer, up_reader, up_writer)
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            writer.close()


class HttpProxy(_LoopbackProxy):
    """A forward proxy for http:// targets (absolute-form request line, one request a
    connection) and CONNECT tunnels."""

    scheme = "http"

    async def _serve(self, reader, writer) -> None:
        try:
            line = (await reader.readline()).decode("latin-1")
            method, target, version = line.split()
            if method == "CONNECT":
                host, _, port = target.rpartition(":")
                while (await reader.readline()).strip():
                    pass
                up_reader, up_writer = await self._open(host.strip("[]"), int(port))
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                rest = target.split("://", 1)[1]
                authority, _, path = rest.partition("/")
                host, _, port = authority.rpartition(":")
                up_reader, up_writer = await self._open(host.strip("[]"), int(port or 80))
                up_writer.write(f"{method} /{path} {version}\r\n".encode("latin-1"))
            await self._relay(reader, writer, up_reader, up_writer)
        except (ValueError, ConnectionError, asyncio.IncompleteReadError):
            writer.close()
