"""Images the user sends, prepared for a request: oriented, scaled, re-encoded (Pillow).

One preparation serves the desktop composer (drop, paste, file picker) and
``parley ask --image``:

- :func:`make_thumbnail` — a small preview fast enough to show at once: JPEG ``draft()``
  decodes at 1/8 scale, so a 10 MB 24-megapixel JPEG takes ~200 ms here (a third of a full
  decode; what remains is entropy-decoding the file, which grows with its size).
- :func:`prepare_image` — what is sent: EXIF orientation applied, longest side at most
  :data:`MAX_SIDE` px (never upscaled; JPEGs are decoded at a reduced scale first),
  metadata stripped (colours converted to sRGB when an ICC profile says otherwise), and
  re-encoded: JPEG for photos, PNG for real transparency and for screenshot-like images
  (lossless source with few colours, or a small lossless image that needs no scaling).
  Animated images send their first frame. The result is an immutable
  :class:`PreparedImage` with a ``data_url`` for an ``image_url`` part
  (tests/fixtures/seed000_*.sse).
- :func:`probe_image` — format and size from the header only (e.g. generated images).

Sources (:data:`Source`): a path (``str`` / ``os.PathLike``), raw bytes (pasted image
data, or image data dragged from a browser: prefer the clipboard's own ``image/png`` bytes
to re-encoding a QImage on the UI thread), or a ``PIL.Image.Image`` (e.g. a pasted QImage's
pixels wrapped with ``Image.frombuffer``; it is neither changed nor closed), each with an
optional display ``name`` ("pasted image" by default for bytes and images). Anything
unusable raises :class:`~app.core.errors.InputError` whose message names the file (see
:mod:`.source`: missing, unreadable, empty, not an image, damaged or truncated,
unsupported format such as HEIC, larger than :data:`MAX_INPUT_BYTES`, more than
:data:`MAX_PIXELS` pixels); the hint says what is accepted.

Threading: pure CPU and file reads, no shared state — call from a worker thread, never on
the UI thread: ``await loop.run_in_executor(None, functools.partial(prepare_image, path))``.
Pillow releases the GIL while it decodes, resamples and encodes (verified: a 5 ms ticker
on the loop's thread is late by at most ~10-30 ms while a 24 MP JPEG is prepared in a
worker on a loaded 2-core machine; ``bench/image_bench.py`` measures it). The steps that
hold the GIL are short on ≤ 2048 px images (colour counting, alpha extrema: ~20 ms).
On 2 cores, start the thumbnail before the preparation so it is not queued behind it.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import cast

from PIL import Image, ImageOps

from app.core.images.formats import data_url, extension_for
from app.core.images.source import (
    ACCEPTED,
    MAX_INPUT_BYTES,
    MAX_PIXELS,
    PILLOW_FAILURES,
    Source,
    byte_size,
    checked_source,
    display_name,
    mime_of,
    opened,
)

__all__ = [
    "ACCEPTED",
    "MAX_INPUT_BYTES",
    "MAX_PIXELS",
    "MAX_SIDE",
    "THUMB_SIDE",
    "PreparedImage",
    "Source",
    "Thumbnail",
    "data_url",
    "extension_for",
    "make_thumbnail",
    "prepare_image",
    "probe_image",
]

try:  # colour management: in every Pillow wheel, optional in source builds
    from PIL import ImageCms
except ImportError:  # pragma: no cover - depends on the Pillow build
    ImageCms = None  # type: ignore[assignment]

MAX_SIDE = 2048                        # longest side sent to the model
THUMB_SIDE = 256                       # default longest side of a preview
JPEG_QUALITY = 85
SHARP_JPEG_QUALITY = 90                # lossless sources that still go out as JPEG (text)
PNG_BUDGET = 4 * 1024 * 1024           # an opaque PNG larger than this goes out as JPEG
FEW_COLOURS = 4096                     # at most this many: screenshot-like, kept as PNG
SMALL_LOSSLESS = 2 * 1024 * 1024       # a lossless source this small that needs no scaling
# WebP counts as lossy: Pillow does not tell its lossless variant apart.
_LOSSY = {"JPEG", "MPO", "HEIF", "AVIF", "WEBP"}


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
        return extension_for(self.mime)

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


def probe_image(source: Source, *, name: str | None = None) -> tuple[str, int, int]:
    """``(mime, width, height)`` from the header only (width/height before orientation).
    Raises InputError like :func:`prepare_image`."""
    label, src = checked_source(source, name)
    with opened(src, label) as image:
        return mime_of(image), image.width, image.height


def make_thumbnail(source: Source, *, name: str | None = None,
                   max_side: int = THUMB_SIDE) -> Thumbnail:
    """A preview whose longest side is at most ``max_side`` (oriented; never upscaled)."""
    label, data_or_path = checked_source(source, name)
    with opened(data_or_path, label) as image:
        original = _oriented_size(image)
        image = _decoded(image, max_side)
        image = _fit(image, max_side, Image.Resampling.BILINEAR)
        if _has_alpha(image):
            data, mime = _encode(image.convert("RGBA"), "PNG", compress_level=1), "image/png"
        else:
            data, mime = _encode(_opaque(image), "JPEG", quality=80), "image/jpeg"
        return Thumbnail(data, mime, image.width, image.height, *original,
                         display_name(label, data_or_path, name))


def prepare_image(source: Source, *, name: str | None = None,
                  max_side: int = MAX_SIDE) -> PreparedImage:
    """The image as it should be sent; see the module docstring for every rule."""
    label, data_or_path = checked_source(source, name)
    with opened(data_or_path, label) as image:
        lossless = image.format not in _LOSSY
        icc = image.info.get("icc_profile")
        source_bytes = byte_size(data_or_path)
        original = _oriented_size(image)
        image = _decoded(image, max_side)
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
                             display_name(label, data_or_path, name),
                             hashlib.sha256(data).hexdigest())


# ----- transforming --------------------------------------------------------------------------

_SWAPS_SIDES = {5, 6, 7, 8}  # EXIF orientations that turn the image by 90°


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1) or 1)
    except PILLOW_FAILURES:  # unreadable EXIF: show the pixels as stored
        return 1


def _oriented_size(image: Image.Image) -> tuple[int, int]:
    w, h = image.size
    return (h, w) if _orientation(image) in _SWAPS_SIDES else (w, h)


def _decoded(image: Image.Image, max_side: int) -> Image.Image:
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
        low, high = cast("tuple[float, float]", image.getextrema())  # one band: (min, max)
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
    low, _ = cast("tuple[int, int]", image.getchannel("A").getextrema())  # one band
    return low < 255


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
    except (ImageCms.PyCMSError, *PILLOW_FAILURES):
        # A broken profile: the pixels as they are beat no image at all.
        return image.convert("RGB") if image.mode == "CMYK" else image


def _encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    """Pixels only: Pillow's PNG writer would otherwise copy an ICC profile (which the
    pixels no longer follow) and a colour key from ``image.info`` into the file."""
    out = io.BytesIO()
    options["icc_profile"] = None
    if fmt == "PNG":
        options.setdefault("compress_level", 6)
        options["transparency"] = None
    image.save(out, fmt, **options)
    return out.getvalue()

