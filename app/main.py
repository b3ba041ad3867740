"""The desktop app's entry point: ``parley`` with no command, or ``app.main.main(argv)``.

Reuses a QApplication that already exists (tests, embedding), so it can be called from a
test; returns the exit code instead of exiting. ``then(app)``, if given, runs as a task once
the window is shown (``parley --self-test`` drives the window through it).
"""

from __future__ import annotations

import sys
from typing import Any, Awaitable, Callable, Sequence


def main(argv: Sequence[str] | None = None,
         then: Callable[[Any], Awaitable[Any]] | None = None) -> int:
    from PySide6.QtWidgets import QApplication  # PySide6 before qasync (see NOTES)

    from .ui.loop import QtLoop, run_app, start_task  # noqa: F401  (qasync after PySide6)

    app = QApplication.instance() or QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName("Parley")
    app.setApplicationDisplayName("Parley")
    app.setOrganizationName("Parley")
    app.setDesktopFileName("parley")
    app.setQuitOnLastWindowClosed(True)
    from PySide6.QtGui import QIcon

    from . import resources

    app.setWindowIcon(QIcon(str(resources.path("icons", "parley.svg"))))

    from .ui import gc_guard

    gc_guard.install()  # collect garbage on the GUI thread only (see gc_guard)

    from .core.settings import AppSettings
    from .ui.i18n import install_translators
    from .ui.wiring import App

    install_translators(AppSettings.load().language)  # before any widget is built

    holder: dict[str, App] = {}

    def build() -> None:
        holder["app"] = App()
        holder["app"].show()
        if then is not None:
            start_task(then(holder["app"]), name="after start")

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, build)  # build inside the running loop: tasks need it

    async def shutdown() -> None:
        if "app" in holder:
            await holder["app"].shutdown()

    code = run_app(app, shutdown)
    if "app" in holder:
        # Delete the window now, not whenever the garbage collector gets to it: a widget
        # destroyed by the GC in the middle of Qt's event handling can crash the process.
        holder["app"].window.deleteLater()
        holder["app"].deleteLater()
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
