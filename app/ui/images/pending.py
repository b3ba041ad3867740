"""Images the user has offered for the next message, from the drop to the request.

For each image: a thumbnail first (shown within a few hundred ms even for a 24 MP photo),
then the full preparation (oriented, ≤ 2048 px, re-encoded; app.core.images.prepare). Both run
in worker threads — Pillow releases the GIL while it decodes — so the window never stalls.
An image that cannot be used is dropped from the strip with a message naming it; nothing
else in the composer changes.

Threading: GUI thread; the work runs in the loop's default executor.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
from dataclasses import dataclass, field
from typing import Protocol, cast

from PySide6.QtCore import QCoreApplication, QObject, Signal, SignalInstance
from PySide6.QtGui import QImage

from app.core.errors import ParleyError
from app.core.images.prepare import PreparedImage, prepare_image
from app.ui.images.offered import Offered, pixels_to_png, thumbnail
from app.ui.runtime.tasks import start_task

_keys = itertools.count(1)


def new_key() -> int:
    """A chip's key, unique among images and documents (they share the strip)."""
    return next(_keys)


@dataclass
class Pending:
    key: int
    offered: Offered
    task: asyncio.Task | None = None
    prepared: object = None  # PreparedImage, or an Attachment being sent again
    error: str = ""
    thumbnail: QImage | None = None  # kept to show the chip again (see set_aside)
    detail: str = ""
    done: asyncio.Event = field(default_factory=asyncio.Event)


class ImageChips(Protocol):
    """The composer's strip: one chip per image, by key."""

    def add(self, key: int, name: str) -> None: ...
    def set_thumbnail(self, key: int, image: QImage) -> None: ...
    def set_detail(self, key: int, detail: str) -> None: ...
    def remove(self, key: int) -> None: ...


class ImageTray(Protocol):
    """What :class:`PendingImages` needs of the composer (:class:`app.ui.chat.composer.Composer`):
    its strip, a nudge to re-check Send, and the signals for images offered
    (``[Offered]``) and chips removed (key)."""

    @property
    def strip(self) -> ImageChips: ...
    def refresh(self) -> None: ...
    @property
    def imagesOffered(self) -> SignalInstance: ...
    @property
    def attachmentRemoved(self) -> SignalInstance: ...


