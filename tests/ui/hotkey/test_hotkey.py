"""The global quick-ask shortcut: status for settings, presses delivered on the GUI thread,
and the real X11 grab under Xvfb (pressed with xdotool)."""

import os
import random
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from app.core.shortcuts import RegistrationFailed
from app.ui.hotkey.global_hotkey import GlobalHotkey, native_backend
from app.ui.hotkey.x11 import X11Hotkey
from tests.waits import queued_calls_done


class FakeBackend:
    def __init__(self, fail: Exception | None = None) -> None:
        self.fail, self.started, self.stopped, self.press = fail, None, False, None

    def start(self, shortcut, on_press):
        if self.fail:
            raise self.fail
        self.started, self.press = shortcut, on_press

    def stop(self):
        self.stopped = True


@pytest.fixture
def made():
    return []


@pytest.fixture
def hotkey(made):
    def factory():
        made.append(FakeBackend())
        return made[-1]
    hotkey = GlobalHotkey(backend_factory=factory)
    yield hotkey
    hotkey.unregister()
    hotkey.deleteLater()


def test_registered_status_and_presses_arrive_on_the_gui_thread(qtbot, hotkey, made):
    with qtbot.waitSignal(hotkey.statusChanged) as changed:
        status = hotkey.register("ctrl+alt+space")
    assert changed.args == [status] and status == hotkey.status
    assert status.registered and status.shortcut == "Ctrl+Alt+Space" and status.reason == ""
    assert status.command.endswith("quick-ask")
    threads = []
    hotkey.activated.connect(lambda: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(hotkey.activated):
        threading.Thread(target=made[0].press).start()  # as a backend thread does
    assert threads == [hotkey.thread()]


def test_re_register_replaces_and_unregister_releases(hotkey, made):
    hotkey.register("Ctrl+Alt+Space")
    hotkey.register("Meta+Q")
    assert made[0].stopped and not made[1].stopped and str(made[1].started) == "Meta+Q"
    hotkey.unregister()
    assert made[1].stopped and hotkey.status.kind == "off" and not hotkey.status.failed


def test_a_press_queued_before_unregister_is_dropped(qtbot, hotkey, made):
    hotkey.register("Ctrl+Alt+Space")
    seen = []
    hotkey.activated.connect(lambda: seen.append(1))
    made[0].press()  # queued for the GUI thread...
    hotkey.unregister()  # ...which unregisters first
    queued_calls_done(qtbot, hotkey)  # the queued press has been delivered
    assert seen == []


@pytest.mark.parametrize("text, kind, words", [
    ("", "off", "No global shortcut is set."),
    ("Ctrl+Alt", "invalid", "has no key, only modifiers (add a key, e.g. Space)."),
    ("Q", "invalid", "would take a key other programs need (add Ctrl, Alt or Meta)."),
])
def test_off_and_invalid(hotkey, made, text, kind, words):
    status = hotkey.register(text)
    assert status.kind == kind and words in status.reason and made == []
    assert status.command.endswith("quick-ask")


def test_backend_failures_become_plain_statuses():
    failing = GlobalHotkey(backend_factory=lambda: FakeBackend(
        RegistrationFailed("in-use", "Ctrl+Alt+Space is already used by another program.")))
    status = failing.register("Ctrl+Alt+Space")
    assert (status.kind, status.failed, status.shortcut) == ("in-use", True, "Ctrl+Alt+Space")
    assert status.command.endswith("quick-ask")
    broken = GlobalHotkey(backend_factory=lambda: FakeBackend(OSError("libX11 exploded")))
    status = broken.register("Ctrl+Alt+Space")
    assert status.kind == "system-error" and "libX11 exploded" in status.reason


def test_wayland_says_so_and_gives_the_command():
    hotkey = GlobalHotkey(backend_factory=lambda: native_backend(
        {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux"))
    status = hotkey.register("Ctrl+Alt+Space")
    assert status.kind == "wayland" and status.failed
    assert "Wayland does not let programs register global shortcuts" in status.reason
    assert "keyboard settings" in status.reason and "quick-ask" in status.command


def test_macos_is_reported_unsupported_with_the_command():
    status = GlobalHotkey(backend_factory=lambda: native_backend({}, "darwin")).register("F9")
    assert status.kind == "unsupported" and "Shortcuts app" in status.reason


# ----- the real X11 grab ------------------------------------------------------------------

@pytest.fixture(scope="module")
def xvfb():
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        pytest.skip("Xvfb and xdotool are not installed (packaging/apt-packages.txt lists "
                    "them for CI: xvfb, xdotool)")
    # A random start: test runs in parallel on one machine must not race for one number.
    first = random.randrange(140, 400)
    for number in [*range(first, 400), *range(140, first)]:
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "640x480x24",
                                 "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while proc.poll() is None and time.monotonic() < deadline:
            if _answers(f":{number}"):  # the socket file appears before it accepts clients
                break
            time.sleep(0.05)
        if proc.poll() is None and _answers(f":{number}"):
            yield f":{number}"
            proc.terminate()
            proc.wait(10)
            return
        proc.kill()
        proc.wait()
    pytest.skip("no free X display number for Xvfb")


def _answers(display: str) -> bool:
    probe = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True, timeout=10,
                           env={**os.environ, "DISPLAY": display})
    return probe.returncode == 0


def xdotool(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=10,
                   env={**os.environ, "DISPLAY": display})


@pytest.fixture
def x11_hotkeys(xvfb):
    made = []

    def make() -> GlobalHotkey:
        made.append(GlobalHotkey(backend_factory=lambda: X11Hotkey(xvfb)))
        return made[-1]
    yield make
    for hotkey in made:
        hotkey.unregister()
        hotkey.deleteLater()


def test_x11_grab_fires_on_the_key_and_only_once_while_held(qtbot, xvfb, x11_hotkeys):
    hotkey = x11_hotkeys()
    status = hotkey.register("Ctrl+Alt+Space")
    assert status.registered, status.reason
    presses = []
    hotkey.activated.connect(lambda: presses.append(QThread.currentThread()))
    with qtbot.waitSignal(hotkey.activated, timeout=5000):
        xdotool(xvfb, "key", "ctrl+alt+space")
    assert presses == [hotkey.thread()]
    xdotool(xvfb, "key", "ctrl+alt+s", "space", "ctrl+space")  # other keys: nothing
    xdotool(xvfb, "keydown", "ctrl+alt+space")
    time.sleep(1.0)  # auto-repeat starts after ~660 ms
    xdotool(xvfb, "keyup", "ctrl+alt+space")
    # X sends our connection its events in order, and queued presses reach the GUI thread
    # in order: once a fresh press has arrived, every event of the held key has been handled.
    with qtbot.waitSignal(hotkey.activated, timeout=5000):
        xdotool(xvfb, "key", "ctrl+alt+space")
    assert len(presses[:-1]) == 2  # the fresh press is the last
    xdotool(xvfb, "key", "Num_Lock")  # NumLock on: still the same shortcut
    try:
        with qtbot.waitSignal(hotkey.activated, timeout=5000):
            xdotool(xvfb, "key", "ctrl+alt+space")
    finally:
        xdotool(xvfb, "key", "Num_Lock")


def test_x11_a_key_held_by_another_program_is_already_used(xvfb, x11_hotkeys):
    first = x11_hotkeys()
    assert first.register("Ctrl+Alt+Space").registered
    second = x11_hotkeys().register("Ctrl+Alt+Space")  # its own X connection: another client
    assert second.kind == "in-use" and second.failed
    assert second.reason == ("Ctrl+Alt+Space is already used by another program. Choose "
                             "another shortcut, or free it in that program.")
    assert second.command.endswith("quick-ask")
    first.unregister()
    assert x11_hotkeys().register("Ctrl+Alt+Space").registered  # released for good


def test_x11_missing_key_and_display(xvfb, x11_hotkeys):
    status = x11_hotkeys().register("Ctrl+Alt+F35")  # Xvfb's keymap stops at F12
    assert status.kind == "no-key" and "This keyboard has no F35 key" in status.reason
    gone = GlobalHotkey(backend_factory=lambda: X11Hotkey(":199"))
    status = gone.register("Ctrl+Alt+Space")
    assert status.kind == "no-display" and "cannot connect to the X display ':199'" in status.reason


def test_x11_stop_is_prompt(xvfb):
    backend = X11Hotkey(xvfb)
    from app.core.shortcuts import parse_shortcut
    backend.start(parse_shortcut("Ctrl+Alt+Space"), lambda: None)
    thread = backend._thread
    start = time.monotonic()
    backend.stop()
    assert time.monotonic() - start < 0.5 and not thread.is_alive()
