"""The global shortcut, Qt-free: parsing, where native registration is possible, and the
command settings tell the user to bind."""

import re
import shlex

import pytest

from app.core.errors import InputError
from app.core.shortcuts import (
    DEFAULT_SHORTCUT,
    HotkeyStatus,
    Shortcut,
    bind_command,
    native_support,
    parse_shortcut,
)
from app.ui.hotkey.windows import modifier_flags, virtual_key
from app.ui.hotkey.x11 import keysym_name


@pytest.mark.parametrize("text, modifiers, key, canonical", [
    ("Ctrl+Alt+Space", {"Ctrl", "Alt"}, "Space", "Ctrl+Alt+Space"),
    ("alt+CTRL+space", {"Ctrl", "Alt"}, "Space", "Ctrl+Alt+Space"),
    (" Shift + Meta + a ", {"Meta", "Shift"}, "A", "Meta+Shift+A"),
    ("Shift+Meta+Alt+Ctrl+B", {"Meta", "Ctrl", "Alt", "Shift"}, "B", "Meta+Ctrl+Alt+Shift+B"),
    ("Super+Return", {"Meta"}, "Return", "Meta+Return"),
    ("Control+Option+Enter", {"Ctrl", "Alt"}, "Return", "Ctrl+Alt+Return"),
    ("Ctrl+,", {"Ctrl"}, ",", "Ctrl+,"),
    ("Ctrl+=", {"Ctrl"}, "=", "Ctrl+="),
    ("Ctrl+Alt+f12", {"Ctrl", "Alt"}, "F12", "Ctrl+Alt+F12"),
    ("Ctrl+PageDown", {"Ctrl"}, "PgDown", "Ctrl+PgDown"),
    ("Ctrl+Alt+Delete", {"Ctrl", "Alt"}, "Del", "Ctrl+Alt+Del"),
    ("Alt+escape", {"Alt"}, "Esc", "Alt+Esc"),
    ("F9", set(), "F9", "F9"),
    ("Print", set(), "Print", "Print"),
    ("Ctrl+Alt+7", {"Ctrl", "Alt"}, "7", "Ctrl+Alt+7"),
])
def test_parse_normalises(text, modifiers, key, canonical):
    shortcut = parse_shortcut(text)
    assert shortcut == Shortcut(frozenset(modifiers), key)
    assert str(shortcut) == canonical and parse_shortcut(canonical) == shortcut


@pytest.mark.parametrize("text, message", [
    ("", "no shortcut given"),
    ("Ctrl+Alt", "has no key, only modifiers"),
    ("Ctrl+Alt+", "has no key, only modifiers"),
    ("Hyper+A", "“Hyper” in “Hyper+A” is not a modifier"),
    ("Ctrl+Alt+Banana", "“Banana” in “Ctrl+Alt+Banana” is not a key"),
    ("Ctrl+Alt+é", "is not a key"),
    ("Ctrl+K, Ctrl+Q", "a sequence of several keys"),
    ("A", "would take a key other programs need"),
    ("Shift+Space", "would take a key other programs need"),
    ("Ctrl+Alt+F36", "is not a key"),
    ("Ctrl++", "“+” in “Ctrl++” is not a key"),  # Shift+= on most layouts: say so
])
def test_parse_errors_say_what_is_wrong(text, message):
    with pytest.raises(InputError, match=re.escape(message)):
        parse_shortcut(text)


def test_default_parses():
    assert str(parse_shortcut(DEFAULT_SHORTCUT)) == DEFAULT_SHORTCUT


def test_canonical_text_is_what_qkeysequence_writes(qapp):
    from PySide6.QtGui import QKeySequence

    portable = QKeySequence.SequenceFormat.PortableText
    for text in ("Ctrl+Alt+Space", "shift+meta+alt+ctrl+b", "Ctrl+PgDown", "Alt+Escape",
                 "Ctrl+Insert", "Ctrl+Delete", "Ctrl+Alt+F12", "Ctrl+,", "Meta+Return", "Ctrl+`"):
        assert str(parse_shortcut(text)) == QKeySequence(text).toString(portable)


def test_native_key_names():
    assert [keysym_name(parse_shortcut(s).key) for s in
            ("Ctrl+Alt+Space", "Ctrl+A", "Ctrl+F5", "Ctrl+PgUp", "Ctrl+,", "Ctrl+Backspace",
             "Alt+Esc", "Ctrl+Del")] == [
        "space", "a", "F5", "Prior", "comma", "BackSpace", "Escape", "Delete"]
    assert [virtual_key(k) for k in ("Space", "A", "7", "F1", "F24", "F25", ",", "PgDown")] == [
        0x20, 0x41, 0x37, 0x70, 0x87, None, 0xBC, 0x22]
    assert modifier_flags(parse_shortcut("Ctrl+Alt+Space")) == 0x4000 | 0x2 | 0x1
    assert modifier_flags(parse_shortcut("Shift+Meta+A")) == 0x4000 | 0x4 | 0x8


@pytest.mark.parametrize("env, platform, kind, words", [
    ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, "linux", "x11", ""),
    ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
     "linux", "wayland", "Wayland does not let programs register global shortcuts"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", "wayland", "keyboard settings"),
    ({}, "linux", "no-display", "DISPLAY is not set"),
    ({"DISPLAY": ":1"}, "freebsd14", "x11", ""),
    ({}, "win32", "windows", ""),
    ({}, "darwin", "unsupported", "Shortcuts app"),
])
def test_native_support(env, platform, kind, words):
    got, reason = native_support(env, platform)
    assert got == kind and words in reason
    if words:
        assert reason.endswith(".") and "command below" in reason


def test_bind_command_frozen_uses_the_executable():
    assert bind_command(frozen=True, executable="/opt/Parley App/parley",
                        platform="linux") == "'/opt/Parley App/parley' quick-ask"
    assert bind_command(frozen=True, executable=r"C:\Program Files\Parley\Parley.exe",
                        platform="win32") == r'"C:\Program Files\Parley\Parley.exe" quick-ask'


def test_bind_command_prefers_the_script_beside_python(tmp_path):
    (tmp_path / "parley").write_text("#!/bin/sh\n")
    command = bind_command(frozen=False, executable=str(tmp_path / "python"),
                           which=lambda name: "/usr/bin/parley", platform="linux")
    assert shlex.split(command) == [str(tmp_path / "parley"), "quick-ask"]


def test_bind_command_then_path_then_python_m(tmp_path):
    python = str(tmp_path / "python3")
    assert bind_command(frozen=False, executable=python, which=lambda n: "/usr/bin/parley",
                        platform="linux") == "/usr/bin/parley quick-ask"
    assert shlex.split(bind_command(frozen=False, executable=python, which=lambda n: None,
                                    platform="linux")) == [python, "-m", "app", "quick-ask"]


def test_bind_command_in_this_environment_runs_parley():
    argv = shlex.split(bind_command())
    assert argv[-1] == "quick-ask" and ("parley" in argv[0] or argv[1:3] == ["-m", "app"])


def test_status_flags():
    assert HotkeyStatus("registered", "Ctrl+Alt+Space").registered
    assert not HotkeyStatus("off", "").failed and HotkeyStatus("in-use", "F9").failed
