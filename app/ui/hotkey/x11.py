"""Global shortcut on X11: XGrabKey on the root window through libX11 (ctypes).

No dependency: libX11 is on every X11 desktop (and Qt's xcb platform loads it anyway).

- Its own X connection, opened, used and closed by its own thread, so Qt's connection and
  the GUI thread are never touched. The thread sleeps in ``select`` on the connection and
  a wake-up pipe; :meth:`X11Hotkey.stop` writes to the pipe, the thread ungrabs, closes
  the connection and ends.
- The key is grabbed with every combination of NumLock and CapsLock, which X treats as
  modifiers too (otherwise the shortcut dies while NumLock is on).
- Xlib's default error handler exits the process. A handler of ours is installed once and
  kept: it records errors that belong to our connections and passes every other to the
  handler that was there before (Qt's, if any). A grab that another client holds fails
  with BadAccess, reported as "already used by another program".
- Auto-repeat: detectable auto-repeat is turned on for our connection, so holding the keys
  gives one press, not a stream.

Threading: ``start``/``stop`` from one thread (the GUI thread, via GlobalHotkey); the
``on_press`` callback runs on the backend's thread and must only emit a signal.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import threading
from collections.abc import Callable
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_char_p,
    c_int,
    c_long,
    c_ubyte,
    c_uint,
    c_ulong,
    c_void_p,
)

from app.core.shortcuts import (
    IN_USE,
    NO_DISPLAY,
    NO_KEY,
    NO_X11,
    SYSTEM_ERROR,
    RegistrationFailed,
    Shortcut,
)

REGISTER_TIMEOUT = 3.0
KEY_PRESS, KEY_RELEASE = 2, 3
BAD_ACCESS = 10
SHIFT, LOCK, CONTROL, MOD1, MOD2, MOD4 = 1, 2, 4, 8, 16, 64
XK_NUM_LOCK, XK_ALT_L, XK_SUPER_L = 0xFF7F, 0xFFE9, 0xFFEB

# Canonical key names (app.core.shortcuts) that differ from X keysym names.
KEYSYM_NAMES = {"Space": "space", "Backspace": "BackSpace", "PgUp": "Prior", "PgDown": "Next",
                "Esc": "Escape", "Ins": "Insert", "Del": "Delete", "`": "grave", "-": "minus",
                "=": "equal",
                "[": "bracketleft", "]": "bracketright", "\\": "backslash",
                ";": "semicolon", "'": "apostrophe", ",": "comma", ".": "period",
                "/": "slash"}


def keysym_name(key: str) -> str:
    """The X keysym name of a canonical key: letters in lower case ("a"), "space", "F5"."""
    if key in KEYSYM_NAMES:
        return KEYSYM_NAMES[key]
    return key.lower() if len(key) == 1 else key


class XErrorEvent(Structure):
    _fields_ = [("type", c_int), ("display", c_void_p), ("resourceid", c_ulong),
                ("serial", c_ulong), ("error_code", c_ubyte), ("request_code", c_ubyte),
                ("minor_code", c_ubyte)]


class XKeyEvent(Structure):  # the head of the XEvent union for KeyPress/KeyRelease
    _fields_ = [("type", c_int), ("serial", c_ulong), ("send_event", c_int),
                ("display", c_void_p), ("window", c_ulong), ("root", c_ulong),
                ("subwindow", c_ulong), ("time", c_ulong), ("x", c_int), ("y", c_int),
                ("x_root", c_int), ("y_root", c_int), ("state", c_uint), ("keycode", c_uint)]


class XModifierKeymap(Structure):
    _fields_ = [("max_keypermod", c_int), ("modifiermap", POINTER(c_ubyte))]


ERROR_HANDLER = CFUNCTYPE(c_int, c_void_p, POINTER(XErrorEvent))

_lock = threading.Lock()
_lib: ctypes.CDLL | None = None
_errors: dict[int, list[int]] = {}  # our Display pointers → X error codes seen on them
_handler_refs: list = []  # the installed handler and the previous one, kept alive


def _xlib() -> ctypes.CDLL:
    global _lib
    with _lock:
        if _lib is None:
            try:
                lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
            except OSError:
                raise RegistrationFailed(NO_X11, "The X11 library (libX11) is not installed, "
                                         "so Parley cannot register a global shortcut.") from None
            _declare(lib)
            previous = lib.XSetErrorHandler(_on_error)
            _handler_refs.extend([_on_error, ERROR_HANDLER(previous) if previous else None])
            _lib = lib
        return _lib


def _declare(lib: ctypes.CDLL) -> None:
    d = c_void_p
    for name, res, args in (
            ("XInitThreads", c_int, []), ("XOpenDisplay", d, [c_char_p]),
            ("XCloseDisplay", c_int, [d]), ("XDefaultRootWindow", c_ulong, [d]),
            ("XStringToKeysym", c_ulong, [c_char_p]),
            ("XKeysymToKeycode", c_ubyte, [d, c_ulong]),
            ("XGrabKey", c_int, [d, c_int, c_uint, c_ulong, c_int, c_int, c_int]),
            ("XUngrabKey", c_int, [d, c_int, c_uint, c_ulong]), ("XSync", c_int, [d, c_int]),
            ("XPending", c_int, [d]), ("XNextEvent", c_int, [d, d]),
            ("XConnectionNumber", c_int, [d]), ("XSetErrorHandler", d, [ERROR_HANDLER]),
            ("XGetModifierMapping", POINTER(XModifierKeymap), [d]),
            ("XFreeModifiermap", c_int, [POINTER(XModifierKeymap)]),
            ("XkbSetDetectableAutoRepeat", c_int, [d, c_int, d])):
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = res, args


@ERROR_HANDLER
def _on_error(display, event) -> int:
    codes = _errors.get(display or 0)
    if codes is not None:
        codes.append(event.contents.error_code)
        return 0
    previous = _handler_refs[1] if len(_handler_refs) > 1 else None
    return previous(display, event) if previous else 0


class X11Hotkey:
    """One grabbed key on one X display (default: ``$DISPLAY``)."""

    def __init__(self, display_name: str | None = None) -> None:
        self.display_name = display_name
        self._thread: threading.Thread | None = None
        self._wake_r, self._wake_w = -1, -1
        self._failure: RegistrationFailed | None = None
        self._ready = threading.Event()

    def start(self, shortcut: Shortcut, on_press: Callable[[], None]) -> None:
        lib = _xlib()
        lib.XInitThreads()  # a no-op when Qt's xcb platform did it first
        keysym = lib.XStringToKeysym(keysym_name(shortcut.key).encode("ascii"))
        if not keysym:
            raise RegistrationFailed(NO_KEY, f"X11 knows no key called {shortcut.key}.")
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._run, name="x11-hotkey", daemon=True,
                                        args=(lib, shortcut, keysym, on_press))
        self._thread.start()
        if not self._ready.wait(REGISTER_TIMEOUT):
            self.stop()
            raise RegistrationFailed(SYSTEM_ERROR, "The X server did not answer within "
                                     f"{REGISTER_TIMEOUT:g} s.")
        if self._failure is not None:
            self.stop()
            raise self._failure

    def stop(self) -> None:
        if self._thread is None:
            return
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass
        self._thread.join(REGISTER_TIMEOUT)
        self._thread = None
        for fd in (self._wake_r, self._wake_w):
            os.close(fd)
        self._wake_r = self._wake_w = -1

    # ----- the backend's thread ----------------------------------------------------------

    def _run(self, lib, shortcut: Shortcut, keysym: int, on_press) -> None:
        name = self.display_name.encode() if self.display_name else None
        display = lib.XOpenDisplay(name)
        if not display:
            shown = self.display_name or os.environ.get("DISPLAY", "")
            self._fail(NO_DISPLAY, f"Parley cannot connect to the X display {shown!r}.")
            return
        _errors[display] = []
        grabs: list[tuple[int, int]] = []
        root = lib.XDefaultRootWindow(display)
        try:
            if self._grab(lib, display, root, shortcut, keysym, grabs):
                lib.XkbSetDetectableAutoRepeat(display, 1, None)
                self._ready.set()
                self._serve(lib, display, grabs[0][0], on_press)
        finally:
            for keycode, mods in grabs:
                lib.XUngrabKey(display, keycode, mods, root)
            lib.XSync(display, 0)
            _errors.pop(display, None)
            lib.XCloseDisplay(display)

    def _grab(self, lib, display, root, shortcut: Shortcut, keysym: int, grabs) -> bool:
        keycode = lib.XKeysymToKeycode(display, keysym)
        if not keycode:
            self._fail(NO_KEY, f"This keyboard has no {shortcut.key} key, so {shortcut} "
                               "cannot be registered.")
            return False
        mods = _modifier_mask(lib, display, shortcut)
        numlock = _mask_of(lib, display, XK_NUM_LOCK, MOD2)
        for extra in {0, LOCK, numlock, LOCK | numlock}:
            lib.XGrabKey(display, keycode, mods | extra, root, 0, 1, 1)  # GrabModeAsync = 1
            grabs.append((keycode, mods | extra))
        lib.XSync(display, 0)  # errors of the grabs arrive now
        codes = _errors[display]
        if BAD_ACCESS in codes:
            self._fail(IN_USE, f"{shortcut} is already used by another program. Choose "
                               "another shortcut, or free it in that program.")
        elif codes:
            self._fail(SYSTEM_ERROR, f"The X server refused {shortcut} (X error {codes[0]}).")
        return not codes

    def _serve(self, lib, display, keycode: int, on_press) -> None:
        fd = lib.XConnectionNumber(display)
        event = (c_long * 24)()  # XEvent is a union of at most 24 longs
        key = ctypes.cast(event, POINTER(XKeyEvent)).contents
        held = False  # while the grab is active every key comes here: track ours only
        while True:
            while lib.XPending(display):
                lib.XNextEvent(display, event)
                if key.type == KEY_PRESS and key.keycode == keycode and not held:
                    held = True
                    on_press()
                elif key.type == KEY_RELEASE and key.keycode == keycode:
                    held = False
            ready, _, _ = select.select([fd, self._wake_r], [], [])
            if self._wake_r in ready:
                return

    def _fail(self, kind: str, reason: str) -> None:
        self._failure = RegistrationFailed(kind, reason)
        self._ready.set()


def _modifier_mask(lib, display, shortcut: Shortcut) -> int:
    mask = 0
    for name, bit in (("Shift", SHIFT), ("Ctrl", CONTROL)):
        if name in shortcut.modifiers:
            mask |= bit
    if "Alt" in shortcut.modifiers:
        mask |= _mask_of(lib, display, XK_ALT_L, MOD1)
    if "Meta" in shortcut.modifiers:
        mask |= _mask_of(lib, display, XK_SUPER_L, MOD4)
    return mask


def _mask_of(lib, display, keysym: int, fallback: int) -> int:
    """The modifier bit a key (NumLock, Alt, Super) is mapped to on this server."""
    keycode = lib.XKeysymToKeycode(display, keysym)
    mapping = lib.XGetModifierMapping(display)
    if not keycode or not mapping:
        return fallback
    try:
        per = mapping.contents.max_keypermod
        for index in range(8 * per):
            if mapping.contents.modifiermap[index] == keycode:
                return 1 << (index // per)
        return fallback
    finally:
        lib.XFreeModifiermap(mapping)
