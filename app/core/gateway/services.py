"""The gateway's other services: image generation, embeddings, balance.

Generated images given as URLs are downloaded with a separate client that never carries the
key (the URLs point at blob storage on other hosts) and only over http(s).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from app.core.config.styles import gateway_styles
from app.core.errors import InputError, ProtocolError, Unsupported
from app.core.gateway.connection import Connection
from app.core.gateway.http_errors import error_for_status, error_for_transport
from app.core.images.formats import sniff_image_type

IMAGE_SIZES = ("1024x1024", "1792x1024", "1024x1792")
IMAGE_QUALITIES = ("standard", "hd")
IMAGE_FORMATS = ("b64_json", "url")
MAX_IMAGES = 10
MAX_DOWNLOAD = 50 * 1024 * 1024


@dataclass(frozen=True)
class GeneratedImage:
    data: bytes
    mime: str
    revised_prompt: str = ""
    source_url: str = ""

    @property
    def extension(self) -> str:
        return {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp",
                "image/gif": ".gif"}.get(self.mime, ".png")


async def generate_images(
    conn: Connection,
    prompt: str,
    *,
    size: str = "1024x1024",
    quality: str = "standard",
    n: int = 1,
    response_format: str = "b64_json",
    model: str | None = None,
) -> list[GeneratedImage]:
    """Generate ``n`` images. DALL-E 3 makes one image per request, so ``n`` > 1 becomes ``n``
    concurrent requests of one — this works on every gateway, whatever its own limit."""
    prompt = prompt.strip()
    if not prompt:
        raise InputError("the image prompt is empty")
    if size not in IMAGE_SIZES:
        raise InputError(f"unsupported size '{size}'", hint="use " + ", ".join(IMAGE_SIZES))
    if quality not in IMAGE_QUALITIES:
        raise InputError(f"unsupported quality '{quality}'", hint="use standard or hd")
    if response_format not in IMAGE_FORMATS:
        raise InputError(f"unsupported response format '{response_format}'")
    if not 1 <= n <= MAX_IMAGES:
        raise InputError(f"can make 1 to {MAX_IMAGES} images at a time, not {n}")
    profile = conn.profile
    url = profile.url_for("images", model)
    body: dict[str, Any] = {"prompt": prompt, "size": size, "quality": quality, "n": 1,
                            "response_format": response_format}
    model = model or profile.images_model
    if model and profile.model_in_body("images"):
        body["model"] = model

    async def one() -> list[GeneratedImage]:
        data = await conn.request_json("POST", url, body)
        items = data.get("data") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            raise ProtocolError("the image answer holds no images", url=url)
        return [await _image_from(item, conn, url) for item in items]

    batches = await asyncio.gather(*(one() for _ in range(n)))
    return [image for batch in batches for image in batch]


async def _image_from(item: Any, conn: Connection, url: str) -> GeneratedImage:
    if not isinstance(item, dict):
        raise ProtocolError("an image entry is not an object", url=url)
    revised = str(item.get("revised_prompt") or "")
    if item.get("b64_json"):
        try:
            data = base64.b64decode(item["b64_json"], validate=False)
        except (binascii.Error, ValueError):
            raise ProtocolError("an image's base64 data is corrupt", url=url) from None
        return GeneratedImage(data, sniff_image_type(data) or "image/png", revised)
    if item.get("url"):
        data = await download_image(str(item["url"]), conn)
        mime = sniff_image_type(data) or "image/png"
        return GeneratedImage(data, mime, revised, str(item["url"]))
    raise ProtocolError("an image entry has neither b64_json nor url", url=url)


async def download_image(url: str, conn: Connection) -> bytes:
    """Fetch a generated image's URL without the key, with the profile's proxy and CA."""
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https"):
        raise ProtocolError(f"refusing to fetch an image from a {parsed.scheme}: URL", url=url)
    try:
        async with conn.plain_client() as plain, plain.stream("GET", url) as response:
            if response.status_code >= 300:
                body = await response.aread()
                raise error_for_status(response.status_code, body[:4096], response.headers,
                                       url=url)
            chunks, size = [], 0
            async for chunk in response.aiter_bytes():  # to the end, see chat._events_of
                size += len(chunk)
                if size <= MAX_DOWNLOAD:
                    chunks.append(chunk)
            if size > MAX_DOWNLOAD:
                raise ProtocolError("a generated image is larger than 50 MB", url=url)
    except httpx.HTTPError as exc:
        raise error_for_transport(exc, url) from None
    data = b"".join(chunks)
    if not sniff_image_type(data):
        raise ProtocolError("the image URL did not return an image", url=url)
    return data


@dataclass(frozen=True)
class Embeddings:
    vectors: list[list[float]]
    model: str = ""
    prompt_tokens: int = 0


async def embed(conn: Connection, inputs: str | Sequence[str],
                model: str | None = None) -> Embeddings:
    """Embeddings for one string or a list, in input order."""
    if isinstance(inputs, str):
        inputs = [inputs]
    inputs = list(inputs)
    if not inputs or not all(isinstance(x, str) and x for x in inputs):
        raise InputError("embeddings need one or more non-empty strings")
    profile = conn.profile
    url = profile.url_for("embeddings", model)
    body: dict[str, Any] = {"input": inputs if len(inputs) > 1 else inputs[0]}
    model = model or profile.embeddings_model
    if model and profile.model_in_body("embeddings"):
        body["model"] = model
    data = await conn.request_json("POST", url, body)
    items = data.get("data") if isinstance(data, dict) else None
    sent = _counted(len(inputs), "text")
    if not isinstance(items, list):
        raise ProtocolError(f"sent {sent} to embed and received no list of embeddings",
                            url=url)
    if len(items) != len(inputs):
        # The counts tell a truncating gateway from one that ignored a list input.
        raise ProtocolError(f"sent {sent} to embed and received "
                            f"{_counted(len(items), 'embedding')}", url=url)
    ordered = sorted(items, key=lambda d: d.get("index", 0) if isinstance(d, dict) else 0)
    try:
        vectors = [[float(x) for x in item["embedding"]] for item in ordered]
    except (KeyError, TypeError, ValueError):
        raise ProtocolError("an embedding is not a list of numbers", url=url) from None
    usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
    return Embeddings(vectors, str(data.get("model") or model or ""),
                      int(usage.get("prompt_tokens") or 0))


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass(frozen=True)
class Balance:
    data: Any
    fields: tuple[tuple[str, str], ...] = ()  # (name, value); what the summary joins

    @property
    def summary(self) -> str:
        """One line: "balance 87.5 HKD · quota 100 · used 12.5"."""
        return join_fields(self.fields)


async def balance(conn: Connection) -> Balance:
    """The balance endpoint's JSON as it comes, plus a best-effort one-line summary."""
    profile = conn.profile
    if not profile.has("balance"):
        # Name the style and URL really in use: PARLEY_* may have made a preset's name stand
        # for another gateway.
        offered = [s.name for s in gateway_styles() if s.preset.get("balance_path")]
        raise Unsupported(
            f"profile {profile.describe()} has no balance endpoint: it uses style "
            f"{profile.style} at {profile.base_url}",
            hint=f"built-in styles with one: {', '.join(offered)}" if offered else "",
        )
    data = await conn.request_json("GET", profile.url_for("balance"))
    return Balance(data, balance_fields(data))


