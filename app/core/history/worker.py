"""AsyncHistory: a HistoryStore on its own thread, offered as coroutines.

Every public method of :class:`~.store.HistoryStore` is here as a coroutine with the same
arguments (``await hist.list_conversations()``); exceptions arrive as the same types. They are
spelled out (not generated) so that editors, type checkers and readers see them; a test checks
that none is missing when the store gains a method.
Calls run one at a time, in the order their coroutines start, on a single worker thread
that owns the SQLite connection — so the UI thread never waits on the disk. Works with any
asyncio loop, qasync's included (only ``asyncio.wrap_future`` is used).

Cancelling an awaiting task does not cancel the database work: a write that was submitted
still happens (it is short), which keeps the order of writes intact.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from app.core.history.models import Attachment, Conversation, Message, SearchHit, TokenCounts
from app.core.history.store import CURRENT_LEAF, HistoryStore

T = TypeVar("T")


class AsyncHistory:
    """``async with AsyncHistory() as hist: ...`` or ``await hist.open()`` …
    ``await hist.close()``."""

    def __init__(self, path: Path | str | None = None) -> None:
        self._store = HistoryStore(path)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-history")
        self._closed = False

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def attachments_dir(self) -> Path:
        """Where the history keeps images (see :mod:`.attachments`)."""
        return self._store.attachments_dir

    def _submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> asyncio.Future[T]:
        if self._closed:
            raise RuntimeError("AsyncHistory is closed")
        return asyncio.wrap_future(self._executor.submit(fn, *args, **kwargs))

    async def run(self, fn: Callable[[HistoryStore], T]) -> T:
        """Run ``fn(store)`` on the history thread: several steps in one hop, or anything
        the methods do not cover. ``fn`` must not keep the store."""
        return await self._submit(fn, self._store)

    async def open(self) -> AsyncHistory:
        await self._submit(self._store.open)
        return self

    async def close(self) -> None:
        """Finish the calls already made, close the database on its thread, end the
        thread. Safe to call twice."""
        if self._closed:
            return
        future = self._submit(self._store.close)
        self._closed = True
        try:
            await future
        finally:
            self._executor.shutdown(wait=False)

    async def __aenter__(self) -> AsyncHistory:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ----- the store's methods, each run on the history thread ------------------------------

    async def active_path(self, conversation_id: int) -> list[Message]:
        """See :meth:`HistoryStore.active_path`."""
        return await self._submit(self._store.active_path, conversation_id)

    async def add_generated_images(
        self, message_id: int, images: Sequence[Any]
    ) -> list[Attachment]:
        """See :meth:`HistoryStore.add_generated_images`."""
        return await self._submit(self._store.add_generated_images, message_id, images)

    async def add_message(
        self,
        conversation_id: int,
        role: str,
        content: str,
        *,
        parent_id: int | None = CURRENT_LEAF,
        attachments: Sequence[Any] | None = None,
        status: str = "complete",
        model: str = "",
    ) -> Message:
        """See :meth:`HistoryStore.add_message`."""
        return await self._submit(
            self._store.add_message,
            conversation_id,
            role,
            content,
            parent_id=parent_id,
            attachments=attachments,
            status=status,
            model=model,
        )

    async def attachment(self, attachment_id: int) -> Attachment:
        """See :meth:`HistoryStore.attachment`."""
        return await self._submit(self._store.attachment, attachment_id)

    async def attachment_bytes(self, attachment: Attachment | int) -> bytes:
        """See :meth:`HistoryStore.attachment_bytes`."""
        return await self._submit(self._store.attachment_bytes, attachment)

    async def attachment_path(self, attachment: Attachment | int) -> Path:
        """See :meth:`HistoryStore.attachment_path`."""
        return await self._submit(self._store.attachment_path, attachment)

    async def attachments_of(self, message_ids: Iterable[int]) -> dict[int, tuple[Attachment, ...]]:
        """See :meth:`HistoryStore.attachments_of`."""
        return await self._submit(self._store.attachments_of, message_ids)

    async def begin_answer(
        self, conversation_id: int, *, parent_id: int | None = None, model: str = ""
    ) -> Message:
        """See :meth:`HistoryStore.begin_answer`."""
        return await self._submit(
            self._store.begin_answer, conversation_id, parent_id=parent_id, model=model
        )

    async def checkpoint(self, message_id: int, content: str) -> bool:
        """See :meth:`HistoryStore.checkpoint`."""
        return await self._submit(self._store.checkpoint, message_id, content)

    async def conversation_usage(self, conversation_id: int) -> TokenCounts:
        """See :meth:`HistoryStore.conversation_usage`."""
        return await self._submit(self._store.conversation_usage, conversation_id)

    async def create_conversation(
        self,
        *,
        title: str = "",
        profile: str = "",
        model: str = "",
        system_prompt: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> Conversation:
        """See :meth:`HistoryStore.create_conversation`."""
        return await self._submit(
            self._store.create_conversation,
            title=title,
            profile=profile,
            model=model,
            system_prompt=system_prompt,
            params=params,
        )

    async def delete(self, conversation_id: int) -> None:
        """See :meth:`HistoryStore.delete`."""
        return await self._submit(self._store.delete, conversation_id)

    async def finish_answer(
        self,
        message_id: int,
        content: str,
        *,
        status: str = "complete",
        finish_reason: str | None = None,
        usage: Any = None,
        error: str | None = None,
    ) -> Message:
        """See :meth:`HistoryStore.finish_answer`."""
        return await self._submit(
            self._store.finish_answer,
            message_id,
            content,
            status=status,
            finish_reason=finish_reason,
            usage=usage,
            error=error,
        )

    async def get_conversation(self, conversation_id: int) -> Conversation:
        """See :meth:`HistoryStore.get_conversation`."""
        return await self._submit(self._store.get_conversation, conversation_id)

    async def get_message(self, message_id: int) -> Message:
        """See :meth:`HistoryStore.get_message`."""
        return await self._submit(self._store.get_message, message_id)

    async def list_conversations(
        self, *, limit: int | None = None, offset: int = 0
    ) -> list[Conversation]:
        """See :meth:`HistoryStore.list_conversations`."""
        return await self._submit(self._store.list_conversations, limit=limit, offset=offset)

    async def purge_deleted(self, older_than_seconds: float = 0) -> int:
        """See :meth:`HistoryStore.purge_deleted`."""
        return await self._submit(self._store.purge_deleted, older_than_seconds)

    async def recover_interrupted(self) -> int:
        """See :meth:`HistoryStore.recover_interrupted`."""
        return await self._submit(self._store.recover_interrupted)

    async def remove_stray_files(self) -> int:
        """See :meth:`HistoryStore.remove_stray_files`."""
        return await self._submit(self._store.remove_stray_files)

    async def rename(self, conversation_id: int, title: str) -> None:
        """See :meth:`HistoryStore.rename`."""
        return await self._submit(self._store.rename, conversation_id, title)

    async def request_messages(
        self, path: Sequence[Message], *, system_prompt: str = ""
    ) -> list[dict[str, Any]]:
        """See :meth:`HistoryStore.request_messages`."""
        return await self._submit(self._store.request_messages, path, system_prompt=system_prompt)

    async def restore(self, conversation_id: int) -> None:
        """See :meth:`HistoryStore.restore`."""
        return await self._submit(self._store.restore, conversation_id)

    async def search(
        self, query: str, *, limit: int = 50, per_conversation: int = 1
    ) -> list[SearchHit]:
        """See :meth:`HistoryStore.search`."""
        return await self._submit(
            self._store.search, query, limit=limit, per_conversation=per_conversation
        )

    async def set_draft(self, conversation_id: int, text: str) -> None:
        """See :meth:`HistoryStore.set_draft`."""
        return await self._submit(self._store.set_draft, conversation_id, text)

    async def set_params(
        self,
        conversation_id: int,
        *,
        profile: str | None = None,
        model: str | None = None,
        system_prompt: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        """See :meth:`HistoryStore.set_params`."""
        return await self._submit(
            self._store.set_params,
            conversation_id,
            profile=profile,
            model=model,
            system_prompt=system_prompt,
            params=params,
        )

    async def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        """See :meth:`HistoryStore.set_pinned`."""
        return await self._submit(self._store.set_pinned, conversation_id, pinned)

    async def set_title(self, conversation_id: int, title: str, source: str) -> bool:
        """See :meth:`HistoryStore.set_title`."""
        return await self._submit(self._store.set_title, conversation_id, title, source)

    async def siblings(self, message_id: int) -> list[int]:
        """See :meth:`HistoryStore.siblings`."""
        return await self._submit(self._store.siblings, message_id)

    async def switch_branch(self, message_id: int) -> list[Message]:
        """See :meth:`HistoryStore.switch_branch`."""
        return await self._submit(self._store.switch_branch, message_id)


# The store's methods spelled out above (a test compares them with HistoryStore's).
MIRRORED = tuple(
    name
    for name, member in vars(AsyncHistory).items()
    if inspect.iscoroutinefunction(member)
    and not name.startswith("_")
    and name not in ("open", "close", "run")
)
