"""``config.json``: the one settings file, shared by profiles and UI preferences.

Each owner reads the whole file and rewrites it with its own section changed, leaving the
rest untouched. Writes are atomic (temp file + rename) so a crash never leaves half a file.
Small and fast: fine on any thread.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from app.core.config import paths
from app.core.errors import ConfigError

VERSION = 1


class ConfigFile:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.config_dir() / "config.json"

    def read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"cannot read {self.path}: {exc}",
                hint="fix or delete the file; Parley will recreate it",
            ) from None
        return data if isinstance(data, dict) else {}

    def write(self, data: dict[str, Any]) -> None:
        data["version"] = VERSION
        paths.ensure_dir(self.path.parent)
        fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".json", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=2, ensure_ascii=False)
                fh.write("\n")
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
