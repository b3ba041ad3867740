"""Images the user attaches to a question, turned into ``data:`` URLs (seed 000).

This is the minimal, dependency-free path used by ``parley ask --image``: the file is checked
(exists, is an image by its bytes, not too large) and sent as it is. Scaling and re-encoding
large photos belong to the image-preparation step of the GUI work and plug in here.

Threading: reads files; call it off the UI thread.
"""

from __future__ import annotations

import base64
from pathlib import Path

from .errors import InputError

MAX_IMAGE_BYTES = 20 * 1024 * 1024  # what OpenAI-style gateways accept per image

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff_image_type(data: bytes) -> str | None:
    """The MIME type of image bytes by their signature; None if not a supported image."""
    for magic, mime in _SIGNATURES:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def data_url(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def image_file_to_data_url(path: str | Path) -> str:
    """Read an image file and return it as a data URL, or raise :class:`InputError` naming
    the file and what is wrong with it."""
    path = Path(path).expanduser()
    name = str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(f"{name} is not a file")
        if size > MAX_IMAGE_BYTES:
            raise InputError(f"{name} is {size / 1048576:.1f} MB",
                             hint=f"images up to {MAX_IMAGE_BYTES // 1048576} MB can be sent")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name} does not exist") from None
    except PermissionError:
        raise InputError(f"{name} cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {exc.strerror or exc}") from None
    if not data:
        raise InputError(f"{name} is empty")
    mime = sniff_image_type(data)
    if mime is None:
        raise InputError(f"{name} is not a supported image",
                         hint="use a PNG, JPEG, GIF or WebP file")
    return data_url(data, mime)