_BALANCE_KEYS = ("balance", "remaining", "remaining_balance", "available", "credit", "credits",
                 "total_available", "quota", "limit", "hard_limit_usd", "used", "usage",
                 "total_usage", "spent", "expires", "expires_at")
_UNIT_KEYS = ("currency", "unit")


def summarize_balance(data: Any) -> str:
    """One line: "balance 87.5 HKD · quota 100 · used 12.5"."""
    return join_fields(balance_fields(data))


def join_fields(fields: tuple[tuple[str, str], ...]) -> str:
    return " · ".join(f"{name} {value}" if name else value for name, value in fields)


def balance_fields(data: Any) -> tuple[tuple[str, str], ...]:
    """The balance as ``(name, value)`` pairs, best effort: the known fields in a fixed
    order, the unit with the first amount; name "" for text that has none. The window
    translates the names it knows (app/ui/window/balance.py)."""
    if isinstance(data, bool) or data is None:
        return (("", str(data)),)
    if isinstance(data, numbers.Number):
        return (("balance", f"{data:g}" if isinstance(data, float) else str(data)),)
    if isinstance(data, str):
        return (("", " ".join(data.split())[:120]),)
    if isinstance(data, list):
        return (("", f"{len(data)} entries"),)
    if not isinstance(data, dict):
        return (("", str(data)[:120]),)
    # Unwrap {"data": {...}} and similar single-object envelopes.
    for wrapper in ("data", "result", "balance"):
        inner = data.get(wrapper)
        if isinstance(inner, dict):
            return balance_fields(inner)
    lowered = {str(k).lower(): v for k, v in data.items()}
    unit = next((lowered[k] for k in _UNIT_KEYS if isinstance(lowered.get(k), str)), "")
    parts: list[tuple[str, str]] = []
    for key in _BALANCE_KEYS:
        value = lowered.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = f"{value:g}" if isinstance(value, float) else str(value)
            if unit and not parts:  # the unit reads with the first amount: "balance 87.5 HKD"
                text = f"{text} {unit}"
            parts.append((key.replace("_", " "), text))
    if not parts:
        parts = [(str(k), str(v)) for k, v in list(data.items())[:4]
                 if isinstance(v, (str, int, float))]
    return tuple(parts) if parts else (("", "(no readable fields)"),)
