"""``config.json``: the one settings file, shared by profiles and UI preferences.

Each owner reads the whole file and rewrites it with its own section changed, leaving the
rest untouched. Writes are atomic (temp file + rename) so a crash never leaves half a file.
A file that is not a JSON object (edited by hand, damaged) is set aside — renamed to
``config.json.bad-<time>``, never deleted — and Parley goes on with defaults; what happened
is kept for the user (:func:`set_aside_notices`). Small and fast: fine on any thread.
"""

from __future__ import annotations

import errno
import io
import json
import os
import time
from pathlib import Path
from typing import Any, BinaryIO

from app.core.atomic import write_atomic
from app.core.config import paths
from app.core.errors import ConfigError

VERSION = 1
_set_aside: list[str] = []


def set_aside_notices() -> list[str]:
    """What was set aside since the process started (plain sentences for the user)."""
    return list(_set_aside)


class ConfigFile:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.config_dir() / "config.json"

    def read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError as exc:  # not JSON (or not UTF-8): keep it for the user, go on
            return self._set_aside(f"it is not valid JSON ({exc})")
        except OSError as exc:  # unreadable: nothing to set aside, say so plainly
            raise ConfigError(f"cannot read {self.path}: {exc.strerror or exc}",
                              hint=_hint_for(exc, self.path)) from None
        if not isinstance(data, dict):
            return self._set_aside(f"it holds {type(data).__name__}, not an object")
        return data

    def _set_aside(self, why: str) -> dict[str, Any]:
        kept = self.path.with_name(f"{self.path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, kept)
        except OSError as exc:
            raise ConfigError(f"cannot read {self.path}: {why}",
                              hint=f"fix or move the file ({exc.strerror or exc})") from None
        _set_aside.append(f"{self.path.name} could not be used: {why}. It was kept as "
                          f"{kept.name}, and Parley started with default settings and "
                          "profiles.")
        return {}

    def write(self, data: dict[str, Any]) -> None:
        """Write atomically; a disk that is full or read-only is a :class:`ConfigError`
        (the old file stays as it was)."""
        data["version"] = VERSION

        def fill(out: BinaryIO) -> None:
            text = io.TextIOWrapper(out, encoding="utf-8")
            json.dump(data, text, indent=2, ensure_ascii=False)
            text.write("\n")
            text.flush()
            text.detach()  # write_atomic closes the file

        try:
            paths.ensure_dir(self.path.parent)
            write_atomic(self.path, fill, prefix=".config-")
        except OSError as exc:
            raise _not_saved(self.path, exc) from None


def _not_saved(path: Path, exc: OSError) -> ConfigError:
    return ConfigError(f"could not save {path.name}: {exc.strerror or exc}",
                       hint=_hint_for(exc, path))


def _hint_for(exc: OSError, path: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some disk space and try again"
    if exc.errno in (errno.ENOTDIR, errno.EISDIR):
        return (f"something else stands where Parley keeps its files ({path.parent}); "
                "move it, or set PARLEY_HOME to a folder")
    return f"check that {path.parent} can be read and written"
