"""The transcript: one conversation as a read-only rich-text document.

One QTextBrowser holds every message. Messages are appended with a cursor, and each
message's start is remembered as a QTextCursor (which the document keeps up to date), so a
search hit can scroll to its message. The answer being streamed is always the last thing in
the document: finished blocks are appended once, and only the open tail block is replaced on
each update — never the whole document.

Images: ``parley-math:`` formulas come from the renderer's SVG cache; ``parley-thumb:`` (sent
and generated images) and ``parley-web:`` (a web image the user clicked to load) come from
the parent, which decodes them off the UI thread and hands them over with :meth:`set_image`;
until then a light placeholder of the same size holds their place, so nothing jumps. Images
are kept within a byte budget; the document holds those it shows until it is cleared.

Safety: model output arrives here already rendered to HTML with raw HTML escaped. This widget
never fetches anything from the network (``loadResource`` answers only the schemes above),
and links are reported with a signal, opened by the parent only on a click.

Threading: GUI thread only.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from app.core.render.lru import MIB, ByteLRU
from app.ui.chat.links import describe_link

SAFE_SCHEMES = ("http", "https", "mailto")
FOLLOW_SLACK = 24  # px from the bottom that still counts as "at the bottom"
IMAGE_SCHEMES = ("parley-thumb", "parley-web")
MATH_IMAGE_BUDGET = 4 * MIB  # formulas drawn: 1–50 KB each (4× on a HiDPI screen)
PICTURE_BUDGET = 24 * MIB    # thumbnails: ~60 generated images at 384 px, or 250 sent ones


@dataclass(frozen=True)
class ImageView:
    """An image shown in a message: ``url`` is a ``parley-thumb:``/``parley-web:`` resource,
    ``open_url`` what a click on it asks for; ``caption`` (plain text) and ``actions``
    (``(label, url)`` links) go underneath."""

    url: str
    width: int
    height: int
    open_url: str = ""
    caption: str = ""
    actions: tuple[tuple[str, str], ...] = ()


@dataclass
class MessageView:
    """What the transcript shows of one message; ``body_html`` is already rendered."""

    id: int
    role: str
    body_html: str
    header: str = ""
    footer_html: str = ""
    images: tuple[ImageView, ...] = ()


class Transcript(QTextBrowser):
    linkOpenRequested = Signal(QUrl)       # http/https/mailto, clicked
    actionRequested = Signal(str, str)     # action, argument (e.g. "copy-code", "12:0")
    linkHovered = Signal(str)              # where the link under the pointer goes; "" none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setAccessibleName(self.tr("Conversation"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.document().setDocumentMargin(16)
        self.anchorClicked.connect(self._clicked)
        # A link's target is said before any click (the words may name another place).
        self.highlighted.connect(lambda url: self.linkHovered.emit(describe_link(url)))
        self._resources: Callable[[str], bytes | None] = lambda url: None
        self._images: ByteLRU[tuple[str, int], QImage] = ByteLRU(MATH_IMAGE_BUDGET,
                                                                   QImage.sizeInBytes)
        # parley-thumb/web images handed over; one dropped is decoded again when shown again
        self._pictures: ByteLRU[str, QImage] = ByteLRU(PICTURE_BUDGET, QImage.sizeInBytes)
        self._starts: dict[int, QTextCursor] = {}
        self._stream: QTextCursor | None = None   # start of the streaming message
        self._body: QTextCursor | None = None     # start of its body, after the header
        self._tail: QTextCursor | None = None     # start of its open tail block
        self._follow = True
        self._programmatic_scroll = False
        self._scroll_timer = QTimer(self, singleShot=True, interval=0)
        self._scroll_timer.timeout.connect(
            lambda: self._scroll_to_bottom() if self._follow else None)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.rangeChanged.connect(self._range_changed)

    # ----- attributes down -------------------------------------------------------------

    def set_resource_provider(self, provider: Callable[[str], bytes | None]) -> None:
        """Where ``parley-math:`` images come from (the renderer's SVG cache)."""
        self._resources = provider
        self._images.clear()

    def set_image(self, url: str, image: QImage) -> None:
        """An image is decoded: show it wherever ``url`` is used (now and later)."""
        self._pictures.put(url, image)
        self.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        self.document().markContentsDirty(0, self.document().characterCount())
        self.viewport().update()

    def replace_link(self, href: str, fragment_html: str) -> int:
        """Replace every link to ``href`` (e.g. a web image's click-to-load placeholder) by
        ``fragment_html``; how many were replaced."""
        ranges = []
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().anchorHref() == href:
                    ranges.append((fragment.position(), fragment.position() + fragment.length()))
                iterator += 1
            block = block.next()
        for start, end in reversed(ranges):  # from the end: earlier positions stay valid
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertHtml(fragment_html)
        return len(ranges)

    def has_image(self, url: str) -> bool:
        return url in self._pictures

    def picture(self, url: str) -> QImage:
        image = self._pictures.get(url)
        return image if image is not None else QImage()

    def show_messages(self, messages: list[MessageView], preamble_html: str = "") -> None:
        """Replace the document with these messages and follow the bottom."""
        self.clear()
        self._starts.clear()
        self._stream = self._tail = self._body = None
        if preamble_html:
            self._cursor_at_end().insertHtml(preamble_html)
        for message in messages:
            self.append_message(message)
        self._follow = True
        self._scroll_to_bottom()

    def append_message(self, message: MessageView) -> None:
        cursor = self._cursor_at_end()
        if not self.document().isEmpty():
            cursor.insertBlock()
        self._starts[message.id] = _pin(cursor)
        cursor.insertHtml(self._message_html(message))

    def begin_stream(self, message: MessageView) -> None:
        """Start the streaming answer: its header now, its body as updates arrive."""
        cursor = self._cursor_at_end()
        if not self.document().isEmpty():
            cursor.insertBlock()
        self._stream = _pin(cursor)
        self._starts[message.id] = self._stream
        cursor.insertHtml(self._header_html(message))
        cursor.insertBlock()
        self._body = _pin(cursor)
        self._tail = _pin(cursor)

    def stream_update(self, frozen: list[str], tail: str, reset: bool = False) -> None:
        """Append blocks that are final, then replace the open tail block. ``reset``: the
        answer's text was replaced, so everything streamed so far goes first."""
        if self._tail is None or self._body is None:
            return
        cursor = self._select_to_end(self._body if reset else self._tail)
        cursor.removeSelectedText()
        if frozen:  # one insertion, not one per block: each costs a layout and frame scan
            _insert_fragment(cursor, "".join(frozen))
        self._tail = _pin(cursor)
        if tail:
            _insert_fragment(cursor, tail)

    def finish_stream(self, message: MessageView) -> None:
        """The streamed body is final as shown: replace what is left of the open tail (e.g.
        "Making an image…") with the message's images, if any, and its footer (status,
        actions, usage); keep everything else — re-inserting a long answer would freeze the
        window."""
        if self._stream is None:
            self.append_message(message)
            return
        cursor = self._select_to_end(self._tail or self._stream)
        cursor.removeSelectedText()
        if message.images:
            _insert_fragment(cursor, self._images_html(message.images))
        if message.footer_html:
            _insert_fragment(cursor, f'<p style="margin-top:2px; font-size:small;">'
                                     f'{message.footer_html}</p>')
        self._starts[message.id] = self._stream
        self._stream = self._tail = self._body = None

    @property
    def streaming(self) -> bool:
        return self._stream is not None

    def scroll_to_message(self, message_id: int, highlight: str = "") -> bool:
        """Scroll so the message is at the top; highlight ``highlight`` inside it if given."""
        start = self._starts.get(message_id)
        if start is None:
            return False
        self._follow = False
        self.setTextCursor(QTextCursor(start))
        rect = self.cursorRect(QTextCursor(start))
        self._programmatic_scroll = True
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + rect.top() - 8)
        self._programmatic_scroll = False
        self._highlight(start.position(), highlight)
        return True

    # ----- html ----------------------------------------------------------------------

    def _header_html(self, message: MessageView) -> str:
        who = self.tr("You") if message.role == "user" else (message.header or self.tr("Assistant"))
        return (f'<p style="margin-top:6px; margin-bottom:2px;"><b>{html.escape(who)}</b></p>')

    def _images_html(self, images: tuple[ImageView, ...]) -> str:
        if not images:
            return ""
        cells = []
        for image in images:
            picture = (f'<img src="{html.escape(image.url)}" width="{image.width}" '
                       f'height="{image.height}">')
            if image.open_url:
                picture = f'<a href="{html.escape(image.open_url)}">{picture}</a>'
            under = []
            if image.caption:
                under.append(f'<i>{html.escape(image.caption)}</i>')
            if image.actions:
                under.append(" &nbsp;·&nbsp; ".join(
                    f'<a href="{html.escape(url)}">{html.escape(label)}</a>'
                    for label, url in image.actions))
            text = (f'<br><span style="font-size:small;">{"<br>".join(under)}</span>'
                    if under else "")
            cells.append(f'<td style="padding-right:8px;" valign="top">{picture}{text}</td>')
        return ('<table cellspacing="0" cellpadding="0" style="margin-top:6px; margin-bottom:4px;">'
                f'<tr>{"".join(cells)}</tr></table>')

    def _message_html(self, message: MessageView) -> str:
        body = (message.body_html or ("" if message.images else "&nbsp;")) + \
            self._images_html(message.images)
        footer = (f'<p style="margin-top:2px; font-size:small;">{message.footer_html}</p>'
                  if message.footer_html else "")
        if message.role == "user":
            bg = self.palette().alternateBase().color().name()
            return (f'<table width="100%" cellspacing="0" cellpadding="10" bgcolor="{bg}" '
                    f'style="margin-top:6px;"><tr><td>{self._header_html(message)}{body}'
                    f'{footer}</td></tr></table>')
        return self._header_html(message) + body + footer

    # ----- internals -------------------------------------------------------------------

    def _cursor_at_end(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def _select_to_end(self, start: QTextCursor) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start.position())
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _highlight(self, start: int, text: str) -> None:
        selections = []
        if text:
            found = self.document().find(text, start)
            if not found.isNull():
                sel = QTextEdit.ExtraSelection()
                sel.cursor = found
                sel.format.setBackground(QColor(255, 213, 79, 160))
                selections.append(sel)
        self.setExtraSelections(selections)

    def _clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme in SAFE_SCHEMES:
            self.linkOpenRequested.emit(url)
        elif scheme.startswith("parley-"):
            self.actionRequested.emit(scheme.removeprefix("parley-"),
                                      url.path(QUrl.ComponentFormattingOption.FullyEncoded))
        # anything else is ignored: model output may not open arbitrary schemes

    def loadResource(self, kind: int, name: QUrl | str, /) -> QImage | None:
        url = QUrl(name)  # Qt hands over a QUrl; the signature also allows a string
        if url.scheme() in IMAGE_SCHEMES:
            picture = self._pictures.get(url.toString())
            return picture if picture is not None else _placeholder(self.palette())
        if url.scheme() != "parley-math":
            return None  # never fetch http(s) or files: model output is untrusted
        ratio = max(1, round(self.devicePixelRatioF()))
        key = (url.toString(), ratio)
        image = self._images.get(key)
        if image is None:
            data = self._resources(url.toString())
            if not data:
                return None
            image = _svg_to_image(data, ratio)
            self._images.put(key, image)
        return image

    def _scrolled(self, value: int) -> None:
        if self._programmatic_scroll:
            return
        bar = self.verticalScrollBar()
        self._follow = value >= bar.maximum() - FOLLOW_SLACK

    def _range_changed(self, _minimum: int, _maximum: int) -> None:
        # Once per frame at most: scrolling inside insertHtml forces a synchronous layout
        # for every fragment inserted (seen as 70–100 ms stalls on a 100 KB answer).
        if self._follow and not self._scroll_timer.isActive():
            self._scroll_timer.start()

    def _scroll_to_bottom(self) -> None:
        self._programmatic_scroll = True
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
        self._programmatic_scroll = False


