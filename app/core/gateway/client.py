"""Everything one profile's gateway offers, over one connection pool.

The single entry point the command line and the GUI use::

    async with Gateway(profile, key) as gw:
        async for event in gw.stream_chat(ChatRequest(messages)):
            ...

Threading: create, use and close it on one event loop.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx

from app.core.config.profiles import Profile
from app.core.gateway import chat, services
from app.core.gateway.connection import Connection, RetryPolicy
from app.core.gateway.events import ChatEvent, ChatResult


class Gateway:
    def __init__(
        self,
        profile: Profile,
        key: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        **connection_options: Any,
    ) -> None:
        self.conn = Connection(profile, key, transport=transport, retry=retry, **connection_options)

    @property
    def profile(self) -> Profile:
        return self.conn.profile

    def stream_chat(self, request: chat.ChatRequest) -> AsyncIterator[ChatEvent]:
        return chat.stream_chat(self.conn, request)

    async def chat(self, request: chat.ChatRequest) -> ChatResult:
        return await chat.complete_chat(self.conn, request)

    async def generate_images(self, prompt: str, **options: Any) -> list[services.GeneratedImage]:
        return await services.generate_images(self.conn, prompt, **options)

    async def embed(self, inputs: str | Sequence[str],
                    model: str | None = None) -> services.Embeddings:
        return await services.embed(self.conn, inputs, model)

    async def balance(self) -> services.Balance:
        return await services.balance(self.conn)

    async def aclose(self) -> None:
        await self.conn.aclose()

    async def __aenter__(self) -> Gateway:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
