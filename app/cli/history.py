"""``parley history list | search | show | export``: the history from the terminal.

Reads the same SQLite history as the desktop app (WAL: both may run at once). Needs no
profile and no key. Exports go through app.export, the API the window uses too; only
``--format pdf`` loads Qt (offscreen) to lay the pages out.

Failures are one line with their exit code: an unknown ID is 11, a history that cannot be
used 12, an export that cannot be written 13 (README, "Exit codes").
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import TextIO

from app.core.history.store import HistoryStore


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp))


def run_history(args: argparse.Namespace, out: TextIO, err: TextIO,
                store: HistoryStore | None = None) -> int:
    """Run one ``history`` action against ``store`` (default: the user's history)."""
    with store or HistoryStore() as history:
        return {"list": _list, "search": _search, "show": _show,
                "export": _export}[args.action](args, history, out, err)


def _list(args: argparse.Namespace, store: HistoryStore, out: TextIO, err: TextIO) -> int:
    conversations = store.list_conversations(limit=args.limit or None)
    if args.json:
        json.dump([{"id": c.id, "title": c.title, "pinned": c.pinned, "model": c.model,
                    "created_at": c.created_at, "updated_at": c.updated_at}
                   for c in conversations], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    for c in conversations:
        pin = "📌 " if c.pinned else ""
        out.write(f"{c.id:>6}  {_when(c.updated_at)}  {pin}{c.title or 'Untitled chat'}\n")
    if not conversations:
        err.write("parley: the history has no conversations yet\n")
    return 0


def _search(args: argparse.Namespace, store: HistoryStore, out: TextIO, err: TextIO) -> int:
    hits = store.search(args.text, limit=args.limit, per_conversation=3)
    if args.json:
        json.dump([{"conversation_id": h.conversation_id, "message_id": h.message_id,
                    "title": h.title, "snippet": h.snippet, "spans": h.spans}
                   for h in hits], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    for h in hits:
        where = f"{h.conversation_id}" + (f" --message {h.message_id}" if h.message_id else "")
        snippet = f" — {h.marked()}" if h.snippet else ""
        out.write(f"{where:>6}  {h.title or 'Untitled chat'}{snippet}\n")
    if not hits:
        err.write(f"parley: nothing in the history matches “{args.text}”\n")
    return 0


def _document(args: argparse.Namespace, store: HistoryStore):
    from app.core.export.document import load_conversation, load_message

    if args.message is not None:
        return load_message(store, args.message, args.id)
    return load_conversation(store, args.id)


def _show(args: argparse.Namespace, store: HistoryStore, out: TextIO, err: TextIO) -> int:
    from app.core.export.markdown_out import markdown_export

    out.write(markdown_export(_document(args, store)).text)
    return 0


def _export(args: argparse.Namespace, store: HistoryStore, out: TextIO, err: TextIO) -> int:
    from app.export import format_of, images_folder, render, write_export

    fmt = format_of(args.out or "", args.format)
    assert fmt is not None  # the parser's usage check refused the rest
    doc = _document(args, store)
    if not args.out:  # md or html to stdout; Markdown's images cannot go along
        out.write(render(doc, fmt).data.decode("utf-8"))
        return 0
    path = Path(args.out).expanduser()
    written = write_export(render(doc, fmt, folder=images_folder(path)), path)
    for item in written:
        out.write(f"{item}\n")
    return 0
