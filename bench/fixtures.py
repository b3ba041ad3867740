"""Large inputs the sections share, made once and reused.

The history database of 10,000 conversations / 200,000 messages takes a minute or two to
generate (most of it SQLite's trigram index), so it is made once per run — and kept in a
cache folder between runs, keyed by its size and by a hash of the code that makes it and of
the history schema, so a changed generator or schema makes a new one. The runner passes the
folder in ``PARLEY_BENCH_CACHE``; ``--fresh`` empties it first.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from .common import ROOT

FULL_SIZE = (10_000, 200_000)  # conversations, messages: the issues' figures
SMOKE_SIZE = (40, 1_100)  # python -m bench --smoke: still one conversation of 1,000 messages
DEFAULT_CACHE = ROOT / "bench" / "results" / "cache"


def history_size() -> tuple[int, int]:
    """(conversations, messages) of the history the sections use: FULL_SIZE, or SMOKE_SIZE
    under ``python -m bench --smoke``."""
    from .common import smoke

    return SMOKE_SIZE if smoke() else FULL_SIZE


def cache_dir() -> Path:
    path = Path(os.environ.get("PARLEY_BENCH_CACHE") or DEFAULT_CACHE)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _code_hash() -> str:
    """Of the generator's code and word lists, and of the history schema."""
    from . import history_bench as gen

    digest = hashlib.sha256((ROOT / "app/core/history/schema.py").read_bytes())
    for part in (gen.generate, gen.TextMaker, gen.message_counts, gen.zipf):
        digest.update(inspect.getsource(part).encode())
    digest.update(repr((gen.EN, gen.ZH, gen.RARE_EN, gen.RARE_ZH, gen.PUNCT_ZH)).encode())
    return digest.hexdigest()[:12]


def history_db(conversations: int = FULL_SIZE[0], messages: int = FULL_SIZE[1]) -> Path:
    """A history database of that size (one conversation of 1,000 messages among them),
    generated on first use and cached. Callers that let the app write to it copy it first
    (:func:`copy_history`)."""
    from .history_bench import generate

    path = cache_dir() / f"history-{conversations}-{messages}-{_code_hash()}.sqlite3"
    if not path.exists():
        with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
            made = Path(tmp) / path.name
            generate(made, conversations, messages)
            made.replace(path)  # complete or absent, never half-made
    return path


def copy_history(source: Path, parley_home: Path) -> Path:
    """Put a copy of ``source`` where the app looks for its history under ``parley_home``."""
    data = parley_home / "data"
    data.mkdir(parents=True, exist_ok=True)
    target = data / "history.sqlite3"
    shutil.copyfile(source, target)
    return target


def biggest_conversation(path: Path) -> tuple[int, int]:
    """(id, message count) of the conversation with the most messages."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT conversation_id, count(*) FROM messages GROUP BY 1"
                            " ORDER BY 2 DESC LIMIT 1").fetchone()
