"""Resident memory of the running app: idle, and after opening a 1,000-message conversation.

    python bench/memory_bench.py [--quick]   # the memory section of ``python -m bench``

Launches the real app through bench/probe.py (see startup_bench): RSS (VmRSS from /proc;
elsewhere getrusage's peak) once the main window has painted and the start-up tasks have
settled ("idle"), then after clicking the conversation with the most messages and letting
it paint. Cases: an empty history, and the shared 10,000-conversation fixture (whose biggest
conversation has 1,000 messages). Baseline: a bare QMainWindow in a plain QApplication. The
median of a few launches; memory varies little between them.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import figure, smoke
from bench.startup_bench import homes, launch

SETTLE_S = 1.5  # start-up tasks (history, sidebar, maths warm-up) are done by then


def run(quick: bool = False) -> dict:
    from bench.baseline import old_tree
    from bench.fixtures import history_db, history_size

    runs = 1 if quick else 3
    size = history_size()
    fixture = history_db(*size)
    settle = 0.3 if smoke() else SETTLE_S  # smoke: the path works, the figures mean nothing
    old = old_tree()
    results: dict[str, list[dict]] = {"bare": [], "empty": [], "large": [], "large_old": []}
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        where = homes(Path(tmp), fixture)
        if old is not None:  # its own copy, at a schema version the old code opens
            from bench.baseline import old_home

            where["large_old"] = old_home(fixture, Path(tmp) / "large_old", old)
        for _ in range(runs):
            results["bare"].append(launch(where["bare"], bare=True, settle=settle))
            results["empty"].append(launch(where["empty"], settle=settle))
            results["large"].append(launch(where["large"], open_biggest=True, settle=settle))
            if old is not None:  # the code before the transcript redesign, same launch
                results["large_old"].append(launch(where["large_old"], open_biggest=True,
                                                   settle=settle, tree=old))

    def med(case: str, key: str) -> float | None:
        values = [r[key] for r in results[case] if key in r]
        return statistics.median(values) if values else None

    bare = med("bare", "rss_idle_mb")
    base = "bare QMainWindow, idle"
    opened = results["large"][0].get("opened_messages", 0)
    open_s = med("large", "open_s")
    figures = [
        figure("bare Qt window: RSS idle", bare, "MiB", baseline=bare, baseline_name=base),
        figure("Parley, empty history: RSS idle", med("empty", "rss_idle_mb"), "MiB",
               baseline=bare, baseline_name=base),
        figure(f"Parley, {size[0]:,} conversations: RSS idle",
               med("large", "rss_idle_mb"), "MiB", baseline=bare, baseline_name=base),
        figure(f"Parley, after opening a {opened:,}-message conversation",
               med("large", "rss_after_open_mb"), "MiB", baseline=bare, baseline_name=base,
               note=f"opened in {open_s * 1000:.0f} ms (click to painted)" if open_s else
               "the conversation did not open"),
    ]
    if results["large_old"]:
        old_open = med("large_old", "open_s")
        figures.append(figure(
            f"Parley, after opening a {opened:,}-message conversation: new vs old",
            med("large", "rss_after_open_mb"), "MiB",
            baseline=med("large_old", "rss_after_open_mb"),
            baseline_name="the code before the transcript redesign (its last 20 messages), "
                          "same launches",
            target=("<=", med("large_old", "rss_after_open_mb")),
            note=f"old opened in {old_open * 1000:.0f} ms" if old_open else ""))
    return {"figures": figures, "raw": results}


if __name__ == "__main__":
    from bench.report import print_table

    print_table({"memory": run("--quick" in sys.argv)})
