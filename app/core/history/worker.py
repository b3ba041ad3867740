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

When the real history cannot be used, :meth:`AsyncHistory.use_temporary` puts a temporary
one in its place (see :mod:`.fallback`) and :meth:`AsyncHistory.reopen` goes back, moving
what was said meanwhile: every call runs on whichever store is in use when its turn comes,
so the callers keep the same object throughout. A write that failed for a reason that may
pass (a full disk) can be handed to :meth:`AsyncHistory.defer`: it is tried again before
each later call until it succeeds.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from app.core.history.errors import HistoryError, HistoryNotFound, os_kind
from app.core.history.fallback import move_conversations, temporary_store
from app.core.history.models import Attachment, Conversation, Message, SearchHit, TokenCounts
from app.core.history.store import CURRENT_LEAF, HistoryStore

log = logging.getLogger(__name__)

T = TypeVar("T")


class AsyncHistory:
    """``async with AsyncHistory() as hist: ...`` or ``await hist.open()`` …
    ``await hist.close()``."""

    def __init__(self, path: Path | str | None = None) -> None:
        self._store = HistoryStore(path)
        self._path = self._store.path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-history")
        self._closed = False
        # History thread only: writes to try again, and the temporary history's folder.
        self._deferred: list[Callable[[HistoryStore], Any]] = []
        self._temporary_dir: Path | None = None
        self.problem: HistoryError | None = None  # why a temporary history is in use

    @property
    def path(self) -> Path:
        """The real history's file (also while a temporary one is in use)."""
        return self._path

    @property
    def temporary(self) -> bool:
        """A temporary history is in use: nothing said now outlives Parley unless
        :meth:`reopen` succeeds."""
        return self.problem is not None

    @property
    def attachments_dir(self) -> Path:
        """Where the history in use keeps images (see :mod:`.attachments`)."""
        return self._store.attachments_dir

    def _submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> asyncio.Future[T]:
        """Run ``fn(store, *args, **kwargs)`` on the history thread, ``store`` being the
        one in use when the call's turn comes; deferred writes go first."""
        if self._closed:
            raise RuntimeError("AsyncHistory is closed")
        return asyncio.wrap_future(self._executor.submit(self._call, fn, args, kwargs))

    def _call(self, fn: Callable[..., T], args: tuple, kwargs: dict[str, Any]) -> T:
        if self._deferred:
            self._write_deferred()
        return fn(self._store, *args, **kwargs)

    def _write_deferred(self) -> None:
        while self._deferred:
            try:
                self._deferred[0](self._store)
            except HistoryNotFound:
                pass  # its row is gone (deleted, or left behind in a temporary history)
            except (HistoryError, RuntimeError):
                return  # still failing (or not open): kept for the next call
            self._deferred.pop(0)

    def defer(self, write: Callable[[HistoryStore], Any]) -> None:
        """Keep a write that failed for a reason that may pass (the disk is full): it is
        tried again before each later call, in order, until it succeeds or its row is
        gone. Lost if Parley quits first (what a checkpoint saved stays)."""
        if not self._closed:
            self._executor.submit(self._deferred.append, write)

    async def run(self, fn: Callable[[HistoryStore], T]) -> T:
        """Run ``fn(store)`` on the history thread: several steps in one hop, or anything
        the methods do not cover. ``fn`` must not keep the store."""
        return await self._submit(fn)

    async def open(self) -> AsyncHistory:
        await self._submit(HistoryStore.open)
        return self

    async def use_temporary(self, problem: HistoryError) -> None:
        """Go on without the real history, which ``problem`` says is unusable: it is
        closed, and an empty temporary history takes its place until :meth:`reopen`.
        Raises HistoryError if not even a temporary folder can be made."""
        await self._submit(lambda store: self._use_temporary())
        self.problem = problem

    def _use_temporary(self) -> None:
        self._store.close()
        if self._temporary_dir is not None:
            return
        try:
            folder = Path(tempfile.mkdtemp(prefix="parley-unsaved-"))
        except OSError as exc:
            raise HistoryError(f"cannot make a temporary folder: {exc}",
                               kind=os_kind(exc)) from exc
        try:
            self._store = temporary_store(folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._temporary_dir = folder

    async def reopen(self) -> dict[int, int]:
        """Open the real history again (recovering answers a crash left streaming, which
        also shows it can be written). If it works, the temporary history's conversations
        are moved into it and it is the one in use from the next call on; returns
        {conversation id in the temporary history: its id now}. Raises HistoryError, the
        temporary history staying in use, if the real one is still unusable."""
        moved = await self._submit(lambda store: self._reopen())
        self.problem = None
        return moved

    def _reopen(self) -> dict[int, int]:
        if self._temporary_dir is None:
            self._store.close()  # the real history as it was: opened afresh
        real = HistoryStore(self._path)
        try:
            real.open()
            real.recover_interrupted()
            moved = move_conversations(self._store, real) if self._temporary_dir else {}
        except BaseException:
            real.close()
            raise
        self._drop_temporary()
        self._store = real
        return moved

    def _drop_temporary(self) -> None:
        self._store.close()
        if self._temporary_dir is not None:
            shutil.rmtree(self._temporary_dir, ignore_errors=True)
            self._temporary_dir = None

    async def close(self) -> None:
        """Finish the calls already made (and deferred writes, if they can be made now),
        close the database on its thread (a temporary one is removed), end the thread.
        Safe to call twice."""
        if self._closed:
            return
        future = self._submit(lambda store: self._drop_temporary())
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
        return await self._submit(HistoryStore.active_path, conversation_id)

    async def add_generated_images(
        self, message_id: int, images: Sequence[Any]
    ) -> list[Attachment]:
        """See :meth:`HistoryStore.add_generated_images`."""
        return await self._submit(HistoryStore.add_generated_images, message_id, images)

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
        return await self._submit(HistoryStore.add_message,
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
        return await self._submit(HistoryStore.attachment, attachment_id)

    async def attachment_bytes(self, attachment: Attachment | int) -> bytes:
        """See :meth:`HistoryStore.attachment_bytes`."""
        return await self._submit(HistoryStore.attachment_bytes, attachment)

    async def attachment_path(self, attachment: Attachment | int) -> Path:
        """See :meth:`HistoryStore.attachment_path`."""
        return await self._submit(HistoryStore.attachment_path, attachment)

    async def attachments_of(self, message_ids: Iterable[int]) -> dict[int, tuple[Attachment, ...]]:
        """See :meth:`HistoryStore.attachments_of`."""
        return await self._submit(HistoryStore.attachments_of, message_ids)

    async def begin_answer(
        self, conversation_id: int, *, parent_id: int | None = None, model: str = ""
    ) -> Message:
        """See :meth:`HistoryStore.begin_answer`."""
        return await self._submit(HistoryStore.begin_answer, conversation_id,
                                  parent_id=parent_id, model=model)

    async def checkpoint(self, message_id: int, content: str) -> bool:
        """See :meth:`HistoryStore.checkpoint`."""
        return await self._submit(HistoryStore.checkpoint, message_id, content)

    async def conversation_usage(self, conversation_id: int) -> TokenCounts:
        """See :meth:`HistoryStore.conversation_usage`."""
        return await self._submit(HistoryStore.conversation_usage, conversation_id)

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
        return await self._submit(HistoryStore.create_conversation,
            title=title,
            profile=profile,
            model=model,
            system_prompt=system_prompt,
            params=params,
        )

    async def delete(self, conversation_id: int) -> None:
        """See :meth:`HistoryStore.delete`."""
        return await self._submit(HistoryStore.delete, conversation_id)

    async def document_parts(self, attachment: Attachment | int) -> list[dict[str, Any]]:
        """See :meth:`HistoryStore.document_parts`."""
        return await self._submit(HistoryStore.document_parts, attachment)

    async def delete_message(self, message_id: int) -> int:
        """See :meth:`HistoryStore.delete_message`."""
        return await self._submit(HistoryStore.delete_message, message_id)

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
        return await self._submit(HistoryStore.finish_answer,
            message_id,
            content,
            status=status,
            finish_reason=finish_reason,
            usage=usage,
            error=error,
        )

    async def get_conversation(self, conversation_id: int) -> Conversation:
        """See :meth:`HistoryStore.get_conversation`."""
        return await self._submit(HistoryStore.get_conversation, conversation_id)

    async def get_message(self, message_id: int) -> Message:
        """See :meth:`HistoryStore.get_message`."""
        return await self._submit(HistoryStore.get_message, message_id)

    async def list_conversations(
        self, *, limit: int | None = None, offset: int = 0
    ) -> list[Conversation]:
        """See :meth:`HistoryStore.list_conversations`."""
        return await self._submit(HistoryStore.list_conversations, limit=limit, offset=offset)

    async def purge_deleted(self, older_than_seconds: float = 0) -> int:
        """See :meth:`HistoryStore.purge_deleted`."""
        return await self._submit(HistoryStore.purge_deleted, older_than_seconds)

    async def recover_interrupted(self) -> int:
        """See :meth:`HistoryStore.recover_interrupted`."""
        return await self._submit(HistoryStore.recover_interrupted)

    async def remove_stray_files(self) -> int:
        """See :meth:`HistoryStore.remove_stray_files`."""
        return await self._submit(HistoryStore.remove_stray_files)

    async def rename(self, conversation_id: int, title: str) -> None:
        """See :meth:`HistoryStore.rename`."""
        return await self._submit(HistoryStore.rename, conversation_id, title)

    async def request_messages(
        self, path: Sequence[Message], *, system_prompt: str = ""
    ) -> list[dict[str, Any]]:
        """See :meth:`HistoryStore.request_messages`."""
        return await self._submit(HistoryStore.request_messages, path, system_prompt=system_prompt)

    async def restore(self, conversation_id: int) -> None:
        """See :meth:`HistoryStore.restore`."""
        return await self._submit(HistoryStore.restore, conversation_id)

    async def search(
        self, query: str, *, limit: int = 50, per_conversation: int = 1
    ) -> list[SearchHit]:
        """See :meth:`HistoryStore.search`."""
        return await self._submit(HistoryStore.search, query, limit=limit,
                                  per_conversation=per_conversation)

    async def set_draft(self, conversation_id: int, text: str) -> None:
        """See :meth:`HistoryStore.set_draft`."""
        return await self._submit(HistoryStore.set_draft, conversation_id, text)

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
        return await self._submit(HistoryStore.set_params,
            conversation_id,
            profile=profile,
            model=model,
            system_prompt=system_prompt,
            params=params,
        )

    async def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        """See :meth:`HistoryStore.set_pinned`."""
        return await self._submit(HistoryStore.set_pinned, conversation_id, pinned)

    async def set_title(self, conversation_id: int, title: str, source: str) -> bool:
        """See :meth:`HistoryStore.set_title`."""
        return await self._submit(HistoryStore.set_title, conversation_id, title, source)

    async def siblings(self, message_id: int) -> list[int]:
        """See :meth:`HistoryStore.siblings`."""
        return await self._submit(HistoryStore.siblings, message_id)

    async def switch_branch(self, message_id: int) -> list[Message]:
        """See :meth:`HistoryStore.switch_branch`."""
        return await self._submit(HistoryStore.switch_branch, message_id)


# The store's methods spelled out above (a test compares them with HistoryStore's).
MIRRORED = tuple(
    name
    for name, member in vars(AsyncHistory).items()
    if inspect.iscoroutinefunction(member)
    and not name.startswith("_")
    and name not in ("open", "close", "run", "use_temporary", "reopen")
)
