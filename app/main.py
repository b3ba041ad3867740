"""The desktop app's entry point: ``parley`` with no command, or ``app.main.main(argv)``.

Reuses a QApplication that already exists (tests, embedding), so it can be called from a
test; returns the exit code instead of exiting.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Sequence


def main(argv: Sequence[str] | None = None) -> int:
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
    from .ui.appearance import apply_appearance
    from .ui.i18n import install_translators
    from .ui.main_window import MainWindow

    settings = AppSettings.load()
    install_translators(settings.language)  # before any widget is built
    apply_appearance(settings.theme)
    # Paint the window first, then import and build the rest (gateway, history, markdown:
    # ~0.4 s of imports) — start-up feels instant and the bench's first paint measures it.
    window = MainWindow()
    window.show()

    holder: dict[str, Any] = {}

    def build() -> None:
        if "app" in holder:
            return
        from .ui.wiring import App

        holder["app"] = App(window=window)
        holder["app"].show()

    from PySide6.QtCore import QTimer

    holder["painted"] = _after_first_paint(window, build)
    QTimer.singleShot(1000, build)  # in case no paint comes (started minimised)

    async def shutdown() -> None:
        if "app" in holder:
            await holder["app"].shutdown()

    code = run_app(app, shutdown)
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
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False

    painted = FirstPaint(window)
    window.installEventFilter(painted)
    return painted


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