class PendingImages(QObject):
    """Owns the composer's strip contents. ``problem`` carries a message for the user."""

    problem = Signal(str)
    finished = Signal()  # an image is prepared (or failed): its real size is known

    def __init__(self, composer: ImageTray, download, history,
                 parent: QObject | None = None) -> None:
        """``download``: ``async (url) -> bytes`` for an address dropped from a browser
        (no API key). ``history``: where images being re-sent (an edited question) are
        read from."""
        super().__init__(parent)
        self.composer = composer
        self.download = download
        self.history = history
        self.items: dict[int, Pending] = {}
        self._aside: dict[int, Pending] = {}  # staged before a question's edit began
        # What is offered reaches :meth:`offer` through the documents' router
        # (app.ui.documents.staged): a PDF dropped is not an image.
        composer.attachmentRemoved.connect(self.remove)

    def offer(self, offered: list[Offered]) -> None:
        for item in offered:
            pending = Pending(next(_keys), item)
            self.items[pending.key] = pending
            self.composer.strip.add(pending.key, item.name)
            pending.task = start_task(self._prepare(pending), name="prepare image")
        self.composer.refresh()

    def reuse(self, attachments: list) -> None:
        """Images already in the history (editing a question): sent again as they were."""
        for attachment in attachments:
            pending = Pending(next(_keys), Offered("stored", attachment.id, attachment.name))
            pending.prepared = attachment
            pending.done.set()
            self.items[pending.key] = pending
            self.composer.strip.add(pending.key, attachment.name)
            self._set_detail(pending, self.tr("Sent before"))
            pending.task = start_task(self._stored_thumbnail(pending, attachment))
        self.composer.refresh()

    async def _stored_thumbnail(self, pending: Pending, attachment) -> None:
        try:
            image = await thumbnail(await self.history.attachment_path(attachment))
        except ParleyError:
            return  # the chip keeps its placeholder; sending reports a missing file
        self._set_thumbnail(pending, image)

    def remove(self, key: int) -> None:
        pending = self.items.pop(key, None)
        if pending is not None:
            if pending.task is not None:
                pending.task.cancel()
            pending.done.set()  # a task cancelled before it started never gets to say so
        self.composer.strip.remove(key)
        self.composer.refresh()

    def clear(self) -> None:
        """Drop the images staged for the next message (not those set aside)."""
        for key in list(self.items):
            self.remove(key)

    def set_aside(self) -> None:
        """A question is being edited: the images staged for the next message leave the
        strip (those still being prepared go on) until :meth:`bring_back`."""
        for key, pending in self.items.items():
            self._aside[key] = pending
            self.composer.strip.remove(key)
        self.items = {}
        self.composer.refresh()

    def bring_back(self) -> None:
        """The edit ended: its images go, and those set aside are staged again, as they were."""
        self.clear()
        self.items, self._aside = self._aside, {}
        for pending in self.items.values():
            self.composer.strip.add(pending.key, pending.offered.name)
            if pending.thumbnail is not None:
                self.composer.strip.set_thumbnail(pending.key, pending.thumbnail)
            if pending.detail:
                self.composer.strip.set_detail(pending.key, pending.detail)
        self.composer.refresh()

    def __bool__(self) -> bool:
        return bool(self.items)

    async def ready(self) -> list:
        """Wait for every image still being prepared; the ones that worked, in order."""
        items = list(self.items.values())
        for pending in items:
            await pending.done.wait()
        return [p.prepared for p in items if p.prepared is not None]

    async def _prepare(self, pending: Pending) -> None:
        loop = asyncio.get_running_loop()
        item = pending.offered
        source: str | bytes
        try:  # item.kind says which of its value's types it holds
            if item.kind == "pixels":
                source = await loop.run_in_executor(None, pixels_to_png, cast(QImage, item.value))
            elif item.kind == "url":
                source = await self.download(cast(str, item.value))
            else:
                source = cast("str | bytes", item.value)
            # The thumbnail first: on two cores it must not queue behind the preparation.
            self._set_thumbnail(pending, await thumbnail(source, name=item.name))
            prepared = await loop.run_in_executor(
                None, functools.partial(prepare_image, source, name=item.name))
        except ParleyError as error:
            pending.error = str(error)
        except Exception as error:
            pending.error = self.tr("%1 cannot be used: %2").replace("%1", item.name).replace(
                "%2", str(error) or type(error).__name__)
        else:
            pending.prepared = prepared
            self._set_detail(pending, _detail(prepared))
        finally:
            pending.done.set()
            self.finished.emit()
        if pending.error and (pending.key in self.items or pending.key in self._aside):
            self.items.pop(pending.key, None)
            self._aside.pop(pending.key, None)
            self.composer.strip.remove(pending.key)
            self.composer.refresh()
            self.problem.emit(pending.error)

    def _set_thumbnail(self, pending: Pending, image: QImage) -> None:
        pending.thumbnail = image
        if pending.key in self.items:  # not while set aside: its chip is not shown
            self.composer.strip.set_thumbnail(pending.key, image)

    def _set_detail(self, pending: Pending, detail: str) -> None:
        pending.detail = detail
        if pending.key in self.items:
            self.composer.strip.set_detail(pending.key, detail)


def _detail(image: PreparedImage) -> str:
    sent = (f"{image.width}×{image.height} {image.mime.split('/')[1].upper()}, "
            f"{max(1, round(len(image.data) / 1024))} KB")
    if image.scaled:
        return QCoreApplication.translate("PendingImages", "Sends %1 (scaled from %2)").replace(
            "%1", sent).replace("%2", f"{image.original_width}×{image.original_height}")
    return QCoreApplication.translate("PendingImages", "Sends %1").replace("%1", sent)

