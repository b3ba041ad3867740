"""Make the Chinese in Qt's PDFs searchable and copyable.

A PDF says which characters its glyphs stand for in a ToUnicode map. Qt builds that map by
scanning code points upwards for each glyph and keeping the first it meets; CJK fonts draw
a Kangxi radical (U+2F00–U+2FD5) and its ideograph (一 U+4E00 for ⼀ U+2F00) with one glyph,
so Qt's map names the radical: copied or searched, 一個人的文字 reads ⼀個⼈的⽂字 (looks
alike, matches nothing). Measured with PySide6 6.11 and Noto Sans CJK: 214 of the most
common characters (人 大 文 日 月 水 心 …).

:func:`fix_tounicode` rewrites those entries to the ideograph they stand for (its NFKC
form). Both are four hex digits, so the file keeps its length and every offset in it: the
maps are replaced in place and nothing else is touched. A PDF it does not recognise is
returned unchanged.

Pure function over bytes; any thread.
"""

from __future__ import annotations

import re
import unicodedata

_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_BLOCK = re.compile(rb"(begin(bfrange|bfchar)\n)(.*?)(\nend\2)", re.S)
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")
_ARRAY = re.compile(rb"\[[^\]]*\]")


def _ideograph(match: re.Match[bytes]) -> bytes:
    code = int(match.group(1), 16)
    if 0x2E80 <= code <= 0x2FDF:
        target = unicodedata.normalize("NFKC", chr(code))
        if len(target) == 1 and ord(target) <= 0xFFFF and target != chr(code):
            return b"<%04X>" % ord(target)
    return match.group(0)


def _fix_line(line: bytes, kind: bytes) -> bytes:
    """One ``bfchar`` (``<src> <dst>``) or ``bfrange`` (``<lo> <hi> <dst>|[...]``) line:
    only destinations change (sources are glyph ids)."""
    if kind == b"bfchar":
        parts = line.split(b" ", 1)
        return parts[0] + b" " + _HEX4.sub(_ideograph, parts[1]) if len(parts) == 2 else line
    array = _ARRAY.search(line)
    if array is not None:
        return line[:array.start()] + _HEX4.sub(_ideograph, array.group()) + line[array.end():]
    codes = _HEX4.findall(line)
    if len(codes) == 3 and codes[0] == codes[1]:  # a range of one glyph
        last = line.rfind(b"<")
        return line[:last] + _HEX4.sub(_ideograph, line[last:])
    return line  # a run of several glyphs: leave it (radicals are never consecutive here)


def _fix_block(match: re.Match[bytes]) -> bytes:
    kind = match.group(2)
    lines = [_fix_line(line, kind) for line in match.group(3).split(b"\n")]
    return match.group(1) + b"\n".join(lines) + match.group(4)


def _fix_cmap(match: re.Match[bytes]) -> bytes:
    return _BLOCK.sub(_fix_block, match.group())


def fix_tounicode(pdf: bytes) -> bytes:
    """``pdf`` with radicals in its (uncompressed) ToUnicode maps read as ideographs; the
    same length. Compressed maps (not Qt's) are left alone."""
    fixed = _CMAP.sub(_fix_cmap, pdf)
    return fixed if len(fixed) == len(pdf) else pdf
