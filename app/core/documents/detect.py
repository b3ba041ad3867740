"""Which kind of file the user gave, from its first bytes (the name's extension only breaks
ties), and every refusal that can be made before reading it — each naming the file and
saying what to do:

- not there, a folder, empty, unreadable, larger than :data:`MAX_DOCUMENT_BYTES` (refused
  unread, so a 500 MB file costs nothing);
- an old binary Office file (.doc, .ppt, .xls): "save it as .docx";
- a password-protected Word, PowerPoint or Excel file (Office encrypts the whole file into
  the same old container format): "remove the password and attach it again";
- OpenDocument files, other zip archives and other binary data.

Kinds: "pdf", "docx", "pptx", "xlsx", "image" (prepared like any image), "text".

Threading: small file reads only; any thread.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.core.errors import InputError
from app.core.input_files import checked_file

MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
ACCEPTED = ("PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx, .csv), text, Markdown "
            "or source code")

MIMES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text": "text/plain",
}
EXTENSIONS = {mime: f".{kind}" for kind, mime in MIMES.items() if kind != "text"}
EXTENSIONS["text/plain"] = ".txt"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LEGACY = {  # extension: (what it is, what to save it as, the program)
    ".doc": ("an old Word document (.doc)", ".docx", "Word"),
    ".dot": ("an old Word template (.dot)", ".docx", "Word"),
    ".ppt": ("an old PowerPoint file (.ppt)", ".pptx", "PowerPoint"),
    ".pps": ("an old PowerPoint show (.pps)", ".pptx", "PowerPoint"),
    ".xls": ("an old Excel workbook (.xls)", ".xlsx", "Excel"),
    ".xlt": ("an old Excel template (.xlt)", ".xlsx", "Excel"),
}
_OOXML_EXT = {".docx": "docx", ".docm": "docx", ".dotx": "docx", ".pptx": "pptx",
              ".pptm": "pptx", ".ppsx": "pptx", ".potx": "pptx", ".xlsx": "xlsx",
              ".xlsm": "xlsx", ".xltx": "xlsx"}
_ZIP_MARKERS = (("word/document.xml", "docx"), ("ppt/presentation.xml", "pptx"),
                ("xl/workbook.xml", "xlsx"))
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00",
                b"MM\x00*")


def check_file(path: str | Path, shown: str | None = None) -> tuple[Path, str, int]:
    """``(path, the name errors use, size)`` for a readable regular file within the size
    limit; InputError otherwise."""
    p = Path(path).expanduser()
    shown = shown or str(path)
    size = checked_file(p, shown, MAX_DOCUMENT_BYTES, _too_large,
                        folder_hint="attach the files in it one by one")
    return p, shown, size


def _too_large(shown: str, size: int) -> InputError:
    return InputError(f"{shown} is {size / 1048576:,.0f} MB, more than Parley reads "
                      f"({MAX_DOCUMENT_BYTES // 1048576} MB)",
                      hint="split it, or save the pages you need as a smaller PDF")


def detect_kind(path: Path, shown: str) -> str:
    """The kind of a checked file (see the module docstring), or InputError."""
    with path.open("rb") as file:
        head = file.read(SNIFF_BYTES)
    ext = path.suffix.lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE2):
        raise _ole2_refusal(shown, ext)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path, shown, ext)
    if _is_image(head):
        return "image"
    if ext in _LEGACY:
        raise _ole2_refusal(shown, ext)
    if ext == ".pdf" or ext in _OOXML_EXT:
        raise InputError(f"{shown} is damaged: it is not a {ext[1:].upper()} file inside",
                         hint="open it in the program that made it and save it again")
    if b"\x00" in head and not _utf16_bom(head):
        raise InputError(f"{shown} is not a document Parley can read",
                         hint=f"attach {ACCEPTED}, or images")
    return "text"


def _is_image(head: bytes) -> bool:
    if head.startswith(_IMAGE_MAGIC):
        return True
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc", b"ftypavif"):
        return True
    # BMP: "BM", then the file size, then four reserved zero bytes.
    return head.startswith(b"BM") and len(head) > 14 and head[6:10] == b"\x00" * 4


def _utf16_bom(head: bytes) -> bool:
    return head[:2] in (b"\xff\xfe", b"\xfe\xff")


def _ole2_refusal(shown: str, ext: str) -> InputError:
    if ext in _OOXML_EXT:
        return InputError(
            f"{shown} is protected with a password",
            hint="open it, remove the password (File › Info › Protect), save, attach again")
    what, target, program = _LEGACY.get(ext, ("an old Office file (.doc, .ppt or .xls)",
                                              ".docx, .pptx or .xlsx", "Office"))
    return InputError(f"{shown} is {what}, which Parley cannot read",
                      hint=f"open it in {program} and save it as {target} (File › Save As),"
                           " then attach that")


def _zip_kind(path: Path, shown: str, ext: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(f"{shown} is damaged or incomplete ({exc})",
                         hint="open it in the program that made it and save it again"
                         ) from None
    for marker, kind in _ZIP_MARKERS:
        if marker in names:
            return kind
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return _refuse_odf(shown, mimetype)
    if ext in _OOXML_EXT:
        raise InputError(f"{shown} is damaged: its {ext} contents are missing",
                         hint="open it in the program that made it and save it again")
    raise InputError(f"{shown} is a zip archive", hint="unzip it and attach the files inside")


def _refuse_odf(shown: str, mimetype: bytes) -> str:
    target = (".pptx" if b"presentation" in mimetype else ".xlsx" if b"spreadsheet" in mimetype
              else ".docx")
    raise InputError(f"{shown} is an OpenDocument file, which Parley cannot read",
                     hint=f"save it as {target} or PDF (LibreOffice: File › Save As)")
