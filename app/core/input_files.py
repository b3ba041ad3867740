"""A file the user names as input (an image, a document): checked before it is read.

One place says, with the file's name as the user gave it, why a file cannot be used —
missing, a folder, not a regular file, empty, larger than the caller takes, unreadable — so
images and documents refuse in the same words. Pure; any thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.core.errors import InputError


def checked_file(path: Path, shown: str, max_bytes: int,
                 too_large: Callable[[str, int], InputError],
                 folder_hint: str | None = None) -> int:
    """The size of ``path``, a readable regular file of at most ``max_bytes``; InputError
    naming it as ``shown`` otherwise (``too_large(shown, size)`` past the limit). With
    ``folder_hint`` a folder is said to be one, with that hint."""
    try:
        if not path.exists():
            raise InputError(f"{shown} does not exist")
        if folder_hint is not None and path.is_dir():
            raise InputError(f"{shown} is a folder", hint=folder_hint)
        if not path.is_file():
            raise InputError(f"{shown} is not a file")
        size = path.stat().st_size
        if size == 0:
            raise InputError(f"{shown} is empty")
        if size > max_bytes:
            raise too_large(shown, size)
        with path.open("rb"):
            pass  # permission problems surface here, with the file's name
    except PermissionError:
        raise InputError(f"{shown} cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(f"{shown} cannot be read: {exc.strerror or exc}") from None
    return size