def _insert_fragment(cursor: QTextCursor, fragment: str) -> None:
    """Insert rendered blocks so they look as they would in one whole document.

    Measured in Qt 6.11: insertHtml merges a fragment's first block into the block at the
    cursor, keeping *that* block's format (margins, list membership). So: a table goes in as
    it is (Qt gives it a frame of its own); a list starts at the end of a non-empty block
    (a break first would leave an empty line); anything else gets a new block with a plain
    format, and then the format its first block has in the fragment."""
    head = fragment.lstrip()[:4].lower()
    if head.startswith("<tab"):
        cursor.insertHtml(fragment)
        return
    if head.startswith(("<ul", "<ol")):
        cursor.insertHtml(fragment)
        return
    if cursor.block().length() > 1:
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
    first = cursor.block()
    cursor.insertHtml(fragment)
    QTextCursor(first).setBlockFormat(_first_block_format(fragment))


def _first_block_format(fragment: str) -> QTextBlockFormat:
    """The block format of the fragment's first block, as a whole-document insert gives it
    (a parse of the fragment alone: no layout, no frame scan of the transcript)."""
    scratch = QTextDocument()
    scratch.setHtml(fragment)
    return scratch.begin().blockFormat()


def _pin(cursor: QTextCursor) -> QTextCursor:
    """A copy of the cursor that stays put when text is inserted right at it, so it keeps
    marking the start of what is inserted there (and the document moves it for edits above)."""
    pinned = QTextCursor(cursor)
    pinned.setKeepPositionOnInsert(True)
    return pinned


def _placeholder(palette) -> QImage:
    """One pixel in the window's mid-light colour, stretched by the <img> size."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(palette.midlight().color())
    return image


def _svg_to_image(data: bytes, ratio: int) -> QImage:
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

