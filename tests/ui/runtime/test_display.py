"""No display: one line that says so and points to the command line (Qt aborted with exit
134 and "xcb-cursor0 is needed")."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.runtime.display import display_problem

ROOT = Path(__file__).resolve().parents[3]


def test_no_display_variables(tmp_path):
    problem = display_problem({}, "linux", str(tmp_path))
    assert "no display found" in problem and "parley ask" in problem


def test_a_local_x_display_without_its_socket(tmp_path):
    assert "display :7" in display_problem({"DISPLAY": ":7"}, "linux", str(tmp_path))
    (tmp_path / "X7").touch()
    assert display_problem({"DISPLAY": ":7.0"}, "linux", str(tmp_path)) is None


@pytest.mark.parametrize("env", [{"QT_QPA_PLATFORM": "offscreen"}, {"DISPLAY": "host:0"}])
def test_headless_platforms_and_remote_displays_pass(env, tmp_path):
    assert display_problem(env, "linux", str(tmp_path)) is None


def test_wayland_socket(tmp_path):
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert "wayland-0" in display_problem(env, "linux", str(tmp_path))
    (tmp_path / "wayland-0").touch()
    assert display_problem(env, "linux", str(tmp_path)) is None


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_always_have_a_screen(platform):
    assert display_problem({}, platform) is None


def test_parley_without_a_display_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
           and not k.startswith("PARLEY_")}
    env["PARLEY_HOME"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "app"], cwd=ROOT, env=env, timeout=60,
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 3, result.stderr
    assert result.stderr.count("\n") == 1 and "no display found" in result.stderr
    assert "parley ask" in result.stderr and "xcb" not in result.stderr
