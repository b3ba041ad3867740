"""Launch to first painted window, for the source install (and a frozen bundle if built).

    python bench/startup_bench.py [--quick]  # the startup section of ``python -m bench``

Each launch is a new process running bench/probe.py, which hands over to ``app.cli.main([])``
(what ``parley`` / ``python -m app`` run) with an event filter that notes the main window's
first painted frame on the machine-wide monotonic clock; the time is counted from just
before the process is spawned, so interpreter start and every import are included. Cases:
an empty history, and 10,000 conversations / 200,000 messages (target ≤ 1 s). Baseline: a
bare QApplication showing an empty QMainWindow of the same size, measured the same way.
Median of several launches, alternated so that machine load hits all cases alike.

Every launch has its own PARLEY_HOME, PARLEY_API_KEY set to a fake key (a user with a key:
no Settings dialog) and the null keyring, so nothing of the user's is read or written.

A frozen bundle (``dist/parley/parley``) cannot load the probe; it is timed from spawn to its
window being mapped under Xvfb (``xdotool``), next to the source install measured the same
way — when the bundle, Xvfb and xdotool are all present; otherwise it is reported as not
available.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, figure, smoke

PROBE = ROOT / "bench" / "probe.py"
BUNDLE = ROOT / "dist" / "parley" / "parley"
TARGET_S = 1.0
FAKE_KEY = "test-key-bench-startup-0000"


def probe_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    # As installed, Python reads cached bytecode; without it every launch compiles the app.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(PARLEY_HOME=str(home), PARLEY_API_KEY=FAKE_KEY,
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
               QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM") or "offscreen",
               PYTHONPATH=str(ROOT))
    return env


def launch(home: Path, *, bare: bool = False, open_biggest: bool = False,
           settle: float = 0.3, timeout: float = 60.0, tree: Path | None = None) -> dict:
    """One probe launch. Returns the probe's JSON plus ``first_paint_s`` from spawn.
    ``tree``: launch the app code in that folder instead (a baseline, bench/baseline.py)."""
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as out:
        out_path = Path(out.name)
    cmd = [sys.executable, str(PROBE), "--out", str(out_path), "--settle", str(settle)]
    if bare:
        cmd.append("--bare")
    if open_biggest:
        cmd.append("--open")
    try:
        spawned = time.monotonic()
        env = probe_env(home)
        if tree is not None:
            env.update(PARLEY_BENCH_TREE=str(tree),
                       PYTHONPATH=os.pathsep.join((str(tree), env["PYTHONPATH"])))
        done = subprocess.run(cmd, env=env, cwd=home, timeout=timeout,
                              capture_output=True, text=True, check=False)
        try:
            result = json.loads(out_path.read_text() or "{}")
        except ValueError:
            result = {}
        if "t_first_paint" not in result:
            raise RuntimeError(f"probe reported no paint (exit {done.returncode}): "
                               f"{done.stderr.strip()[-800:]}")
        result["first_paint_s"] = result["t_first_paint"] - spawned
        result["exit_code"] = done.returncode
        return result
    finally:
        out_path.unlink(missing_ok=True)


def homes(base: Path, fixture: Path | None) -> dict[str, Path]:
    """A PARLEY_HOME per case; the large one holds a copy of the fixture."""
    from bench.fixtures import copy_history

    out = {"bare": base / "bare", "empty": base / "empty"}
    for home in out.values():
        home.mkdir(parents=True, exist_ok=True)
    if fixture is not None:
        out["large"] = base / "large"
        copy_history(fixture, out["large"])
    return out


def frozen_startup(runs: int) -> dict | None:
    """Spawn to window mapped under Xvfb, for the bundle and the source install, or None
    when the bundle, Xvfb or xdotool is missing."""
    if not (BUNDLE.exists() and shutil.which("Xvfb") and shutil.which("xdotool")):
        return None
    display = ":97"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        result = {}
        for name, cmd in (("frozen", [str(BUNDLE)]),
                          ("source", [sys.executable, "-m", "app"])):
            times = []
            for _ in range(runs):
                with tempfile.TemporaryDirectory(prefix="parley-bench-") as home:
                    env = probe_env(Path(home))
                    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
                    start = time.monotonic()
                    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL)
                    mapped = _wait_for_window(display, timeout=60)
                    times.append(mapped - start)
                    proc.terminate()
                    proc.wait(timeout=20)
            result[name] = statistics.median(times)
        return result
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


def _wait_for_window(display: str, timeout: float) -> float:
    """Poll every 20 ms for a visible window titled Parley; the time it was seen."""
    env = {**os.environ, "DISPLAY": display}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Parley$"],
                               env=env, capture_output=True, check=False)
        if found.returncode == 0 and found.stdout.strip():
            return time.monotonic()
        time.sleep(0.02)
    raise RuntimeError("no Parley window appeared")


def run(quick: bool = False) -> dict:
    """The startup section; ``--smoke``: one launch of each case, the toy history, no warm-up
    launch and no frozen bundle."""
    from bench.baseline import old_tree
    from bench.fixtures import history_db, history_size

    runs = 1 if smoke() else 5 if quick else 9
    size = history_size()
    fixture = history_db(*size)
    old = old_tree()
    samples: dict[str, list[float]] = {"bare": [], "empty": [], "large": []}
    if old is not None:
        samples["large_old"] = []  # the code before the transcript redesign, same launches
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        where = homes(Path(tmp), fixture)
        if old is not None:  # its own copy, at a schema version the old code opens
            from bench.baseline import old_home

            where["large_old"] = old_home(fixture, Path(tmp) / "large_old", old)
        if not smoke():
            launch(where["empty"])  # warm the OS file cache: every case then starts warm
            if old is not None:
                launch(where["empty"], tree=old)
        for _ in range(runs):
            for case, values in samples.items():
                values.append(launch(where[case], bare=case == "bare",
                                     tree=old if case == "large_old" else None)
                              ["first_paint_s"])
    med = {case: statistics.median(values) for case, values in samples.items()}
    base = "bare QMainWindow, same measure"
    figures = [
        figure("bare Qt window: launch to first paint", med["bare"] * 1000, "ms",
               baseline=med["bare"] * 1000, baseline_name=base),
        figure("Parley, empty history: launch to first paint", med["empty"] * 1000, "ms",
               baseline=med["bare"] * 1000, baseline_name=base, target=("<=", TARGET_S * 1000),
               note=f"median of {runs}; range {min(samples['empty']) * 1000:.0f}–"
                    f"{max(samples['empty']) * 1000:.0f} ms"),
        figure(f"Parley, {size[0]:,} conversations / {size[1]:,} messages: "
               "launch to first paint", med["large"] * 1000, "ms",
               baseline=med["bare"] * 1000, baseline_name=base, target=("<=", TARGET_S * 1000),
               note=f"median of {runs}; range {min(samples['large']) * 1000:.0f}–"
                    f"{max(samples['large']) * 1000:.0f} ms"),
    ]
    if old is not None:
        figures.append(figure(
            f"Parley, {size[0]:,} conversations: launch to first paint, new vs old",
            med["large"] * 1000, "ms", baseline=med["large_old"] * 1000,
            baseline_name="the code before the transcript redesign, same launches",
            note=f"median of {runs} each, alternated"))
    frozen = None if smoke() else frozen_startup(runs)
    if frozen is None:
        figures.append(figure("frozen bundle: launch to window mapped (Xvfb)", None, "ms",
                              target=("<=", TARGET_S * 1000),
                              note="not available: no dist/parley/parley (or no Xvfb/xdotool)"))
    else:
        figures.append(figure("frozen bundle: launch to window mapped (Xvfb)",
                              frozen["frozen"] * 1000, "ms", baseline=frozen["source"] * 1000,
                              baseline_name="source install, same measure",
                              target=("<=", TARGET_S * 1000)))
    return {"figures": figures, "raw": samples}


if __name__ == "__main__":
    from bench.report import print_table

    print_table({"startup": run("--quick" in sys.argv)})
