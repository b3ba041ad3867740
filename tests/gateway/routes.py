"""Request routing for the three gateway styles the fake gateway imitates.

* apim:   ``/chatgpt/v1/completion``, ``/ai/v1/images/generations``, ``/ai/v1/embeddings``,
          ``GET /chatgpt/v1/balance``; key in ``api-key``.
* azure:  ``/openai/deployments/{name}/(chat/completions|images/generations|embeddings)``;
          key in ``api-key``; optional ``api-version`` check; unknown deployments are 404.
* openai: ``/v1/(chat/completions|images/generations|embeddings)``; ``Authorization: Bearer``.
* ``GET /files/{name}.png``: the image blob, no key (like a blob-storage URL).

As on the real gateways the key is checked before anything else about a request.
"""
from __future__ import annotations

import hmac
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from . import payloads as P
from .images import first_invalid
from .streams import build_stream, split_text
from .wire import RecordedRequest

if TYPE_CHECKING:
    from .server import FakeGateway

_FILES = re.compile(r"^/files/[^/]+\.png$")
_AZURE = re.compile(r"^/openai/deployments/([^/]+)/(chat/completions|images/generations|embeddings)$")
_APIM = {
    "/chatgpt/v1/completion": ("POST", "chat"),
    "/ai/v1/images/generations": ("POST", "images"),
    "/ai/v1/embeddings": ("POST", "embeddings"),
    "/chatgpt/v1/balance": ("GET", "balance"),
}
_OPENAI = {
    "/v1/chat/completions": "chat",
    "/v1/images/generations": "images",
    "/v1/embeddings": "embeddings",
}
_AZURE_OPS = {"chat/completions": "chat", "images/generations": "images", "embeddings": "embeddings"}
_FORBIDDEN = re.compile(r"\bforbidden\b", re.IGNORECASE)


@dataclass
class Reply:
    """What to answer, before faults shape how the bytes go out."""

    status: int
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    stream: bool = False
    """True for a streamed chat answer: ``body`` is SSE, sent chunked, one event per chunk."""


