"""``parley``, ``parley show`` and ``parley quick-ask``: the desktop app's commands.

Each hands its request to the running Parley and exits (within about a second), or, when
none is running, becomes the desktop app and then performs the request
(:func:`app.main.main`). Plain ``parley`` asks for "show". This module itself loads no Qt
(tests check every file under app/cli); the desktop app does, once it is called.
"""

from __future__ import annotations

import importlib.util
from typing import TextIO

from app.core.instance_protocol import InstanceRequest


def run_desktop(command: str | None, parser, err: TextIO) -> int:
    """Hand over or start the app for ``command`` (None, "show" or "quick-ask")."""
    request = InstanceRequest.from_launch(command or "show")
    if importlib.util.find_spec("PySide6") is None:  # a terminal-only install
        if command is None:
            parser.print_help()
            return 0
        err.write(f"parley: {command} needs the desktop app (PySide6), which is not "
                  "installed\n")
        return 3
    from app.main import main as gui_main

    return gui_main([], request)
