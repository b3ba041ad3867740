"""Reading an image the user gave — a path, bytes, or a Pillow image — with every check
and every refusal naming the file (see :mod:`.prepare`, which uses this).

Refused with :class:`~app.core.errors.InputError`: missing, unreadable, empty, larger than
:data:`MAX_INPUT_BYTES`, not an image, an unsupported format (HEIC only with the optional
``pillow-heif`` plugin), more than :data:`MAX_PIXELS` pixels (decompression bombs), and
data that fails to decode (damaged or truncated). The hint says what is accepted.

Threading: no shared state; any thread.
"""

from __future__ import annotations

import io
import os
import struct
import warnings
from pathlib import Path
from typing import Any, Literal, Union

from PIL import Image, UnidentifiedImageError

from app.core.errors import InputError
from app.core.input_files import checked_file

try:  # HEIC/HEIF photos (iPhone) when the optional plugin is installed
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover - optional
    pass
else:  # pragma: no cover - optional
    register_heif_opener()

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, Image.Image]

MAX_INPUT_BYTES = 64 * 1024 * 1024  # a file larger than this is refused unread
MAX_PIXELS = 150_000_000            # more is a decompression bomb (Pillow's hard limit ~179M)
ACCEPTED = "PNG, JPEG, GIF, WebP, BMP or TIFF images"

# Formats Pillow names; anything else it might open (icons, PPM, PDF...) is refused.
_FORMATS = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "GIF": "gif", "WEBP": "webp",
            "BMP": "bmp", "TIFF": "tiff", "HEIF": "heif", "AVIF": "avif"}
# MAX_PIXELS is the limit and its refusal names the file; Pillow's warning (above ~89 MP)
# would only print a second, anonymous message. (Filters are process-wide, and
# warnings.catch_warnings is not thread-safe, so this is set once here.) Pillow's own
# error above ~179 MP still stops what MAX_PIXELS did not.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


def mime_of(image: Image.Image) -> str:
    """"image/jpeg", "image/png"...; an image made in memory counts as PNG."""
    return f"image/{_FORMATS.get(image.format or '', 'png')}"


def checked_source(source: Source, name: str | None) -> tuple[str, Any]:
    """(the name errors use, bytes, a Pillow image or a checked path). Errors about a path
    name it as given (``~/Pictures/a.jpg``); :func:`display_name` is what a result shows."""
    if isinstance(source, Image.Image):
        return name or "pasted image", source
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "pasted image"
        if not data:
            raise InputError(f"{label} is empty")
        if len(data) > MAX_INPUT_BYTES:
            raise _too_large(label, len(data))
        return label, data
    path = Path(source).expanduser()
    shown = name or str(source)
    checked_file(path, shown, MAX_INPUT_BYTES, _too_large)
    return shown, path


def display_name(label: str, src: Any, name: str | None) -> str:
    return name or (src.name if isinstance(src, Path) else label)


def _too_large(label: str, size: int) -> InputError:
    return InputError(f"{label} is {size / 1048576:.1f} MB",
                      hint=f"images up to {MAX_INPUT_BYTES // 1048576} MB can be used")


def byte_size(src: Any) -> int:
    if isinstance(src, Image.Image):
        return src.width * src.height * 3  # about what an uncompressed copy would take
    return len(src) if isinstance(src, bytes) else src.stat().st_size


# What Pillow's plugins raise for broken, truncated or hostile data ("image file is
# truncated", "broken PNG file", bad headers...). Anything else is a bug and stays loud.
PILLOW_FAILURES = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError,
                    KeyError, ZeroDivisionError)


class opened:
    """``with opened(src, label) as image``: the first frame, header checked, file closed
    afterwards; every Pillow failure inside becomes an InputError naming ``label``."""

    def __init__(self, src: Any, label: str) -> None:
        self.src, self.label = src, label
        self.image: Image.Image | None = None

    def __enter__(self) -> Image.Image:
        if isinstance(self.src, Image.Image):  # the caller's: checked, never closed here
            if self.src.width * self.src.height > MAX_PIXELS:
                raise _bomb(self.label, self.src.size)
            return self.src
        src = io.BytesIO(self.src) if isinstance(self.src, bytes) else self.src
        try:
            self.image = Image.open(src)
        except UnidentifiedImageError:
            raise _not_an_image(self.label, self.src) from None
        except Image.DecompressionBombError:
            raise _bomb(self.label) from None
        except PILLOW_FAILURES as exc:
            raise _damaged(self.label, exc) from None
        image = self.image
        if image.format not in _FORMATS:
            raise InputError(f"{self.label} is a {image.format} image, which cannot be sent",
                             hint=f"use {ACCEPTED}")
        if image.width * image.height > MAX_PIXELS:
            raise _bomb(self.label, image.size)
        if image.width < 1 or image.height < 1:
            raise InputError(f"{self.label} has no pixels")
        return image

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> Literal[False]:
        if self.image is not None:
            self.image.close()
        if exc is None or isinstance(exc, InputError):
            return False
        if isinstance(exc, (MemoryError, Image.DecompressionBombError)):
            raise _bomb(self.label) from None
        if isinstance(exc, PILLOW_FAILURES):  # decoding failed: truncated or damaged data
            raise _damaged(self.label, exc) from None
        return False


def _not_an_image(label: str, src: bytes | Path) -> InputError:
    if isinstance(src, bytes):
        head = src[:32]
    else:
        with src.open("rb") as file:
            head = file.read(32)
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc", b"ftypavif"):
        return InputError(f"{label} is a HEIC/AVIF photo, which Parley cannot read",
                          hint=f"export it as JPEG, or use {ACCEPTED}")
    return InputError(f"{label} is not a supported image", hint=f"use {ACCEPTED}")


def _damaged(label: str, exc: BaseException) -> InputError:
    detail = str(exc).strip().rstrip(".")
    return InputError(f"{label} is damaged or incomplete" + (f" ({detail})" if detail else ""),
                      hint=f"use another copy; {ACCEPTED} are accepted")


def _bomb(label: str, size: tuple[int, int] | None = None) -> InputError:
    dims = f" ({size[0]}×{size[1]} pixels)" if size else ""
    return InputError(f"{label} is too large to open{dims}",
                      hint=f"images up to {MAX_PIXELS // 1_000_000} megapixels can be used")
