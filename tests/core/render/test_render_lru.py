"""The byte-bounded LRU under the render caches: it evicts by bytes, not by entries, keeps
the most recently used, and never holds more than its budget."""

from __future__ import annotations

import pytest

from app.core.render import MathCache
from app.core.render.lru import ByteLRU


def weigh(value: str) -> int:
    return len(value)


def test_evicts_by_bytes_least_recently_used_first():
    cache: ByteLRU[str, str] = ByteLRU(10, weigh)
    cache.put("a", "xxxx")
    cache.put("b", "yyyy")
    assert (len(cache), cache.nbytes) == (2, 8)
    cache.put("c", "zz")          # exactly the budget: nothing goes
    assert list(cache) == ["a", "b", "c"] and cache.nbytes == 10
    cache.put("d", "w")           # one byte over: the oldest goes, however small the new one
    assert list(cache) == ["b", "c", "d"] and cache.nbytes == 7
    cache.put("e", "vvvvvvvv")    # heavy: as many of the oldest go as it takes
    assert list(cache) == ["d", "e"] and cache.nbytes == 9


def test_a_use_makes_an_entry_the_most_recent():
    cache: ByteLRU[str, str] = ByteLRU(12, weigh)
    for key in "abc":
        cache.put(key, key * 4)
    assert cache.get("a") == "aaaa"  # now the most recent: b is the oldest
    assert "b" in cache and list(cache) == ["b", "c", "a"]  # `in` is not a use
    cache.put("d", "dddd")
    assert list(cache) == ["c", "a", "d"] and cache.get("b") is None
    assert cache.get("b", "gone") == "gone"


def test_replacing_a_value_reweighs_it_and_too_heavy_values_are_not_kept():
    cache: ByteLRU[str, str] = ByteLRU(10, weigh)
    cache.put("a", "x" * 6)
    cache.put("a", "x" * 2)
    assert cache.nbytes == 2 and len(cache) == 1
    assert cache.put("big", "x" * 11) is False  # heavier than the whole budget
    assert "big" not in cache and cache.get("a") == "xx"  # and it pushed nothing out
    assert cache.pop("a") == "xx" and cache.nbytes == 0
    cache.put("b", "bb")
    cache.clear()
    assert (len(cache), cache.nbytes, cache.get("b")) == (0, 0, None)
    with pytest.raises(ValueError):
        ByteLRU(0)


def test_default_weight_is_the_memory_of_str_and_bytes():
    cache: ByteLRU[int, str] = ByteLRU(10_000)
    cache.put(1, "a" * 1000)
    cache.put(2, "數" * 1000)  # two bytes a character in CPython
    assert 1000 < cache.nbytes - 2000 < 1200


def test_maths_svgs_stay_within_their_byte_budget_and_evicted_urls_still_resolve():
    cache = MathCache(budget_bytes=20_000)
    images = [cache.image(f"x^{{{n}}} + \\frac{{{n}}}{{y}}", True, "#000000", 17)
              for n in range(12)]
    assert all(image.error is None for image in images)
    assert 0 < cache.svg_bytes <= 20_000
    assert all(cache.resource(image.url) for image in images)  # typeset again when dropped
    assert cache.svg_bytes <= 20_000
