"""AttachmentFiles: the images of the history, one file per distinct content.

Layout: ``<root>/<first two hex digits>/<sha256><extension>`` with ``root`` =
``<folder of history.sqlite3>/attachments`` (so ``data_dir()/attachments`` by default).
The same image sent in two conversations is stored once; the database counts the
references and :class:`~.store.HistoryStore` removes a file only when no row refers to it
any more (see :meth:`~.attachments.AttachmentMethods.purge_deleted`).

Writes are atomic (a temporary file in the same folder, flushed to disk, then renamed), so
a crash leaves either no file or the whole file — never a torn image.

Threading: plain file operations, used from the history store's thread.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from app.core.history.errors import HistoryError, os_kind
from app.core.images.formats import extension_for

_HEX64 = re.compile(r"[0-9a-f]{64}")


class AttachmentFiles:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str, mime: str) -> Path:
        if not _HEX64.fullmatch(sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / f"{sha256}{extension_for(mime)}"

    def write(self, sha256: str, mime: str, data: bytes) -> Path:
        """Store ``data`` unless a complete file with this content is already there."""
        path = self.path_for(sha256, mime)
        try:
            if path.is_file() and path.stat().st_size == len(data):
                return path
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())  # the row that points here may outlive a power cut
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise HistoryError(f"cannot save an image in {self.root}: "
                               f"{exc.strerror or exc}", kind=os_kind(exc)) from exc
        return path

    def remove(self, sha256: str, mime: str) -> bool:
        """Delete the file; False if it was already gone. Other failures are ignored (a
        left-over file is only disk space; :meth:`stray` finds it again)."""
        path = self.path_for(sha256, mime)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError:
            return False
        try:
            path.parent.rmdir()  # only succeeds when the folder is empty
        except OSError:
            pass
        return True

    def stray(self, known: set[str]) -> list[Path]:
        """Files (and left-over temporary files) whose digest is not in ``known``."""
        if not self.root.is_dir():
            return []
        found = []
        for path in self.root.glob("??/*"):
            digest = path.name.split(".", 1)[0]
            if path.name.startswith(".tmp-") or digest not in known:
                found.append(path)
        return found
