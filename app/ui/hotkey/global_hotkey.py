"""The global quick-ask shortcut: registered natively where the platform allows it.

Use from the wiring (GUI thread)::

    hotkey = GlobalHotkey(parent=app)
    hotkey.activated.connect(app.quick_ask)          # GUI thread, once per press
    status = hotkey.register(settings_shortcut)      # "" or None: off
    settings_page.show_hotkey(status)                # also via hotkey.statusChanged
    ...
    hotkey.unregister()                              # at quit (also on re-register)

Where it works: X11 sessions (XGrabKey in :mod:`app.ui.hotkey.x11`) and Windows
(RegisterHotKey in :mod:`app.ui.hotkey.windows`, correct on paper, not tested here). Where it
cannot: Wayland (no protocol lets a program grab keys; XWayland only sees keys while one of
its windows has focus), no X display, and macOS. macOS is reported as unsupported with the
command to bind rather than using pynput: pynput brings in PyObjC, needs Accessibility /
Input Monitoring permission for a tap that sees every key the user types, and could not be
tested here; Carbon's RegisterEventHotKey (no permission needed) is the native route if it
is ever wanted. Every failure is a :class:`~app.core.shortcuts.HotkeyStatus` with a plain
reason and the exact ``parley quick-ask`` command to bind in the desktop's own settings.

Threading: create, register and unregister on the GUI thread. Each backend runs its own
thread (an X connection or a Win32 message loop); a press reaches :attr:`activated` by a
queued signal, so slots run on the GUI thread. ``register`` blocks for the registration's
answer, a few milliseconds (at most :data:`REGISTER_TIMEOUT`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.core.errors import InputError
from app.core.shortcuts import (
    INVALID,
    OFF,
    REGISTERED,
    SYSTEM_ERROR,
    HotkeyStatus,
    RegistrationFailed,
    Shortcut,
    bind_command,
    failure,
    native_support,
    parse_shortcut,
)

log = logging.getLogger(__name__)

REGISTER_TIMEOUT = 3.0  # seconds; an X server that does not answer in this time has failed


class Backend(Protocol):
    """A platform's registration. ``start`` raises :class:`RegistrationFailed`; then
    ``on_press`` is called, from the backend's own thread, once per key press."""

    def start(self, shortcut: Shortcut, on_press: Callable[[], None]) -> None: ...

    def stop(self) -> None: ...


def native_backend(env: Mapping[str, str] | None = None,
                   platform: str | None = None) -> Backend:
    """The backend for this session; :class:`RegistrationFailed` where there is none."""
    kind, reason = native_support(env, platform)
    if kind == "x11":
        from app.ui.hotkey.x11 import X11Hotkey

        return X11Hotkey((os.environ if env is None else env).get("DISPLAY"))
    if kind == "windows":
        from app.ui.hotkey.windows import WindowsHotkey

        return WindowsHotkey()
    raise RegistrationFailed(kind, reason)


class GlobalHotkey(QObject):
    """One global shortcut for quick ask; see the module's docstring."""

    activated = Signal()  # on the GUI thread, once per press
    statusChanged = Signal(object)  # HotkeyStatus, after every register()/unregister()
    _pressed = Signal()  # emitted from the backend's thread

    def __init__(self, parent: QObject | None = None, *,
                 backend_factory: Callable[[], Backend] = native_backend) -> None:
        super().__init__(parent)
        self._factory = backend_factory
        self._backend: Backend | None = None
        self._status = HotkeyStatus(OFF, "", "No global shortcut is set.", bind_command())
        self._pressed.connect(self._on_pressed, Qt.ConnectionType.QueuedConnection)

    @property
    def status(self) -> HotkeyStatus:
        return self._status

    def register(self, shortcut: str | None) -> HotkeyStatus:
        """Register ``shortcut`` (portable text, e.g. "Ctrl+Alt+Space") in place of the
        current one; "" or None turns it off. Returns (and emits) the new status."""
        self._release()
        text = (shortcut or "").strip()
        if not text:
            return self._set(HotkeyStatus(OFF, "", "No global shortcut is set.",
                                          bind_command()))
        try:
            parsed = parse_shortcut(text)
        except InputError as error:
            return self._set(failure(INVALID, text, f"{error.message}"
                                     + (f" ({error.hint})." if error.hint else ".")))
        try:
            backend = self._factory()
            backend.start(parsed, self._pressed.emit)
        except RegistrationFailed as fail:
            return self._set(failure(fail.kind, str(parsed), fail.reason))
        except Exception as exc:  # a platform surprise must not stop the app starting
            log.exception("registering the global shortcut failed")
            return self._set(failure(SYSTEM_ERROR, str(parsed),
                                     f"Registering the shortcut failed ({exc})."))
        self._backend = backend
        return self._set(HotkeyStatus(REGISTERED, str(parsed), "", bind_command()))

    def unregister(self) -> None:
        """Release the shortcut (at quit, or to turn it off)."""
        if self._release():
            self._set(HotkeyStatus(OFF, "", "No global shortcut is set.", bind_command()))

    def _release(self) -> bool:
        backend, self._backend = self._backend, None
        if backend is None:
            return False
        try:
            backend.stop()
        except Exception:
            log.exception("releasing the global shortcut failed")
        return True

    def _set(self, status: HotkeyStatus) -> HotkeyStatus:
        self._status = status
        self.statusChanged.emit(status)
        return status

    @Slot()
    def _on_pressed(self) -> None:
        if self._backend is not None:  # a press queued just before unregister() is dropped
            self.activated.emit()
