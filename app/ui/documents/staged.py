"""Documents the user has attached to the next message, from the drop to the request.

Whatever is offered (a drop, a paste of copied files, the paperclip's dialog) comes here
first: images go on to :class:`~app.ui.images.pending.PendingImages`, other files are read
with ``read_attachment`` in a worker while their chip says "Reading…". A refusal (an old
.doc, a damaged file, a folder, too large) drops that chip and goes out of the reading task
to the one failure path (``start_task`` → the window's ``show_failure``); the typed text
and the other chips stay. An encrypted PDF asks for its password (a QInputDialog opened
with ``open()``), again after a wrong one.

Every change — a file read or removed, pages chosen, the text typed, the model or its
parameters — weighs the whole message against the model's context window
(:mod:`.limits`). When it does not fit, the chips concerned turn to the warning colour and
offer "Choose pages…", and the composer holds Send with the reason: nothing is cut silently.

On Send, :meth:`ready` makes each document ready (``prepare_document`` in a worker: page
images are rendered then) for the history and the request.

Threading: GUI thread; reading and preparing run in the loop's default executor.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget

from app.core.documents import (
    Document,
    PasswordNeeded,
    ReadyDocument,
    pages_that_fit,
    prepare_document,
    read_attachment,
    unit_tokens,
)
from app.core.documents.tokens import PAGE_IMAGE_TOKENS, about, image_tokens, text_tokens
from app.core.history import Attachment
from app.ui.documents import limits
from app.ui.documents.chip import ChipState
from app.ui.images.offered import IMAGE_SUFFIXES, Offered
from app.ui.images.pending import PendingImages, new_key
from app.ui.runtime.tasks import start_task

CHECK_MS = 250  # the limit is weighed again this long after the last keystroke


@dataclass
class Staged:
    """One document chip: being read, read (``document``) or sent before (``stored``)."""

    key: int
    path: str
    name: str
    document: Document | None = None
    units: dict[int, int] = field(default_factory=dict)  # number → estimated tokens
    stored: Attachment | None = None
    pages: tuple[int, ...] | None = None  # None: every unit
    ready: ReadyDocument | None = None
    task: asyncio.Task | None = None
    done: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def tokens(self) -> int:
        if self.stored is not None:
            return int(self.stored.meta.get("tokens") or 0)
        wanted = self.units if self.pages is None else self.pages
        return sum(self.units.get(n, 0) for n in wanted)


class DocumentTray(Protocol):
    """What :class:`PendingDocuments` needs of the composer: its strip (images' and
    documents' chips), text, Send's hold, and the offers and removals."""

    @property
    def strip(self) -> Any: ...
    def text(self) -> str: ...
    def refresh(self) -> None: ...
    def hold(self, reason: str) -> None: ...
    @property
    def imagesOffered(self) -> SignalInstance: ...
    @property
    def attachmentRemoved(self) -> SignalInstance: ...
    @property
    def draftChanged(self) -> SignalInstance: ...


class PendingDocuments(QObject):
    """The composer's documents; routes images to ``images``. ``budget`` (set by the
    controller) says what the model in use takes."""

    def __init__(self, composer: DocumentTray, images: PendingImages,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.composer, self.images = composer, images
        self.items: dict[int, Staged] = {}
        self._aside: dict[int, Staged] = {}
        self.budget: Callable[[], limits.Budget | None] = lambda: None
        self.verdict = limits.Verdict(0)
        self.dialog: QDialog | None = None  # the password or pages dialog open now
        self._timer = QTimer(self, singleShot=True, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)
        composer.imagesOffered.connect(self.offer)
        composer.attachmentRemoved.connect(self.remove)
        composer.draftChanged.connect(lambda _: self._timer.start())
        images.finished.connect(self._timer.start)  # an image's real size: weigh again
        strip = composer.strip
        if hasattr(strip, "choosePagesRequested"):
            strip.choosePagesRequested.connect(self.choose_pages)

    # ----- offered, read, refused --------------------------------------------------------

    def offer(self, offered: list[Offered]) -> None:
        """Documents are read here; images (and anything not a local file) go on."""
        pictures = [o for o in offered if o.kind != "path"
                    or Path(str(o.value)).suffix.lower() in IMAGE_SUFFIXES]
        if pictures:
            self.images.offer(pictures)
        for item in offered:
            if item in pictures:
                continue
            staged = Staged(new_key(), str(item.value), item.name)
            self.items[staged.key] = staged
            self.composer.strip.add_document(staged.key, staged.name, staged.path)
            staged.task = start_task(self._read(staged), name="read document")
        self.composer.refresh()

    async def _read(self, staged: Staged, password: str | None = None) -> None:
        read = functools.partial(_read, staged.path, password, staged.name)
        try:
            result = await asyncio.get_running_loop().run_in_executor(None, read)
        except PasswordNeeded as locked:
            if staged.key in self.items or staged.key in self._aside:
                self._ask_password(staged, locked.wrong)
            return
        except Exception:
            self._drop(staged)
            raise  # said by start_task's reporter, naming the file
        if staged.key not in self.items and staged.key not in self._aside:
            return  # removed while it was read
        document, units = result
        if not isinstance(document, Document):  # an image without an image's name
            self._drop(staged)
            self.images.offer([Offered("path", staged.path, staged.name)])
            return
        staged.document, staged.units = document, units
        staged.done.set()
        self.check()

    def _ask_password(self, staged: Staged, wrong: bool) -> None:
        parent = self.composer if isinstance(self.composer, QWidget) else None
        dialog = QInputDialog(parent.window() if parent is not None else None)
        dialog.setObjectName("documentPassword")
        dialog.setWindowTitle(self.tr("Password for %1").replace("%1", staged.name))
        dialog.setLabelText(
            (self.tr("That password did not open %1. Try again:") if wrong
             else self.tr("%1 is protected with a password. Enter it to attach the file:"))
            .replace("%1", staged.name))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.textValueSelected.connect(lambda text: self._retry(staged, text))
        dialog.rejected.connect(lambda: self._drop(staged))
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        """Open ``dialog`` without blocking the loop (not exec(): docs/ARCHITECTURE.md,
        pitfalls); it is deleted once answered."""
        self.dialog = dialog
        dialog.finished.connect(lambda _: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _retry(self, staged: Staged, password: str) -> None:
        if staged.key in self.items or staged.key in self._aside:
            staged.task = start_task(self._read(staged, password), name="read document")

    def _drop(self, staged: Staged) -> None:
        staged.done.set()
        self.items.pop(staged.key, None)
        self._aside.pop(staged.key, None)
        self.composer.strip.remove(staged.key)
        self.check()

    def remove(self, key: int) -> None:
        staged = self.items.pop(key, None)
        if staged is None:
            return
        if staged.task is not None:
            staged.task.cancel()
        staged.done.set()
        self.composer.strip.remove(key)
        self.check()

    # ----- edit mode ---------------------------------------------------------------------

    def reuse(self, attachments: list[Attachment]) -> None:
        """Documents already in the history (editing a question): sent again as they were."""
        for attachment in attachments:
            staged = Staged(new_key(), attachment.name, attachment.name, stored=attachment)
            staged.done.set()
            self.items[staged.key] = staged
            self.composer.strip.add_document(staged.key, staged.name, attachment.name)
        self.check()

    def clear(self) -> None:
        for key in list(self.items):
            self.remove(key)

    def set_aside(self) -> None:
        for key, staged in self.items.items():
            self._aside[key] = staged
            self.composer.strip.remove(key)
        self.items = {}
        self.check()

    def bring_back(self) -> None:
        self.clear()
        self.items, self._aside = self._aside, {}
        for staged in self.items.values():
            self.composer.strip.add_document(staged.key, staged.name, staged.path)
        self.check()

    def __bool__(self) -> bool:
        return bool(self.items)

    # ----- the limit ---------------------------------------------------------------------

    def check(self) -> str:
        """Weigh everything staged; update the chips and Send's hold. The hold's reason."""
        self._timer.stop()
        budget = self.budget() if self.items else None  # nothing staged: nothing to weigh
        sizes = {k: s.tokens for k, s in self.items.items() if s.done.is_set()}
        if budget is None:
            self.verdict = limits.Verdict(0)
        else:
            self.verdict = limits.verdict(budget, self._others(), sizes)
        for staged in self.items.values():
            self.composer.strip.set_document(staged.key, self._state(staged, budget))
        self.composer.hold(self.verdict.reason)
        self.composer.refresh()
        return self.verdict.reason

    def _others(self) -> int:
        """Tokens of the typed text and the images staged beside the documents."""
        total = text_tokens(self.composer.text())
        for pending in self.images.items.values():
            image = pending.prepared
            width, height = getattr(image, "width", 0), getattr(image, "height", 0)
            total += image_tokens(width, height) if width and height else PAGE_IMAGE_TOKENS
        return total

    def _state(self, staged: Staged, budget: limits.Budget | None) -> ChipState:
        if staged.stored is not None:
            # Sent before: the same parts go again, so its pages cannot be chosen anew.
            kind = str(staged.stored.meta.get("kind") or "text")
            summary, images = limits.stored_summary(staged.stored.meta)
            if staged.key in self.verdict.over and budget is not None:
                return ChipState(kind, summary, limits.over_note(budget), warning=True,
                                 detail=limits.over_detail(staged.tokens, budget))
            return ChipState(kind, summary, images)
        document = staged.document
        if document is None:
            return ChipState(busy=True)
        chosen = staged.pages or tuple(u.number for u in document.units)
        summary = limits.summary(document.unit, document.count, staged.tokens, staged.pages)
        images = limits.images_note(document.unit,
                                    [n for n in document.image_numbers if n in set(chosen)])
        if staged.key in self.verdict.over and budget is not None:
            return ChipState(document.kind, summary, limits.over_note(budget), warning=True,
                             choose=document.count > 1,
                             detail=limits.over_detail(staged.tokens, budget))
        return ChipState(document.kind, summary, images,
                         choose=staged.pages is not None and document.count > 1)

    # ----- choose pages ------------------------------------------------------------------

    def choose_pages(self, key: int) -> None:
        staged = self.items.get(key)
        budget = self.budget()
        document = staged.document if staged is not None else None
        if staged is None or document is None or budget is None:
            return
        others = budget.base + self._others() + sum(
            s.tokens for k, s in self.items.items() if k != key and s.done.is_set())
        room = budget.room - others
        span = pages_that_fit(sorted(staged.units.items()), room)
        suggested = f"{span[0]}-{span[1]}" if span else "1"

        def describe(pages: tuple[int, ...]) -> tuple[str, bool]:
            tokens = sum(staged.units.get(n, 0) for n in pages)
            fits = tokens <= room
            words = (self.tr("%1 · ~%2 tokens — fits (room for ~%3)") if fits else
                     self.tr("%1 · ~%2 tokens — still more than fits (room for ~%3)"))
            return (words.replace("%1", limits.units_text(document.unit, len(pages)))
                    .replace("%2", about(tokens)).replace("%3", about(max(0, room))), fits)

        parent = self.composer if isinstance(self.composer, QWidget) else None
        from app.ui.documents.pages_dialog import ChoosePages  # on first use, not at start

        dialog = ChoosePages(document.name, document.unit, document.count, suggested,
                             describe, parent.window() if parent is not None else None)
        dialog.chosen.connect(lambda pages: self._chose(key, pages))
        self._open(dialog)

    def _chose(self, key: int, pages: tuple[int, ...]) -> None:
        staged = self.items.get(key)
        if staged is None or staged.document is None:
            return
        staged.pages = None if len(pages) == staged.document.count and pages == tuple(
            range(1, staged.document.count + 1)) else tuple(pages)
        staged.ready = None
        self.check()

    # ----- sending -----------------------------------------------------------------------

    def image_pages(self) -> bool:
        """Whether any staged document sends pages as images (for the vision warning)."""
        for staged in self.items.values():
            if staged.stored is not None and staged.stored.meta.get("image_pages"):
                return True
            if staged.document is not None:
                chosen = set(staged.pages or staged.units)
                if any(n in chosen for n in staged.document.image_numbers):
                    return True
        return False

    async def wait(self) -> str:
        """Until every document is read; the reason Send is held ("" when it is not)."""
        for staged in list(self.items.values()):
            await staged.done.wait()
        return self.check()

    async def ready(self) -> list[Any]:
        """Each document ready to send, in order (page images rendered in a worker);
        documents sent before as their stored attachments. InputError (naming the file)
        when one cannot be read any more: the caller's task says so, nothing is lost."""
        loop = asyncio.get_running_loop()
        out: list[Any] = []
        for staged in list(self.items.values()):
            if staged.stored is not None:
                out.append(staged.stored)
            elif staged.document is not None:
                if staged.ready is None:
                    self.composer.strip.set_document(staged.key, ChipState(
                        staged.document.kind, self.tr("Preparing…"), busy=True))
                    try:
                        staged.ready = await loop.run_in_executor(None, functools.partial(
                            prepare_document, staged.document, staged.pages))
                    finally:
                        self.check()
                out.append(staged.ready)
        return out


def _read(path: str, password: str | None, name: str) -> tuple[Any, dict[int, int]]:
    """In a worker: the file read, and each unit's estimated tokens (summed per keystroke
    in "Choose pages…", so computed once here)."""
    result = read_attachment(path, password=password, name=name)
    return result, (dict(unit_tokens(result)) if isinstance(result, Document) else {})

