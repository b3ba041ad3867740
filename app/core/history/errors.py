"""Typed errors of the conversation history.

:class:`HistoryError` means the database itself cannot be used: unreadable, corrupt, locked
by something else, not a Parley file, or written by a newer Parley. Its message names the
file so a person can move it away. :class:`HistoryNotFound` means an id that is not (or no
longer) in the database — usually a caller's stale reference, so it is also a LookupError.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from app.core.errors import ParleyError


class HistoryError(ParleyError):
    """The history database cannot be opened, read or written."""

    exit_code = 1
    title = "History problem"


class HistoryNotFound(HistoryError, LookupError):
    """A conversation or message id that the database does not hold."""

    title = "Not in history"


def unreadable(path: Path, cause: BaseException) -> HistoryError:
    """The error for a file SQLite refuses (corrupt, not a database, locked, full disk)."""
    return HistoryError(
        f"cannot use the history database {path}: {cause}",
        hint="if the file is damaged, quit Parley and move it away; a new history is "
             "started in its place",
    )


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
