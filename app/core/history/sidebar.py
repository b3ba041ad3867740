"""Sidebar sections: pinned conversations apart, the rest grouped by date.

Pure function over :class:`~.models.Conversation` snapshots; any thread. Dates are the
user's local time. Labels are English; ``key`` is stable for a UI that translates.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Iterable, NamedTuple

from .models import Conversation


class Section(NamedTuple):
    key: str  # 'pinned', 'today', 'yesterday', 'week', 'month', or 'YYYY-MM'
    label: str
    conversations: list[Conversation]


_FIXED = (("today", "Today", 0), ("yesterday", "Yesterday", 1),
          ("week", "Previous 7 days", 7), ("month", "Previous 30 days", 30))


def sections(conversations: Iterable[Conversation], *,
             now: float | None = None) -> list[Section]:
    """Pinned first, then Today, Yesterday, Previous 7 days, Previous 30 days, then one
    section per month, newest first. Empty sections are left out; within a section the
    input order is kept (``list_conversations`` gives newest first)."""
    today = (datetime.fromtimestamp(now) if now is not None else datetime.now()).date()
    out: dict[str, Section] = {}
    for conv in conversations:
        key, label = ("pinned", "Pinned") if conv.pinned else _bucket(
            today, datetime.fromtimestamp(conv.updated_at).date())
        out.setdefault(key, Section(key, label, [])).conversations.append(conv)
    order = ["pinned"] + [k for k, _, _ in _FIXED]
    fixed = [out[k] for k in order if k in out]
    months = sorted((s for k, s in out.items() if k not in order), key=lambda s: s.key,
                    reverse=True)
    return fixed + months


def _bucket(today: date, day: date) -> tuple[str, str]:
    age = (today - day).days
    for key, label, days in _FIXED:
        if age <= days:
            return key, label
    return day.strftime("%Y-%m"), f"{day:%B %Y}"

