"""Sidebar sections by date, pinned apart."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.core.history import sections


def test_sections_by_date_with_pinned_apart(store):
    now = datetime(2025, 3, 20, 12, 0)
    ages = {"pin": 400, "today": 0, "yesterday": 1, "week": 5, "month": 20, "feb": 35,
            "old": 400}
    for title, days in ages.items():
        conv = store.create_conversation(title=title)
        store._conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?",
                            ((now - timedelta(days=days)).timestamp(), conv.id))
        if title == "pin":
            store.set_pinned(conv.id, True)
    got = sections(store.list_conversations(), now=now.timestamp())
    assert [(s.key, [c.title for c in s.conversations]) for s in got] == [
        ("pinned", ["pin"]), ("today", ["today"]), ("yesterday", ["yesterday"]),
        ("week", ["week"]), ("month", ["month"]), ("2025-02", ["feb"]), ("2024-02", ["old"]),
    ]
    assert got[1].label == "Today" and got[-1].label.endswith("2024")
