"""Response bodies the fake gateway sends: PNG bytes, JSON answers and the gateways' errors.

Error bodies copy the wording each real gateway style uses (APIM, Azure OpenAI, OpenAI), since
Parley has to recognise and present all of them.
"""
from __future__ import annotations

import base64
import hashlib
import json
import struct
import time
import zlib
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from .streams import DEFAULT_FINGERPRINT, DEFAULT_MODEL


def _png(width: int = 16, height: int = 16) -> bytes:
    """A valid RGB PNG with a colour gradient, built without Pillow."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    rows = b"".join(
        b"\x00" + bytes(v for x in range(width) for v in (x * 255 // max(width - 1, 1),
                                                          y * 255 // max(height - 1, 1), 128))
        for y in range(height)
    )
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))


PNG_BYTES = _png()


def dumps(obj: Any) -> bytes:
    return json.dumps(obj).encode("utf-8")


# --- errors ----------------------------------------------------------------------------------

APIM_MISSING_KEY = {
    "statusCode": 401,
    "message": "Access denied due to missing subscription key. Make sure to include "
               "subscription key when making requests to an API.",
}
APIM_INVALID_KEY = {
    "statusCode": 401,
    "message": "Access denied due to invalid subscription key. Make sure to provide a valid "
               "key for an active subscription.",
}
APIM_NOT_FOUND = {"statusCode": 404, "message": "Resource not found"}

AZURE_MISSING_KEY = {"error": {"code": "Unauthorized",
                               "message": "Access denied due to missing api-key header"}}
AZURE_INVALID_KEY = {"error": {"code": "Unauthorized",
                               "message": "Access denied due to invalid api-key"}}
AZURE_RESOURCE_NOT_FOUND = {"error": {"code": "404", "message": "Resource not found"}}
AZURE_DEPLOYMENT_NOT_FOUND = {"error": {
    "code": "DeploymentNotFound",
    "message": "The API deployment for this resource does not exist. If you created the "
               "deployment within the last 5 minutes, please wait a moment and try again.",
}}

OPENAI_MISSING_KEY = {"error": {
    "message": "You didn't provide an API key. You need to provide your API key in an "
               "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    "type": "invalid_request_error", "param": None, "code": None,
}}


def openai_invalid_key(sent_key: str) -> dict:
    """OpenAI's wrong-key error. It echoes the whole key on purpose: client tests use it to
    prove that Parley redacts keys from anything it shows or logs."""
    return {"error": {
        "message": f"Incorrect API key provided: {sent_key}. You can find your API key at "
                   "https://platform.openai.com/account/api-keys.",
        "type": "invalid_request_error", "param": None, "code": "invalid_api_key",
    }}


def bad_request(message: str = "Invalid request format", code: str = "BadRequest") -> dict:
    return {"error": {"code": code, "message": message}}


CONTENT_POLICY = bad_request(
    "Your request was rejected as a result of our safety system. Your prompt may contain text "
    "that is not allowed by our safety system.", code="content_policy_violation")

_STATUS_MESSAGES = {
    429: "Requests to the ChatCompletions_Create Operation have exceeded the rate limit of your "
         "current pricing tier. Please retry after 1 second.",
    500: "The server had an error while processing your request. Sorry about that!",
    503: "The engine is currently overloaded, please try again later.",
}


def reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def status_error(status: int) -> dict:
    """The default JSON body for a fault that answers with a bare ``status``."""
    return {"error": {"code": str(status), "message": _STATUS_MESSAGES.get(status, reason(status))}}


def html_error_page(status: int) -> str:
    """A multi-line HTML error page such as a reverse proxy in front of a gateway returns."""
    title = f"{status} {reason(status)}"
    return (
        f"<html><head><title>{title}</title>\n"
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        "</head>\n"
        "<body>\n"
        f"<center><h1>{title}</h1></center>\n"
        "<p>The upstream server did not answer in time. Please try again later.</p>\n"
        "<hr><center>nginx</center>\n"
        "</body>\n"
        "</html>\n"
    )


# --- successful answers ----------------------------------------------------------------------

def _words(text: str) -> int:
    return max(1, len(text.split()))


def _prompt_tokens(messages: Any) -> int:
    """A rough, deterministic token count for the request's messages (strings or part lists)."""
    count = 0
    for msg in messages if isinstance(messages, list) else []:
        content = msg.get("content") if isinstance(msg, dict) else None
        if isinstance(content, str):
            count += _words(content)
        elif isinstance(content, list):
            for part in content:
                if isinstance(part, dict):
                    count += _words(part["text"]) if isinstance(part.get("text"), str) else 85
    return count + 3


def chat_completion(answer: str, n: int, model: str | None, messages: Any) -> dict:
    """A non-streamed completion (seed 001/003 shape); choice k>0 says ``answer (k)``."""
    texts = [answer if i == 0 else f"{answer} ({i})" for i in range(n)]
    completion = sum(_words(t) for t in texts)
    prompt = _prompt_tokens(messages)
    return {
        "id": "chatcmpl-FakeGatewayNonStream00000000",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model or DEFAULT_MODEL,
        "choices": [
            {"index": i, "message": {"role": "assistant", "content": t},
             "finish_reason": "stop", "logprobs": None}
            for i, t in enumerate(texts)
        ],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                  "total_tokens": prompt + completion},
        "system_fingerprint": DEFAULT_FINGERPRINT,
    }


def images(prompt: str, n: int, response_format: str, base_url: str) -> dict:
    """An image answer: ``n`` items with ``revised_prompt`` and ``url`` or ``b64_json``."""
    data = []
    for i in range(n):
        item: dict[str, Any] = {"revised_prompt": "A vivid rendering of: " + prompt}
        if response_format == "b64_json":
            item["b64_json"] = base64.b64encode(PNG_BYTES).decode("ascii")
        else:
            item["url"] = f"{base_url}/files/img{i}.png"
        data.append(item)
    return {"created": int(time.time()), "data": data}


def embedding_vector(text: str) -> list[float]:
    """Eight floats in [-1, 1) derived from the text's SHA-256, so equal texts embed equally."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return [round(int.from_bytes(digest[i:i + 4], "big") / 2**31 - 1.0, 6)
            for i in range(0, 32, 4)]


def embeddings(inputs: Sequence[str], model: str | None) -> dict:
    tokens = sum(_words(t) for t in inputs)
    return {
        "object": "list",
        "data": [{"object": "embedding", "index": i, "embedding": embedding_vector(t)}
                 for i, t in enumerate(inputs)],
        "model": model or "text-embedding-ada-002",
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }
