"""Images the user sends, prepared for a request: oriented, scaled, re-encoded (Pillow).

One preparation serves the desktop composer (drop, paste, file picker) and
``parley ask --image``:

- :func:`make_thumbnail` — a small preview fast enough to show at once (a 24-megapixel JPEG
  in a few tens of milliseconds: JPEG ``draft()`` decodes it at 1/8 scale).
- :func:`prepare_image` — what is sent: EXIF orientation applied, longest side at most
  :data:`MAX_SIDE` px (never upscaled; JPEGs are decoded at a reduced scale first),
  metadata stripped (colours converted to sRGB when an ICC profile says otherwise), and
  re-encoded: JPEG for photos, PNG for real transparency and for screenshot-like images
  (lossless source with few colours, or a small lossless image that needs no scaling).
  Animated images send their first frame. The result is an immutable
  :class:`PreparedImage` with a ``data_url`` for an ``image_url`` part (seed 000).
- :func:`probe_image` — format and size from the header only (e.g. generated images).

Sources: a path (``str`` or ``os.PathLike``) or raw bytes (pasted image data, or image data
dragged from a browser) with a display ``name``. Anything unusable raises
:class:`~app.core.errors.InputError` whose message names the file: missing, unreadable,
empty, not an image, damaged or truncated, an unsupported format (HEIC is read only when
the optional ``pillow-heif`` plugin is installed), larger than :data:`MAX_INPUT_BYTES`, or
more than :data:`MAX_PIXELS` pixels (decompression bombs). The hint says what is accepted.

Threading: pure CPU and file reads, no shared state — call from a worker thread (e.g.
``await loop.run_in_executor(None, prepare_image, path)``), never on the UI thread. Pillow
releases the GIL while it decodes, resamples and encodes, so the UI loop keeps running:
``bench/image_bench.py`` measures the longest stall of a 5 ms ticker on the main thread
while a 24 MP JPEG is prepared in a worker.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import InputError

try:  # colour management: in every Pillow wheel, optional in source builds
    from PIL import ImageCms
except ImportError:  # pragma: no cover - depends on the Pillow build
    ImageCms = None  # type: ignore[assignment]

try:  # HEIC/HEIF photos (iPhone) when the optional plugin is installed
    from pillow_heif import register_heif_opener  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - optional
    pass
else:  # pragma: no cover - optional
    register_heif_opener()

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]

MAX_SIDE = 2048                        # longest side sent to the model
THUMB_SIDE = 256                       # default longest side of a preview
MAX_INPUT_BYTES = 64 * 1024 * 1024     # a file larger than this is refused unread
MAX_PIXELS = 150_000_000               # beyond this, a decompression bomb (Pillow's hard limit ~179M)
JPEG_QUALITY = 85
SHARP_JPEG_QUALITY = 90                # lossless sources that still go out as JPEG (text)
PNG_BUDGET = 4 * 1024 * 1024           # an opaque PNG larger than this goes out as JPEG
FEW_COLOURS = 4096                     # at most this many: screenshot-like, kept as PNG
SMALL_LOSSLESS = 2 * 1024 * 1024       # a lossless source this small that needs no scaling
ACCEPTED = "PNG, JPEG, GIF, WebP, BMP or TIFF images"

# Formats Pillow names; anything else it might open (icons, PDFs' siblings...) is refused.
_FORMATS = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "GIF": "gif", "WEBP": "webp",
            "BMP": "bmp", "TIFF": "tiff", "HEIF": "heif", "AVIF": "avif"}
_LOSSY = {"JPEG", "MPO", "HEIF", "AVIF"}
# MAX_PIXELS is the limit and its refusal names the file; Pillow's warning (above ~89 MP)
# would only print a second, anonymous message. (Filters are process-wide, and
# warnings.catch_warnings is not thread-safe, so this is set once here.) Pillow's own
# error above ~179 MP still stops what MAX_PIXELS did not.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)

_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif",
               "image/webp": ".webp"}


@dataclass(frozen=True)
class PreparedImage:
    """An image ready to send and to keep. ``sha256`` is the hex digest of ``data``."""

    data: bytes
    mime: str          # "image/jpeg" or "image/png"
    width: int
    height: int
    original_width: int   # as shown, i.e. after EXIF orientation
    original_height: int
    name: str             # display name: the file's name, or the name given with bytes
    sha256: str

    @property
    def data_url(self) -> str:
        return data_url(self.data, self.mime)

    @property
    def extension(self) -> str:
        return _EXTENSIONS.get(self.mime, ".bin")

    @property
    def scaled(self) -> bool:
        return (self.width, self.height) != (self.original_width, self.original_height)


@dataclass(frozen=True)
class Thumbnail:
    """A preview: PNG when it has transparency, else JPEG."""

    data: bytes
    mime: str
    width: int
    height: int
    original_width: int   # after EXIF orientation
    original_height: int
    name: str


def data_url(data: bytes, mime: str) -> str:
    """``data:<mime>;base64,...`` as an ``image_url`` part expects it."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def extension_for(mime: str) -> str:
    """".jpg", ".png", ".gif", ".webp" — ".bin" for anything else."""
    return _EXTENSIONS.get(mime, ".bin")


