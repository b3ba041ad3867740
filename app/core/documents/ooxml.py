"""Reading Office Open XML packages (.docx, .pptx) with the standard library: a zip archive
of XML parts, read as streams with ``xml.etree.ElementTree.iterparse`` (expat: no external
entities, and expat ≥ 2.4 stops entity-expansion bombs).

Why not python-docx / python-pptx (MIT, well kept): they need lxml, which with them adds
~7 MB to the app bundle — beside PDFium's 7 MB that would break the Linux bundle's 150 MB
limit — and python-pptx loads every part of a deck (videos and pictures included) into
memory, where these readers stream the few XML parts they need and open a picture only
when it is sent. The tests write their documents with python-docx and python-pptx and
read them back here.

A part that would unpack to more than :data:`MAX_PART_BYTES` is refused (a zip bomb, or
no document anyone could send); zipfile never unpacks past a member's declared size.

Threading: pure functions over a file; any thread (call from a worker).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from app.core.errors import InputError

MAX_PART_BYTES = 256 * 1024 * 1024
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


class Package:
    """An opened .docx/.pptx; ``with Package(path, shown) as pkg``. Errors name ``shown``."""

    def __init__(self, path: Path, shown: str) -> None:
        self.shown = shown
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise self.damaged(exc) from None
        self.names = set(self.zip.namelist())

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def damaged(self, detail: object) -> InputError:
        return InputError(f"{self.shown} is damaged or incomplete ({detail})",
                          hint="open it in the program that made it and save it again")

    def open(self, name: str) -> IO[bytes]:
        """A stream of one part, after the size check."""
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            raise self.damaged(f"{name} is missing") from None
        if info.file_size > MAX_PART_BYTES:
            raise InputError(f"{self.shown} is too large inside: {name} would unpack to "
                             f"{info.file_size / 1048576:,.0f} MB",
                             hint="save it again, or as PDF")
        return self.zip.open(info)

    def read(self, name: str, limit: int) -> bytes:
        """A (picture) part's bytes, at most ``limit`` of them; InputError above."""
        info = self.zip.getinfo(name)
        if info.file_size > limit:
            raise InputError(f"a picture in {self.shown} is {info.file_size / 1048576:.0f} MB")
        with self.zip.open(info) as stream:
            return stream.read()

    def events(self, name: str, events: tuple[str, ...] = ("start", "end")
               ) -> Iterator[tuple[str, Element]]:
        """iterparse over a part, skipping what ``mc:Fallback`` repeats (a text box or an
        equation that Office writes twice: once new, once for old readers)."""
        skipping = 0
        try:
            with self.open(name) as stream:
                for event, elem in iterparse(stream, events=("start", "end")):
                    if elem.tag == MC_FALLBACK:
                        skipping += 1 if event == "start" else -1
                        continue
                    if not skipping and event in events:
                        yield event, elem
        except (ParseError, zipfile.BadZipFile, EOFError, OSError) as exc:
            raise self.damaged(f"{name}: {exc}") from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """{rId: (type, the target's part name)} of ``part``; {} when it has none."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.names:
            return {}
        found: dict[str, tuple[str, str]] = {}
        for _, elem in self.events(rels_name, ("end",)):
            if elem.tag != _PKG_REL or elem.get("TargetMode") == "External":
                continue
            target = elem.get("Target", "")
            name = (target.lstrip("/") if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target)))
            found[elem.get("Id", "")] = (elem.get("Type", "").rsplit("/", 1)[-1], name)
        return found


def local(tag: Any) -> str:
    """``{namespace}name`` → ``name``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def emu(value: str | None) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0
