"""What stages derive from the last few texts (tokens, match streams), kept for reuse.

One article is read by several stages and, within a stage, once per sentence; each derives the
same thing from the same text. A ``RecentTexts`` keeps a few such results, keyed by the text
itself (so nothing leaks between texts), bounded both in number and in characters of text kept
alive (documents may be 20 MB), least recently used out first.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class RecentTexts(Generic[V]):
    """``get(key, size, make)``: ``make()`` once per key while it stays among the recent ones."""

    def __init__(self, max_items: int = 16, max_chars: int = 4_000_000) -> None:
        self.max_items = max_items
        self.max_chars = max_chars
        self._items: dict[Hashable, tuple[int, V]] = {}  # insertion order = recency

    def get(self, key: Hashable, size: int, make: Callable[[], V]) -> V:
        """The value for ``key`` (a text, or a text and a range); ``size``: the text's length."""
        found = self._items.pop(key, None)
        if found is None:
            found = (size, make())
        self._items[key] = found  # now the most recent
        self._trim()
        return found[1]

    def _trim(self) -> None:
        items = list(self._items.items())  # a snapshot, should another thread add meanwhile
        total = sum(size for _key, (size, _value) in items)
        while len(items) > 1 and (len(items) > self.max_items or total > self.max_chars):
            key, (size, _value) = items.pop(0)
            total -= size
            self._items.pop(key, None)

    def clear(self) -> None:
        self._items.clear()
