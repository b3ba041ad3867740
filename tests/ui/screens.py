"""Run a script in a child Python on one offscreen screen of a given size and scale: how
tests check that real windows fit a small screen at QT_SCALE_FACTOR=2 (the scale and the
screen must be set before Qt starts, hence the child)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run_on_screen(tmp_path: Path, width: int, height: int, script: str,
                  scale: int = 2) -> list[Any]:
    """The JSON lines (those starting with "[") that ``script`` printed; AssertionError
    with its stderr when it failed."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [{
        "name": "small", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_SCALE_FACTOR": str(scale),
           "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, text=True,
                         capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("[")]
