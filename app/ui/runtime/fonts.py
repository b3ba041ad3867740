"""Can this machine draw Chinese and emoji? If not, say so and how to fix it.

Parley ships no fonts: Windows and macOS have Chinese and emoji fonts of their own, and
Debian/Ubuntu source installs get Noto CJK and Noto Color Emoji from
packaging/apt-packages.txt. A minimal Linux running the bundle may have neither; then
Chinese shows as empty boxes, which looks like a broken app. :func:`font_notice` finds that
out from Qt's font database and returns one line for the window (and the log).

The notice is in English on purpose, never translated: on a machine without a Chinese font a
Chinese notice would itself be boxes.
Threading: GUI thread (QFontDatabase), after the first paint (it reads the system's fonts).
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

EMOJI_WORDS = ("emoji",)  # Noto Color Emoji, Segoe UI Emoji, Apple Color Emoji, Twemoji, …


def chinese_fonts() -> list[str]:
    """Font families that can draw Traditional Chinese."""
    return QFontDatabase.families(QFontDatabase.WritingSystem.TraditionalChinese)


def emoji_fonts() -> list[str]:
    return [f for f in QFontDatabase.families() if any(w in f.lower() for w in EMOJI_WORDS)]


def font_notice() -> str:
    """One plain line if Chinese or emoji cannot be drawn here (and how to fix it), else "".
    Also logged, so a report from a bundle shows it."""
    missing = [kind for kind, found in (("Chinese", chinese_fonts()), ("emoji", emoji_fonts()))
               if not found]
    if not missing:
        return ""
    either, both = " or ".join(missing), " and ".join(missing)
    if sys.platform.startswith("linux"):
        packages = " ".join(package for kind, package in (("Chinese", "fonts-noto-cjk"),
                                                          ("emoji", "fonts-noto-color-emoji"))
                            if kind in missing)
        fix = (f"install fonts for them (Debian/Ubuntu: sudo apt install {packages}; "
               f"elsewhere, your distribution's Noto CJK and Noto Color Emoji fonts), then "
               f"restart Parley.")
    else:
        fix = "install a font for them in the system's font settings, then restart Parley."
    text = f"No {either} font was found: {both} text may show as empty boxes. To fix it, {fix}"
    log.warning("%s", text)
    return text
