"""app.main.main(argv): runs the app on an existing QApplication and returns its exit code."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.main import main
from app.ui.window.main_window import MainWindow
from tests.conftest import style_env


def test_main_reuses_the_application_and_returns_zero(qapp, gateway, monkeypatch):
    for name, value in style_env(gateway, "apim").items():
        monkeypatch.setenv(name, value)
    seen = []

    def close_when_shown():
        # The window paints first; the rest of the app is built right after (the header
        # lists the profiles once it is).
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()
                   and w.header.profile_box.count() > 0]
        if windows:
            seen.append(windows[0].windowTitle())
            windows[0].close()
        else:
            QTimer.singleShot(50, close_when_shown)

    QTimer.singleShot(50, close_when_shown)
    assert main([]) == 0
    assert seen == ["Parley"] and QApplication.instance() is qapp
