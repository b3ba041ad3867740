import datetime as dt
from types import SimpleNamespace

from app.core.dates import age_group, group_by_age


def ts(*args):
    return dt.datetime(*args).timestamp()


def test_calendar_days_not_24_hours():
    now = ts(2026, 11, 22, 0, 10)
    assert age_group(ts(2026, 11, 22, 0, 5), now) == "today"
    assert age_group(ts(2026, 11, 21, 23, 50), now) == "yesterday"
    assert age_group(ts(2026, 11, 15, 12, 0), now) == "week"
    assert age_group(ts(2026, 11, 14, 12, 0), now) == "older"
    assert age_group(now + 3600, now) == "today"  # clock skew: never "the future"


def test_groups_keep_order_and_skip_empty():
    now = ts(2026, 11, 22, 12)
    items = [SimpleNamespace(id=i, updated_at=t) for i, t in
             [(1, ts(2026, 11, 22, 11)), (2, ts(2026, 11, 22, 9)), (3, ts(2026, 10, 1))]]
    assert [(g, [i.id for i in xs]) for g, xs in group_by_age(items, now)] == [
        ("today", [1, 2]), ("older", [3])]
