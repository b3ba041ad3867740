"""Images the transcript's documents may show, and nothing else.

``parley-math:`` formulas come from the renderer's SVG cache (drawn once per pixel ratio
and kept within MATH_IMAGE_BUDGET); ``parley-thumb:`` (sent and generated images) and
``parley-web:`` (a web image the user clicked to load) are handed over decoded with
:meth:`Resources.set_image` and kept within PICTURE_BUDGET; until then a light placeholder
of the same size holds their place, so nothing jumps. Anything else — http(s), files — is
refused: model output is untrusted, and nothing is fetched without a click.

Each part of a message is a :class:`PartDocument`, which asks the transcript's one
:class:`Resources` for its images.

Threading: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QObject, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument

from app.core.render.lru import MIB, ByteLRU

IMAGE_SCHEMES = ("parley-thumb", "parley-web")
MATH_IMAGE_BUDGET = 4 * MIB  # formulas drawn: 1–50 KB each (4× on a HiDPI screen)
PICTURE_BUDGET = 24 * MIB    # thumbnails: ~60 generated images at 384 px, or 250 sent ones


class Resources:
    """The images of one transcript, by URL."""

    def __init__(self, ratio: Callable[[], float], placeholder: Callable[[], QColor],
                 math_budget: int = MATH_IMAGE_BUDGET) -> None:
        """``ratio``: the screen's device pixel ratio now; ``placeholder``: the colour an
        image not decoded yet is shown in."""
        self._ratio, self._placeholder = ratio, placeholder
        self.provider: Callable[[str], bytes | None] = lambda url: None
        self.math: ByteLRU[tuple[str, int], QImage] = ByteLRU(math_budget, QImage.sizeInBytes)
        # parley-thumb/web images handed over; one dropped is decoded again when shown again
        self.pictures: ByteLRU[str, QImage] = ByteLRU(PICTURE_BUDGET, QImage.sizeInBytes)

    def set_provider(self, provider: Callable[[str], bytes | None]) -> None:
        """Where ``parley-math:`` images come from (the renderer's SVG cache)."""
        self.provider = provider
        self.math.clear()

    def load(self, url: QUrl) -> QImage | None:
        """The image for ``url``, or None (never fetched from the network)."""
        scheme = url.scheme()
        if scheme in IMAGE_SCHEMES:
            picture = self.pictures.get(url.toString())
            return picture if picture is not None else _placeholder(self._placeholder())
        if scheme != "parley-math":
            return None  # never fetch http(s) or files: model output is untrusted
        ratio = max(1, round(self._ratio()))
        key = (url.toString(), ratio)
        image = self.math.get(key)
        if image is None:
            data = self.provider(url.toString())
            if not data:
                return None
            image = _svg_to_image(data, ratio)
            self.math.put(key, image)
        return image


# px a list level indents (Qt's default is 40: a nested bullet then sits far from its
# parent's text; the ChatGPT app and Chatbox indent about 24).
LIST_INDENT = 24


class PartDocument(QTextDocument):
    """One part's document: its images come from the transcript's :class:`Resources`."""

    def __init__(self, resources: Resources, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.resources = resources
        self.setDocumentMargin(0)
        self.setIndentWidth(LIST_INDENT)
        self.setUndoRedoEnabled(False)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        if getattr(kind, "value", kind) != QTextDocument.ResourceType.ImageResource.value:
            return None
        return self.resources.load(QUrl(name))


def _placeholder(colour: QColor) -> QImage:
    """One pixel in the given colour, stretched by the <img> size."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(colour)
    return image


def _svg_to_image(data: bytes, ratio: int) -> QImage:
    from PySide6.QtSvg import QSvgRenderer  # with the first formula, not at start-up

    renderer = QSvgRenderer(QByteArray(data))
    size = renderer.defaultSize()
    if size.isEmpty():
        size = QSize(16, 16)
    image = QImage(size * ratio, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return image
