"""Benchmark of the conversation history (app.core.history) at realistic size.

    python bench/history_bench.py            # 10,000 conversations / 200,000 messages
    python bench/history_bench.py --quick    # 2,000 / 40,000, well under a minute

Generates mixed English / Traditional Chinese conversations into a temporary folder (bulk
executemany in big transactions through the real schema and its FTS triggers), then times
the store's operations: median of several warm runs, and the ratio to a baseline measured
in the same run on the same file — a full-table ``LIKE '%…%'`` scan over every message's
text, i.e. what a search without an index would cost. Results are printed, not saved.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.history import HistoryStore, auto_title

EN = ["the", "of", "and", "to", "a", "in", "is", "it", "you", "that", "for", "on", "with", "as", "are", "this", "be", "can", "use", "your", "not", "or", "have", "from", "by", "an", "will", "at", "if", "more", "one", "do", "what", "which", "about", "when", "there", "how", "also", "all", "function", "value", "data", "model", "error", "file", "code", "python", "list", "table", "example", "return", "time", "number", "string", "answer", "question", "result", "test", "first", "each", "into", "other", "should", "need", "like", "then", "make", "only", "way", "these", "would", "because", "could", "first", "new", "step", "work", "change", "text", "line", "problem", "case", "between", "different", "means", "called", "image", "user", "system", "request", "class", "method", "variable", "loop", "index", "query", "database", "server", "network", "memory", "performance", "student", "course", "lecture", "assignment", "exam", "learning", "research", "paper", "reference", "teacher", "school", "practice", "matrix", "vector", "derivative", "integral", "equation", "theorem", "proof", "probability", "statistics", "AI", "prompt", "token", "gateway", "stream", "cache", "thread", "window", "button"]
ZH = ["的", "是", "在", "我", "有", "和", "你", "這", "個", "了", "不", "們", "為", "中", "以", "學", "上", "大", "說", "來", "到", "時", "會", "可以", "問題", "資料", "程式", "電腦", "學生", "老師", "課程", "作業", "考試", "研究", "論文", "方法", "系統", "函數", "變數", "迴圈", "微積分", "線性代數", "機率", "統計", "矩陣", "向量", "導數", "積分", "方程式", "定理", "證明", "例子", "結果", "因為", "所以", "但是", "如果", "然後", "已經", "還是", "應該", "需要", "使用", "非常", "比較", "重要", "簡單", "香港", "教育", "大學", "圖書館", "資訊", "網路", "伺服器", "記憶體", "效能", "模型", "訓練", "測試"]
RARE_EN, RARE_ZH = "quokka", "鯨魚"
PUNCT_ZH = "，。？！、"


def zipf(words: list[str]) -> list[float]:
    return [1.0 / (rank + 1) ** 0.9 for rank in range(len(words))]


class TextMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.en_cum = list(accumulate(zipf(EN)))
        self.zh_cum = list(accumulate(zipf(ZH)))

    def english(self, words: int) -> str:
        out = self.rng.choices(EN, cum_weights=self.en_cum, k=words)
        for i in range(0, len(out), self.rng.randint(8, 20)):
            out[i] = out[i].capitalize()
        return " ".join(out) + "."

    def chinese(self, chars: int) -> str:
        """Chinese with punctuation and, as people write, the odd English term."""
        rng = self.rng
        words = rng.choices(ZH, cum_weights=self.zh_cum, k=chars // 2 + 1)
        for i in range(0, len(words), rng.randint(4, 12)):
            words[i] += rng.choice(PUNCT_ZH)
        if rng.random() < 0.3:
            words[rng.randrange(len(words))] = f" {rng.choice(EN[40:])} "
        return "".join(words)

    def message(self, lang: str, role: str) -> str:
        long = role == "assistant"
        if lang == "mixed":
            lang = self.rng.choice(("en", "zh"))
        if lang == "en":
            return self.english(self.rng.randint(40, 260) if long else self.rng.randint(5, 45))
        return self.chinese(self.rng.randint(80, 450) if long else self.rng.randint(8, 70))


def message_counts(rng: random.Random, conversations: int, messages: int) -> list[int]:
    """Messages per conversation: one of 1,000 in the middle, the others around the mean
    (at least 2), adding up to exactly ``messages``."""
    big = conversations // 2
    mean = max(2.0, (messages - 1000) / max(1, conversations - 1))
    counts = [max(2, round(rng.gauss(mean, mean / 2))) for _ in range(conversations)]
    counts[big] = 1000
    others = [i for i in range(conversations) if i != big]
    diff = messages - sum(counts)
    while diff and others:
        i = rng.choice(others)
        if diff > 0:
            counts[i], diff = counts[i] + 1, diff - 1
        elif counts[i] > 2:
            counts[i], diff = counts[i] - 1, diff + 1
    return counts


def generate(path: Path, conversations: int, messages: int, seed: int = 7) -> None:
    """Fill ``path`` with ``conversations`` holding ``messages`` in all; about 5% of the
    answers were regenerated (a sibling branch), except in the 1,000-message one."""
    HistoryStore(path).open().close()  # the real schema, triggers included
    rng = random.Random(seed)
    text = TextMaker(rng)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")  # generation only
    start = time.time() - 2 * 365 * 86400
    msg_id, rare_left = 0, {RARE_EN: 5, RARE_ZH: 8}
    conv_rows: list[tuple] = []
    msg_rows: list[tuple] = []

    def flush() -> None:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO conversations (id, title, title_source, created_at,"
                         " updated_at, current_leaf_id) VALUES (?, ?, 'auto', ?, ?, ?)",
                         conv_rows)
        conn.executemany("INSERT INTO messages (id, conversation_id, parent_id, role,"
                         " content, created_at, updated_at, prompt_tokens,"
                         " completion_tokens, total_tokens, model) VALUES"
                         " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'gpt-4o')", msg_rows)
        conn.execute("COMMIT")
        conv_rows.clear()
        msg_rows.clear()

    for conv_id, count in enumerate(message_counts(rng, conversations, messages), 1):
        lang = rng.choices(("en", "zh", "mixed"), (0.55, 0.3, 0.15))[0]
        t = start + (conv_id / conversations) * 2 * 365 * 86400
        parent, title, made, i = None, "", 0, 0
        while made < count:
            role = "user" if i % 2 == 0 else "assistant"
            body = text.message(lang, role)
            for word, left in rare_left.items():
                if left and rng.random() < 5 / messages:
                    rare_left[word] -= 1
                    body = f"{body} {word} {body[:20]}"
            usage = (rng.randint(50, 4000), rng.randint(20, 800)) if role == "assistant" else None
            tokens = usage + (sum(usage),) if usage else (None, None, None)
            msg_id, made = msg_id + 1, made + 1
            msg_rows.append((msg_id, conv_id, parent, role, body, t + i, t + i, *tokens))
            if role == "assistant" and count != 1000 and made < count and rng.random() < 0.05:
                msg_id, made = msg_id + 1, made + 1  # regenerated: the branch goes on here
                msg_rows.append((msg_id, conv_id, parent, role, text.message(lang, role),
                                 t + i, t + i, *tokens))
            parent, title, i = msg_id, title or auto_title(body), i + 1
        conv_rows.append((conv_id, title, t, t + count, parent))
        if len(msg_rows) > 20_000:
            flush()
    flush()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def timed(fn, runs: int) -> tuple[float, float, object]:
    result = fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times), result


def biggest(store: HistoryStore) -> tuple[int, int]:
    """The conversation with the most messages, and its current leaf."""
    conv_id = store._conn.execute("SELECT conversation_id FROM messages GROUP BY 1"
                                  " ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    return conv_id, store.get_conversation(conv_id).current_leaf_id


SEARCHES = (("the", "common English word"), (RARE_EN, "rare English word"),
            ("微積", "2 Chinese characters"), ("線性代數", "4 Chinese characters"),
            ("的", "1 common Chinese character"), ("matrix 矩陣", "2 terms"))


def run(quick: bool = False) -> dict:
    """The history section: content search over the shared 10,000-conversation / 200,000-
    message fixture (median of warm runs; baseline a full-table LIKE scan), and opening a
    1,000-message conversation through the chat controller (baseline: active_path alone).
    ``quick`` runs fewer repeats; the sizes stay the issues' sizes (``--smoke``: toy sizes,
    one run)."""
    from bench.common import figure, smoke
    from bench.fixtures import history_db, history_size

    runs = 1 if smoke() else 3 if quick else 9
    path = history_db(*history_size())
    figures = []
    with HistoryStore(path).open() as store:
        n_msgs = store._conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        n_convs = store._conn.execute("SELECT count(*) FROM conversations").fetchone()[0]
        size = f"{n_convs:,} conversations / {n_msgs:,} messages"
        for query, what in SEARCHES:
            like = " AND ".join(["content LIKE ?"] * len(query.split()))
            args = [f"%{word}%" for word in query.split()]
            sql = f"SELECT id FROM messages WHERE {like} ORDER BY created_at DESC LIMIT 50"
            base_ms = timed(lambda sql=sql, args=args: store._conn.execute(sql, args).fetchall(),
                            runs)[0]
            median, _best, hits = timed(lambda query=query: store.search(query), runs)
            figures.append(figure(f"search '{query}' ({what}) in {n_msgs:,} messages", median,
                                  "ms", baseline=base_ms, target=("<=", 50.0),
                                  baseline_name="LIKE scan of every message, newest 50",
                                  note=f"{len(hits)} hits shown"))
        list_ms = timed(lambda: store.list_conversations(limit=300), runs)[0]
        all_ms = timed(lambda: store.list_conversations(), runs)[0]
        figures.append(figure(f"list the sidebar's first 300 of {n_convs:,} conversations",
                              list_ms, "ms", baseline=all_ms,
                              baseline_name=f"list all {n_convs:,}"))

    from bench.common import run_on_qt_loop
    from bench.ui_bench import (
        FRAME_MS,
        OLD,
        OPEN_TARGET_MS,
        WHEEL_PX,
        old_measurement,
        open_conversation,
    )

    length = 40 if smoke() else 1000
    repeats = 1 if smoke() else 3 if quick else 5
    new = run_on_qt_loop(lambda: open_conversation(length, repeats))
    os.environ["PARLEY_BENCH_MESSAGES"] = str(length)
    old, why = old_measurement("open", quick)
    ms = 1000.0
    opened = new["open_s"]
    figures.append(figure(
        f"open a {length:,}-message conversation (rich markdown)",
        statistics.median(opened) * ms, "ms",
        baseline=statistics.median(old["open_s"]) * ms if old else None,
        baseline_name=OLD if old else why, target=("<=", OPEN_TARGET_MS),
        note=f"median of {len(opened)}, max {max(opened) * ms:.0f} ms (the first: maths "
             f"typeset); history active_path alone "
             f"{statistics.median(new['active_path_s']) * ms:.0f} ms; all {length:,} "
             f"messages scrollable (before: the last 20, then 'Show earlier')"))
    figures.append(figure(
        f"scroll the {length:,} messages top to bottom, {WHEEL_PX} px a frame: longest "
        f"loop stall", new["scroll_stall_s"] * ms, "ms",
        baseline=old["scroll_stall_s"] * ms if old else None,
        baseline_name=(OLD + ": its 20 messages") if old else why,
        target=("<=", FRAME_MS),
        note=f"{new['scroll_steps']:,} steps over {new['scroll_height_px']:,} px; a step's "
             f"scroll and layout: p95 {new['scroll_p95_s'] * ms:.1f} ms, worst "
             f"{new['scroll_worst_s'] * ms:.1f} ms"))
    return {"figures": figures, "size": size,
            "raw": {"open_new": {k: v for k, v in new.items() if k != "scroll_culprits"},
                    "open_old": old, "scroll_culprits": new.get("scroll_culprits")}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 / 40,000 and fewer runs")
    parser.add_argument("--db", type=Path,
                        help="generate into this file, or reuse it when it exists")
    args = parser.parse_args()
    conversations, messages, runs = (2_000, 40_000, 5) if args.quick else (10_000, 200_000, 9)

    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        path = args.db or Path(tmp) / "history.sqlite3"
        gen_s = None
        if not path.exists():
            t0 = time.perf_counter()
            generate(path, conversations, messages)
            gen_s = time.perf_counter() - t0
        store = HistoryStore(path).open()
        big_conv, leaf = biggest(store)
        n_msgs = store._conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        n_convs = store._conn.execute("SELECT count(*) FROM conversations").fetchone()[0]
        size = path.stat().st_size / 2**20
        made = f"generated in {gen_s:.1f} s" if gen_s is not None else f"reused {path}"
        print(f"{n_convs:,} conversations / {n_msgs:,} messages, {made} ({size:.0f} MiB); "
              f"median of {runs} warm runs each\n")

        count_ms = timed(lambda: store._conn.execute(
            "SELECT count(*) FROM messages").fetchone(), runs)[0]
        base_ms = timed(lambda: store._conn.execute(
            "SELECT count(*) FROM messages WHERE content LIKE '%zqxj%'").fetchone(), runs)[0]
        first = store.active_path(big_conv)[1].id
        scratch = store.create_conversation(title="bench scratch")
        answer = store.begin_answer(scratch.id)
        growing = ["answer text 回答內容 " * 200]  # ~3,600 characters

        def checkpoint() -> bool:
            growing[0] += "more 更多 "
            return store.checkpoint(answer.id, growing[0])

        cases = [
            ("list_conversations(limit=100)", lambda: store.list_conversations(limit=100)),
            ("list_conversations() all", lambda: store.list_conversations()),
            ("active_path(1,000-message conv)", lambda: store.active_path(big_conv)),
            ("switch_branch(in that conv)", lambda: store.switch_branch(first)),
            ("checkpoint(~3,600-char answer)", checkpoint),
            ("search 'the' (common English)", lambda: store.search("the")),
            (f"search '{RARE_EN}' (rare English)", lambda: store.search(RARE_EN)),
            ("search '微積' (2 chars)", lambda: store.search("微積")),
            ("search '線性代數' (4 chars)", lambda: store.search("線性代數")),
            (f"search '{RARE_ZH}' (2 chars, rare)", lambda: store.search(RARE_ZH)),
            ("search 'AI' (2 chars, English)", lambda: store.search("AI")),
            ("search '的' (1 char, common)", lambda: store.search("的")),
            ("search 'matrix 矩陣' (2 terms)", lambda: store.search("matrix 矩陣")),
            ("search 'quokka 的' (rare + common)", lambda: store.search("quokka 的")),
        ]
        rows = []
        for name, fn in cases:
            median, best, result = timed(fn, runs)
            found = len(result) if isinstance(result, list) else ""
            rows.append((name, median, best, median / base_ms, found))
        store.delete(scratch.id)
        store.purge_deleted()
        store.switch_branch(leaf)
        store.close()

    print(f"baseline: full-table LIKE scan of message text = {base_ms:.1f} ms "
          f"(plain SELECT count(*) FROM messages = {count_ms:.2f} ms)\n")
    print(f"{'operation':<36} {'median ms':>10} {'min ms':>8} {'× LIKE scan':>12} {'rows':>6}")
    print("-" * 76)
    for name, median, best, ratio, found in rows:
        print(f"{name:<36} {median:>10.2f} {best:>8.2f} {ratio:>12.3f} {found!s:>6}")


if __name__ == "__main__":
    main()
