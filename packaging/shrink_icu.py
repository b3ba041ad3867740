"""Shrink Qt's ICU data library (Linux: libicudata.so.NN, 32 MB) to the part Qt can use.

Qt links ICU for collation (QCollator), locale-aware case mapping, time-zone names and
legacy text codecs. The data library is a single symbol, ``icudtNN_dat``, holding an ICU data
package; much of it serves ICU's own formatting APIs, which Qt does not call (Qt has its own
CLDR tables for those): localized names of currencies, languages, regions and units,
spelled-out numbers, transliteration. Those go, and so do the legacy (non-Unicode) text
converters: Parley decodes text in Python, never through QStringDecoder("Big5") and the like.

ICU supports shipping filtered data; this does it after the fact with ICU's own ``icupkg``
(Debian: icu-devtools) and the C compiler: extract the package, remove those items, link a
library with the same soname and symbol. What Qt reads stays: collation, case mapping, break
iterators, locale data, time zones. Linux only: the Windows and macOS Qt wheels carry no
ICU data library.

    python packaging/shrink_icu.py SOURCE_LIBICUDATA OUT_DIR     (used by packaging/build.py)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

# Item name prefixes (inside the package, after "icudtNNl/") and suffixes left out.
DROP_TREES = ("curr/", "lang/", "region/", "unit/", "rbnf/", "translit/")
DROP_SUFFIXES = (".cnv",)
# Per-locale collation and time-zone names are kept for the languages Parley's users write
# (English, Chinese, and the CJK neighbours that share its scripts) and for the root locale;
# other languages' sort orders and zone names serve no screen of Parley's (~4 MB).
LOCALE_TREES = ("coll/", "zone/")
KEPT_LOCALES = ("root", "en", "zh", "yue", "ja", "ko")

TOOLS = ("icupkg", "readelf", "cc")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def dropped(item: str) -> bool:
    """Whether the package item (``curr/en.res``, ``ibm-1390_P110-2003.cnv``) is left out."""
    if item.startswith(DROP_TREES) or item.endswith(DROP_SUFFIXES):
        return True
    tree, _, leaf = item.partition("/")
    if f"{tree}/" in LOCALE_TREES and leaf.endswith(".res"):
        locale = leaf.removesuffix(".res")
        # ICU's own tables in these trees (e.g. zone/tzdbNames.res, coll/ucadata) stay.
        return _is_locale(locale) and locale.split("_")[0] not in KEPT_LOCALES
    return False


def _is_locale(name: str) -> bool:
    """``fr``, ``zh_Hant_HK``, ``sr_Latn``: a locale's file, not one of ICU's tables."""
    language = name.split("_")[0]
    return 2 <= len(language) <= 3 and language.isalpha() and language.islower()


def extract_package(library: Path) -> tuple[str, bytes]:
    """The data symbol's name and bytes, found through the ELF symbol and section tables."""
    symbols = subprocess.run(["readelf", "-Ws", "--dyn-syms", str(library)], check=True,
                             capture_output=True, text=True).stdout
    match = re.search(r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\w+\s+(\d+)\s+"
                      r"(icudt\d+_dat)\s*$", symbols, re.MULTILINE)
    if not match:
        raise SystemExit(f"shrink_icu.py: no icudtNN_dat symbol in {library}")
    address, size, section, name = match.groups()
    sections = subprocess.run(["readelf", "-SW", str(library)], check=True,
                              capture_output=True, text=True).stdout
    row = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not row:
        raise SystemExit(f"shrink_icu.py: section {section} not found in {library}")
    offset = int(row.group(2), 16) + int(address, 16) - int(row.group(1), 16)
    data = library.read_bytes()[offset:offset + int(size, 0)]
    return name, data


def build(library: Path, out: Path) -> Path:
    """Write the shrunken library to ``out/<same name>``; returns its path."""
    out.mkdir(parents=True, exist_ok=True)
    symbol, data = extract_package(library)
    # icupkg takes the package's name from the file's: icudt73l.dat holds icudt73l/* items.
    package = symbol.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b")
    full, small = out / "full" / f"{package}.dat", out / f"{package}.dat"
    full.parent.mkdir(exist_ok=True)
    full.write_bytes(data)
    listing = subprocess.run(["icupkg", "-l", str(full)], check=True, capture_output=True,
                             text=True).stdout.split()
    (out / "drop.txt").write_text("\n".join(i for i in listing if dropped(i)) + "\n")
    subprocess.run(["icupkg", "-r", str(out / "drop.txt"), str(full), str(small)], check=True,
                   capture_output=True)
    assembly = out / "icudata.S"
    assembly.write_text(
        f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n'
        f'{symbol}:\n\t.incbin "{small}"\n\t.size {symbol}, . - {symbol}\n'
        '\t.section .note.GNU-stack,"",@progbits\n')
    target = out / library.name
    subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}",
                    "-o", str(target), str(assembly)], check=True)
    for scratch in (full, small, assembly):
        scratch.unlink()
    full.parent.rmdir()
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.strip().splitlines()[-1].strip())
    print(build(Path(sys.argv[1]), Path(sys.argv[2])))
