"""What the clipboard holds, as quick ask's :class:`~app.core.quick_ask.ClipboardContent`.

Text comes as it is. An image — a screenshot or a copied picture, or a copied image
file (a file manager puts its URL on the clipboard) — is taken on the GUI thread (QImage
is implicitly shared, so that is a cheap copy), then encoded to PNG and passed through
``prepare`` in a worker thread, which returns the data URL and its MIME type. Pass the
image-preparation step there (scaling, re-encoding)::

    from app.core.images.prepare import prepare_image

    def prepare(data: bytes, name: str) -> tuple[str, str]:
        image = prepare_image(data, name=name)
        return image.data_url, image.mime

    content = await read_clipboard(prepare)

The default ``prepare`` sends the PNG as it is. Along with an image, text that is only a
URL or a path (what browsers and file managers add) is left out: it would only distract.
``prepare`` may raise :class:`~app.core.errors.InputError` (a damaged image); it passes
through. Threading: call on the GUI thread from a coroutine on the Qt loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QClipboard, QGuiApplication, QImage

from app.core.images.formats import data_url, sniff_image_type
from app.core.images.source import MAX_INPUT_BYTES
from app.core.quick_ask import ClipboardContent
from app.ui.images.offered import pixels_to_png

Prepare = Callable[[bytes, str], tuple[str, str]]  # (image bytes, display name) → (url, mime)


def send_as_is(data: bytes, name: str) -> tuple[str, str]:
    mime = sniff_image_type(data) or "image/png"
    return data_url(data, mime), mime


async def read_clipboard(prepare: Prepare = send_as_is,
                         clipboard: QClipboard | None = None) -> ClipboardContent:
    """The clipboard's text and image, ready for :func:`~app.core.quick_ask.build_request`."""
    clipboard = clipboard or QGuiApplication.clipboard()
    mime = clipboard.mimeData()
    if mime is None:
        return ClipboardContent()
    text = mime.text() if mime.hasText() else ""
    image = QImage(clipboard.image()) if mime.hasImage() else QImage()
    urls = mime.urls() if mime.hasUrls() else []
    files = [url.toLocalFile() for url in urls if url.isLocalFile()]
    data: bytes | None
    if not image.isNull():
        data, name = await asyncio.to_thread(pixels_to_png, image), "clipboard.png"
    elif len(files) == 1:
        data, name = await asyncio.to_thread(_image_file, files[0]), Path(files[0]).name
    else:
        data = None
    if not data:
        return ClipboardContent(text)
    url, kind = await asyncio.to_thread(prepare, data, name)
    if _only_a_reference(text):
        text = ""
    return ClipboardContent(text, url, kind)


def _image_file(path: str) -> bytes | None:
    """The bytes of a copied image file; None for anything else (sent as its path)."""
    try:
        file = Path(path)
        if not file.is_file() or file.stat().st_size > MAX_INPUT_BYTES:
            return None
        data = file.read_bytes()
    except OSError:
        return None
    return data if sniff_image_type(data[:16]) else None


def _only_a_reference(text: str) -> bool:
    stripped = text.strip()
    return "\n" not in stripped and " " not in stripped and (
        "://" in stripped or stripped.startswith(("/", "~", "file:")) or ":\\" in stripped)
