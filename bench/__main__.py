"""``python -m bench``: run the benchmark sections, print one table, write JSON.

    python -m bench                    # everything, full sizes and repeats
    python -m bench --quick            # fewer repeats and samples: a few minutes
    python -m bench --only render,sse  # some sections
    python -m bench --smoke            # toy sizes, one run: does every section still work?
    python -m bench --json out.json --markdown table.md

Each section runs in a fresh Python process (memory, caches and Qt state do not leak from
one into the next) with its own temporary PARLEY_HOME, no PARLEY_* variables from the
caller's shell and offscreen Qt. The large history fixture is made once and cached (see
bench.fixtures; ``--fresh`` remakes it). Missed targets are reported, not failures: the
exit code is non-zero only when a section crashed.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from .common import ROOT, SMOKE_ENV, machine_info
from .report import markdown, normalise, print_table

SECTIONS = {
    "render": "bench.ui_bench",
    "renderer": "bench.render_bench",
    "sse": "bench.sse_bench",
    "startup": "bench.startup_bench",
    "history": "bench.history_bench",
    "image": "bench.image_bench",
    "documents": "bench.document_bench",
    "memory": "bench.memory_bench",
    "soak": "bench.soak_bench",
    "export": "bench.export_bench",
}
SLOWEST = ("startup", "memory")  # several app launches each, even at --smoke sizes
DEFAULT_JSON = ROOT / "bench" / "results" / "latest.json"
SMOKE_JSON = ROOT / "bench" / "results" / "smoke.json"  # never over a real run's figures
SECTION_TIMEOUT_S = 45 * 60


def available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def run_child(name: str, quick: bool, out: Path) -> int:
    """Inside the section's own process: run it and write its normalised result."""
    module = importlib.import_module(SECTIONS[name])
    started = time.perf_counter()
    result = normalise(module.run(quick))
    result["elapsed_s"] = round(time.perf_counter() - started, 1)
    out.write_text(json.dumps(result, ensure_ascii=False, default=str))
    return 0


def run_section(name: str, quick: bool, cache: Path, smoke: bool = False) -> dict:
    """Spawn the section's process and collect its result, or the reason it has none."""
    if not available(SECTIONS[name]):
        return {"status": "not available", "figures": [],
                "notes": [f"{SECTIONS[name]} is not in this checkout"]}
    with tempfile.TemporaryDirectory(prefix=f"parley-bench-{name}-") as tmp:
        out = Path(tmp) / "result.json"
        home = Path(tmp) / "home"
        home.mkdir()
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("PARLEY_") or k.startswith("PARLEY_BENCH_")}
        env.pop(SMOKE_ENV, None)
        if smoke:
            env[SMOKE_ENV] = "1"
        env.update(PARLEY_HOME=str(home), PARLEY_BENCH_CACHE=str(cache),
                   QT_QPA_PLATFORM="offscreen",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT),
                                                            env.get("PYTHONPATH")])))
        cmd = [sys.executable, "-m", "bench", "--child", name, "--out", str(out)]
        if quick:
            cmd.append("--quick")
        started = time.perf_counter()
        try:
            done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                                  timeout=SECTION_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            return {"status": "crashed", "figures": [],
                    "error": f"timed out after {SECTION_TIMEOUT_S} s"}
        elapsed = round(time.perf_counter() - started, 1)
        if done.returncode != 0 or not out.exists():
            tail = (done.stderr or done.stdout).strip().splitlines()[-15:]
            return {"status": "crashed", "figures": [], "elapsed_s": elapsed,
                    "error": f"exit {done.returncode}: " + "\n".join(tail)}
        result = json.loads(out.read_text())
        result.update(status="ok", wall_s=elapsed)
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer repeats and samples (the same sizes where they fit)")
    parser.add_argument("--smoke", action="store_true",
                        help="toy sizes and one run of each section: proves they all run "
                             "end to end in seconds (the test suite's check); the figures "
                             "mean nothing")
    parser.add_argument("--only", default="",
                        help=f"comma-separated sections of: {', '.join(SECTIONS)}")
    parser.add_argument("--json", type=Path, help="where to write JSON (default "
                        "bench/results/latest.json; smoke.json with --smoke)")
    parser.add_argument("--markdown", type=Path, help="also write the table as markdown")
    parser.add_argument("--cache", type=Path, help="fixture cache folder "
                        "(default bench/results/cache)")
    parser.add_argument("--fresh", action="store_true", help="remake the cached fixtures")
    parser.add_argument("--child", choices=SECTIONS, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        return run_child(args.child, args.quick, args.out)

    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(SECTIONS)
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}; choose from "
                     f"{', '.join(SECTIONS)}")
    from .fixtures import DEFAULT_CACHE

    args.json = args.json or (SMOKE_JSON if args.smoke else DEFAULT_JSON)

    cache = args.cache or DEFAULT_CACHE
    if args.fresh and cache.exists():
        for old in cache.glob("history-*.sqlite3*"):
            old.unlink()
    cache.mkdir(parents=True, exist_ok=True)

    report = {"started": datetime.now(UTC).isoformat(timespec="seconds"),
              "quick": args.quick, "smoke": args.smoke, "machine": machine_info(),
              "sections": {}}

    def attempt(name: str) -> dict:
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        try:
            result = run_section(name, args.quick or args.smoke, cache, args.smoke)
        except Exception:
            result = {"status": "crashed", "figures": [], "error": traceback.format_exc()}
        took = result.get("wall_s", result.get("elapsed_s", 0))
        print(f"[bench] {name}: {result['status']} ({took} s)", file=sys.stderr, flush=True)
        return result

    began = time.perf_counter()
    if args.smoke:
        # Measures nothing, so it need not run alone: a section per core and one more (they
        # also wait: settling, paced deltas), those that launch the app several times first.
        with ThreadPoolExecutor((os.cpu_count() or 1) + 1) as pool:
            results = {name: pool.submit(attempt, name)
                       for name in sorted(names, key=lambda n: n not in SLOWEST)}
            report["sections"] = {name: results[name].result() for name in names}
    else:  # one section at a time, so none measures another's load
        report["sections"] = {name: attempt(name) for name in names}
    report["elapsed_s"] = round(time.perf_counter() - began, 1)
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    report["machine"]["load_average_at_end"] = load

    m = report["machine"]
    mode = " (smoke: toy sizes, figures mean nothing)" if args.smoke else \
        " (quick)" if args.quick else ""
    print(f"\nParley benchmarks{mode} — {m['cpu']}, {m['cores']} "
          f"cores, Python {m['python']}, PySide6 {m['pyside6']}, {m['os']}; load "
          f"{m['load_average_at_start']} → {load}; {report['elapsed_s']:.0f} s\n")
    print_table(report["sections"])
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str))
    print(f"\nJSON: {args.json}")
    if args.markdown:
        args.markdown.write_text(markdown(report["sections"]))
        print(f"markdown: {args.markdown}")
    crashed = [n for n, s in report["sections"].items() if s["status"] == "crashed"]
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
