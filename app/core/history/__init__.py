"""The durable conversation history: conversations, branching messages, drafts, usage and
search, in one SQLite file (``data_dir()/history.sqlite3``).

:class:`HistoryStore` is synchronous and bound to one thread; :class:`AsyncHistory` runs
one on a dedicated thread and offers the same methods as coroutines — what the GUI uses.
Qt-free.
"""

from .attachments import AttachmentMissing
from .errors import HistoryError, HistoryNotFound
from .models import Attachment, Conversation, Message, SearchHit, Usage
from .store import CURRENT_LEAF, HistoryStore
from .text import auto_title
from .worker import AsyncHistory

__all__ = [
    "AsyncHistory", "Attachment", "AttachmentMissing", "CURRENT_LEAF", "Conversation",
    "HistoryError", "HistoryNotFound", "HistoryStore", "Message", "SearchHit", "Usage",
    "auto_title",
]
