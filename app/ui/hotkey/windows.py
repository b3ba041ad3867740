"""Global shortcut on Windows: RegisterHotKey (user32, ctypes) with a message loop of its own.

A hot key registered with no window belongs to the thread that registered it and arrives
as WM_HOTKEY in that thread's message queue, so one thread registers, loops on
GetMessageW and unregisters; :meth:`WindowsHotkey.stop` posts WM_QUIT to it.
MOD_NOREPEAT: holding the keys gives one press. ERROR_HOTKEY_ALREADY_REGISTERED (1409)
means another program has it.

Correct on paper and by the Win32 documentation; it has not run here (the project's
machines are Linux): only the key mapping is tested. Threading as in :mod:`app.ui.hotkey.x11`.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable

from app.core.shortcuts import IN_USE, NO_KEY, SYSTEM_ERROR, RegistrationFailed, Shortcut

REGISTER_TIMEOUT = 3.0
WM_HOTKEY, WM_QUIT = 0x0312, 0x0012
MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
HOTKEY_ID = 1

_NAMED_VK = {"Space": 0x20, "Return": 0x0D, "Esc": 0x1B, "Tab": 0x09, "Backspace": 0x08,
             "Ins": 0x2D, "Del": 0x2E, "Home": 0x24, "End": 0x23, "PgUp": 0x21, "PgDown": 0x22,
             "Left": 0x25, "Up": 0x26, "Right": 0x27, "Down": 0x28,
             "Print": 0x2C, "Pause": 0x13, ";": 0xBA, "=": 0xBB, ",": 0xBC, "-": 0xBD,
             ".": 0xBE, "/": 0xBF, "`": 0xC0, "[": 0xDB, "\\": 0xDC, "]": 0xDD, "'": 0xDE}


def virtual_key(key: str) -> int | None:
    """The Windows virtual-key code of a canonical key; None if Windows has none (F25+)."""
    if key in _NAMED_VK:
        return _NAMED_VK[key]
    if len(key) == 1 and key.isascii() and key.isalnum():
        return ord(key.upper())  # VK_0..VK_9 and VK_A..VK_Z are their ASCII codes
    if key.startswith("F") and key[1:].isdigit() and 1 <= int(key[1:]) <= 24:
        return 0x70 + int(key[1:]) - 1  # VK_F1 = 0x70
    return None


def modifier_flags(shortcut: Shortcut) -> int:
    flags = MOD_NOREPEAT
    for name, bit in (("Alt", MOD_ALT), ("Ctrl", MOD_CONTROL), ("Shift", MOD_SHIFT),
                      ("Meta", MOD_WIN)):
        if name in shortcut.modifiers:
            flags |= bit
    return flags


class WindowsHotkey:
    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._thread_id = 0
        self._failure: RegistrationFailed | None = None
        self._ready = threading.Event()

    def start(self, shortcut: Shortcut, on_press: Callable[[], None]) -> None:
        vk = virtual_key(shortcut.key)
        if vk is None:
            raise RegistrationFailed(NO_KEY, f"Windows has no key {shortcut.key} for "
                                             "global shortcuts.")
        self._thread = threading.Thread(target=self._run, name="win-hotkey", daemon=True,
                                        args=(modifier_flags(shortcut), vk, str(shortcut),
                                              on_press))
        self._thread.start()
        if not self._ready.wait(REGISTER_TIMEOUT) or self._failure is not None:
            self.stop()
            raise self._failure or RegistrationFailed(SYSTEM_ERROR, "Windows did not answer.")

    def stop(self) -> None:
        if self._thread is None:
            return
        if self._thread_id:
            ctypes.WinDLL("user32").PostThreadMessageW(self._thread_id, WM_QUIT, 0, 0)
        self._thread.join(REGISTER_TIMEOUT)
        self._thread = None

    def _run(self, flags: int, vk: int, shown: str, on_press) -> None:
        from ctypes import wintypes  # Windows only (fails on some Pythons elsewhere)

        user32 = ctypes.WinDLL("user32", use_last_error=True)
        kernel32 = ctypes.WinDLL("kernel32")
        self._thread_id = kernel32.GetCurrentThreadId()
        if not user32.RegisterHotKey(None, HOTKEY_ID, flags, vk):
            code = ctypes.get_last_error()
            if code == ERROR_HOTKEY_ALREADY_REGISTERED:
                self._failure = RegistrationFailed(
                    IN_USE, f"{shown} is already used by another program. Choose another "
                            "shortcut, or free it in that program.")
            else:
                self._failure = RegistrationFailed(
                    SYSTEM_ERROR, f"Windows refused {shown} (error {code}).")
            self._thread_id = 0
            self._ready.set()
            return
        self._ready.set()
        msg = wintypes.MSG()
        try:
            while user32.GetMessageW(ctypes.byref(msg), None, 0, 0) > 0:
                if msg.message == WM_HOTKEY and msg.wParam == HOTKEY_ID:
                    on_press()
        finally:
            user32.UnregisterHotKey(None, HOTKEY_ID)
