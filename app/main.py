"""The desktop app's entry point: ``parley`` (and ``parley show`` / ``parley quick-ask``),
or ``app.main.main(argv, request)``.

One Parley per user and data folder (:mod:`app.ui.single_instance`): if one is running,
the request is handed to it and this returns at once, before any window or QApplication
exists. Otherwise this process becomes the instance: it listens for later launches, builds
the app, and then performs its own request through ``App.handle_request`` — the one entry
the wiring gives for every request, this launch's and later ones', on the GUI thread.

Reuses a QApplication that already exists (tests, embedding), so it can be called from a
test; returns the exit code instead of exiting.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .core.instance_protocol import InstanceRequest


def main(argv: Sequence[str] | None = None, request: InstanceRequest | None = None) -> int:
    """Run the desktop app, or hand ``request`` (default: show the window) to the running
    one. ``argv``: Qt's own arguments only (the command line was parsed already).
    Returns 0, or 1 when a running Parley refused or did not answer (said on stderr)."""
    request = request or InstanceRequest("show")
    from .ui.single_instance import LATE_TIMEOUT, HandOver, InstanceServer, hand_over

    handed = hand_over(request)  # QtNetwork only: no QApplication, no window
    if handed.status is not HandOver.NO_INSTANCE:
        return _handed_over(handed)

    from PySide6.QtWidgets import QApplication  # PySide6 before qasync (see NOTES)

    from .ui.loop import QtLoop, run_app  # noqa: F401  (imports qasync after PySide6)

    app = QApplication.instance() or QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName("Parley")
    app.setApplicationDisplayName("Parley")
    app.setOrganizationName("Parley")
    app.setDesktopFileName("parley")
    app.setQuitOnLastWindowClosed(True)

    from .ui import gc_guard

    gc_guard.install()  # collect garbage on the GUI thread only (see gc_guard)

    from .core.settings import AppSettings
    from .ui.i18n import install_translators
    from .ui.wiring import App

    install_translators(AppSettings.load().language)  # before any widget is built

    # Listen only now, just before the loop runs: a launch that finds the socket gets its
    # answer at once instead of waiting for this process's imports.
    server = InstanceServer()
    if not server.claim():  # another launch won the start-up race: hand over to it
        return _handed_over(hand_over(request, timeout=LATE_TIMEOUT))
    pending = [request] if request.cmd != "show" else []  # build() shows the window anyway
    holder: dict = {}  # "app": the App, once built

    def on_request(later: InstanceRequest) -> None:
        if "app" in holder:
            holder["app"].handle_request(later)
        else:  # arrived before the app was built: performed by build()
            pending.append(later)

    server.requested.connect(on_request)

    def build() -> None:
        holder["app"] = App()
        holder["app"].show()
        while pending:
            holder["app"].handle_request(pending.pop(0))

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, build)  # build inside the running loop: tasks need it

    async def shutdown() -> None:
        if "app" in holder:
            await holder["app"].shutdown()

    code = run_app(app, shutdown)
    server.close()
    server.deleteLater()
    if "app" in holder:
        # Delete the window now, not whenever the garbage collector gets to it: a widget
        # destroyed by the GC in the middle of Qt's event handling can crash the process.
        holder["app"].window.deleteLater()
        holder["app"].deleteLater()
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code


def _handed_over(result) -> int:
    from .ui.single_instance import HandOver

    if result.status is HandOver.ACCEPTED:
        return 0
    sys.stderr.write(f"parley: {result.message or 'Parley is starting; try again'}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
