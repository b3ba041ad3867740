"""Image formats without Pillow: recognising a type by its first bytes, ``data:`` URLs (seed
000) and file extensions. Shared by the preparation, the history and the services; Pillow is
imported only when an image is actually prepared, so ``parley ask "Hello"`` does not load it.

Threading: pure functions; any thread.
"""

from __future__ import annotations

import base64

_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif",
               "image/webp": ".webp"}

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff_image_type(data: bytes) -> str | None:
    """The MIME type of image bytes by their signature; None if not a supported image.
    (Cheap, for bytes that arrive from a gateway; user files go through prepare_image.)"""
    for magic, mime in _SIGNATURES:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def data_url(data: bytes, mime: str) -> str:
    """``data:<mime>;base64,...`` as an ``image_url`` part expects it."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def extension_for(mime: str) -> str:
    """".jpg", ".png", ".gif", ".webp" — ".bin" for anything else."""
    return _EXTENSIONS.get(mime, ".bin")
