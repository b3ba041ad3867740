"""Today's code as a same-run baseline: ``app/`` exported from an earlier commit.

The transcript redesign (one widget per message, laid out only near the viewport) is
measured against the one-QTextBrowser transcript it replaced, in the same run, on the same
machine, through the same measuring code: a section exports ``app/`` as it was at
BASELINE_REF (``git archive``) into the fixture cache once, and runs its measurement again
in a child process whose ``app`` package comes from there (``PARLEY_BENCH_TREE``; the
``bench`` package stays this checkout's).

``PARLEY_BENCH_BASELINE`` names another commit, or ``none`` to skip the old code (a checkout
without git history, or a quick look). Nothing here imports Qt or the app.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

from .common import ROOT

BASELINE_REF = "98c7cec"  # main before the redesign: the whole conversation in one document
TREE_ENV = "PARLEY_BENCH_TREE"


def baseline_ref() -> str | None:
    ref = os.environ.get("PARLEY_BENCH_BASELINE", BASELINE_REF).strip()
    return None if ref.lower() in ("", "none", "off") else ref


def use_tree() -> None:
    """In a child measuring old code: import ``app`` from PARLEY_BENCH_TREE (call first)."""
    tree = os.environ.get(TREE_ENV)
    if tree and (not sys.path or sys.path[0] != tree):
        sys.path.insert(0, tree)


def old_tree(ref: str | None = None) -> Path | None:
    """The folder holding ``app/`` as it was at ``ref`` (exported once), or None when it
    cannot be had (no git, an unknown commit, no baseline wanted)."""
    ref = ref or baseline_ref()
    if ref is None:
        return None
    from .fixtures import cache_dir

    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", f"{ref}^{{commit}}"],
                                cwd=ROOT, capture_output=True, text=True, check=True,
                                timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    folder = cache_dir() / f"app-{commit}"
    if not (folder / "app" / "__init__.py").exists():
        try:
            archive = subprocess.run(["git", "archive", "--format=tar", commit, "app"],
                                     cwd=ROOT, capture_output=True, check=True,
                                     timeout=120).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
    return folder


def old_home(fixture: Path, home: Path, tree: Path) -> Path:
    """A PARLEY_HOME holding a copy of the history ``fixture`` that the old code in ``tree``
    opens: its schema version set back to the newest that code knows. Without this the old
    code refuses the fixture ("written by a newer Parley"), falls back to an empty temporary
    history, and its start-up and memory figures describe an empty app. Only safe because
    the versions since then added columns with defaults (v3: attachments' extract_sha256
    and meta, and the 'document' kind), which older code never reads."""
    from .fixtures import copy_history

    target = copy_history(fixture, home)
    done = subprocess.run([sys.executable, "-c",
                           "from app.core.history.schema import LATEST; print(LATEST)"],
                          cwd=tree, env=child_env(tree), capture_output=True, text=True,
                          check=True, timeout=60)
    with sqlite3.connect(target) as conn:
        if conn.execute("PRAGMA user_version").fetchone()[0] > int(done.stdout):
            conn.execute(f"PRAGMA user_version = {int(done.stdout)}")
    return home


def child_env(tree: Path) -> dict[str, str]:
    """The environment of a child process that measures the code in ``tree``."""
    env = dict(os.environ)
    env[TREE_ENV] = str(tree)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree), str(ROOT),
                                                      env.get("PYTHONPATH")]))
    return env


def run_old(script: str, args: list[str], tree: Path, timeout: float = 1800) -> str:
    """Run ``bench/<script>`` over the old code with ``args``; its stdout."""
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args],
                          cwd=ROOT, env=child_env(tree), capture_output=True, text=True,
                          timeout=timeout, check=False)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-12:])
        raise RuntimeError(f"the baseline run of {script} failed: {tail}")
    return done.stdout
