"""The desktop app's log file: what went wrong, in detail, for when a notice is not enough.

``data_dir()/logs/parley.log``, rotated at 1 MB (three old files kept). Every line passes
through :func:`~app.core.errors.redact`, tracebacks included, so a key never lands in it.

Threading: logging is thread-safe; call :func:`setup_file_log` once at start.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app.core.config.paths import data_dir
from app.core.errors import redact

MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_HANDLER = "parley-log"  # marks our handlers, so a second start replaces them


class RedactingFormatter(logging.Formatter):
    """A formatter whose every line, exception text included, is redacted."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_path() -> Path:
    return data_dir() / "logs" / "parley.log"


def setup_file_log(path: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Send Parley's log records (``app.*``) to the rotating file as well as to stderr;
    returns the file, or None when it cannot be written (a read-only or full disk must not
    stop the app: the records still reach stderr)."""
    path = path or log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES,
                                                       backupCount=BACKUPS, encoding="utf-8",
                                                       delay=True)
    except OSError:
        return None
    handler.setFormatter(RedactingFormatter(_FORMAT))
    handler.set_name(_HANDLER)
    stderr = logging.StreamHandler()  # a handler here ends Python's last-resort one
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(RedactingFormatter(_FORMAT))
    stderr.set_name(_HANDLER)
    logger = logging.getLogger("app")
    for old in [h for h in logger.handlers if h.get_name() == _HANDLER]:  # a second start
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.addHandler(stderr)
    logger.setLevel(level)
    return path
