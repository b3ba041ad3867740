"""The attachments of the next message: the images and documents staged in the composer,
gathered when Send is pressed.

Before anything is stored: every file still being read or prepared is waited for; Send is
held (the reason said) when the message is more than the model takes; images — or document
pages that go as images — for a model not known to read them are said once, and the next
Send sends anyway. Then each document is made ready (page images rendered in a worker).

Threading: GUI thread; coroutines on the Qt loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.core.documents import ReadyDocument
from app.core.history import Attachment
from app.core.images.vision import takes_images
from app.ui.chat.view import ChatView
from app.ui.documents.staged import PendingDocuments
from app.ui.images.pending import PendingImages


def files_title(items: Sequence[Any]) -> str:
    """What a question made only of files is called: "Image: a.png, b.jpg" when all are
    images, else "Attached: notes.pdf, a.png" (``items``: what :meth:`Outgoing.gather`
    gave)."""
    names = [i.document.name if isinstance(i, ReadyDocument) else i.name for i in items]
    documents = any(isinstance(i, ReadyDocument) or isinstance(i, Attachment) and i.is_document
                    for i in items)
    title = (QCoreApplication.translate("ChatController", "Attached: %1") if documents
             else QCoreApplication.translate("ChatController", "Image: %1"))
    return title.replace("%1", ", ".join(names))


class Outgoing:
    def __init__(self, window: ChatView, images: PendingImages, documents: PendingDocuments,
                 model: Callable[[], str]) -> None:
        """``model``: the chat model the next message goes to."""
        self.window, self.images, self.documents, self.model = window, images, documents, model
        self.send_anyway = False  # the user chose to send images to a non-vision model

    def __bool__(self) -> bool:
        return bool(self.images) or bool(self.documents)

    async def gather(self) -> list[Any] | None:
        """The prepared images, then the ready documents; None when nothing may be sent
        now (the reason is shown; what is typed and staged stays)."""
        images = await self.images.ready()
        held = await self.documents.wait()
        if held:
            self.window.show_notice(held)
            return None
        if (images or self.documents.image_pages()) and not self._vision_ok():
            return None
        return images + await self.documents.ready()

    def sent(self) -> None:
        """The message is stored: the chips go."""
        self.images.clear()
        self.documents.clear()
        self.send_anyway = False

    def _vision_ok(self) -> bool:
        """Images for a model not known to read them: say so once; the next Send sends."""
        model = self.model()
        if self.send_anyway or takes_images(model):
            return True
        self.send_anyway = True
        self.window.show_notice(QCoreApplication.translate(
            "ChatController",
            "“%1” is not known to read images: it may ignore or refuse them. Press Send "
            "again to send anyway, or pick a vision model (e.g. gpt-4o) in the header.")
            .replace("%1", model))
        return False
