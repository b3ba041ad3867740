"""Text from outside the program (stdin, command-line arguments) as what it must be: UTF-8.

POSIX hands a program bytes. Python decodes them with the locale's encoding and either keeps
the bytes it cannot decode as lone surrogates (U+DC80..U+DCFF, "surrogateescape": arguments
always, stdin under UTF-8 mode or the C locale) or raises (a strict stdin). Such text cannot
go out as JSON, and a gateway should never be sent a guess. So bytes the locale could not
decode are read again as UTF-8 — the ASCII C locale with UTF-8 mode off decodes "你好" that
way — and whatever is not UTF-8 either is refused with one line (exit 10).
"""

from __future__ import annotations

import argparse
import codecs
import re
import sys
from typing import TextIO

from app.core.errors import InputError

_SURROGATE = re.compile("[\ud800-\udfff]")
# Arguments that name files: on POSIX a file name is bytes, and an undecodable one is still
# a file that open() finds through its surrogate escapes.
_PATH_ARGUMENTS = frozenset({"image", "schema", "out"})
_POSITIONAL_NAMES = {"prompt": "the prompt", "texts": "a text to embed",
                     "name": "the profile name", "text": "the search text"}


def not_utf8(what: str, encoding: str | None = None) -> InputError:
    """The one-line refusal; names the encoding when Python was told to read another one."""
    label = _codec_name(encoding)
    return InputError(f"{what} is not {'UTF-8' if label == 'utf-8' else label} text",
                      hint="convert it to UTF-8 first (e.g. iconv -f GBK -t UTF-8)")


def as_utf8(text: str, what: str, encoding: str | None) -> str:
    """``text`` with any undecoded bytes (surrogate escapes, as ``encoding`` left them) read
    again as UTF-8; :class:`InputError` naming ``what`` if they are not UTF-8 either."""
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode(encoding or "utf-8", "surrogateescape").decode("utf-8")
    except (UnicodeError, LookupError):
        raise not_utf8(what) from None


def read_stdin(stream: TextIO, *, line: bool = False) -> str:
    """All of ``stream`` (or one line), as UTF-8 text. A closed or unreadable stdin (services,
    CI) reads as empty; undecodable bytes are an :class:`InputError`, never dropped."""
    encoding = getattr(stream, "encoding", None)
    try:
        text = stream.readline() if line else stream.read()
    except UnicodeDecodeError:  # a strict stdin; caught before ValueError, its base class
        raise not_utf8("stdin", encoding) from None
    except (OSError, ValueError):
        return ""
    return as_utf8(text, "stdin", encoding)


def utf8_arguments(args: argparse.Namespace) -> None:
    """Re-read, in place, every text argument that arrived with undecodable bytes; refuse
    (naming the argument) what is not UTF-8. File-name arguments are left as they came."""
    encoding = sys.getfilesystemencoding()  # how Python decoded argv on POSIX
    for dest, value in vars(args).items():
        if dest in _PATH_ARGUMENTS:
            continue
        what = _POSITIONAL_NAMES.get(dest) or "--" + dest.replace("_", "-")
        if isinstance(value, str):
            setattr(args, dest, as_utf8(value, what, encoding))
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            setattr(args, dest, [as_utf8(item, what, encoding) for item in value])


def _codec_name(encoding: str | None) -> str:
    try:
        return codecs.lookup(encoding or "utf-8").name
    except LookupError:
        return encoding or "utf-8"
