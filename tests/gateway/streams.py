"""Build, load and take apart SSE chat transcripts in the exact shape of seed 000.

Seed 000 (the EduHK API Management gateway in front of Azure OpenAI) is the ground truth:
``data:`` with no space before the JSON, a first chunk with empty ``choices`` and
``prompt_filter_results``, a role-only chunk, content chunks carrying ``content_filter_results``,
a finish chunk that already carries ``usage``, a usage-only chunk with empty ``choices`` whose
numbers differ (the last one wins), then ``data: [DONE]`` (with a space). Every event is one
``data:`` line followed by a blank line.
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

DEFAULT_MODEL = "gpt-4o-mini-2024-07-18"
DEFAULT_ID = "chatcmpl-FakeGatewayXXXXXXXXXXXXXXXXX"
DEFAULT_CREATED = 1757320296
DEFAULT_FINGERPRINT = "fp_efad92c60b"
DEFAULT_PROMPT_TOKENS = 23  # what seed 000's "Hello" request cost

_SAFE = {
    "hate": {"filtered": False, "severity": "safe"},
    "self_harm": {"filtered": False, "severity": "safe"},
    "sexual": {"filtered": False, "severity": "safe"},
    "violence": {"filtered": False, "severity": "safe"},
}
_MARK = "@@PARLEY-DELTA@@"
_DONE_EVENTS = {b"data: [DONE]", b"data:[DONE]"}
# An event ends at the first blank line, whatever the line ending style.
_EVENT_END = re.compile(rb"\r\n\r\n|\n\n|\r\r")


def load_fixture(name: str) -> bytes:
    """Bytes of ``tests/fixtures/<name>``."""
    return (FIXTURES / name).read_bytes()


def seed_hello() -> bytes:
    """Seed 000's streamed answer "Hello! How can I assist you today?", byte for byte."""
    return load_fixture("seed000_hello.sse")


def seed_image() -> bytes:
    """Seed 000's streamed answer "This is the logo of Apple", byte for byte."""
    return load_fixture("seed000_image.sse")


def _chunk(cid: str, created: int, model: str, choices: list, usage: Any) -> dict:
    # Key order matters: it reproduces the seed byte for byte with json.dumps defaults.
    return {
        "id": cid, "choices": choices, "created": created, "model": model,
        "object": "chat.completion.chunk", "service_tier": None,
        "system_fingerprint": DEFAULT_FINGERPRINT, "usage": usage,
    }


def _choice(delta_content: Any, role: Any, finish: Any, filters: dict) -> dict:
    delta = {"content": delta_content, "function_call": None, "refusal": None,
             "role": role, "tool_calls": None}
    return {"delta": delta, "finish_reason": finish, "index": 0, "logprobs": None,
            "content_filter_results": filters}


def _usage_pair(deltas: Sequence[str], usage: dict | None) -> tuple[dict, dict]:
    """Usage for the finish chunk and for the trailing usage-only chunk.

    The trailing chunk reports one more completion token than the finish chunk, as in seed 000's
    "Hello" transcript (9 then 10), so a client that keeps the first usage it sees shows the
    wrong number.
    """
    usage = dict(usage or {})
    completion = int(usage.get("completion_tokens", len(deltas)))
    prompt = int(usage.get("prompt_tokens", DEFAULT_PROMPT_TOKENS))
    total = int(usage.get("total_tokens", completion + prompt))
    first = {"completion_tokens": completion, "prompt_tokens": prompt, "total_tokens": total,
             "completion_tokens_details": None, "prompt_tokens_details": None}
    last = {
        "completion_tokens": completion + 1, "prompt_tokens": prompt, "total_tokens": total + 1,
        "completion_tokens_details": {"accepted_prediction_tokens": 0, "audio_tokens": 0,
                                      "reasoning_tokens": 0, "rejected_prediction_tokens": 0},
        "prompt_tokens_details": {"audio_tokens": 0, "cached_tokens": 0},
    }
    return first, last


