"""kill -9 while an answer streams: the file stays intact and keeps a recent checkpoint."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from app.core.history import HistoryStore

ROOT = Path(__file__).resolve().parents[3]

# Checkpoints as fast as it can (much more often than the real once a second), printing
# each number only after its checkpoint returned, i.e. was committed.
CHILD = r"""
import sys
from app.core.history import HistoryStore
store = HistoryStore(sys.argv[1]).open()
conv = store.create_conversation()
store.add_message(conv.id, "user", "tell me a long story")
answer = store.begin_answer(conv.id)
print("answer", answer.id, flush=True)
text = ""
for i in range(10**7):
    text += f"chunk {i} 段落 "
    store.checkpoint(answer.id, text)
    print(i, flush=True)
"""


def expected(n: int) -> str:
    return "".join(f"chunk {i} 段落 " for i in range(n + 1))


def test_sigkill_mid_stream_loses_at_most_the_last_checkpoint(tmp_path):
    path = tmp_path / "history.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, text=True)
    try:
        answer_id = int(child.stdout.readline().split()[1])
        last = -1
        while last < 150:
            line = child.stdout.readline()
            assert line, "the child died on its own"
            last = int(line)
        child.kill()  # SIGKILL on POSIX: no cleanup, no atexit, mid-write
    finally:
        child.kill()
        child.wait(timeout=10)
        child.stdout.close()

    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with HistoryStore(path) as store:
        content = store.get_message(answer_id).content
        # Everything that was reported committed is there (and maybe a checkpoint or two
        # that committed before the kill landed).
        n = int(content.rsplit("chunk ", 1)[1].split()[0])
        assert n >= last and content == expected(n)
        assert store.recover_interrupted() == 1
        assert store.get_message(answer_id).status == "interrupted"
        assert store.search(f"chunk {last} 段落")
        store._conn.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")
