"""AttachmentFiles: the images and documents of the history, one file per distinct content
(a document's original file, and the JSON of the parts that were sent, are two files).

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

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.core.atomic import write_atomic
from app.core.documents.detect import EXTENSIONS as _DOCUMENT_EXTENSIONS
from app.core.errors import InputError
from app.core.history.errors import HistoryError, os_kind
from app.core.images.formats import extension_for

_HEX64 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20
EXTRACT_MIME = "application/json"  # the parts a document sent (app.core.documents.stored)


def _extension(mime: str) -> str:
    if mime == EXTRACT_MIME:
        return ".json"
    ext = extension_for(mime)
    return _DOCUMENT_EXTENSIONS.get(mime, ext) if ext == ".bin" else ext


class AttachmentFiles:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str, mime: str) -> Path:
        if not _HEX64.fullmatch(sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / f"{sha256}{_extension(mime)}"

    def write(self, sha256: str, mime: str, data: bytes) -> Path:
        """Store ``data`` unless a complete file with this content is already there."""
        path = self.path_for(sha256, mime)
        if self._complete(path, len(data)):
            return path
        self._atomic(path, lambda out: out.write(data))
        return path

    def copy_in(self, sha256: str, mime: str, source: Path, size: int, name: str) -> Path:
        """Store the file ``source`` (a document: up to 100 MB, copied in 1 MB chunks,
        never read whole) unless it is already there. InputError naming ``name`` if the
        file is gone or its content is no longer ``sha256`` (changed since it was read)."""
        path = self.path_for(sha256, mime)
        if self._complete(path, size):
            return path

        def copy(out: BinaryIO) -> None:
            digest = hashlib.sha256()
            try:
                with source.open("rb") as src:
                    while block := src.read(_CHUNK):
                        digest.update(block)
                        out.write(block)
            except OSError as exc:
                raise InputError(f"{name} cannot be read any more: {exc.strerror or exc}",
                                 hint="attach it again") from None
            if digest.hexdigest() != sha256:
                raise InputError(f"{name} changed since it was attached",
                                 hint="attach it again")

        self._atomic(path, copy)
        return path

    @staticmethod
    def _complete(path: Path, size: int) -> bool:
        try:
            return path.is_file() and path.stat().st_size == size
        except OSError:
            return False

    def _atomic(self, path: Path, fill: Callable[[BinaryIO], object]) -> None:
        """A temporary file in the same folder, filled, flushed to disk, then renamed."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Durable: the row that points here may outlive a power cut.
            write_atomic(path, fill, durable=True)
        except OSError as exc:
            raise HistoryError(f"cannot save an attachment in {self.root}: "
                               f"{exc.strerror or exc}", kind=os_kind(exc)) from exc

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
