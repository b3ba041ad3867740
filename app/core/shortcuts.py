"""The global quick-ask shortcut, Qt-free: parsing, what settings say about it, and the
command to bind by hand where Parley cannot register it.

Shortcuts are written as Qt's portable text (``QKeySequence.toString(PortableText)``):
``"Ctrl+Alt+Space"``, ``"Meta+Shift+A"``, ``"Ctrl+,"``, ``"F12"``. One chord only; it
needs Ctrl, Alt or Meta unless the key is a function key, Print or Pause (a global
Shift+A would take the letter from every program). ``str(parse_shortcut(text))`` writes it
as QKeySequence does: Meta, Ctrl, Alt, Shift (Meta = the Super/Windows key), then the key.

:class:`HotkeyStatus` is what the settings page shows: registered, or failed with a plain
reason and the exact command to bind in the desktop's own keyboard settings
(:func:`bind_command`), or off. ``kind`` names the failure for code and translations.

Threading: pure functions and frozen data; any thread.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import InputError

DEFAULT_SHORTCUT = "Ctrl+Alt+Space"
MODIFIERS = ("Meta", "Ctrl", "Alt", "Shift")  # the order QKeySequence writes them
_MODIFIER_NAMES = {"ctrl": "Ctrl", "control": "Ctrl", "alt": "Alt", "option": "Alt",
                   "shift": "Shift", "meta": "Meta", "super": "Meta", "win": "Meta",
                   "windows": "Meta", "cmd": "Meta", "command": "Meta"}
_NAMED_KEYS = {"space": "Space", "return": "Return", "enter": "Return", "esc": "Esc",
               "escape": "Esc", "tab": "Tab", "backspace": "Backspace", "ins": "Ins",
               "insert": "Ins", "del": "Del", "delete": "Del", "home": "Home", "end": "End",
               "pgup": "PgUp", "pageup": "PgUp", "pgdown": "PgDown", "pagedown": "PgDown",
               "left": "Left", "right": "Right", "up": "Up", "down": "Down", "print": "Print",
               "pause": "Pause"}  # values: QKeySequence's portable names
PUNCTUATION = "`-=[]\\;',./"
_ALONE_OK = {"Print", "Pause"} | {f"F{n}" for n in range(1, 36)}

# HotkeyStatus.kind values
REGISTERED, OFF = "registered", "off"
INVALID, IN_USE, NO_KEY = "invalid", "in-use", "no-key"
WAYLAND, NO_DISPLAY, NO_X11, UNSUPPORTED, SYSTEM_ERROR = (
    "wayland", "no-display", "no-x11", "unsupported", "system-error")


@dataclass(frozen=True)
class Shortcut:
    """A parsed shortcut: ``modifiers`` ⊆ :data:`MODIFIERS`, ``key`` canonical
    ("Space", "A", "7", "F5", "PgUp", ",")."""

    modifiers: frozenset[str]
    key: str

    def __str__(self) -> str:
        return "+".join([m for m in MODIFIERS if m in self.modifiers] + [self.key])


def parse_shortcut(text: str) -> Shortcut:
    """Parse a portable-text shortcut; :class:`InputError` says what is wrong with it."""
    raw = (text or "").strip()
    if not raw:
        raise InputError("no shortcut given")
    if ", " in raw:  # how QKeySequence writes a multi-chord sequence
        raise InputError(f"“{raw}” is a sequence of several keys",
                         hint="a global shortcut is one key with modifiers")
    parts = raw.split("+")
    if raw.endswith("++") or raw == "+":  # the key itself is "+"
        parts = [*parts[:-2], "+"] if raw != "+" else ["+"]
    *mods, key = [p.strip() for p in parts]
    modifiers = set()
    for mod in mods:
        name = _MODIFIER_NAMES.get(mod.lower())
        if name is None:
            raise InputError(f"“{mod}” in “{raw}” is not a modifier",
                             hint="use Ctrl, Alt, Shift or Meta")
        modifiers.add(name)
    if not key or key.lower() in _MODIFIER_NAMES:
        raise InputError(f"“{raw}” has no key, only modifiers", hint="add a key, e.g. Space")
    canonical = _canonical_key(key)
    if canonical is None:
        raise InputError(f"“{key}” in “{raw}” is not a key Parley can register",
                         hint="use a letter, a digit, F1–F35, Space or a named key")
    if not modifiers & {"Ctrl", "Alt", "Meta"} and canonical not in _ALONE_OK:
        raise InputError(f"“{raw}” would take a key other programs need",
                         hint="add Ctrl, Alt or Meta")
    return Shortcut(frozenset(modifiers), canonical)


def _canonical_key(key: str) -> str | None:
    if len(key) == 1:
        if key.isascii() and key.isalnum():
            return key.upper()
        return key if key in PUNCTUATION else None
    lower = key.lower()
    if lower in _NAMED_KEYS:
        return _NAMED_KEYS[lower]
    if lower[0] == "f" and lower[1:].isdigit() and 1 <= int(lower[1:]) <= 35:
        return f"F{int(lower[1:])}"
    return None


class RegistrationFailed(Exception):
    """Raised by a platform backend: ``kind`` as in :class:`HotkeyStatus`, and a reason."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind, self.reason = kind, reason


