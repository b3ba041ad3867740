"""Model-written titles for new conversations, in the background.

After the first answer of a conversation, the model is asked for a short title (see
:mod:`app.core.titles`). It replaces the automatic first-line title only while that is
still the automatic one: a title the user typed in the meantime stays. A failure costs
nothing but the nicer title, so it is logged, never shown. The setting can turn it off
(it is one small extra request on a metered gateway).

Threading: GUI thread; the request runs on the Qt loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.core.errors import ParleyError
from app.core.history import AsyncHistory
from app.core.titles import model_title
from app.ui.runtime.tasks import start_task

log = logging.getLogger(__name__)


class ConversationTitler(QObject):
    titled = Signal(int, str)  # conversation id, its new title

    def __init__(self, history: AsyncHistory, connection, enabled: Callable[[], bool],
                 parent: QObject | None = None) -> None:
        """``connection``: has ``async gateway()``; ``enabled``: read at each first answer."""
        super().__init__(parent)
        self.history, self.connection, self.enabled = history, connection, enabled

    def first_answer(self, conversation_id: int, question: str, answer: str,
                     model: str) -> None:
        if self.enabled() and (question.strip() or answer.strip()):
            start_task(self._name(conversation_id, question, answer, model),
                       name="title conversation")

    async def _name(self, conversation_id: int, question: str, answer: str,
                    model: str) -> None:
        try:
            conversation = await self.history.get_conversation(conversation_id)
            if conversation.title_source != "auto":
                return  # the user named it already: no request
            gateway = await self.connection.gateway()
            if gateway is None:
                return
            title = await model_title(gateway, question, answer, model or None)
            if title and await self.history.set_title(conversation_id, title, "model"):
                self.titled.emit(conversation_id, title)
        except ParleyError as error:
            log.info("no model-written title for conversation %s: %s", conversation_id,
                     error)