class _Refuse(Exception):
    """Raised inside a handler to answer with ``reply`` at once."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.status)
        self.reply = reply


def json_reply(status: int, obj: Any) -> Reply:
    return Reply(status, P.dumps(obj))


def handle(gw: FakeGateway, req: RecordedRequest) -> Reply:
    """The normal answer to ``req`` (faults are applied by the caller)."""
    try:
        return _route(gw, req)
    except _Refuse as refusal:
        return refusal.reply


def _route(gw: FakeGateway, req: RecordedRequest) -> Reply:
    path = req.path
    if _FILES.match(path):
        if req.method not in ("GET", "HEAD"):
            return json_reply(404, P.APIM_NOT_FOUND)
        return Reply(200, P.PNG_BYTES, "image/png")
    if path.startswith(("/chatgpt/", "/ai/")):
        return _apim(gw, req)
    if path.startswith("/openai/"):
        return _azure(gw, req)
    if path.startswith("/v1/"):
        return _openai(gw, req)
    return json_reply(404, P.APIM_NOT_FOUND)


def _key_ok(gw: FakeGateway, sent: str) -> bool:
    # gw.key None means "accept anything", for manual trials against a client.
    return gw.key is None or hmac.compare_digest(sent.encode(), str(gw.key).encode())


def _refuse_key(gw: FakeGateway, sent: str | None, missing: dict, invalid: dict) -> Reply | None:
    """The 401 a gateway sends for a missing or wrong key, or None when the key is right."""
    if sent is None:
        return json_reply(401, missing)
    return None if _key_ok(gw, sent) else json_reply(401, invalid)


def _apim(gw: FakeGateway, req: RecordedRequest) -> Reply:
    refused = _refuse_key(gw, req.headers.get("api-key"), P.APIM_MISSING_KEY, P.APIM_INVALID_KEY)
    if refused:
        return refused
    method, op = _APIM.get(req.path, (None, None))
    if op is None or req.method != method:
        return json_reply(404, P.APIM_NOT_FOUND)
    return _operation(gw, req, op, model=None)


def _azure(gw: FakeGateway, req: RecordedRequest) -> Reply:
    refused = _refuse_key(gw, req.headers.get("api-key"), P.AZURE_MISSING_KEY, P.AZURE_INVALID_KEY)
    if refused:
        return refused
    if gw.require_api_version is not None and req.query.get("api-version") != gw.require_api_version:
        return json_reply(404, P.AZURE_RESOURCE_NOT_FOUND)
    m = _AZURE.match(req.path)
    if m is None or req.method != "POST":
        return json_reply(404, P.AZURE_RESOURCE_NOT_FOUND)
    deployment = unquote(m.group(1))
    if deployment not in gw.deployments:
        return json_reply(404, P.AZURE_DEPLOYMENT_NOT_FOUND)
    return _operation(gw, req, _AZURE_OPS[m.group(2)], model=deployment)


def _openai(gw: FakeGateway, req: RecordedRequest) -> Reply:
    auth = req.headers.get("authorization", "")
    scheme, _, sent = auth.partition(" ")
    if scheme.lower() != "bearer" or not sent.strip():
        return json_reply(401, P.OPENAI_MISSING_KEY)
    sent = sent.strip()
    if not _key_ok(gw, sent):
        return json_reply(401, P.openai_invalid_key(sent))
    op = _OPENAI.get(req.path)
    if op is None or req.method != "POST":
        return json_reply(404, P.APIM_NOT_FOUND)
    return _operation(gw, req, op, model=None)


def _operation(gw: FakeGateway, req: RecordedRequest, op: str, model: str | None) -> Reply:
    if op == "balance":
        return json_reply(200, gw.balance_body)
    body = req.json
    if not isinstance(body, dict):
        return json_reply(400, P.bad_request())
    if isinstance(body.get("model"), str):
        model = body["model"]
    return {"chat": _chat, "images": _images, "embeddings": _embeddings}[op](gw, body, model)


def _count(body: dict, default: int = 1) -> int:
    """``n`` from the body, refusing anything but an integer from 1 to 10."""
    n = body.get("n", default)
    if n is None:
        return default
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 10:
        raise _Refuse(json_reply(400, P.bad_request("'n' must be an integer from 1 to 10")))
    return n


def _chat(gw: FakeGateway, body: dict, model: str | None) -> Reply:
    if not isinstance(body.get("messages"), list):
        return json_reply(400, P.bad_request("'messages' is a required property"))
    invalid = first_invalid(body)
    if invalid is not None:
        return json_reply(400, P.bad_request(f"Invalid image: {invalid}", "invalid_image"))
    if body.get("stream") is True:
        transcript = gw.transcript
        if transcript is None:  # no canned transcript: stream the non-streamed answer instead
            transcript = build_stream(split_text(gw.answer))
        return Reply(200, bytes(transcript), "text/event-stream",
                     {"Cache-Control": "no-cache"}, stream=True)
    return json_reply(200, P.chat_completion(gw.answer, _count(body), model, body["messages"]))


def _images(gw: FakeGateway, body: dict, model: str | None) -> Reply:
    prompt = body.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        return json_reply(400, P.bad_request("'prompt' is a required property"))
    if _FORBIDDEN.search(prompt):
        return json_reply(400, P.CONTENT_POLICY)
    fmt = body.get("response_format") or "url"
    if fmt not in ("url", "b64_json"):
        return json_reply(400, P.bad_request("'response_format' must be 'url' or 'b64_json'"))
    return json_reply(200, P.images(prompt, _count(body), fmt, gw.url))


def _embeddings(gw: FakeGateway, body: dict, model: str | None) -> Reply:
    data = body.get("input")
    inputs = [data] if isinstance(data, str) else data
    if not isinstance(inputs, list) or not inputs or not all(isinstance(t, str) for t in inputs):
        return json_reply(400, P.bad_request("'input' must be a string or a list of strings"))
    return json_reply(200, P.embeddings(inputs, model))
