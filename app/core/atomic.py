"""Replacing a file whole: never half-written, whatever fails (a full disk, a killed process).

One way for every file Parley writes over: the settings, the history's attachment files and
exports. Pure stdlib; any thread (each call writes its own temporary file).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, fill: Callable[[BinaryIO], object], *, prefix: str = ".tmp-",
                 durable: bool = False) -> None:
    """A temporary file beside ``path`` (named ``prefix``…), filled by ``fill``, flushed to
    the disk when ``durable``, then renamed over ``path``. On any failure the old file stays
    as it was and the temporary one is removed; OSError propagates, for the caller to say in
    its own words. The folder must exist."""
    handle, temporary = tempfile.mkstemp(prefix=prefix, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            fill(out)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
