"""What the PyInstaller bundle keeps, and why (the README's "Build the app" says the same).

PyInstaller's Qt hooks collect every plugin of every type the imported Qt modules may use,
every translation of Qt's own strings, and then every shared library those plugins link to
(on Linux: GTK, Pango and Cairo for the GTK platform theme; EGL device integration; ...).
Parley needs far less. The spec (parley.spec) filters the collected files through
:func:`keep_file`, then :func:`prune_unreachable` drops the libraries that only the dropped
files needed. Imported by the spec; importable without PyInstaller (tests check the lists).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# Qt plugins kept, by type, as normalized names (no "lib" prefix, no extension).
KEEP_PLUGINS: dict[str, set[str]] = {
    # xcb: X11 and XWayland; wayland: native Wayland windows; offscreen: --self-test and CI;
    # windows/cocoa: the other platforms' own.
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"},
    # The portal theme follows the desktop's dark/light scheme and uses its file dialogs;
    # the GTK3 theme would pull in the whole GTK stack (~10 MB) for the same job.
    "platformthemes": {"qxdgdesktopportal"},
    # ibus: Chinese/Japanese input methods; compose: dead keys.
    "platforminputcontexts": {"composeplatforminputcontextplugin",
                              "ibusplatforminputcontextplugin"},
    "iconengines": {"qsvgicon"},                         # the SVG app icon at any size
    "imageformats": {"qsvg", "qjpeg", "qgif", "qwebp"},  # PNG is built into QtGui
    "styles": None,                                      # Windows 11 / macOS native styles
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": {"bradient", "adwaita"},
}
# Everything else is dropped: OpenGL integrations (Parley draws no OpenGL), EGL/framebuffer/
# VNC platforms, evdev input (for those), TLS backends and network information (QtNetwork is
# used for a local socket only; HTTPS goes through Python's ssl), SQL drivers (Python's
# sqlite3 keeps the history), QML tooling.

# Qt's own translations kept: Traditional Chinese for the standard dialogs and menus
# (app/ui/runtime/i18n.py loads qtbase_zh_TW); English needs none.
KEEP_QT_TRANSLATIONS = {"qtbase_zh_TW.qm"}

# Single files dropped wherever they turn up.
DROP_FILES = {
    "opengl32sw.dll",  # Windows: a 20 MB software OpenGL fallback; Parley draws no OpenGL
}
# Folders dropped (bundle paths, "/"-separated).
DROP_FOLDERS = (
    # python-docx's template unpacked, from which its default.docx was made; only
    # default.docx and the default-*.xml parts are read at run time (0.9 MB).
    "docx/templates/default-docx-template/",
)

# Libraries Python loads with ctypes: nothing links to them, so they are roots of their own
# (PDFium, for PDFs the user attaches; pypdfium2_raw).
CTYPES_LIBRARIES = {"libpdfium.so", "pdfium.dll", "libpdfium.dylib"}
# Python modules left out (with the libraries only they need).
EXCLUDED_MODULES = [
    "PIL._avif",  # Pillow's AVIF codec (~5 MB); the gateways take PNG, JPEG, WebP and GIF
    "tkinter",    # Pillow's ImageTk would drag in Tcl/Tk; Parley's UI is Qt
    # lxml comes for python-docx (Word export), which uses lxml.etree only: not its
    # objectify (2.9 MB), HTML tools (0.9 MB), Schematron or doctest helpers (doctest pulls
    # in pdb and readline).
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.doctestcompare",
    "lxml.usedoctest", "lxml.cssselect",
    # Optional speed-ups or extras other packages try to import; never needed here.
    "numpy", "pandas", "pypdf", "pptx", "xlsxwriter",
]


def _plugin_name(filename: str) -> str:
    stem = filename.split(".")[0]
    return stem.removeprefix("lib")


def keep_file(dest: str) -> bool:
    """Whether the bundle keeps the file collected to ``dest`` (a path inside the bundle)."""
    # Qt's files sit in PySide6/Qt/ (Linux, macOS) or PySide6/ (Windows).
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    name = parts[-1]
    if name in DROP_FILES:
        return False
    if any(dest.replace("\\", "/").startswith(folder) for folder in DROP_FOLDERS):
        return False
    if parts[0] != "PySide6" or len(parts) < 3:
        return True
    inner = parts[2:] if parts[1] == "Qt" else parts[1:]
    if len(inner) == 3 and inner[0] == "plugins":
        names = KEEP_PLUGINS.get(inner[1], set())
        return names is None or _plugin_name(name) in names
    if len(inner) == 2 and inner[0] == "translations":
        return name in KEEP_QT_TRANSLATIONS
    return True


def prune_unreachable(binaries: Iterable[tuple[str, str, str]],
                      needs: Callable[[str], Iterable[str]]) -> list[tuple[str, str, str]]:
    """Keep the binaries reachable from the roots through the libraries they link to.

    Roots: Python extension modules, Qt plugins, libpython (loaded by the bootloader) and
    :data:`CTYPES_LIBRARIES`.
    ``needs(source_path)`` names (by file name) the libraries a binary links to; on Linux
    ``ldd`` gives the whole chain. A library no root reaches was collected only for a file
    that :func:`keep_file` dropped. Symbolic links (PyInstaller's ``SYMLINK`` entries) are
    decided by :func:`drop_dangling_links`.
    """
    binaries = list(binaries)
    files = [entry for entry in binaries if entry[2] != "SYMLINK"]
    by_name = {os.path.basename(dest): (dest, src, kind) for dest, src, kind in files}
    roots = [entry for entry in files if _is_root(entry)]
    reached = {os.path.basename(dest) for dest, _, _ in roots}
    queue = [src for _, src, _ in roots]
    while queue:
        for name in needs(queue.pop()):
            name = os.path.basename(name)
            if name in by_name and name not in reached:
                reached.add(name)
                queue.append(by_name[name][1])
    return [entry for entry in binaries
            if entry[2] == "SYMLINK" or os.path.basename(entry[0]) in reached]


def drop_dangling_links(entries: Iterable[tuple[str, str, str]],
                        kept: set[str]) -> list[tuple[str, str, str]]:
    """Drop ``SYMLINK`` entries whose target (a bundle path) is no longer in ``kept``."""
    def norm(path: str) -> str:
        return path.replace("\\", "/")

    kept = {norm(dest) for dest in kept}
    result = []
    for dest, target, kind in entries:
        if kind == "SYMLINK":
            resolved = os.path.normpath(os.path.join(os.path.dirname(norm(dest)), norm(target)))
            if norm(resolved) not in kept and norm(target) not in kept:
                continue
        result.append((dest, target, kind))
    return result


def _is_root(entry: tuple[str, str, str]) -> bool:
    dest, _, kind = entry
    dest = dest.replace("\\", "/")
    return (kind == "EXTENSION" or "/plugins/" in dest
            or os.path.basename(dest) in CTYPES_LIBRARIES
            or re.match(r"(lib)?python3", os.path.basename(dest)) is not None)
