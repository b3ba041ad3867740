"""Is there a screen to open a window on? Checked before Qt starts: without one, Qt's xcb
plugin aborts the process (exit 134) with a misleading "xcb-cursor0 is needed" message.

Threading: pure functions over the environment; any thread. No Qt here.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping

# Qt platforms that need no display server (tests, the self-test, VNC, framebuffers).
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay")
_LOCAL_X = re.compile(r"^(?:unix)?:(\d+)(?:\.\d+)?$")
ADVICE = ('the desktop app needs one; the command line works without: parley ask "…" '
          "(see parley --help)")


def display_problem(env: Mapping[str, str] | None = None, platform: str | None = None,
                    x11_sockets: str = "/tmp/.X11-unix") -> str | None:
    """None when a window can open, else one line saying why not (and what to use instead).

    Linux and the BSDs only: Windows and macOS always have their own. A Wayland socket or
    a local X display is checked for; a remote X display (``host:0``) is trusted."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if chosen in HEADLESS_PLATFORMS:
        return None
    wayland = env.get("WAYLAND_DISPLAY", "")
    if wayland and chosen != "xcb":
        runtime = env.get("XDG_RUNTIME_DIR", "")
        path = wayland if os.path.isabs(wayland) else os.path.join(runtime, wayland)
        if os.path.exists(path):
            return None
    display = env.get("DISPLAY", "")
    if display:
        local = _LOCAL_X.match(display)
        if not local or os.path.exists(os.path.join(x11_sockets, f"X{local.group(1)}")):
            return None
        return f"no X server answers on display {display}; {ADVICE}"
    if wayland:
        return f"the Wayland display {wayland} is not there; {ADVICE}"
    return f"no display found (DISPLAY and WAYLAND_DISPLAY are not set); {ADVICE}"
