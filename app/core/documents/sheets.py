"""Excel (.xlsx, .xlsm): one unit per worksheet, its rows as tab-separated lines (the most
compact table a model reads well), with the values Excel last calculated (not formulas),
dates as ISO dates, whole numbers without ".0". Empty rows are left out, and empty cells at
a row's end. Chart sheets have no cells and are skipped.

openpyxl (MIT, pure Python: ~1 MB in the bundle, no lxml needed) in read-only mode streams
each sheet's rows, so memory follows the shared-strings table, not the sheet; parts that
would unpack to more than :data:`~.ooxml.MAX_PART_BYTES` are refused first.

Threading: pure functions over a file; any thread (call from a worker).
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path
from typing import Any

from app.core.documents.model import Unit, too_much_text
from app.core.documents.ooxml import MAX_PART_BYTES
from app.core.errors import InputError

# openpyxl warns about every workbook feature it skips (data validation, conditional
# formats...): nothing the text needs. Filters are process-wide; set once here.
warnings.filterwarnings("ignore", module="openpyxl")


def read_xlsx(path: Path, shown: str, max_chars: int | None = None) -> tuple[Unit, ...]:
    """One unit per worksheet, labelled with the sheet's name."""
    _check_parts(path, shown)
    from openpyxl import load_workbook  # ~0.2 s of import: only when a workbook is read

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken package
        raise InputError(f"{shown} is damaged or incomplete ({exc})",
                         hint="open it in Excel and save it again") from None
    units: list[Unit] = []
    total = 0
    try:
        for number, sheet in enumerate(book.worksheets, 1):
            lines: list[str] = []
            for row in sheet.iter_rows(values_only=True):
                cells = [_cell(v) for v in row]
                while cells and not cells[-1]:
                    cells.pop()
                if cells:
                    line = "\t".join(cells)
                    total += len(line) + 1
                    if max_chars is not None and total > max_chars:
                        raise too_much_text(shown, max_chars)
                    lines.append(line)
            units.append(Unit(number, "\n".join(lines), sheet.title))
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{shown} is damaged (sheet {len(units) + 1}: {exc})",
                         hint="open it in Excel and save it again") from None
    finally:
        book.close()
    return tuple(units)


def _check_parts(path: Path, shown: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.file_size > MAX_PART_BYTES:
                    raise InputError(f"{shown} is too large inside: {info.filename} would "
                                     f"unpack to {info.file_size / 1048576:,.0f} MB",
                                     hint="save the sheets you need as a smaller file")
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{shown} is damaged or incomplete ({exc})",
                         hint="open it in Excel and save it again") from None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else \
            value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return " ".join(str(value).split("\t")).replace("\r\n", " ").replace("\n", " ")
