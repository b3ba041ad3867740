"""Streams that go wrong in ways the gateway does not announce: each ends with the text that
arrived and a clear error, never with text silently missing (over a real loopback socket)."""

import json
import re
import tomllib
from pathlib import Path

from app.core.errors import ProtocolError
from app.core.gateway.chat import ChatRequest, collect, message
from app.core.gateway.client import Gateway
from tests.conftest import TEST_KEY, profile_for
from tests.gateway import Fault

ROOT = Path(__file__).resolve().parents[3]
ASK = ChatRequest([message("user", "Hello")])


def chunk(text: str) -> str:
    return "data: " + json.dumps({"choices": [{"index": 0, "delta": {"content": text}}]},
                                 ensure_ascii=False)


def sse(*events: str) -> bytes:
    return "".join(e + "\n\n" for e in events).encode()


async def ask(gw):
    async with Gateway(profile_for(gw, "apim"), TEST_KEY) as g:
        return await collect(g.stream_chat(ASK))


async def test_a_malformed_json_event_is_a_gateway_error_and_the_partial_text_stands(gateway):
    gateway.add_fault(Fault(raw_stream=sse(chunk("Part one. "), 'data: {"choices": [{"ind',
                                           chunk("Part two."), "data: [DONE]")))
    result = await ask(gateway)
    assert result.text == "Part one. "
    assert isinstance(result.error, ProtocolError) and result.error.exit_code == 7
    assert "not valid JSON" in str(result.error)


async def test_sse_is_utf8_whatever_charset_the_gateway_names(gateway):
    gateway.add_fault(Fault(raw_stream=sse(chunk("微積分 – ünïcode"), "data: [DONE]"),
                            headers={"Content-Type": "text/event-stream; charset=iso-8859-1"}))
    result = await ask(gateway)
    assert result.error is None and result.text == "微積分 – ünïcode"


def test_httpx_sse_floor_excludes_the_releases_that_lose_text():
    """0.4.1 splits lines at U+2028 inside JSON strings (text lost); 0.4.2 fixed it and was
    slow; 0.4.3 fixed that."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    floor = next(re.search(r">=\s*([\d.]+)", d).group(1) for d in deps
                 if d.startswith("httpx-sse"))
    assert tuple(map(int, floor.split("."))) >= (0, 4, 3)


async def test_odd_field_types_in_a_chunk_do_not_break_the_stream(gateway):
    """A filter result with a non-numeric prompt index raised out of the stream (which never
    raises: every failure is an event)."""
    odd = {"choices": [], "prompt_filter_results": [
        {"prompt_index": "first", "content_filter_results": {"hate": {"filtered": True}}}]}
    gateway.add_fault(Fault(raw_stream=sse("data: " + json.dumps(odd), chunk("fine"),
                                           "data: [DONE]")))
    result = await ask(gateway)
    assert result.error is None and result.text == "fine" and result.notices