def probe_image(source: Source, *, name: str | None = None) -> tuple[str, int, int]:
    """``(mime, width, height)`` from the header only (width/height before orientation).
    Raises InputError like :func:`prepare_image`."""
    label, data_or_path = _source(source, name)
    with _opened(data_or_path, label) as image:
        return f"image/{_FORMATS[image.format or '']}", image.width, image.height


def make_thumbnail(source: Source, *, name: str | None = None,
                   max_side: int = THUMB_SIDE) -> Thumbnail:
    """A preview whose longest side is at most ``max_side`` (oriented; never upscaled)."""
    label, data_or_path = _source(source, name)
    with _opened(data_or_path, label) as image:
        original = _oriented_size(image)
        image = _decoded(image, max_side, label)
        image = _fit(image, max_side, Image.Resampling.BILINEAR)
        if _has_alpha(image):
            data, mime = _encode(image.convert("RGBA"), "PNG", compress_level=1), "image/png"
        else:
            data, mime = _encode(_opaque(image), "JPEG", quality=80), "image/jpeg"
        return Thumbnail(data, mime, image.width, image.height, *original,
                         _display_name(label, data_or_path, name))


def prepare_image(source: Source, *, name: str | None = None,
                  max_side: int = MAX_SIDE) -> PreparedImage:
    """The image as it should be sent; see the module docstring for every rule."""
    label, data_or_path = _source(source, name)
    with _opened(data_or_path, label) as image:
        source_format = image.format or ""
        lossless = source_format not in _LOSSY and not (
            source_format == "WEBP" and image.info.get("lossless") is not True)
        icc = image.info.get("icc_profile")
        source_bytes = _byte_size(data_or_path)
        original = _oriented_size(image)
        image = _decoded(image, max_side, label)
        needs_scaling = max(image.size) > max_side
        image = _to_srgb(_fit(image, max_side, Image.Resampling.LANCZOS), icc)
        if _has_alpha(image):
            data, mime = _encode(image.convert("RGBA" if image.mode != "LA" else "LA"),
                                 "PNG"), "image/png"
        else:
            image = _opaque(image)
            data, mime = b"", ""
            if lossless and (image.getcolors(FEW_COLOURS) is not None
                             or (not needs_scaling and source_bytes <= SMALL_LOSSLESS)):
                data, mime = _encode(image, "PNG"), "image/png"
            if not data or len(data) > PNG_BUDGET:
                quality, subsampling = ((SHARP_JPEG_QUALITY, 0) if lossless
                                        else (JPEG_QUALITY, 2))
                data = _encode(image, "JPEG", quality=quality, subsampling=subsampling)
                mime = "image/jpeg"
        return PreparedImage(data, mime, image.width, image.height, *original,
                             _display_name(label, data_or_path, name),
                             hashlib.sha256(data).hexdigest())


# ----- reading -------------------------------------------------------------------------------


def _source(source: Source, name: str | None) -> tuple[str, bytes | Path]:
    """(the name errors use, bytes or a checked path). Errors about a path name it as
    given (``~/Pictures/a.jpg``); :func:`_display_name` is what a result shows."""
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
    try:
        if not path.exists():
            raise InputError(f"{shown} does not exist")
        if not path.is_file():
            raise InputError(f"{shown} is not a file")
        size = path.stat().st_size
        if size == 0:
            raise InputError(f"{shown} is empty")
        if size > MAX_INPUT_BYTES:
            raise _too_large(shown, size)
        with path.open("rb"):
            pass  # permission problems surface here, with the file's name
    except PermissionError:
        raise InputError(f"{shown} cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(f"{shown} cannot be read: {exc.strerror or exc}") from None
    return shown, path


def _display_name(label: str, src: bytes | Path, name: str | None) -> str:
    return name or (src.name if isinstance(src, Path) else label)


def _too_large(label: str, size: int) -> InputError:
    return InputError(f"{label} is {size / 1048576:.1f} MB",
                      hint=f"images up to {MAX_INPUT_BYTES // 1048576} MB can be used")


def _byte_size(data_or_path: bytes | Path) -> int:
    return len(data_or_path) if isinstance(data_or_path, bytes) else data_or_path.stat().st_size


# What Pillow's plugins raise for broken, truncated or hostile data ("image file is
# truncated", "broken PNG file", bad headers...). Anything else is a bug and stays loud.
_PILLOW_FAILURES = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError,
                    KeyError, ZeroDivisionError)


