"""History files that cannot be used, made for real: each fault is what SQLite and the
kernel report for it, not a mock. ``make(fault, path)`` breaks the history at ``path`` and
returns a function that repairs it (the user fixed the problem).

- ``damaged``: the file is overwritten with bytes that are no database.
- ``locked``: another process holds the write lock (SQLITE_BUSY once the busy wait ends;
  tests shorten it through ``app.core.history.store.BUSY_SECONDS``).
- ``read-only``: the file is mode 0444; ``read-only-folder``: its folder is mode 0555 (SQLite
  cannot make the journal beside it). Root ignores file modes, so when the tests run as
  root the thread that opens the history must also give up the capabilities that let root
  do so (:func:`as_plain_user`, per thread: the rest of the process is untouched).
- ``newer``: a history whose schema version is beyond what this Parley knows.
- ``directory``: the history's path is a folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from app.core.history import HistoryStore
from app.core.history.schema import LATEST

FAULTS = ("damaged", "locked", "read-only", "read-only-folder", "newer", "directory")

_LOCKER = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()  # holds the lock until the test closes our stdin
"""


def make(fault: str, path: Path) -> Callable[[], None]:
    """Break the history at ``path`` (made first, with one conversation, if the fault needs
    a file); return the repair."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fault == "directory":
        path.mkdir()
        return lambda: path.rmdir()
    with HistoryStore(path) as store:
        store.create_conversation(title="Kept from before")
    if fault == "damaged":
        saved = path.read_bytes()
        path.write_bytes(b"this is not a database\n" * 200)
        return lambda: path.write_bytes(saved)
    if fault == "newer":
        _set_version(path, LATEST + 1)
        return lambda: _set_version(path, LATEST)
    if fault == "read-only":
        path.chmod(0o444)

        def writable() -> None:
            # SQLite made its WAL files beside it with the file's own mode, read-only too.
            for name in (path, *_journal(path)):
                if name.exists():
                    name.chmod(0o644)
        return writable
    if fault == "read-only-folder":
        path.parent.chmod(0o555)
        return lambda: path.parent.chmod(0o755)
    if fault == "locked":
        locker = subprocess.Popen([sys.executable, "-c", _LOCKER, str(path)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert locker.stdout is not None and locker.stdin is not None
        assert locker.stdout.readline().strip() == "locked"

        def release() -> None:
            locker.stdin.close()  # type: ignore[union-attr]
            locker.wait(timeout=10)
            locker.stdout.close()  # type: ignore[union-attr]
        return release
    raise ValueError(f"unknown fault {fault!r}")


def _set_version(path: Path, version: int) -> None:
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute(f"PRAGMA user_version = {version}")


def _journal(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


# Linux capabilities that let root ignore file modes and ownership.
_DAC_OVERRIDE, _DAC_READ_SEARCH, _FOWNER = 1, 2, 3


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def as_plain_user() -> None:
    """On the calling thread only: if it runs as root, stop overriding file modes (the
    capabilities stay permitted, so nothing else changes). A no-op for other users."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _Header(0x20080522, 0), (_Data * 2)()  # version 3, this thread
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    for cap in (_DAC_OVERRIDE, _DAC_READ_SEARCH, _FOWNER):
        data[0].effective &= ~(1 << cap)
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")
