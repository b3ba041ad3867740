"""What a drop or a paste offers as images: files, image bytes, pixels, or a web address.

Sources, in the order they are preferred:
- local files (a file manager's drag or copy, ``text/uri-list`` with ``file:`` URLs) — any
  file: the preparation step says clearly when one is not an image;
- the encoded bytes a browser or an image editor puts on the clipboard (``image/png``,
  ``image/jpeg``, ...), taken as they are: no re-encoding on the UI thread;
- bare pixels (``application/x-qt-image``), encoded to PNG later in a worker;
- an http(s) address alone (a browser dragging an image it does not hand over), which the
  user's drop asks us to download — without the API key, by the images service's client.

Also :func:`thumbnail`, the one way the UI turns any image source into a small QImage.

Threading: GUI thread (reads QMimeData); decoding happens in workers.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMimeData
from PySide6.QtGui import QImage

RAW_FORMATS = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp", "image/tiff")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff")


@dataclass(frozen=True)
class Offered:
    """One image offered by the user. ``kind``: "path", "bytes", "pixels" or "url"."""

    kind: str
    value: str | bytes | QImage
    name: str


def offered_images(mime: QMimeData) -> list[Offered]:
    """The images in a drop or paste; empty when it holds none (plain text, say)."""
    files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    if files:
        return [Offered("path", f, Path(f).name) for f in files if f]
    pasted = QCoreApplication.translate("ImageInput", "pasted image")
    for fmt in RAW_FORMATS:
        if mime.hasFormat(fmt):
            data = bytes(mime.data(fmt).data())
            if data:
                return [Offered("bytes", data, pasted)]
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            return [Offered("pixels", image, pasted)]
    web = [url.toString() for url in mime.urls() if url.scheme() in ("http", "https")]
    unnamed = QCoreApplication.translate("ImageInput", "web image")
    return [Offered("url", u, Path(u.split("?")[0]).name or unnamed) for u in web
            if u.split("?")[0].lower().endswith(IMAGE_SUFFIXES)]


def has_images(mime: QMimeData) -> bool:
    return bool(offered_images(mime))


def pixels_to_png(image: QImage) -> bytes:
    """Encode pixels as PNG. Call in a worker: a QImage that no other thread uses may be
    read anywhere (it is reentrant), and a screenshot takes ~100 ms to encode."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; Qt wants str
    data: QByteArray = buffer.data()
    return bytes(data.data())



async def thumbnail(source, *, name: str | None = None, max_side: int = 256,
                    ratio: float = 1.0) -> QImage:
    """A preview of ``source`` (see app.core.images.prepare.Source) whose longest side is
    ``max_side`` device-independent pixels, sharp on a ``ratio`` screen. Made and decoded in
    a worker (a QImage nobody else uses is reentrant); raises InputError like the core."""
    from app.core.images.prepare import make_thumbnail

    def make() -> QImage:
        image = QImage.fromData(make_thumbnail(source, name=name,
                                               max_side=round(max_side * ratio)).data)
        image.setDevicePixelRatio(ratio)
        return image

    return await asyncio.get_running_loop().run_in_executor(None, make)
