"""The matcher's per-text stream cache and the gazetteer's ranked-candidate cache.

Both exist for speed only: what a text finds must not depend on what was matched before.
"""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from conflictlens.knowledge.gazetteer import Gazetteer, Place
from conflictlens.knowledge.matcher import TokenMatcher
from conflictlens.knowledge.normalize import Token, token_rows, tokenize


def _matcher(*names: str) -> TokenMatcher[str]:
    matcher: TokenMatcher[str] = TokenMatcher()
    for name in names:
        matcher.add(name, name)
    matcher.build()
    return matcher


def test_tokenize_marks_one_break_per_gap_and_none_after_the_last_word() -> None:
    text = "U.S. forces, (in) Deir ez-Zor; China's army."
    rows = token_rows(text)
    assert [text[r[0] : r[1]] if r else None for r in rows] == [
        "U.S.", "forces", None, "in", None, "Deir", "ez", "Zor", None, "China", "s", "army",
    ]  # fmt: skip
    assert tokenize(text) == [None if r is None else Token(*r) for r in rows]
    assert tokenize(text, 5, 16) == [
        Token(5, 11, "furcis", False),
        None,
        Token(14, 16, "in", False),
    ]


def test_stream_cache_keeps_texts_and_ranges_apart() -> None:
    matcher = _matcher("Liwa al-Quds", "Aleppo")
    first = "Liwa al-Quds fought in Aleppo."
    second = "Aleppo, then Liwaa Al Quds."
    assert [text for *_, text in _found(matcher, first)] == ["Liwa al-Quds", "Aleppo"]
    assert [text for *_, text in _found(matcher, second)] == ["Aleppo", "Liwaa Al Quds"]
    assert [text for *_, text in _found(matcher, first, 13)] == ["Aleppo"]
    # Another matcher reading the same (cached) text finds its own names only.
    assert [text for *_, text in _found(_matcher("Aleppo"), first)] == ["Aleppo"]


def test_spans_and_find_agree() -> None:
    matcher = _matcher("Liwa al-Quds", "Quds")
    text = "the al-Quds and Liwa al-Quds"
    spans = matcher.find(text)
    assert [(s.start, s.end, s.first, s.payloads) for s in spans] == [
        (start, end, Token(*head), payloads) for start, end, head, payloads in matcher.spans(text)
    ]
    assert [text[s.start : s.end] for s in spans] == ["al-Quds", "Liwa al-Quds"]


def _found(matcher: TokenMatcher[str], text: str, start: int = 0) -> list[tuple[int, str]]:
    return [(s, text[s:e]) for s, e, _, _ in matcher.spans(text, start)]


def _place(name: str, geonameid: int, curated: bool) -> Place:
    return Place(name, "village", "Syria", "Aleppo", "", 36.0, 37.0, geonameid, 10, "P.PPL", 1,
                 curated=curated)  # fmt: skip


def test_ranked_candidates_depend_on_the_words_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GeoNames alternate name matches only as written; a curated one in any spelling."""
    monkeypatch.setenv("CONFLICTLENS_CACHE_DIR", str(tmp_path))
    curated, listed = _place("Kafr Nubl", 1, True), _place("Kafr Noubl", 2, False)
    gazetteer = Gazetteer([curated, listed], [("Kafr Nubl", curated), ("Kafr Noubl", listed)], {})
    for _ in range(2):  # the second round reads the cache
        assert gazetteer.find("In Kafr Noubl.")[0].candidates == (curated, listed)
        assert gazetteer.find("In Kafr Nubl.")[0].candidates == (curated,)


def test_copies_and_pickles_start_with_an_empty_ranked_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTLENS_CACHE_DIR", str(tmp_path))
    place = _place("Kafr Nubl", 1, True)
    gazetteer = Gazetteer([place], [("Kafr Nubl", place)], {})
    assert gazetteer.find("In Kafr Nubl.")[0].candidates == (place,)
    for other in (copy.copy(gazetteer), pickle.loads(pickle.dumps(gazetteer))):
        assert other._ranked == {}
        assert other.find("In Kafr Nubl.")[0].candidates == (place,)
