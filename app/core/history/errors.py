"""Typed errors of the conversation history.

:class:`HistoryError` means the database itself cannot be used: unreadable, corrupt, locked
by something else, not a Parley file, or written by a newer Parley. Its message names the
file so a person can move it away, and its ``kind`` says which of those it is (for a UI
that explains it in its own words; see :func:`unreadable`). :class:`HistoryNotFound`
means an id that is not (or no longer) in the database — usually a caller's stale
reference, so it is also a LookupError.
"""

from __future__ import annotations

import errno
import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from app.core.errors import ParleyError

# What a HistoryError is about (``HistoryError.kind``).
DAMAGED, LOCKED, READ_ONLY, FULL, CANNOT_OPEN, NEWER, FOREIGN, OTHER = (
    "damaged", "locked", "read-only", "full", "cannot-open", "newer", "foreign", "other")

_KINDS = {
    sqlite3.SQLITE_CORRUPT: DAMAGED, sqlite3.SQLITE_NOTADB: DAMAGED,
    sqlite3.SQLITE_BUSY: LOCKED, sqlite3.SQLITE_LOCKED: LOCKED,
    sqlite3.SQLITE_READONLY: READ_ONLY, sqlite3.SQLITE_PERM: READ_ONLY,
    sqlite3.SQLITE_FULL: FULL, sqlite3.SQLITE_CANTOPEN: CANNOT_OPEN,
}
_HINTS = {
    DAMAGED: "if the file is damaged, quit Parley and move it away; a new history is "
             "started in its place",
    LOCKED: "another program is using the file; close it and try again",
    READ_ONLY: "make the file and its folder writable, then try again",
    FULL: "free some space on the disk, then try again",
    CANNOT_OPEN: "check that the path is a file (not a folder) in a folder Parley may write to",
}


class HistoryError(ParleyError):
    """The history database cannot be opened, read or written."""

    exit_code = 12
    title = "History problem"

    def __init__(self, message: str, *, hint: str = "", kind: str = OTHER) -> None:
        super().__init__(message, hint=hint)
        self.kind = kind


class HistoryNotFound(HistoryError, LookupError):
    """A conversation or message id that the database does not hold."""

    exit_code = 11
    title = "Not in history"


def unreadable(path: Path, cause: BaseException) -> HistoryError:
    """The error for a file SQLite refuses (corrupt, not a database, locked, read-only,
    full disk, cannot be opened), its ``kind`` from SQLite's own error code."""
    kind = _KINDS.get(getattr(cause, "sqlite_errorcode", -1) & 0xFF, OTHER)
    return HistoryError(f"cannot use the history database {path}: {cause}",
                        hint=_HINTS.get(kind, _HINTS[DAMAGED]), kind=kind)


def os_kind(exc: OSError) -> str:
    """The kind of a HistoryError caused by a failed file operation."""
    return {errno.ENOSPC: FULL, errno.EDQUOT: FULL, errno.EROFS: READ_ONLY,
            errno.EACCES: READ_ONLY, errno.EPERM: READ_ONLY, errno.ENOTDIR: CANNOT_OPEN,
            errno.EEXIST: CANNOT_OPEN, errno.EISDIR: CANNOT_OPEN}.get(exc.errno or 0, OTHER)


F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """SQLite's failures (corrupt page, disk full, locked) become a HistoryError naming the
    file. ProgrammingError (wrong thread, closed store) stays: that is a bug, not a state."""

    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self._conn is None:
            raise RuntimeError("HistoryStore is not open")
        try:
            return method(self, *args, **kwargs)
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.DatabaseError as exc:
            raise unreadable(self.path, exc) from exc

    return call  # type: ignore[return-value]
