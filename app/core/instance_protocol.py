"""One Parley per user and data folder: the hand-over protocol and the instance's address.

A second launch (``parley``, ``parley show``, ``parley quick-ask``) does not start a second
app: it connects to the running one over a local socket, sends one request and exits. The
sockets themselves are Qt's (:mod:`app.ui.runtime.single_instance`); this module is the Qt-free
part both sides share, so the command line can build a request without loading Qt.

Wire format, version 1 — one UTF-8 JSON object per line, one request per connection::

    client → {"v": 1, "cmd": "quick-ask", "token": "<XDG activation token or ''>"}\\n
    server → {"v": 1, "ok": true}\\n          or {"v": 1, "ok": false, "error": "..."}\\n

Unknown fields are ignored (a newer client may send more); an unknown ``cmd`` or another
``v`` is refused with ``ok: false``. A line longer than :data:`MAX_LINE` bytes, or one that
is not a JSON object, is refused and the connection closed: nothing from the socket is
trusted beyond "which of the known commands".

The address (:func:`instance_address`) holds the user's name and a hash of the resolved data
folder, so two users never meet, and a test run with its own ``PARLEY_HOME`` never talks to
the user's real Parley. On Linux it is a socket file in ``$XDG_RUNTIME_DIR`` (private to the
user, cleaned at logout) when that folder is usable; elsewhere a bare name, which Qt puts in
the temp folder (Unix) or the named-pipe namespace (Windows).

Threading: pure functions and frozen data; any thread.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.core.config.paths import data_dir

PROTOCOL_VERSION = 1
MAX_LINE = 16 * 1024  # bytes, newline included; a real request is under 1 KiB
COMMANDS = ("show", "quick-ask")  # raise the main window; open the quick-ask window
TOKEN_VARIABLES = ("XDG_ACTIVATION_TOKEN", "DESKTOP_STARTUP_ID")  # Wayland, then X11


class ProtocolViolation(ValueError):
    """What came over the socket is not a request (or reply) this version understands."""


@dataclass(frozen=True)
class InstanceRequest:
    """What a launch asks of the running Parley.

    ``cmd`` is one of :data:`COMMANDS`. ``token`` is the window-activation token the desktop
    gave the launching process (``XDG_ACTIVATION_TOKEN`` on Wayland, ``DESKTOP_STARTUP_ID``
    on X11), passed on so the running app may raise its window despite focus-stealing
    prevention; empty when there is none.
    """

    cmd: str = "show"
    token: str = ""

    def __post_init__(self) -> None:
        if self.cmd not in COMMANDS:
            raise ProtocolViolation(f"unknown command {self.cmd!r}")

    @classmethod
    def from_launch(cls, cmd: str, env: Mapping[str, str] | None = None) -> InstanceRequest:
        """The request of this process's launch: ``cmd`` plus the activation token from the
        environment, if the desktop set one."""
        env = os.environ if env is None else env
        token = next((env[name] for name in TOKEN_VARIABLES if env.get(name)), "")
        return cls(cmd, token[:512])

    def encode(self) -> bytes:
        return _line({"v": PROTOCOL_VERSION, "cmd": self.cmd, "token": self.token})

    @classmethod
    def decode(cls, line: bytes) -> InstanceRequest:
        """Parse one request line; :class:`ProtocolViolation` when it is not one."""
        obj = _object(line)
        if obj.get("v") != PROTOCOL_VERSION:
            raise ProtocolViolation(f"unsupported protocol version {obj.get('v')!r}")
        cmd, token = obj.get("cmd"), obj.get("token", "")
        if not isinstance(cmd, str) or cmd not in COMMANDS:
            raise ProtocolViolation(f"unknown command {cmd!r}")
        if not isinstance(token, str):
            raise ProtocolViolation("token is not a string")
        return cls(cmd, token[:512])


def encode_reply(ok: bool, error: str = "") -> bytes:
    body: dict = {"v": PROTOCOL_VERSION, "ok": bool(ok)}
    if not ok:
        body["error"] = error[:500]
    return _line(body)


def decode_reply(line: bytes) -> tuple[bool, str]:
    """``(accepted, error)`` from a reply line; :class:`ProtocolViolation` if not a reply."""
    obj = _object(line)
    if not isinstance(obj.get("ok"), bool):
        raise ProtocolViolation("reply without 'ok'")
    error = obj.get("error", "")
    return obj["ok"], error if isinstance(error, str) else str(error)


def _line(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _object(line: bytes) -> dict:
    if len(line) > MAX_LINE:
        raise ProtocolViolation(f"message longer than {MAX_LINE} bytes")
    try:
        obj = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ProtocolViolation("not a JSON line") from None
    if not isinstance(obj, dict):
        raise ProtocolViolation("not a JSON object")
    return obj


# ----- the address -----------------------------------------------------------------------

def instance_address(*, folder: Path | None = None, user: str | None = None,
                     env: Mapping[str, str] | None = None,
                     platform: str | None = None) -> str:
    """The running instance's socket: an absolute path or a bare name for QLocalServer.

    ``folder`` defaults to the data folder (``PARLEY_HOME/data`` when set); ``user`` to the
    login name. The parameters exist for tests; the app calls it with none.
    """
    env = os.environ if env is None else env
    platform = platform or sys.platform
    digest = hashlib.sha256(
        os.path.normcase(str((folder or data_dir()).resolve())).encode("utf-8")).hexdigest()
    name = f"parley-{_safe_user(user)}-{digest[:16]}"
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if platform.startswith("linux") and runtime and _private_dir(runtime):
        return os.path.join(runtime, name)
    return name


def _safe_user(user: str | None) -> str:
    if user is None:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # no USER/LOGNAME and no passwd entry (containers)
            user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", user)[:32] or "user"


def _private_dir(path: str) -> bool:
    """A folder owned by this user that nobody else may enter (as $XDG_RUNTIME_DIR must be);
    the socket's path must also fit in sockaddr_un (108 bytes with the name)."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
            and not info.st_mode & 0o077 and len(path) < 60)
