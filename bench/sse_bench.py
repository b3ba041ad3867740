"""How fast a large streamed answer is taken apart: Parley's stream path against httpx-sse
alone and the official OpenAI client.

    python bench/sse_bench.py [--quick]      # the sse section of ``python -m bench``

The stream is the seed-000 shape (tests/gateway/streams.build_stream: content filter results
in every chunk, usage twice, ``[DONE]``) with many deltas of mixed English and Chinese, served
through ``httpx.MockTransport`` in 4 KiB pieces (split anywhere, as a socket delivers them),
so every contender pays the same HTTP plumbing and no network noise. Contenders:

- parley: ``app.core.gateway.chat.stream_chat`` through a real ``Connection``: SSE, JSON, typed events;
- httpx-sse alone: ``EventSource.aiter_sse`` over the same response, no JSON (the floor);
- httpx-sse + json.loads: what any client must do at least (the baseline for ratios);
- openai SSEDecoder + json: the official client's decoder, if ``openai`` is installed
  (``pip install -e ".[bench]"``);
- openai client: ``AsyncOpenAI(...).chat.completions.create(stream=True)``, typed chunks.

Events per second = SSE events in the body / wall time, best of a few runs. The stream has
10,000 deltas with --quick, 50,000 otherwise (200 and one run each under ``--smoke``);
``PARLEY_BENCH_SSE_DELTAS`` overrides the size (tests).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from httpx_sse import EventSource

from app.core.config.profiles import PRESETS
from app.core.gateway.chat import ChatRequest, message, stream_chat
from app.core.gateway.connection import Connection
from app.core.gateway.events import TextDelta
from bench.common import figure, smoke
from tests.gateway.streams import build_stream

PIECE = 4096
KEY = "test-key-bench-0000"
WORDS = ["the", "answer", "is", "答案", "matrix", "矩陣", "derivative", "微積分", "of", "x²", "=", "2x,", "and", "then", "然後", "we", "check", "檢查", "each", "step", "carefully"]


def make_stream(deltas: int, seed: int = 3) -> tuple[bytes, str]:
    rng = random.Random(seed)
    parts = [" " + rng.choice(WORDS) for _ in range(deltas)]
    return build_stream(parts), "".join(parts)


def transport(body: bytes) -> httpx.MockTransport:
    async def pieces():
        for i in range(0, len(body), PIECE):
            yield body[i:i + PIECE]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/event-stream"},
                              content=pieces())

    return httpx.MockTransport(handler)


async def parley_path(body: bytes) -> str:
    profile = replace(PRESETS["openai"], base_url="http://127.0.0.1/v1")  # never leaves
    async with Connection(profile, KEY, transport=transport(body)) as conn:
        text = []
        async for event in stream_chat(conn, ChatRequest([message("user", "hi")])):
            if isinstance(event, TextDelta):
                text.append(event.text)
        return "".join(text)


async def httpx_sse_alone(body: bytes, decode: bool) -> str:
    async with httpx.AsyncClient(transport=transport(body)) as client, \
            client.stream("POST", "http://127.0.0.1/v1/chat/completions") as resp:
        text = []
        async for sse in EventSource(resp).aiter_sse():
            if decode and sse.data and sse.data != "[DONE]":
                chunk = json.loads(sse.data)
                for choice in chunk.get("choices") or ():
                    text.append((choice.get("delta") or {}).get("content") or "")
        return "".join(text)


async def openai_decoder(body: bytes) -> str:
    # The client's own decoder; a private module, so a future openai may move it.
    from openai._streaming import SSEDecoder

    async with httpx.AsyncClient(transport=transport(body)) as client, \
            client.stream("POST", "http://127.0.0.1/v1/chat/completions") as resp:
        text = []
        async for sse in SSEDecoder().aiter_bytes(resp.aiter_bytes()):
            if sse.data and not sse.data.startswith("[DONE]"):
                chunk = sse.json()
                for choice in chunk.get("choices") or ():
                    text.append((choice.get("delta") or {}).get("content") or "")
        return "".join(text)


async def openai_client(body: bytes) -> str:
    from openai import AsyncOpenAI

    async with httpx.AsyncClient(transport=transport(body)) as http:
        client = AsyncOpenAI(api_key=KEY, base_url="http://127.0.0.1/v1", http_client=http,
                             max_retries=0)
        stream = await client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], stream=True)
        text = []
        async for chunk in stream:
            for choice in chunk.choices:
                text.append(choice.delta.content or "")
        return "".join(text)


def openai_available() -> bool:
    try:
        import openai  # noqa: F401
    except ImportError:
        return False
    return True


def best_rate(fn, body: bytes, expected: str | None, events: int, runs: int) -> float:
    """Best events/s of ``runs`` runs; checks the text when ``expected`` is given."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        text = asyncio.run(fn(body))
        best = min(best, time.perf_counter() - start)
        if expected is not None and text != expected:
            raise RuntimeError(f"{fn.__name__} read a different answer")
    return events / best


def run(quick: bool = False, deltas: int | None = None) -> dict:
    deltas = deltas or int(os.environ.get("PARLEY_BENCH_SSE_DELTAS") or 0) or \
        (200 if smoke() else 10_000 if quick else 50_000)
    runs = 1 if smoke() else 3 if quick else 5
    slow_runs = 1 if quick else 2  # the openai client is ~20× slower: fewer runs suffice
    body, text = make_stream(deltas)
    events = body.count(b"\n\n")
    size = f"{deltas:,} deltas, {events:,} events, {len(body) / 2**20:.1f} MiB"
    base = best_rate(lambda b: httpx_sse_alone(b, True), body, text, events, runs)
    base_name = "httpx-sse + json.loads"
    contenders = [("Parley stream_chat (SSE, JSON, typed events)", parley_path, text, runs),
                  ("httpx-sse alone (no JSON)", lambda b: httpx_sse_alone(b, False), None,
                   runs)]
    notes = []
    if openai_available():
        import openai
        contenders += [(f"openai {openai.__version__} SSEDecoder + JSON", openai_decoder, text,
                        runs),
                       (f"openai {openai.__version__} client, typed chunks", openai_client,
                        text, slow_runs)]
    else:
        notes.append("openai not installed (pip install -e '.[bench]'): its rows are skipped")
    figures = [figure(f"{base_name} ({size})", base, "events/s", baseline=base,
                      baseline_name=base_name, higher_is_better=True)]
    for name, fn, expected, n in contenders:
        rate = best_rate(fn, body, expected, events, n)
        figures.append(figure(name, rate, "events/s", baseline=base, baseline_name=base_name,
                              higher_is_better=True))
    if not openai_available():
        figures.append(figure("openai client decoder", None, "events/s",
                              note="not available: openai not installed"))
    return {"figures": figures, "notes": notes, "size": size}


if __name__ == "__main__":
    from bench.report import print_table

    print_table({"sse": run("--quick" in sys.argv)})
