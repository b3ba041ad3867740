"""Grouping conversations by age for the sidebar: Today, Yesterday, Previous 7 days, Older.

Calendar days in the user's local time zone, not 24-hour windows: a chat from 23:50 is
"Yesterday" at 00:10.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

TODAY, YESTERDAY, WEEK, OLDER = "today", "yesterday", "week", "older"
GROUP_ORDER = (TODAY, YESTERDAY, WEEK, OLDER)


def age_group(timestamp: float, now: float) -> str:
    day = dt.datetime.fromtimestamp(timestamp).date()
    today = dt.datetime.fromtimestamp(now).date()
    delta = (today - day).days
    if delta <= 0:
        return TODAY
    if delta == 1:
        return YESTERDAY
    if delta <= 7:
        return WEEK
    return OLDER


def group_by_age(items: Iterable[T], now: float, key=lambda item: item.updated_at
                 ) -> list[tuple[str, Sequence[T]]]:
    """Non-empty groups in display order, each keeping the items' order (newest first)."""
    groups: dict[str, list[T]] = {name: [] for name in GROUP_ORDER}
    for item in items:
        groups[age_group(key(item), now)].append(item)
    return [(name, groups[name]) for name in GROUP_ORDER if groups[name]]