def build_stream(
    deltas: Sequence[str],
    finish_reason: str | None = "stop",
    usage: dict | None = None,
    *,
    space: bool = False,
    model: str = DEFAULT_MODEL,
    completion_id: str = DEFAULT_ID,
    created: int = DEFAULT_CREATED,
    ensure_ascii: bool = False,
) -> bytes:
    """An SSE body in the seed-000 shape whose content deltas are ``deltas``.

    ``usage`` (keys ``prompt_tokens``/``completion_tokens``/``total_tokens``, all optional) is
    what the finish chunk reports; the trailing usage-only chunk reports completion and total
    tokens one higher, and that final one is the figure a client should display. Defaults:
    one completion token per delta, 23 prompt tokens. ``space=True`` writes ``data: `` before
    the JSON. ``ensure_ascii`` defaults to False so non-ASCII text goes on the wire as UTF-8,
    which is what exercises a client's decoding across chunk boundaries.
    With seed 000's id and created time the default output equals ``seed000_hello.sse``.
    """
    prefix = "data: " if space else "data:"

    def dumps(obj: Any) -> str:
        return json.dumps(obj, ensure_ascii=ensure_ascii)

    first = {"id": "", "choices": [], "created": 0, "model": "", "object": "",
             "service_tier": None, "system_fingerprint": None, "usage": None,
             "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": _SAFE}]}
    role = _chunk(completion_id, created, model, [_choice("", "assistant", None, {})], None)
    # Serialise the content chunk once around a marker and splice each delta in, so that a
    # 5,000-delta stream costs 5,000 small json.dumps calls on strings rather than on dicts.
    template = dumps(_chunk(completion_id, created, model, [_choice(_MARK, None, None, _SAFE)], None))
    head, tail = template.split(dumps(_MARK))
    usage_first, usage_last = _usage_pair(deltas, usage)
    finish = _chunk(completion_id, created, model,
                    [_choice(None, None, finish_reason, {})], usage_first)
    trailer = _chunk(completion_id, created, model, [], usage_last)

    parts = [prefix + dumps(first) + "\n\n", prefix + dumps(role) + "\n\n"]
    parts.extend(f"{prefix}{head}{dumps(d)}{tail}\n\n" for d in deltas)
    parts.append(prefix + dumps(finish) + "\n\n")
    parts.append(prefix + dumps(trailer) + "\n\n")
    parts.append("data: [DONE]\n\n")
    return "".join(parts).encode("utf-8")


def split_text(text: str, chunks: int | Sequence[str] | None = None) -> list[str]:
    """Cut ``text`` into deltas: word-like pieces with leading spaces (as the seed's tokens
    are), ``chunks`` roughly equal pieces if an int, or ``chunks`` itself if a list (which must
    join back to ``text``)."""
    if chunks is None:
        pieces = re.findall(r"\s*\S+", text)
        rest = text[sum(map(len, pieces)):]
        if rest:  # trailing whitespace belongs to the last piece
            pieces = pieces[:-1] + [pieces[-1] + rest] if pieces else [rest]
        return pieces
    if isinstance(chunks, int):
        if chunks < 1:
            raise ValueError("chunks must be >= 1")
        size = -(-len(text) // chunks) or 1
        return [text[i:i + size] for i in range(0, len(text), size)]
    pieces = list(chunks)
    if "".join(pieces) != text:
        raise ValueError("chunks do not join back to text")
    return pieces


def split_events(body: bytes) -> list[bytes]:
    """The SSE events of ``body``, each with its terminating blank line; a trailing fragment
    without one is kept as the last item so that nothing is lost."""
    events, start = [], 0
    for m in _EVENT_END.finditer(body):
        events.append(body[start:m.end()])
        start = m.end()
    if start < len(body):
        events.append(body[start:])
    return events


def drop_done(body: bytes) -> bytes:
    """``body`` without its ``data: [DONE]`` event(s)."""
    return b"".join(e for e in split_events(body) if e.strip() not in _DONE_EVENTS)


def rewrite_line_endings(data: bytes, line_ending: str) -> bytes:
    """Rewrite every line end (``\\n`` or ``\\r\\n``) of ``data`` as ``line_ending``."""
    return data.replace(b"\r\n", b"\n").replace(b"\n", line_ending.encode("ascii"))


def parse_stream(body: bytes) -> list[Any]:
    """The JSON payload of every ``data:`` line (the string ``"[DONE]"`` for the sentinel)."""
    out = []
    for line in re.split(rb"\r\n|\r|\n", body):
        if line.startswith(b"data:"):
            payload = line[5:].strip()
            out.append("[DONE]" if payload == b"[DONE]" else json.loads(payload))
    return out


def transcript_text(body: bytes) -> str:
    """The answer a correct client assembles from ``body``: every ``delta.content`` joined."""
    text = []
    for chunk in parse_stream(body):
        if isinstance(chunk, dict):
            for choice in chunk.get("choices") or []:
                text.append((choice.get("delta") or {}).get("content") or "")
    return "".join(text)
