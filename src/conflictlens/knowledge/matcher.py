"""Token-aligned Aho-Corasick matching of normalised names, shared by the actor KB and gazetteer.

Names and text are both reduced to sequences of normalised tokens (see ``normalize``), so
one automaton entry ("liwa kuds") matches every transliteration ("Liwa al-Quds",
"Liwaa Al Quds") while the match maps back to exact character offsets in the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Generic, TypeVar

import ahocorasick

from conflictlens.knowledge.normalize import Token, TokenRow, name_key, token_rows
from conflictlens.text_cache import RecentTexts

__all__ = ["TokenMatcher", "TokenSpan"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TokenSpan(Generic[T]):
    """A match: character span in the text and the payloads stored under the matched key."""

    start: int
    end: int
    first: Token
    payloads: tuple[T, ...]


@dataclass(frozen=True, slots=True)
class _Stream:
    """A text range as the automaton reads it: " key key | key " (``|`` a phrase break).

    It depends on the text alone, not on the matcher, so the actor KBs and the gazetteer
    share one per text (see :func:`_stream`).
    """

    stream: str
    index_at: dict[int, int]  # stream offset of a word's key -> its index in ``words``
    words: tuple[TokenRow | None, ...]  # the words (never articles); None: a phrase break
    attached: dict[int, int]  # word start -> start of its hyphen-attached article ("al-")


_STREAMS: RecentTexts[_Stream] = RecentTexts()


def _stream(text: str, start: int, end: int | None) -> _Stream:
    """The stream of ``text[start:end]``, cached: every matcher reads the same article, and
    tokenising it was most of their time. Keyed by the whole text, so no text sees another's."""
    return _STREAMS.get((text, start, end), len(text), lambda: _make_stream(text, start, end))


def _make_stream(text: str, start: int, end: int | None) -> _Stream:
    words: list[TokenRow | None] = []
    parts: list[str] = []
    index_at: dict[int, int] = {}
    attached: dict[int, int] = {}
    position = 1  # the stream starts with a space
    can_break = False  # a break is kept only after a word (and one for several)
    previous: TokenRow | None = None
    for row in token_rows(text, start, end):
        if row is None:
            if can_break:
                index_at[position] = len(words)
                words.append(None)
                parts.append("|")
                position += 2
                can_break = False
        elif not row[3]:  # articles are dropped from the stream
            if previous is not None and previous[3] and text[previous[1] : row[0]] == "-":
                attached[row[0]] = previous[0]
            index_at[position] = len(words)
            words.append(row)
            parts.append(row[2])
            position += len(row[2]) + 1
            can_break = True
        previous = row
    return _Stream(" " + " ".join(parts) + " ", index_at, tuple(words), attached)


class TokenMatcher(Generic[T]):
    """Maps normalised name keys to payloads and finds them, longest-leftmost, in texts."""

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._payloads: dict[str, list[T]] = {}
        self._built = False

    def add(self, name: str, payload: T) -> str:
        """Register ``name`` (any spelling) for ``payload``; returns its key ('' if empty)."""
        key = name_key(name)
        if key:
            self._payloads.setdefault(key, []).append(payload)
        return key

    def add_key(self, key: str, payload: T) -> None:
        """Register an already-normalised key."""
        if key:
            self._payloads.setdefault(key, []).append(payload)

    def get(self, key: str) -> list[T]:
        return self._payloads.get(key, [])

    def keys(self) -> Iterable[str]:
        return self._payloads.keys()

    def build(self) -> None:
        # Each entry: (length of the key, its number of spaces = words - 1, payloads).
        for key, payloads in self._payloads.items():
            self._automaton.add_word(f" {key} ", (len(key), key.count(" "), tuple(payloads)))
        if self._payloads:
            self._automaton.make_automaton()
        self._built = True

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[TokenSpan[T]]:
        """All non-overlapping matches in ``text[start:end]``, longest-leftmost."""
        return [
            TokenSpan(span_start, span_end, Token(*head), payloads)
            for span_start, span_end, head, payloads in self.spans(text, start, end)
        ]

    def spans(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[tuple[int, int, TokenRow, tuple[T, ...]]]:
        """:meth:`find` as plain tuples (start, end, first word, payloads), for hot callers.

        The gazetteer gets thousands of spans per article and keeps a few; building no
        objects for the rest is most of what makes it fast.
        """
        if not self._built:
            self.build()
        if not self._payloads:
            return []
        prepared = _stream(text, start, end)
        index_at = prepared.index_at
        candidates: list[tuple[int, int, int, tuple[T, ...]]] = []
        for end_char, (length, spaces, payloads) in self._automaton.iter(prepared.stream):
            first = index_at.get(end_char - length)  # the first char of the key's text
            if first is not None:
                # Sorted by first word, longest first (no two keys share both).
                candidates.append((first, -spaces, first + spaces, payloads))
        candidates.sort(key=_BY_FIRST_LONGEST)
        words, attached = prepared.words, prepared.attached
        out: list[tuple[int, int, TokenRow, tuple[T, ...]]] = []
        taken_until = -1
        for first, _, last, payloads in candidates:
            if first <= taken_until:
                continue
            head, tail = words[first], words[last]
            assert head is not None and tail is not None
            out.append((attached.get(head[0], head[0]), tail[1], head, payloads))
            taken_until = last
        return out


_BY_FIRST_LONGEST = itemgetter(0, 1)