class _opened:
    """``with _opened(src, label) as image``: the first frame, header checked, file closed
    afterwards; every Pillow failure inside becomes an InputError naming ``label``."""

    def __init__(self, data_or_path: bytes | Path, label: str) -> None:
        self.src, self.label = data_or_path, label
        self.image: Image.Image | None = None

    def __enter__(self) -> Image.Image:
        src = io.BytesIO(self.src) if isinstance(self.src, bytes) else self.src
        try:
            self.image = Image.open(src)
        except UnidentifiedImageError:
            raise _not_an_image(self.label, self.src) from None
        except Image.DecompressionBombError:
            raise _bomb(self.label) from None
        except _PILLOW_FAILURES as exc:
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

    def __exit__(self, kind, exc, tb) -> bool:
        if self.image is not None:
            self.image.close()
        if exc is None or isinstance(exc, InputError):
            return False
        if isinstance(exc, (MemoryError, Image.DecompressionBombError)):
            raise _bomb(self.label) from None
        if isinstance(exc, _PILLOW_FAILURES):  # decoding failed: truncated or damaged data
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


# ----- transforming --------------------------------------------------------------------------

_SWAPS_SIDES = {5, 6, 7, 8}  # EXIF orientations that turn the image by 90°


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1) or 1)
    except _PILLOW_FAILURES:  # unreadable EXIF: show the pixels as stored
        return 1


def _oriented_size(image: Image.Image) -> tuple[int, int]:
    w, h = image.size
    return (h, w) if _orientation(image) in _SWAPS_SIDES else (w, h)


def _decoded(image: Image.Image, max_side: int, label: str) -> Image.Image:
    """The first frame, loaded and turned upright; JPEGs decoded at the smallest DCT scale
    (1/2, 1/4, 1/8) that still leaves at least ``max_side`` on the longest side."""
    orientation = _orientation(image)
    if image.format in ("JPEG", "MPO"):
        scale = min(1.0, max_side / max(image.size))
        wanted = (max(1, int(image.width * scale)), max(1, int(image.height * scale)))
        image.draft(None, wanted)
    image.load()  # the first frame of an animation: Image.open stands on it
    image = _eight_bit(image)
    if orientation != 1:
        image.getexif()[0x0112] = orientation  # draft/seek may have dropped it
        image = ImageOps.exif_transpose(image)
    return image


def _eight_bit(image: Image.Image) -> Image.Image:
    """16-bit and float greyscale (scans, scientific PNG/TIFF) as 8-bit L. Pillow's own
    conversion clips instead of scaling, which turns most such images white."""
    if image.mode.startswith("I;16"):
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if image.mode in ("I", "F"):
        low, high = image.getextrema()
        scale = 255 / (high - low) if high > low else 1
        return image.point(lambda v: (v - low) * scale).convert("L")
    return image


def _fit(image: Image.Image, max_side: int, resample: Image.Resampling) -> Image.Image:
    if max(image.size) <= max_side:
        return image
    scale = max_side / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    if image.mode in ("P", "1"):
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    return image.resize(size, resample, reducing_gap=3.0)


def _has_alpha(image: Image.Image) -> bool:
    """True only for transparency that shows: an alpha channel not entirely opaque."""
    if image.mode in ("P", "L", "RGB") and "transparency" in image.info:
        image = image.convert("RGBA")  # a palette entry or colour key marked transparent
    if image.mode not in ("RGBA", "LA", "PA", "RGBa", "La"):
        return False
    return image.getchannel("A").getextrema()[0] < 255


def _opaque(image: Image.Image) -> Image.Image:
    """RGB, or L for greyscale (smaller, and every gateway takes it)."""
    if image.mode == "L":
        return image
    return image.convert("L" if image.mode == "1" else "RGB")


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Pixels in sRGB: an embedded ICC profile (e.g. Display P3) is applied, not sent."""
    if not icc or ImageCms is None or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image.convert("RGB") if image.mode == "CMYK" else image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" in (ImageCms.getProfileDescription(source) or "").lower():
            return image.convert("RGB") if image.mode == "CMYK" else image
        out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                         outputMode=out_mode) or image
    except (ImageCms.PyCMSError, *_PILLOW_FAILURES):
        # A broken profile: the pixels as they are beat no image at all.
        return image.convert("RGB") if image.mode == "CMYK" else image


def _encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    """Pixels only: Pillow's PNG writer would otherwise copy ``info`` (an ICC profile the
    pixels no longer follow, a colour key) into the file. ``image`` is ours to change."""
    image.info = {}
    out = io.BytesIO()
    if fmt == "PNG":
        options.setdefault("compress_level", 6)
    image.save(out, fmt, **options)
    return out.getvalue()
