"""The desktop app's entry point: ``parley`` (and ``parley show`` / ``parley quick-ask``),
or ``app.main.main(argv, request)``.

One Parley per user and data folder (:mod:`app.ui.runtime.single_instance`): if one is running,
the request is handed to it and this returns at once, before any window or QApplication
exists. Otherwise this process becomes the instance: it listens for later launches, builds
the app, and then performs its own request through ``App.handle_request`` — the one entry
the wiring gives for every request, this launch's and later ones', on the GUI thread.

Reuses a QApplication that already exists (tests, embedding), so it can be called from a
test; returns the exit code instead of exiting. ``then(app)``, if given, runs as a task once
the app is built (``parley --self-test`` drives the window through it).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, cast

from app.core.instance_protocol import InstanceRequest


def main(argv: Sequence[str] | None = None, request: InstanceRequest | None = None,
         then: Callable[[Any], Coroutine[Any, Any, Any]] | None = None) -> int:
    """Run the desktop app, or hand ``request`` (default: show the window) to the running
    one. ``argv``: Qt's own arguments only (the command line was parsed already).
    Returns 0, or 1 when a running Parley refused or did not answer, or 3 when there is no
    display to open a window on (each said in one line on stderr)."""
    request = request or InstanceRequest("show")
    from app.ui.runtime.single_instance import LATE_TIMEOUT, HandOver, InstanceServer, hand_over

    handed = hand_over(request)  # QtNetwork only: no QApplication, no window
    if handed.status is not HandOver.NO_INSTANCE:
        return _handed_over(handed)

    # PySide6 before qasync (docs/ARCHITECTURE.md, pitfalls)
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        from app.ui.runtime.display import display_problem

        problem = display_problem()
        if problem:  # Qt would abort the process with a misleading message
            sys.stderr.write(f"parley: {problem}\n")
            return 3

    from app.ui.runtime.loop import QtLoop, run_app  # noqa: F401  (qasync after PySide6)
    from app.ui.runtime.tasks import start_task

    # instance() is typed QCoreApplication; Parley only ever makes a QApplication.
    app = cast(QApplication, QApplication.instance() or QApplication([sys.argv[0], *(argv or [])]))
    app.setApplicationName("Parley")
    app.setApplicationDisplayName("Parley")
    app.setOrganizationName("Parley")
    app.setDesktopFileName("parley")
    app.setQuitOnLastWindowClosed(True)
    from PySide6.QtGui import QIcon

    from app import resources

    app.setWindowIcon(QIcon(str(resources.path("icons", "parley.svg"))))

    from app.ui.runtime import gc_guard

    gc_guard.install()  # collect garbage on the GUI thread only (see gc_guard)

    from app.core.config.settings import Settings
    from app.core.logs import setup_file_log
    from app.ui.runtime import tasks
    from app.ui.runtime.appearance import apply_appearance
    from app.ui.runtime.i18n import install_translators
    from app.ui.window.main_window import MainWindow

    settings, _ = Settings.load()  # its warnings are shown by the App (app.ui.wiring)
    install_translators(settings.language)  # before any widget is built
    apply_appearance(settings.theme)
    from app.ui.runtime.focus import install_focus_ring

    install_focus_ring(app)  # keyboard focus always visible, in every window
    log_file = setup_file_log()  # what a notice cannot say goes there (redacted)
    if log_file is not None:
        tasks.set_log_file(log_file)

    # Listen before the first paint and the loop: a start-up race is settled before a
    # second window appears, and a launch that finds the socket is answered once the loop
    # runs (build() may still be pending).
    server = InstanceServer()
    if not server.claim():  # another launch won the start-up race: hand over to it
        return _handed_over(hand_over(request, timeout=LATE_TIMEOUT))
    pending = [request] if request.cmd != "show" else []  # the window is shown anyway
    holder: dict[str, Any] = {}

    def on_request(later: InstanceRequest) -> None:
        if "app" in holder:
            holder["app"].handle_request(later)
        else:  # arrived before the app was built: performed by build()
            pending.append(later)

    server.requested.connect(on_request)

    # Paint the window first, then import and build the rest (gateway, history, markdown:
    # ~0.4 s of imports) — start-up feels instant and the bench's first paint measures it.
    # Started by ``parley quick-ask``: only the quick-ask window comes up.
    quick_only = request.cmd == "quick-ask"
    window = MainWindow.for_settings(settings)
    if not quick_only:
        window.show()

    def build() -> None:
        if "app" in holder:
            return
        from app.ui.wiring import App

        try:
            holder["app"] = App(window=window)
        except Exception as error:  # the window must not stay an empty shell that says nothing
            from app.ui.runtime.tasks import describe

            logging.getLogger(__name__).exception("the app could not be built")
            window.show_failure(describe(error))
            return
        holder["app"].show(window=not quick_only)
        while pending:
            holder["app"].handle_request(pending.pop(0))
        if then is not None:
            start_task(then(holder["app"]), name="after start")

    from PySide6.QtCore import QTimer

    holder["painted"] = _after_first_paint(window, build)
    QTimer.singleShot(0 if quick_only else 1000, build)  # no paint comes when hidden

    async def shutdown() -> None:
        if "app" in holder:
            await holder["app"].shutdown()

    code = run_app(app, shutdown)
    server.close()
    server.deleteLater()
    # Delete the window now, not whenever the garbage collector gets to it: a widget
    # destroyed by the GC in the middle of Qt's event handling can crash the process.
    window.removeEventFilter(holder["painted"])
    window.deleteLater()
    if "app" in holder:
        holder["app"].deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code


def _after_first_paint(window: Any, then: Callable[[], None]) -> Any:
    """Call ``then`` from the loop once ``window`` has painted; return the filter object."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False

    painted = FirstPaint(window)
    window.installEventFilter(painted)
    return painted


def _handed_over(result) -> int:
    from app.ui.runtime.single_instance import HandOver

    if result.status is HandOver.ACCEPTED:
        return 0
    sys.stderr.write(f"parley: {result.message or 'Parley is starting; try again'}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
