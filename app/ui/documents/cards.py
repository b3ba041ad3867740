"""Sent documents in the transcript: a compact file card under the question — the file-type
icon, the name, and what was sent ("12 pages · ~8,400 tokens · pages 3, 7 as images").
A click on the card opens the original file (kept in the history) with the desktop's
program for it (``parley-attachment:open:ID``, see app.ui.images.views).

Threading: GUI thread (the icon is drawn once per colour and handed to the transcript).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette

from app.ui.chat.transcript import ImageView
from app.ui.documents import limits
from app.ui.documents.chip import icon_name
from app.ui.runtime.icons import icon

CARD_ICON = 28  # px


def document_card(attachment: Any, canvas: Any, open_url: str) -> ImageView:
    """The card of a stored document ``attachment`` (its ``meta`` says what was sent);
    ``canvas`` (the transcript) gets the icon's picture if it has not got it yet."""
    meta = attachment.meta
    name = icon_name(str(meta.get("kind") or "text"))
    colour = QGuiApplication.palette().color(QPalette.ColorRole.Text)
    url = f"parley-thumb:icon-{name}-{colour.name(QColor.NameFormat.HexRgb)[1:]}"
    if not canvas.has_image(url):
        ratio = max(1.0, canvas.devicePixelRatioF())
        image: QImage = icon(name).pixmap(QSize(CARD_ICON, CARD_ICON), ratio).toImage()
        image.setDevicePixelRatio(ratio)
        canvas.set_image(url, image)
    caption, images = limits.stored_summary(meta)
    if images:
        caption += " · " + images
    return ImageView(url, CARD_ICON, CARD_ICON, open_url, caption=caption,
                     title=attachment.name)
