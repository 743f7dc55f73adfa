"""The cheap first pass: which sentences can carry an event, a claim or a casualty figure.

Aho-Corasick over a term list (data/prefilter_terms.json) plus the actor KB's aliases: a sentence
gets the full spaCy parse only when it mentions a trigger. On conflict news this skips a large
share of sentences (background, colour, boilerplate) at a cost of microseconds per sentence.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

import ahocorasick


@lru_cache(maxsize=1)
def _data() -> dict[str, list[str]]:
    raw = resources.files("conflictlens.nlp").joinpath("data/prefilter_terms.json").read_text()
    data: dict[str, list[str]] = json.loads(raw)
    return data


def _terms() -> tuple[str, ...]:
    return tuple(sorted({t.lower() for t in _data()["terms"]}))


def _pattern() -> re.Pattern[str] | None:
    """The file's patterns as one expression, or None when it has none."""
    patterns = _data().get("patterns", [])
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


class SentencePrefilter:
    """``passes(text)`` is True when the sentence mentions at least one trigger term."""

    def __init__(self, terms: tuple[str, ...] | None = None) -> None:
        automaton = ahocorasick.Automaton()
        for term in terms or _terms():
            automaton.add_word(term, term)
        automaton.make_automaton()
        self._automaton = automaton
        # Given terms replace the packaged list, patterns included.
        self._pattern = None if terms else _pattern()

    def passes(self, text: str) -> bool:
        lowered = text.lower()
        for end, term in self._automaton.iter(lowered):
            start = end - len(term) + 1
            # Terms are word prefixes ("injur" matches "injured"): require a word start only.
            if start == 0 or not lowered[start - 1].isalnum():
                return True
        return self._pattern is not None and self._pattern.search(text) is not None

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> SentencePrefilter:
        return cls()
