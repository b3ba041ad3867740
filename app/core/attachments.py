"""Images the user attaches to a question, turned into ``data:`` URLs (seed 000).

``parley ask --image`` goes through the same preparation as the desktop composer
(:func:`app.core.image_prep.prepare_image`: oriented, at most 2048 px, JPEG or PNG), so a
24-megapixel photo is sent as a few hundred kilobytes, not as 10 MB.

Also the small, Pillow-free helpers that the history and the services share (Pillow is
imported only when an image is actually prepared, so ``parley ask "Hello"`` does not load it).

Threading: reads files and decodes images; call it off the UI thread.
"""

from __future__ import annotations

import base64
from pathlib import Path

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


def image_file_to_data_url(path: str | Path) -> str:
    """The image file prepared for sending, as a data URL, or :class:`InputError` naming the
    file and what is wrong with it (exit code 10 on the command line)."""
    from .image_prep import prepare_image

    return prepare_image(path).data_url
