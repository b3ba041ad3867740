"""Links in the transcript, as the user meets them: where one goes, said on hover (the
status bar) before any click; and a question before opening a link whose words name
another host (see :mod:`app.core.render.links`). Nothing opens without a click.

Threading: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.render import image_source
from app.core.render.links import LINK_SCHEME, unpack_checked_link
from app.ui.runtime.icons import plain_buttons


def describe_link(url: QUrl) -> str:
    """What a hover over ``url`` should tell ("" for Parley's own actions)."""
    text = url.toString()
    scheme = url.scheme().lower()
    if scheme in ("http", "https", "mailto"):
        return QCoreApplication.translate("Links", "Opens %1").replace("%1", text)
    if scheme == LINK_SCHEME:
        unpacked = unpack_checked_link(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        if unpacked is not None:
            href, shown = unpacked
            return QCoreApplication.translate(
                "Links", "Opens %1 — not %2, as the text says").replace(
                "%1", href).replace("%2", shown)
    if scheme == "parley-image":
        source = image_source(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        if source is not None:
            return QCoreApplication.translate(
                "Links", "Click to load this picture from %1").replace(
                "%1", QUrl(source).host())
    return ""


def open_checked_link(parent: QWidget, argument: str) -> QMessageBox | None:
    """Ask before opening a link whose words name another host; returns the open question
    (not exec(): the event loop keeps running), or None if ``argument`` is not such a link."""
    unpacked = unpack_checked_link(argument)
    if unpacked is None:
        return None
    href, shown = unpacked
    title = QCoreApplication.translate("Links", "Open this link?")
    box = QMessageBox(QMessageBox.Icon.Warning, title, QCoreApplication.translate(
        "Links", "The link's text says %1, but it opens:\n\n%2\n\nOpen it anyway?").replace(
        "%1", shown).replace("%2", href), QMessageBox.StandardButton.Open
        | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("linkCheck")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    plain_buttons(box.buttons())
    box.accepted.connect(lambda: QDesktopServices.openUrl(QUrl(href)))
    box.open()
    return box
