"""What the main window costs before its first paint: the window is built and shown before
the history, the documents' readers and the gateway's client are imported (``app/main.py``
builds the rest after the paint), so a widget the window shows must not pull them in at
import. Each figure is from ``python -X importtime`` before this was kept: importing
``app.core.images.generation`` for the word "/imagine" brought in the history and the
documents (~20 ms of a ~300 ms start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.ui.window.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
print(json.dumps(sorted(m for m in sys.modules if m.startswith("app."))))
"""

LATER = ("app.core.history", "app.core.documents", "app.core.gateway.client",
         "app.core.images.generation", "app.ui.wiring", "app.ui.settings.dialog",
         "app.export")


def test_the_window_paints_before_history_documents_and_gateway_load(tmp_path):
    env = {**os.environ, "PARLEY_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, text=True,
                         capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert "app.ui.window.main_window" in loaded
    early = [m for m in loaded if m.startswith(LATER)]
    assert early == [], f"imported before the first paint: {early}"
