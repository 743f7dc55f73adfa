"""Token-aligned Aho-Corasick matching of normalised names, shared by the actor KB and gazetteer.

Names and text are both reduced to sequences of normalised tokens (see ``normalize``), so
one automaton entry ("liwa kuds") matches every transliteration ("Liwa al-Quds",
"Liwaa Al Quds") while the match maps back to exact character offsets in the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from conflictlens.knowledge.normalize import Token, name_key, tokenize

__all__ = ["TokenMatcher", "TokenSpan"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TokenSpan(Generic[T]):
    """A match: character span in the text and the payloads stored under the matched key."""

    start: int
    end: int
    first: Token
    payloads: tuple[T, ...]


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
        for key, payloads in self._payloads.items():
            self._automaton.add_word(f" {key} ", (key, tuple(payloads)))
        if self._payloads:
            self._automaton.make_automaton()
        self._built = True

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[TokenSpan[T]]:
        """All non-overlapping matches in ``text[start:end]``, longest-leftmost."""
        if not self._built:
            self.build()
        if not self._payloads:
            return []
        tokens = tokenize(text, start, end)
        words: list[Token | None] = []
        attached: dict[int, int] = {}  # word start -> start of its hyphen-attached article
        previous: Token | None = None
        for token in tokens:
            if token is None:
                if words and words[-1] is not None:
                    words.append(None)
            elif not token.is_article:
                words.append(token)
                if (
                    previous is not None
                    and previous.is_article
                    and text[previous.end : token.start] == "-"
                ):
                    attached[token.start] = previous.start
            previous = token
        parts: list[str] = []
        starts: dict[int, int] = {}
        position = 1  # the stream starts with a space
        for index, word in enumerate(words):
            piece = "|" if word is None else word.key
            starts[position] = index
            parts.append(piece)
            position += len(piece) + 1
        stream = " " + " ".join(parts) + " "
        candidates: list[tuple[int, int, tuple[T, ...]]] = []
        for end_char, (key, payloads) in self._automaton.iter(stream):
            first_char = end_char - len(key)  # key is " key ": first char of key text
            first = starts.get(first_char)
            if first is None:
                continue
            last = first + key.count(" ")
            candidates.append((first, last, payloads))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        out: list[TokenSpan[T]] = []
        taken_until = -1
        for first, last, payloads in candidates:
            if first <= taken_until:
                continue
            head, tail = words[first], words[last]
            assert head is not None and tail is not None
            span_start = attached.get(head.start, head.start)
            out.append(TokenSpan(span_start, tail.end, head, payloads))
            taken_until = last
        return out
