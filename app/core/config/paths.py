"""Where Parley keeps its files.

``PARLEY_HOME`` puts everything (config, data, cache) in one folder — for tests, scripts and
portable installs. Otherwise the platform's own folders (platformdirs). Nothing here creates
folders at import time; callers ask for :func:`ensure_dir` when they write.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Parley"


def _home() -> Path | None:
    home = os.environ.get("PARLEY_HOME", "").strip()
    return Path(home).expanduser() if home else None


def config_dir() -> Path:
    """Folder of ``config.json`` (profiles and settings; never keys)."""
    home = _home()
    return home if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Folder of the history database and kept images."""
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
