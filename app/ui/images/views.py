"""Stored images in the transcript: thumbnails decoded off the UI thread, and what a click
on one does (open full size, save as, copy). Sent documents are file cards instead
(app.ui.documents.cards); a click opens the original file.

Sent images show as small thumbnails under the question; generated images larger, with the
prompt the model actually used and Save as… / Copy / Open. Each thumbnail is decoded once
per run in a worker (``make_thumbnail``) and handed to the transcript, which shows a
same-sized placeholder until then. Links are ``parley-attachment:VERB:ID``.

Threading: GUI thread; file reads and decoding in the loop's executor.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import re
import shutil
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QMimeData, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.errors import ParleyError
from app.core.history import AsyncHistory
from app.ui.chat.transcript import ImageView
from app.ui.images.offered import thumbnail
from app.ui.runtime.tasks import start_task

SENT_BOX = 160        # px: a sent image's thumbnail fits in this square
GENERATED_BOX = 384   # px: a generated image is shown this large
SCHEME = "parley-attachment"


def fit(width: int, height: int, box: int) -> tuple[int, int]:
    """The size that fits ``box`` keeping the aspect ratio (never larger than the image)."""
    if width <= 0 or height <= 0:
        return box, box
    scale = min(1.0, box / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


class ImageCanvas(Protocol):
    """What :class:`TranscriptImages` needs of the transcript it shows images in
    (:class:`app.ui.chat.transcript.Transcript`): decoded images handed over by URL, a web
    image's placeholder link replaced, the screen's pixel ratio, a window for dialogs."""

    def has_image(self, url: str) -> bool: ...
    def set_image(self, url: str, image: QImage) -> None: ...
    def picture(self, url: str) -> QImage: ...
    def replace_link(self, href: str, fragment_html: str) -> int: ...
    def devicePixelRatioF(self) -> float: ...
    def window(self) -> object: ...


class TranscriptImages(QObject):
    notice = Signal(str)   # a message for the status bar (saved, copied, missing file)

    def __init__(self, transcript: ImageCanvas, history: AsyncHistory,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.transcript = transcript
        self.history = history
        self._loading: set[str] = set()
        self._limit = asyncio.Semaphore(2)  # two cores: two decodes at a time
        self._dialog: QFileDialog | None = None

    def views(self, attachments) -> tuple[ImageView, ...]:
        """ImageViews for a message's attachments; starts loading any thumbnail not shown yet."""
        views = []
        for a in attachments:
            if a.is_document:  # a file card; a click opens the original file
                from app.ui.documents.cards import document_card  # with the first document

                views.append(document_card(a, self.transcript, f"{SCHEME}:open:{a.id}"))
                continue
            generated = a.kind == "generated"
            box = GENERATED_BOX if generated else SENT_BOX
            width, height = fit(a.width, a.height, box)
            url = f"parley-thumb:{a.id}"
            actions: tuple[tuple[str, str], ...] = ()
            if generated:
                actions = ((self.tr("Save as…"), f"{SCHEME}:save:{a.id}"),
                           (self.tr("Copy image"), f"{SCHEME}:copy:{a.id}"),
                           (self.tr("Open"), f"{SCHEME}:open:{a.id}"))
            views.append(ImageView(url, width, height, f"{SCHEME}:open:{a.id}",
                                   caption=(a.revised_prompt or "") if generated else "",
                                   actions=actions))
            if not self.transcript.has_image(url) and url not in self._loading:
                self._loading.add(url)
                start_task(self._load(a, url, box), name="thumbnail")
        return tuple(views)

    async def _load(self, attachment, url: str, box: int) -> None:
        try:
            async with self._limit:
                path = await self.history.attachment_path(attachment)
                image = await thumbnail(path, max_side=box, ratio=self._ratio())
        except ParleyError as error:
            self.notice.emit(str(error))
            return
        finally:
            self._loading.discard(url)
        self.transcript.set_image(url, image)

    def _ratio(self) -> float:
        return max(1.0, self.transcript.devicePixelRatioF())

    # ----- web images in answers ---------------------------------------------------------

    def load_web(self, href: str, source: str, download) -> None:
        """The user clicked a web image's placeholder: only now fetch it (``download``:
        ``async (url) -> bytes``, without the API key) and show it in place."""
        start_task(self._load_web(href, source, download), name="web image")

    async def _load_web(self, href: str, source: str, download) -> None:
        url = "parley-web:" + hashlib.sha256(source.encode()).hexdigest()[:32]
        if not self.transcript.has_image(url):
            self.notice.emit(self.tr("Loading the image…"))
            try:
                image = await thumbnail(await download(source), name=source,
                                        max_side=GENERATED_BOX, ratio=self._ratio())
            except ParleyError as error:
                self.notice.emit(str(error))
                return
            self.transcript.set_image(url, image)
        image = self.transcript.picture(url)
        width, height = fit(round(image.width() / image.devicePixelRatio()),
                            round(image.height() / image.devicePixelRatio()), GENERATED_BOX)
        self.notice.emit("")
        # The picture links to its address: a further click opens it in the browser.
        self.transcript.replace_link(href, f'<a href="{html.escape(source)}"><img src="{url}" '
                                           f'width="{width}" height="{height}"></a>')

    # ----- clicks ------------------------------------------------------------------------

    def action(self, argument: str) -> None:
        """``VERB:ID`` from a ``parley-attachment:`` link."""
        verb, _, raw = argument.partition(":")
        if raw.isdigit() and verb in ("open", "save", "copy"):
            start_task(getattr(self, f"_{verb}")(int(raw)))

    async def _open(self, attachment_id: int) -> None:
        try:
            path = await self.history.attachment_path(attachment_id)
        except ParleyError as error:
            self.notice.emit(str(error))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    async def _copy(self, attachment_id: int) -> None:
        try:
            attachment = await self.history.attachment(attachment_id)
            data = await self.history.attachment_bytes(attachment)
        except ParleyError as error:
            self.notice.emit(str(error))
            return
        loop = asyncio.get_running_loop()
        image = await loop.run_in_executor(None, QImage.fromData, data)
        mime = QMimeData()
        mime.setImageData(image)
        mime.setData(attachment.mime, data)  # the original bytes, for apps that take them
        QGuiApplication.clipboard().setMimeData(mime)
        self.notice.emit(self.tr("Image copied"))

    async def _save(self, attachment_id: int) -> None:
        try:
            attachment = await self.history.attachment(attachment_id)
            source = await self.history.attachment_path(attachment)
        except ParleyError as error:
            self.notice.emit(str(error))
            return
        suggested = _file_name(attachment.revised_prompt or attachment.name, source.suffix)
        parent = self.transcript.window()
        dialog = QFileDialog(parent if isinstance(parent, QWidget) else None,
                             self.tr("Save image"), str(Path.home() / suggested))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(source.suffix.lstrip("."))
        dialog.fileSelected.connect(lambda target: start_task(self._copy_file(source, target)))
        self._dialog = dialog
        dialog.open()  # not exec(): the loop keeps running (docs/ARCHITECTURE.md, pitfalls)

    async def _copy_file(self, source: Path, target: str) -> None:
        try:
            await asyncio.to_thread(shutil.copyfile, source, target)
        except OSError as error:
            self.notice.emit(self.tr("Could not save the image: %1").replace(
                "%1", error.strerror or str(error)))
            return
        self.notice.emit(self.tr("Saved %1").replace("%1", Path(target).name))


def _file_name(text: str, suffix: str) -> str:
    words = re.sub(r"[^\w\s-]", "", text, flags=re.UNICODE).split()[:6]
    return ("-".join(words).lower() or "parley-image")[:60] + (suffix or ".png")
