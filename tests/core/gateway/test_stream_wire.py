"""Streaming over a real loopback socket: any valid SSE stream, not only the seed's bytes."""

import asyncio
import json
from pathlib import Path

import pytest

from app.core.errors import ContentFiltered, ProtocolError, StreamError
from app.core.gateway.chat import ChatRequest, collect, message
from app.core.gateway.client import Gateway
from app.core.gateway.events import FilterNotice, Usage
from tests.conftest import TEST_KEY, profile_for
from tests.gateway import Fault, build_stream
from tests.waits import until

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
HELLO = "Hello! How can I assist you today?"
ASK = ChatRequest([message("user", "Hello")])


def sse(*events: str, sep="\n") -> bytes:
    return "".join(e + sep + sep for e in events).encode()


def chunk(text=None, finish=None, **extra) -> str:
    delta = {} if text is None else {"content": text}
    body = {"id": "x", "object": "chat.completion.chunk",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
    return "data: " + json.dumps(body, ensure_ascii=False)


async def ask(gw, style="apim", request=ASK, **kw):
    async with Gateway(profile_for(gw, style), TEST_KEY, **kw) as g:
        return await collect(g.stream_chat(request))


@pytest.mark.parametrize("style", ["apim", "azure", "openai"])
async def test_seed_000_replayed_for_each_style(gateway, style):
    result = await ask(gateway, style)
    assert result.error is None
    assert result.text == HELLO and result.finish_reason == "stop"
    assert result.usage == Usage(23, 10, 33)  # the usage-only chunk after finish wins
    sent = gateway.requests[-1]
    assert sent.json["messages"][-1]["content"] == "Hello" and sent.json["stream"] is True
    if style == "openai":
        assert sent.headers["authorization"] == f"Bearer {TEST_KEY}" and "api-key" not in sent.headers
    else:
        assert sent.headers["api-key"] == TEST_KEY and "authorization" not in sent.headers


async def test_seed_image_transcript(gateway):
    gateway.transcript = (FIXTURES / "seed000_image.sse").read_bytes()
    result = await ask(gateway)
    assert result.text == "This is the logo of Apple"
    assert result.usage.prompt_tokens == 8528


@pytest.mark.parametrize("fault", [
    Fault(chunk_size=1), Fault(chunk_size=7), Fault(line_ending="\r\n"), Fault(line_ending="\r"),
    Fault(drop_done=True), Fault(chunk_size=3, line_ending="\r\n", drop_done=True),
])
async def test_seed_survives_any_framing(gateway, fault):
    gateway.add_fault(fault)
    result = await ask(gateway)
    assert result.error is None and result.text == HELLO and result.usage.total_tokens == 33


async def test_multibyte_text_split_inside_characters(gateway):
    text = ["數學", "：", "$e^{i\\pi}+1=0$", " 😀", "\u2028line", "sep\u2029", "完"]
    gateway.transcript = build_stream(text)
    gateway.add_fault(Fault(chunk_size=1))
    result = await ask(gateway)
    assert result.text == "".join(text)


async def test_spec_features_comments_fields_multiline(gateway):
    body = (": keep-alive comment\n\n"
            "event: message\nid: 1\nretry: 1000\n" + chunk("Hel") + "\n\n"
            "data:" + json.dumps({"choices": [{"index": 0, "delta": {"content": "lo"}}]}) + "\n\n"
            # one JSON object spread over two data lines (joined with a newline by the spec)
            'data: {"choices": [{"index": 0,\ndata: "delta": {"content": "!"}}]}\n\n'
            + chunk(finish="stop") + "\n\n" + "data: [DONE]\n\n").encode()
    gateway.add_fault(Fault(raw_stream=body, chunk_size=5))
    result = await ask(gateway)
    assert result.text == "Hello!" and result.finish_reason == "stop"


async def test_content_filter_finish_reaches_the_caller(gateway):
    filtered = {"hate": {"filtered": True, "severity": "medium"}}
    body = sse(chunk("Some"), chunk(" text"),
               "data: " + json.dumps({"choices": [{"index": 0, "delta": {},
                                                   "finish_reason": "content_filter",
                                                   "content_filter_results": filtered}]}),
               "data: [DONE]")
    gateway.add_fault(Fault(raw_stream=body))
    result = await ask(gateway)
    assert result.text == "Some text" and result.filtered
    assert FilterNotice("completion", ("hate",), 0) in result.notices


async def test_error_object_inside_stream_keeps_partial(gateway):
    body = sse(chunk("Partial"),
               'data: {"error": {"code": "server_error", "message": "upstream died"}}')
    gateway.add_fault(Fault(raw_stream=body))
    result = await ask(gateway)
    assert result.text == "Partial"
    assert isinstance(result.error, StreamError) and "upstream died" in str(result.error)


async def test_error_event_before_content(gateway, sleeps):
    body = b'event: error\ndata: {"code": "content_filter", "message": "prompt blocked"}\n\n'
    gateway.add_fault(Fault(raw_stream=body))
    result = await ask(gateway, sleep=sleeps)
    assert isinstance(result.error, ContentFiltered) and sleeps == []


async def test_empty_stream_is_a_protocol_error(gateway, sleeps):
    gateway.add_fault(Fault(raw_stream=b": nothing here\n\n"))
    result = await ask(gateway, sleep=sleeps)
    assert isinstance(result.error, ProtocolError)


async def test_gateway_that_ignores_stream_true(gateway):
    completion = {"choices": [{"index": 0, "message": {"role": "assistant", "content": "whole"},
                               "finish_reason": "stop"}], "usage": {"prompt_tokens": 1,
                                                                      "completion_tokens": 1}}
    gateway.add_fault(Fault(status=200, body=json.dumps(completion)))
    result = await ask(gateway)
    assert result.text == "whole" and result.usage.total_tokens == 2


async def test_non_streamed_chat_and_n_choices(gateway):
    async with Gateway(profile_for(gateway, "azure"), TEST_KEY) as g:
        result = await g.chat(ChatRequest([message("user", "Hi")], params={"n": 2, "seed": 7}))
    assert result.text == gateway.answer and result.indices == [0, 1]
    assert result.usage.total_tokens > 0 and result.finish_reason == "stop"
    sent = gateway.requests[-1].json
    assert sent["stream"] is False and sent["n"] == 2 and sent["seed"] == 7


async def test_cancel_closes_the_connection_at_once(gateway):
    gateway.stream_text("tick " * 200, chunks=200)
    gateway.add_fault(Fault(chunk_delay=0.05))
    received = []

    async def consume():
        async with Gateway(profile_for(gateway, "apim"), TEST_KEY) as g:
            async for event in g.stream_chat(ASK):
                received.append(event)

    task = asyncio.create_task(consume())
    await until(lambda: len(received) >= 3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert loop.time() - started < 0.5
    count = len(received)
    await until(lambda: gateway.open_connections == 0)  # the gateway saw it close
    assert len(received) == count
