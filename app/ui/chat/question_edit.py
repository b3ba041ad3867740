"""Editing a question: a mode of the composer, begun with a question's Edit and ended by
sending it (it goes below the question's parent: a new branch, the old one stays), by Cancel
or Esc, or by leaving the conversation.

While editing, the composer holds the question's text, images and documents; what it held
before — the draft and the files staged with it — is set aside, and comes back however
the edit ends.
The draft kept for the conversation meanwhile is the one set aside, never the edited text.
After the edit ends, Send is a plain send again.

Threading: GUI thread only (one owner: the chat controller).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.core.history import Message
from app.ui.chat.open_conversation import NOT_EDITING, OpenConversation
from app.ui.chat.view import ChatView
from app.ui.documents.staged import PendingDocuments
from app.ui.images.pending import PendingImages


class QuestionEdit(QObject):
    """The edit in progress, if any, over ``chat`` (whose ``edit_parent`` makes the next
    question a branch), the window's composer and its staged images (``pending``) and
    documents (``documents``)."""

    def __init__(self, chat: OpenConversation, window: ChatView, pending: PendingImages,
                 documents: PendingDocuments, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chat, self.window, self.pending, self.documents = chat, window, pending, documents
        self._draft: str | None = None  # what the composer held before: set aside
        window.composer.editCancelled.connect(self.cancel)

    def draft(self) -> str:
        """The conversation's draft: the one set aside while a question is being edited."""
        return self._draft if self._draft is not None else self.window.composer.text()

    def begin(self, question: Message) -> None:
        """Put ``question`` in the composer to be edited (another edit's text and images
        give way; what was set aside for the first stays aside)."""
        composer = self.window.composer
        if self._draft is None:
            self._draft = composer.text()
            self.pending.set_aside()
            self.documents.set_aside()
        else:
            self.pending.clear()  # the files of the question edited before
            self.documents.clear()
        self.chat.edit_parent = question.parent_id
        self.pending.reuse([a for a in question.attachments if a.kind == "input"])
        self.documents.reuse([a for a in question.attachments if a.is_document])
        composer.set_text(question.content)
        composer.set_editing(True)
        composer.focus()
        self.window.show_notice(self.tr(
            "Editing: sending starts a new branch; the old one stays (‹ › to switch)."))

    def cancel(self) -> None:
        """Cancel, Esc, or the conversation is left: nothing is sent, and what the composer
        held before is back."""
        if self._draft is None:
            return
        self.chat.edit_parent = NOT_EDITING
        self._end()
        self.window.show_notice("")

    def sent(self) -> None:
        """The edited question is stored: back to what the composer held before."""
        if self._draft is not None:
            self._end()

    def _end(self) -> None:
        composer = self.window.composer
        composer.set_editing(False)
        composer.set_text(self._draft or "")
        self._draft = None
        self.pending.bring_back()
        self.documents.bring_back()
