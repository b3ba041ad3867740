"""Start Parley (or a bare Qt window) and report when its main window first painted.

    python bench/probe.py --out FILE [--bare] [--open] [--settle S]

Used by the startup and memory sections; no app code changes: the probe creates the
QApplication that ``app.main.main`` then reuses, and installs an application-wide event
filter before handing over to ``app.cli.main([])`` — what ``python -m app`` / ``parley``
runs. On the main window's first Paint it records the machine-wide monotonic clock (so the
parent can subtract its spawn time) and the resident memory; then it waits ``--settle``
seconds (the app's start-up tasks: history, keyring), records memory again ("idle"), with
``--open`` clicks the conversation with the most messages (the sidebar's own signal, as a
click would), waits for the transcript to paint it and records memory and the time it took;
then closes the window, which quits the app the normal way.

``--bare``: the baseline, a bare ``QMainWindow`` of the same size shown by a plain
QApplication, measured the same way.

The results go to ``--out`` as JSON, written after each step so a crash keeps what was
measured.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if os.environ.get("PARLEY_BENCH_TREE"):  # a baseline launch: the old code (bench/baseline.py)
    sys.path.insert(0, os.environ["PARLEY_BENCH_TREE"])

if "--bare" not in sys.argv:
    # What ``python -m app`` imports before Qt, in the same order: PySide6 scans the source
    # of every module imported after it, so importing Qt first would slow the app down.
    import app.cli  # noqa: F401

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from bench.common import rss_mb


class Probe(QObject):
    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__()
        self.args = args
        self.out: dict = {"t_start_probe": time.monotonic()}
        self.window: QMainWindow | None = None
        self._open_started = 0.0
        self._waiting_open_paint = False

    def save(self) -> None:
        Path(self.args.out).write_text(json.dumps(self.out))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not obj.isWidgetType():
            return False
        window = obj.window()
        if not isinstance(window, QMainWindow):
            return False
        if self.window is None:
            self.window = window
            self.out["t_first_paint_event"] = time.monotonic()
            # The first frame is done when the loop next runs a zero timer.
            QTimer.singleShot(0, self._first_frame_done)
        elif self._waiting_open_paint and _is_transcript(obj):
            self._waiting_open_paint = False
            QTimer.singleShot(0, self._opened)
        return False

    def _first_frame_done(self) -> None:
        self.out["t_first_paint"] = time.monotonic()
        self.out["rss_first_paint_mb"] = rss_mb()
        self.save()
        QTimer.singleShot(int(self.args.settle * 1000), self._idle)

    def _idle(self) -> None:
        self.out["rss_idle_mb"] = rss_mb()
        self.save()
        if self.args.open and not self.args.bare:
            self._open_when_listed(time.monotonic() + 10)
        else:
            self._quit()

    def _open_when_listed(self, deadline: float) -> None:
        """A short --settle may end before start-up has listed the history: wait for it."""
        listed = self.window.sidebar.tree.topLevelItemCount()  # type: ignore[union-attr]
        if not listed and time.monotonic() < deadline:
            QTimer.singleShot(20, lambda: self._open_when_listed(deadline))
            return
        self._open_biggest()

    def _open_biggest(self) -> None:
        from app.core.config.paths import data_dir
        from bench.fixtures import biggest_conversation

        row = biggest_conversation(data_dir() / "history.sqlite3")
        if row is None:
            self.out["open_error"] = "empty history"
            self._quit()
            return
        self.out["opened_messages"] = row[1]
        sidebar = self.window.sidebar  # type: ignore[union-attr]
        self._open_started = time.monotonic()
        self._waiting_open_paint = True
        sidebar.conversationSelected.emit(row[0])
        QTimer.singleShot(10_000, self._quit)  # give up rather than hang

    def _opened(self) -> None:
        self.out["open_s"] = time.monotonic() - self._open_started
        QTimer.singleShot(int(self.args.settle * 1000), self._after_open)

    def _after_open(self) -> None:
        self.out["rss_after_open_mb"] = rss_mb()
        self.save()
        self._quit()

    def _quit(self) -> None:
        self.save()
        if self.window is not None:
            self.window.close()  # the app's own way out: it stores drafts and quits
        QTimer.singleShot(5_000, QApplication.quit)


def _is_transcript(obj: QObject) -> bool:
    from app.ui.chat.transcript import Transcript

    while obj is not None:
        if isinstance(obj, Transcript):
            return True
        obj = obj.parent()
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--bare", action="store_true", help="a bare QMainWindow (baseline)")
    parser.add_argument("--open", action="store_true",
                        help="then open the conversation with the most messages")
    parser.add_argument("--settle", type=float, default=1.0,
                        help="seconds to wait before reading idle memory")
    args = parser.parse_args()
    qt_app = QApplication([sys.argv[0]])
    probe = Probe(args)
    qt_app.installEventFilter(probe)
    if args.bare:
        window = QMainWindow()
        window.resize(1180, 780)  # the main window's own size
        window.show()
        return qt_app.exec()
    from app.cli import main as parley

    return parley([])


if __name__ == "__main__":
    sys.exit(main())