@dataclass(frozen=True)
class HotkeyStatus:
    """What the settings page says about the global shortcut.

    ``kind``: ``registered``, ``off`` (no shortcut set) or a failure kind (``invalid``,
    ``in-use``, ``no-key``, ``wayland``, ``no-display``, ``no-x11``, ``unsupported``,
    ``system-error``). ``reason``: one or two plain sentences, empty when registered.
    ``command``: the exact command that opens quick ask, to bind by hand (shown with a Copy
    button when registration failed; also useful when it worked).
    """

    kind: str
    shortcut: str
    reason: str = ""
    command: str = ""

    @property
    def registered(self) -> bool:
        return self.kind == REGISTERED

    @property
    def failed(self) -> bool:
        return self.kind not in (REGISTERED, OFF)


def failure(kind: str, shortcut: str, reason: str) -> HotkeyStatus:
    return HotkeyStatus(kind, shortcut, reason, bind_command())


BIND_ADVICE = ("Add a custom shortcut in your desktop's keyboard settings that runs the "
               "command below.")
MACOS_ADVICE = ("In the Shortcuts app, make a shortcut with a “Run Shell Script” action "
                "that runs the command below, then give it a keyboard shortcut.")


def native_support(env: Mapping[str, str] | None = None,
                   platform: str | None = None) -> tuple[str, str]:
    """Which native registration this session allows: ``("x11" | "windows", "")``, or
    ``(failure kind, reason)``. Pure: decided from the environment and the platform."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if platform == "win32":
        return "windows", ""
    if platform == "darwin":
        return UNSUPPORTED, ("Parley does not register global shortcuts on macOS itself. "
                             + MACOS_ADVICE)
    if env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or env.get("WAYLAND_DISPLAY"):
        return WAYLAND, ("This is a Wayland session: Wayland does not let programs register "
                         "global shortcuts themselves. " + BIND_ADVICE)
    if not env.get("DISPLAY"):
        return NO_DISPLAY, ("There is no X11 display (DISPLAY is not set), so Parley cannot "
                            "register a global shortcut. " + BIND_ADVICE)
    return "x11", ""


def bind_command(*, frozen: bool | None = None, executable: str | None = None,
                 which: Callable[[str], str | None] = shutil.which,
                 platform: str | None = None) -> str:
    """The exact command line that opens quick ask in the running (or a new) Parley.

    Frozen app: its own executable. From source: the ``parley`` script beside this Python
    (a virtual environment's), else ``parley`` on PATH, else ``python -m app``; always with
    absolute paths, since a desktop's shortcut runs without the user's shell setup.
    """
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    executable = executable or sys.executable
    platform = platform or sys.platform
    if frozen:
        argv = [executable, "quick-ask"]
    else:
        script = "parley.exe" if platform == "win32" else "parley"
        beside = Path(executable).parent / script
        found = str(beside) if beside.is_file() else which("parley")
        argv = [found, "quick-ask"] if found else [executable, "-m", "app", "quick-ask"]
    if platform == "win32":
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)
