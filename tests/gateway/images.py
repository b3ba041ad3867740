"""What the fake gateway makes of the images in a chat request (``image_url`` parts).

Like the real gateways, a chat request whose image is not a decodable ``data:`` URL of a
PNG, JPEG, GIF or WebP image is refused with 400 (``invalid_image``). Tests inspect what
arrived with :meth:`FakeGateway.received_images` (see :func:`images_in`).
"""
from __future__ import annotations

import base64
import binascii
import io
import re
from typing import Any, NamedTuple

from PIL import Image

MAX_DATA_URL_BYTES = 20 * 1024 * 1024  # what OpenAI-style gateways take per image
MAX_SIDE = 2048                        # what Parley promises to send at most
_DATA_URL = re.compile(r"data:(image/(?:png|jpeg|gif|webp));base64,(.*)", re.DOTALL)
_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}


class ReceivedImage(NamedTuple):
    """One image as decoded by the gateway: ``(mime, width, height)`` compare as a tuple
    prefix; ``size`` is the decoded byte count, ``role`` the message's role."""

    mime: str
    width: int
    height: int
    size: int
    role: str


class InvalidImage(ValueError):
    """An image part the gateway cannot use; the message says why."""


def image_urls(body: Any) -> list[tuple[str, str]]:
    """``(role, url)`` of every image_url part in a chat body, in order."""
    found = []
    messages = body.get("messages") if isinstance(body, dict) else None
    for message in messages if isinstance(messages, list) else []:
        content = message.get("content") if isinstance(message, dict) else None
        for part in content if isinstance(content, list) else []:
            if isinstance(part, dict) and part.get("type") == "image_url":
                url = (part.get("image_url") or {}).get("url")
                found.append((str(message.get("role")), url if isinstance(url, str) else ""))
    return found


def decode(url: str, role: str = "user") -> ReceivedImage:
    """Decode one data URL fully with Pillow; InvalidImage if that fails."""
    match = _DATA_URL.fullmatch(url)
    if match is None:
        raise InvalidImage(f"not a base64 data URL of a PNG, JPEG, GIF or WebP: {url[:40]!r}")
    if len(match.group(2)) > MAX_DATA_URL_BYTES * 4 // 3 + 4:
        raise InvalidImage("image larger than 20 MB")
    try:
        data = base64.b64decode(match.group(2), validate=True)
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            kind, size = image.format, image.size
    except (binascii.Error, OSError, SyntaxError, ValueError) as exc:
        raise InvalidImage(f"image data cannot be decoded: {exc}") from None
    if kind != _FORMATS[match.group(1)]:
        raise InvalidImage(f"data URL says {match.group(1)} but the data is {kind}")
    return ReceivedImage(match.group(1), size[0], size[1], len(data), role)


def images_in(body: Any, max_side: int | None = MAX_SIDE) -> list[ReceivedImage]:
    """Every image of a chat body, decoded; AssertionError if one is invalid or (with
    ``max_side``) has a side longer than that."""
    images = []
    for index, (role, url) in enumerate(image_urls(body)):
        try:
            image = decode(url, role)
        except InvalidImage as exc:
            raise AssertionError(f"image {index + 1}: {exc}") from None
        if max_side is not None:
            assert max(image.width, image.height) <= max_side, (
                f"image {index + 1} is {image.width}×{image.height}, over {max_side} px")
        images.append(image)
    return images


def first_invalid(body: Any) -> str | None:
    """Why the first unusable image in ``body`` is unusable, or None if all decode."""
    for role, url in image_urls(body):
        try:
            decode(url, role)
        except InvalidImage as exc:
            return str(exc)
    return None
