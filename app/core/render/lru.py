"""A least-recently-used cache bounded by bytes, not by entries.

Render caches hold values whose sizes differ by a thousand times (a one-line answer's HTML
and a 100 KB answer's; an inline formula's image and a display formula's), so a count of
entries bounds nothing: 600 rendered bodies were anywhere between 1 and 80 MB. Here each
value is weighed once, when stored (``size_of``), and the least recently used entries go
until the total fits the budget again. A value heavier than the whole budget is not kept at
all (it would push out everything else); the caller has it anyway and may ask again.

Threading: not thread-safe; one owner per cache, which locks if it shares it (MathCache).
Qt-free: the UI uses it for QImages too, weighed by the caller's ``size_of``.
"""

from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

MIB = 1024 * 1024


class ByteLRU(Generic[K, V]):
    """``key → value``, most recently used last, whose sizes add up to at most ``budget``."""

    def __init__(self, budget: int, size_of: Callable[[V], int] = sys.getsizeof) -> None:
        """``size_of``: a value's weight in bytes; by default what ``sys.getsizeof`` says,
        right for str and bytes (header included), not for containers."""
        if budget <= 0:
            raise ValueError("the budget must be positive")
        self.budget = budget
        self._size_of = size_of
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._bytes = 0

    @property
    def nbytes(self) -> int:
        """The weight of what is held now (≤ budget)."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        """Whether ``key`` is held; does not count as a use."""
        return key in self._entries

    def __iter__(self) -> Iterator[K]:
        """Keys, least recently used first."""
        return iter(list(self._entries))

    def get(self, key: K, default: V | None = None) -> V | None:
        """The value of ``key`` (now the most recently used), or ``default``."""
        found = self._entries.get(key)
        if found is None:
            return default
        self._entries.move_to_end(key)
        return found[0]

    def put(self, key: K, value: V) -> bool:
        """Store ``value`` as the most recently used, evicting the least recently used
        entries beyond the budget. False (and ``key`` not held) if it alone is too heavy."""
        self.pop(key)
        size = max(0, int(self._size_of(value)))
        if size > self.budget:
            return False
        self._entries[key] = (value, size)
        self._bytes += size
        while self._bytes > self.budget:
            _key, (_value, dropped) = self._entries.popitem(last=False)
            self._bytes -= dropped
        return True

    def pop(self, key: K, default: V | None = None) -> V | None:
        found = self._entries.pop(key, None)
        if found is None:
            return default
        self._bytes -= found[1]
        return found[0]

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0
