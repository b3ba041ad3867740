"""The durable conversation history: conversations, branching messages, drafts, usage and
search, in one SQLite file (``data_dir()/history.sqlite3``).

:class:`HistoryStore` is synchronous and bound to one thread; :class:`AsyncHistory` runs
one on a dedicated thread and offers the same methods as coroutines — what the GUI uses.
Qt-free.
"""

from app.core.history.attachments import AttachmentMissing
from app.core.history.errors import HistoryError, HistoryNotFound
from app.core.history.models import Attachment, Conversation, Message, SearchHit, TokenCounts
from app.core.history.store import CURRENT_LEAF, HistoryStore
from app.core.history.text import auto_title
from app.core.history.worker import AsyncHistory

__all__ = [
    "AsyncHistory", "Attachment", "AttachmentMissing", "CURRENT_LEAF", "Conversation",
    "HistoryError", "HistoryNotFound", "HistoryStore", "Message", "SearchHit", "TokenCounts",
    "auto_title",
]
